/**
 * The drift job (cdktf): the drift bundle as an archive asset, a least-privilege role, an encrypted log
 * group, the function in the deployment's VPC, and the EventBridge schedule that invokes it, like the CDK
 * and Pulumi `DriftDetectionJob`. Its alarm is one of the deployment's alarms (inference-monitoring.ts); an edge
 * fleet's job (lib/edge/edge-drift.ts) runs without a VPC and renders its own alarms (`alarmTopicArn`).
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { DRIFT_HANDLER_ENTRY, ensureDriftJobBundle } from '../../../lib/drift/bundle';
import { driftAlarms, driftJobEnvironment, driftJobRoleStatements, type DriftJobHost } from '../../../lib/inference/deployment/drift';
import { serviceRole } from './private/iam';

export interface DriftDetectionJobProps {
  /** The deployment (a `serverlessDeploymentConfig(plan, env)`, an EKS LLM deployment's `llmDriftJobHost`, or an edge fleet's `planEdgeDriftJob` host); must have `drift` and `capture`. */
  readonly config: DriftJobHost;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: string;
  /** ARN of the key of the job's log group (its policy must let CloudWatch Logs use it). @default - kmsKeyArn */
  readonly logsKmsKeyArn?: string;
  /**
   * Subnets and security group the job runs in (the inference function's). Required unless the host says
   * `runsInVpc: false` (an edge fleet, which has no VPC).
   * @default - no VPC
   */
  readonly network?: { readonly subnetIds: readonly string[]; readonly securityGroupId: string };
  /**
   * ARN of the topic the job's own alarms (`driftAlarms`) notify. Give it where no deployment monitoring renders them
   * (an edge fleet); the serverless targets' `InferenceMonitoring` does.
   * @default - the job renders no alarms
   */
  readonly alarmTopicArn?: string;
  /** Directory of the drift job bundle. @default - built and cached by `ensureDriftJobBundle()` */
  readonly bundleDirectory?: string;
}

export class DriftDetectionJob extends Construct {
  public readonly function: LambdaFunction;
  public readonly schedule: CloudwatchEventRule;
  /** The job's alarms, when `alarmTopicArn` is given. */
  public readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: DriftDetectionJobProps) {
    super(scope, id);
    const { config, kmsKeyArn } = props;
    const drift = config.drift;
    if (!drift || !config.capture) throw new Error(`DriftDetectionJob '${id}': the deployment has no drift job (monitoring.driftDetection with monitoring.dataCapture)`);
    if (!props.network && config.runsInVpc !== false) throw new Error(`DriftDetectionJob '${id}': pass network (the job runs in the deployment's VPC), or describe a host with runsInVpc: false`);
    const role = serviceRole(this, 'Role', 'lambda.amazonaws.com', driftJobRoleStatements(config, { kmsKeyArn }), `Drift job of ${config.name}`);
    const logGroup = new CloudwatchLogGroup(this, 'Logs', { name: drift.logGroup, retentionInDays: config.logRetentionDays, kmsKeyId: props.logsKmsKeyArn ?? kmsKeyArn });
    const asset = new TerraformAsset(this, 'Bundle', { path: props.bundleDirectory ?? ensureDriftJobBundle(), type: AssetType.ARCHIVE });
    this.function = new LambdaFunction(this, 'Function', {
      functionName: drift.functionName,
      description: drift.quality
        ? `Ground-truth ${drift.quality.metric} of ${config.name}: labels joined with the captured predictions of the last ${drift.windowHours} h`
        : `Drift of ${config.name}: captured requests of the last ${drift.windowHours} h against the baseline profile`,
      filename: asset.path,
      sourceCodeHash: asset.assetHash,
      handler: DRIFT_HANDLER_ENTRY,
      runtime: config.function.runtime,
      role: role.role.arn,
      architectures: ['arm64'],
      memorySize: drift.memoryMb,
      timeout: drift.timeoutSeconds,
      // One run at a time: a slow run must not overlap the next scheduled one.
      reservedConcurrentExecutions: 1,
      environment: { variables: driftJobEnvironment(config) },
      kmsKeyArn,
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      ...(props.network && { vpcConfig: { subnetIds: [...props.network.subnetIds], securityGroupIds: [props.network.securityGroupId] } }),
      dependsOn: [role.policy, logGroup],
    });
    this.schedule = new CloudwatchEventRule(this, 'Schedule', { name: drift.ruleName, description: `Runs the ${drift.quality ? 'quality' : 'drift'} job of ${config.name}`, scheduleExpression: drift.schedule });
    new CloudwatchEventTarget(this, 'Target', { rule: this.schedule.name, arn: this.function.arn, retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 } });
    new LambdaPermission(this, 'ScheduleInvokes', {
      statementId: drift.quality ? 'AllowQualitySchedule' : 'AllowDriftSchedule', action: 'lambda:InvokeFunction', functionName: this.function.functionName, principal: 'events.amazonaws.com', sourceArn: this.schedule.arn,
    });
    const topic = props.alarmTopicArn;
    if (topic) {
      for (const def of driftAlarms(config)) {
        this.alarms.push(new CloudwatchMetricAlarm(this, `${def.id}Alarm`, {
          alarmName: def.alarmName, alarmDescription: def.description, namespace: def.namespace, metricName: def.metricName, dimensions: { ...def.dimensions },
          statistic: def.statistic, period: def.periodSeconds, evaluationPeriods: def.evaluationPeriods, datapointsToAlarm: def.datapointsToAlarm, threshold: def.threshold,
          comparisonOperator: def.comparisonOperator, treatMissingData: def.treatMissingData, alarmActions: [topic], okActions: [topic],
        }));
      }
    }
  }
}
