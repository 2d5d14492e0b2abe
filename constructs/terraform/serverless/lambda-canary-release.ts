/**
 * CodeDeploy releases of the inference function (cdktf): application, canary/linear deployment
 * configuration and a deployment group with rollback alarms and automatic rollback. Terraform creates the
 * first version and alias; each later release is a CodeDeploy deployment of a new version onto the alias
 * (`aws deploy create-deployment` with the AppSpec from lib/inference/deployment/appspec.ts), which shifts
 * traffic gradually and rolls back by itself when an alarm fires.
 */
import { CodedeployApp } from '@cdktf/provider-aws/lib/codedeploy-app';
import { CodedeployDeploymentConfig } from '@cdktf/provider-aws/lib/codedeploy-deployment-config';
import { CodedeployDeploymentGroup } from '@cdktf/provider-aws/lib/codedeploy-deployment-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { CODEDEPLOY_LAMBDA_MANAGED_POLICY } from '../../../lib/inference/deployment/policies';

export interface LambdaCanaryReleaseProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** Alarm names that roll a release back (non-empty for canary and linear). */
  readonly rollbackAlarmNames: readonly string[];
  /** Created before the deployment group (the alarms it names). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export class LambdaCanaryRelease extends Construct {
  public readonly application: CodedeployApp;
  public readonly deploymentGroup: CodedeployDeploymentGroup;

  constructor(scope: Construct, id: string, props: LambdaCanaryReleaseProps) {
    super(scope, id);
    const { config } = props;
    const release = config.release;
    if (release.strategy !== 'all-at-once' && props.rollbackAlarmNames.length === 0) {
      throw new Error(`LambdaCanaryRelease '${id}': a ${release.strategy} release needs at least one rollback alarm (rollout.rollbackAlarms)`);
    }
    this.application = new CodedeployApp(this, 'Application', { name: config.names.codeDeployApplication, computePlatform: 'Lambda' });
    let configName = release.deploymentConfigName;
    if (release.strategy !== 'all-at-once') {
      const step = { interval: release.intervalMinutes, percentage: release.percent };
      configName = new CodedeployDeploymentConfig(this, 'Config', {
        deploymentConfigName: release.deploymentConfigName,
        computePlatform: 'Lambda',
        trafficRoutingConfig: release.strategy === 'canary' ? { type: 'TimeBasedCanary', timeBasedCanary: step } : { type: 'TimeBasedLinear', timeBasedLinear: step },
      }).deploymentConfigName;
    }
    const role = new IamRole(this, 'ServiceRole', {
      description: `CodeDeploy releases of ${config.name}`,
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codedeploy.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });
    // The AWS-managed policy CodeDeploy documents for Lambda traffic shifting (the CDK stack uses the same).
    new IamRolePolicyAttachment(this, 'ServiceRolePolicy', { role: role.name, policyArn: CODEDEPLOY_LAMBDA_MANAGED_POLICY });
    this.deploymentGroup = new CodedeployDeploymentGroup(this, 'DeploymentGroup', {
      appName: this.application.name,
      deploymentGroupName: config.names.deploymentGroup,
      serviceRoleArn: role.arn,
      deploymentConfigName: configName,
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      alarmConfiguration: { enabled: props.rollbackAlarmNames.length > 0, alarms: [...props.rollbackAlarmNames] },
      autoRollbackConfiguration: {
        enabled: true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', ...(release.strategy !== 'all-at-once' ? ['DEPLOYMENT_STOP_ON_ALARM'] : [])],
      },
      dependsOn: [...(props.dependsOn ?? [])],
    });
  }
}
