/**
 * Builds a serverless blueprint: the spec is planned once, turned into one engine-neutral
 * {@link ServerlessDeploymentConfig}, and each engine renders that same configuration.
 */
import type { App as CdkApp, Stack } from 'aws-cdk-lib';
import type { App as TerraformApp, TerraformStack } from 'cdktf';
import { serverlessDeploymentConfig, type ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint, BlueprintContext } from '../blueprint';

export interface ServerlessBlueprintDefinition {
  readonly name: string;
  readonly description: string;
  readonly spec: DeploymentSpecInput;
  readonly cdk: (app: CdkApp, id: string, config: ServerlessDeploymentConfig, env: BlueprintContext['env']) => Stack;
  readonly terraform: (app: TerraformApp, id: string, config: ServerlessDeploymentConfig) => TerraformStack;
  readonly pulumi: (config: ServerlessDeploymentConfig) => unknown;
}

/** The deployment configuration of a planned serverless blueprint (what every engine renders). */
export function serverlessConfigFor(context: BlueprintContext): ServerlessDeploymentConfig {
  return serverlessDeploymentConfig(context.plan, context.env);
}

export function serverlessBlueprint(definition: ServerlessBlueprintDefinition): Blueprint {
  return {
    name: definition.name,
    description: definition.description,
    spec: definition.spec,
    renderCdk: (app, context) => definition.cdk(app, context.name, serverlessConfigFor(context), context.env),
    renderTerraform: (app, context) => definition.terraform(app, context.name, serverlessConfigFor(context)),
    renderPulumi: (context) => {
      definition.pulumi(serverlessConfigFor(context));
    },
  };
}
