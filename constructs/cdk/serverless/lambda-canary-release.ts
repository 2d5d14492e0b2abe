/**
 * Releases of the inference function through CodeDeploy: every new version (new code or a new model
 * version in the environment) is shifted onto the `live` alias by canary or linear steps, and rolled back
 * automatically when a rollback alarm fires, the deployment fails or it is stopped.
 */
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';

export interface ILambdaCanaryRelease {
  readonly deploymentGroup: codedeploy.ILambdaDeploymentGroup;
}

export interface LambdaCanaryReleaseProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The alias whose traffic is shifted. */
  readonly alias: lambda.Alias;
  /** Alarms that roll a release back. Required (non-empty) for canary and linear releases. */
  readonly rollbackAlarms: readonly cloudwatch.IAlarm[];
}

export class LambdaCanaryRelease extends Construct implements ILambdaCanaryRelease {
  public readonly application: codedeploy.LambdaApplication;
  public readonly deploymentConfig: codedeploy.ILambdaDeploymentConfig;
  public readonly deploymentGroup: codedeploy.LambdaDeploymentGroup;

  constructor(scope: Construct, id: string, props: LambdaCanaryReleaseProps) {
    super(scope, id);
    const { config } = props;
    const release = config.release;
    if (release.strategy !== 'all-at-once' && props.rollbackAlarms.length === 0) {
      throw new Error(`LambdaCanaryRelease '${id}': a ${release.strategy} release needs at least one rollback alarm (rollout.rollbackAlarms)`);
    }
    this.application = new codedeploy.LambdaApplication(this, 'Application', { applicationName: config.names.codeDeployApplication });
    const interval = Duration.minutes(release.intervalMinutes);
    this.deploymentConfig = release.strategy === 'all-at-once'
      ? codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE
      : new codedeploy.LambdaDeploymentConfig(this, 'Config', {
          deploymentConfigName: release.deploymentConfigName,
          trafficRouting: release.strategy === 'canary'
            ? new codedeploy.TimeBasedCanaryTrafficRouting({ percentage: release.percent, interval })
            : new codedeploy.TimeBasedLinearTrafficRouting({ percentage: release.percent, interval }),
        });
    this.deploymentGroup = new codedeploy.LambdaDeploymentGroup(this, 'DeploymentGroup', {
      application: this.application,
      deploymentGroupName: config.names.deploymentGroup,
      alias: props.alias,
      deploymentConfig: this.deploymentConfig,
      alarms: [...props.rollbackAlarms],
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: release.strategy !== 'all-at-once' },
    });
    acknowledgeFinding(this.deploymentGroup, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      'AWSCodeDeployRoleForLambdaLimited is the AWS-managed policy CodeDeploy documents for Lambda traffic shifting (alias updates and alarm reads); CDK attaches it to every Lambda deployment group role');
  }
}
