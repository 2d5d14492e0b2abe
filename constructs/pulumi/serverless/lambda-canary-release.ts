/**
 * CodeDeploy releases of the inference function (Pulumi): application, canary/linear configuration and a
 * deployment group with rollback alarms and automatic rollback. Pulumi creates the first version and the
 * alias; each later release is a CodeDeploy deployment of a new version onto the alias (`aws deploy
 * create-deployment` with the AppSpec from lib/inference/deployment/appspec.ts).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { CODEDEPLOY_LAMBDA_MANAGED_POLICY } from '../../../lib/inference/deployment/policies';

export interface LambdaCanaryReleaseArgs {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** Alarm names that roll a release back (non-empty for canary and linear). */
  readonly rollbackAlarmNames: readonly string[];
  /** Created before the deployment group (the alarms it names, the alias). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
}

export class LambdaCanaryRelease extends pulumi.ComponentResource {
  public readonly application: aws.codedeploy.Application;
  public readonly deploymentGroup: aws.codedeploy.DeploymentGroup;

  constructor(name: string, args: LambdaCanaryReleaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:LambdaCanaryRelease', name, {}, opts);
    const { config } = args;
    const release = config.release;
    if (release.strategy !== 'all-at-once' && args.rollbackAlarmNames.length === 0) {
      throw new Error(`LambdaCanaryRelease '${name}': a ${release.strategy} release needs at least one rollback alarm (rollout.rollbackAlarms)`);
    }
    const parent = { parent: this };
    this.application = new aws.codedeploy.Application(`${name}-app`, { name: config.names.codeDeployApplication, computePlatform: 'Lambda' }, parent);
    let configName: pulumi.Input<string> = release.deploymentConfigName;
    if (release.strategy !== 'all-at-once') {
      const step = { interval: release.intervalMinutes, percentage: release.percent };
      configName = new aws.codedeploy.DeploymentConfig(`${name}-config`, {
        deploymentConfigName: release.deploymentConfigName,
        computePlatform: 'Lambda',
        trafficRoutingConfig: release.strategy === 'canary' ? { type: 'TimeBasedCanary', timeBasedCanary: step } : { type: 'TimeBasedLinear', timeBasedLinear: step },
      }, parent).deploymentConfigName;
    }
    const role = new aws.iam.Role(`${name}-role`, {
      description: `CodeDeploy releases of ${config.name}`,
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codedeploy.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }, parent);
    // The AWS-managed policy CodeDeploy documents for Lambda traffic shifting (the CDK stack uses the same).
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-role-policy`, { role: role.name, policyArn: CODEDEPLOY_LAMBDA_MANAGED_POLICY }, parent);
    this.deploymentGroup = new aws.codedeploy.DeploymentGroup(`${name}-group`, {
      appName: this.application.name,
      deploymentGroupName: config.names.deploymentGroup,
      serviceRoleArn: role.arn,
      deploymentConfigName: configName,
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      alarmConfiguration: { enabled: args.rollbackAlarmNames.length > 0, alarms: [...args.rollbackAlarmNames] },
      autoRollbackConfiguration: {
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', ...(release.strategy !== 'all-at-once' ? ['DEPLOYMENT_STOP_ON_ALARM'] : [])],
      },
    }, { parent: this, dependsOn: [attachment, ...(args.dependsOn ?? [])] });
    this.registerOutputs({ deploymentGroup: this.deploymentGroup.deploymentGroupName });
  }
}
