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
  /** Renders the deployment; with `standby`, also its standby deployment, which owns the replicas (real-time only). */
  readonly pulumi: (config: ServerlessDeploymentConfig, standby?: ServerlessDeploymentConfig) => unknown;
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
 * configuration's destination when it creates it (cdktf: a standby stack too; Pulumi: one program with a standby
 * provider). Batch and stream deployments get no standby deployment (a second schedule or stream consumer would
 * score the same data twice): cdktf and Pulumi create their replicas next to the replication, CDK does not
 * replicate them yet (a stack cannot create resources in another region).
 */
function standbyConfigFor(config: ServerlessDeploymentConfig, context: BlueprintContext): ServerlessDeploymentConfig | undefined {
  return config.workload === 'realtime' ? standbyServerlessDeploymentConfig(context.plan, context.env) : undefined;
}

function renderCdkWithStandby(definition: ServerlessBlueprintDefinition, app: CdkApp, context: BlueprintContext): Stack {
  const config = serverlessConfigFor(context);
  const standby = standbyConfigFor(config, context);
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
    renderTerraform: (app, context) => {
      const config = serverlessConfigFor(context);
      const standby = standbyConfigFor(config, context);
      if (standby === undefined) return definition.terraform(app, context.name, config);
      // Its own stack (own provider region and state): the primary's replication rules need its buckets and key first.
      const standbyStack = definition.terraform(app, standbyStackName(context.name), standby);
      const primary = definition.terraform(app, context.name, config);
      primary.addDependency(standbyStack);
      return primary;
    },
    renderPulumi: (context) => {
      const config = serverlessConfigFor(context);
      definition.pulumi(config, standbyConfigFor(config, context));
    },
  };
}
