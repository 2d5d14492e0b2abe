/**
 * Builds a serverless blueprint: the spec is planned once, turned into one engine-neutral
 * {@link ServerlessDeploymentConfig}, and each engine renders that same configuration.
 */
import type { App as CdkApp, Stack } from 'aws-cdk-lib';
import type { App as TerraformApp, TerraformStack } from 'cdktf';
import { serverlessDeploymentConfig, standbyServerlessDeploymentConfig, type ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
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

/** Name of the CDK stack of the standby deployment (region = `disasterRecovery.standbyRegion`). */
export function standbyStackName(name: string): string {
  return `${name}-standby`;
}

/**
 * CDK: with a standby region, a real-time deployment is rendered twice, the standby stack (its buckets and key
 * are the replicas) first and the primary depending on it, because CloudFormation checks a replication
 * configuration's destination when it creates it. Batch and stream deployments get no standby stack (a second
 * schedule or stream consumer would score the same data twice), so on CDK their buckets do not replicate yet.
 */
function renderCdkWithStandby(definition: ServerlessBlueprintDefinition, app: CdkApp, context: BlueprintContext): Stack {
  const config = serverlessConfigFor(context);
  const standby = config.workload === 'realtime' ? standbyServerlessDeploymentConfig(context.plan, context.env) : undefined;
  if (standby === undefined) {
    const { replication: _notOnCdk, ...single } = config;
    return definition.cdk(app, context.name, single, context.env);
  }
  const standbyStack = definition.cdk(app, standbyStackName(context.name), standby, { account: context.env.account, region: standby.region });
  const primary = definition.cdk(app, context.name, config, context.env);
  primary.addStackDependency(standbyStack, 'the replication rules name the standby buckets and key');
  return primary;
}

export function serverlessBlueprint(definition: ServerlessBlueprintDefinition): Blueprint {
  return {
    name: definition.name,
    description: definition.description,
    spec: definition.spec,
    renderCdk: (app, context) => renderCdkWithStandby(definition, app, context),
    renderTerraform: (app, context) => definition.terraform(app, context.name, serverlessConfigFor(context)),
    renderPulumi: (context) => {
      definition.pulumi(serverlessConfigFor(context));
    },
  };
}
