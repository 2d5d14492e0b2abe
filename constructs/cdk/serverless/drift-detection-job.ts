/**
 * The drift job (CDK): a Lambda function on an EventBridge schedule that compares the last window of
 * captured requests with the baseline profile and publishes the drift metrics (docs/drift.md). It runs in
 * the deployment's VPC (AWS Control Tower CT.LAMBDA.PR.3) with a least-privilege role described once in
 * lib/inference/deployment/drift.ts; its alarm is one of the deployment's alarms (inference-monitoring.ts). An edge
 * fleet's job (lib/edge/edge-drift.ts) runs without a VPC, which a fleet does not have, and renders its own alarms.
 */
import * as path from 'path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { bundleDriftJob, DRIFT_HANDLER_ENTRY, driftBundleFingerprint } from '../../../lib/drift/bundle';
import { driftAlarms, driftJobEnvironment, driftJobRoleStatements, type DriftJobHost } from '../../../lib/inference/deployment/drift';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';
import type { IInferenceNetwork } from './inference-network';
import { serviceRole } from './private/policy-statements';

export interface DriftDetectionJobProps {
  /** The deployment (a `serverlessDeploymentConfig(plan, env)`, an EKS LLM deployment's `llmDriftJobHost`, or an edge fleet's `planEdgeDriftJob` host); must have `drift` and `capture`. */
  readonly config: DriftJobHost;
  /** The deployment's customer-managed KMS key. */
  readonly encryptionKey: kms.IKey;
  /**
   * Key of the job's log group; its key policy must let CloudWatch Logs use it.
   * @default - encryptionKey
   */
  readonly logsEncryptionKey?: kms.IKey;
  /**
   * VPC, subnets and security group the job runs in (the inference function's). Required unless the host says
   * `runsInVpc: false` (an edge fleet, which has no VPC).
   * @default - no VPC
   */
  readonly network?: IInferenceNetwork;
  /**
   * Topic the job's own alarms (`driftAlarms`: drift score, failed runs) notify, on alarm and back to OK. Give it where
   * no deployment monitoring renders them (an edge fleet); the serverless targets' `InferenceMonitoring` does.
   * @default - the job renders no alarms
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * The job's code.
   * @default - the drift job bundle of lib/drift, built by local esbuild
   */
  readonly code?: lambda.Code;
}

/** The drift job bundle as a CDK asset (local esbuild; the Docker image is only the required fallback). */
export function driftJobCode(): lambda.Code {
  return lambda.Code.fromAsset(path.join(__dirname, '..', '..', '..', 'lib', 'drift'), {
    assetHashType: AssetHashType.CUSTOM,
    assetHash: driftBundleFingerprint(),
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      local: { tryBundle: (outputDir: string) => { bundleDriftJob(outputDir); return true; } },
    },
  });
}

export class DriftDetectionJob extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly schedule: events.Rule;
  /** The job's alarms, when `alarmTopic` is given. */
  public readonly alarms: readonly cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: DriftDetectionJobProps) {
    super(scope, id);
    const { config, encryptionKey, network } = props;
    const drift = config.drift;
    if (!drift || !config.capture) throw new Error(`DriftDetectionJob '${id}': the deployment has no drift job (monitoring.driftDetection with monitoring.dataCapture)`);
    if (!network && config.runsInVpc !== false) throw new Error(`DriftDetectionJob '${id}': pass network (the job runs in the deployment's VPC), or describe a host with runsInVpc: false`);
    this.role = serviceRole(this, 'Role', 'lambda.amazonaws.com', driftJobRoleStatements(config, { kmsKeyArn: encryptionKey.keyArn }), `Drift job of ${config.name}`);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: drift.logGroup, retention: config.logRetentionDays as logs.RetentionDays, encryptionKey: props.logsEncryptionKey ?? encryptionKey, removalPolicy: RemovalPolicy.RETAIN,
    });
    if (config.logRetentionDays < 365) {
      acknowledgeFinding(this.logGroup, 'cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check',
        `the drift job's run logs are kept ${config.logRetentionDays} days as the deployment spec sets (monitoring.logRetentionDays); its verdicts are also CloudWatch metrics, kept 15 months`);
    }
    this.function = new lambda.Function(this, 'Function', {
      functionName: drift.functionName,
      description: drift.quality
        ? `Ground-truth ${drift.quality.metric} of ${config.name}: labels joined with the captured predictions of the last ${drift.windowHours} h`
        : `Drift of ${config.name}: captured requests of the last ${drift.windowHours} h against the baseline profile`,
      code: props.code ?? driftJobCode(),
      handler: DRIFT_HANDLER_ENTRY,
      runtime: new lambda.Runtime(config.function.runtime, lambda.RuntimeFamily.NODEJS),
      architecture: lambda.Architecture.ARM_64,
      memorySize: drift.memoryMb,
      timeout: Duration.seconds(drift.timeoutSeconds),
      // One run at a time: a slow run must not overlap the next scheduled one.
      reservedConcurrentExecutions: 1,
      environment: driftJobEnvironment(config),
      environmentEncryption: encryptionKey,
      role: this.role,
      logGroup: this.logGroup,
      ...(network && { vpc: network.vpc, vpcSubnets: network.subnets, securityGroups: [network.securityGroup] }),
    });
    this.function.node.addDependency(this.role);
    this.schedule = new events.Rule(this, 'Schedule', {
      ruleName: drift.ruleName,
      description: `Runs the ${drift.quality ? 'quality' : 'drift'} job of ${config.name}`,
      schedule: events.Schedule.expression(drift.schedule),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });
    acknowledgeFinding(this.function, 'AwsSolutions-L1',
      'the drift job bundle targets Node.js 22 (esbuild target node22), the runtime of the deployment contract; Node.js 22 is maintained upstream until 2027-04-30');
    if (!network) {
      acknowledgeFinding(this.function, 'cdk-validator-cfnguard::lambda_inside_vpc_check',
        `${config.name} has no VPC (an edge fleet); the drift job talks only to the S3 and CloudWatch APIs and has nothing to reach inside a VPC`);
    }
    if (props.alarmTopic) this.alarms = this.renderAlarms(config, props.alarmTopic);
  }

  private renderAlarms(config: DriftJobHost, topic: sns.ITopic): cloudwatch.Alarm[] {
    return driftAlarms(config).map((def) => {
      const alarm = new cloudwatch.Alarm(this, `${def.id}Alarm`, {
        alarmName: def.alarmName,
        alarmDescription: def.description,
        metric: new cloudwatch.Metric({ namespace: def.namespace, metricName: def.metricName, dimensionsMap: { ...def.dimensions }, statistic: def.statistic, period: Duration.seconds(def.periodSeconds) }),
        threshold: def.threshold,
        evaluationPeriods: def.evaluationPeriods,
        datapointsToAlarm: def.datapointsToAlarm,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new cwActions.SnsAction(topic));
      alarm.addOkAction(new cwActions.SnsAction(topic));
      return alarm;
    });
  }
}
