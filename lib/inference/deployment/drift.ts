/**
 * Drift detection of a serverless deployment, described once for CDK, cdktf and Pulumi: request capture
 * (which the inference function writes to the data bucket) and the scheduled drift job (a second Lambda
 * function that compares the last window of capture with the baseline profile and publishes CloudWatch
 * metrics), its least-privilege role and its alarm. EKS LLM deployments (lib/eks/llm-drift.ts) and Greengrass fleets
 * (lib/edge/edge-drift.ts) describe their own `DriftJobHost` and reuse the job, its role and its alarms. See docs/drift.md.
 */
import { DRIFT_ENV, type CaptureFormat } from '../../drift/job-config';
import { QUALITY_ENV } from '../../drift/quality-job';
import { DRIFT_DIMENSION_NAMES, DRIFT_METRIC_NAMES } from '../../drift/metrics';
import { BASELINE_PROFILE_KEY } from '../../drift/profile';
import type { DeploymentSpec } from '../../spec/types';
import { CAPTURE_PREFIX } from '../capture';
import type { AlarmDefinition } from './alarms';
import { logGroupArn, s3BucketArn, s3ObjectArn } from './arns';
import type { ServerlessDeploymentConfig } from './config';
import type { PolicyReferences, PolicyStatementDefinition } from './policies';

/** CloudWatch namespace of the drift metrics. */
export const DRIFT_METRICS_NAMESPACE = 'aimd/Drift';
/** Metric names and dimensions the job publishes (lib/drift/metrics.ts); alarms and dashboards use these constants. */
export const DRIFT_METRICS = DRIFT_METRIC_NAMES;
export const DRIFT_DIMENSIONS = DRIFT_DIMENSION_NAMES;

/** What the inference function captures, and where. */
export interface CaptureSettings {
  readonly samplingPercent: number;
  readonly bucket: string;
  /** Key prefix ending in `/`. */
  readonly prefix: string;
  /** Allow-listed fields. @default - every non-string input */
  readonly fields?: readonly string[];
  /** Days the lifecycle rule keeps captured objects. */
  readonly retentionDays: number;
}

/** The scheduled drift job. */
export interface DriftJobSettings {
  readonly functionName: string;
  readonly logGroup: string;
  readonly ruleName: string;
  /** EventBridge schedule expression. */
  readonly schedule: string;
  /** Hours of capture each run reads (a sliding window ending at the run). */
  readonly windowHours: number;
  /** The baseline profile built by `aimd baseline`. */
  readonly baseline: { readonly bucket: string; readonly key: string };
  readonly metricsNamespace: string;
  /** Overall drift score above which the drift alarm fires. */
  readonly alarmThreshold: number;
  /** Alarm period: the schedule's interval, so every run is one datapoint. */
  readonly alarmPeriodSeconds: number;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** What the capture objects hold. @default 'records' */
  readonly captureFormat?: CaptureFormat;
  /** Finish reasons counted as refusals (LLM capture). @default - the job's DEFAULT_REFUSAL_FINISH_REASONS */
  readonly refusalFinishReasons?: readonly string[];
  /**
   * Makes this function the ground-truth quality job (same bundle, `AIMD_JOB=quality`; lib/inference/deployment/quality.ts).
   * @default - the drift job
   */
  readonly quality?: QualityJobSettings;
}

/** What the quality job scores, and where the labels are. */
export interface QualityJobSettings {
  readonly metric: 'accuracy' | 'f1' | 'rmse';
  readonly threshold: number;
  readonly predictionField: string;
  readonly labelField: string;
  readonly positiveLabel?: string | number | boolean;
  readonly labels: { readonly bucket: string; readonly prefix: string };
}

/**
 * What the drift job needs of its deployment: a serverless deployment config is one; an EKS LLM deployment builds
 * one (lib/eks/llm-drift.ts). The engines' `DriftDetectionJob` constructs take this.
 */
export interface DriftJobHost {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly logRetentionDays: number;
  readonly function: { readonly runtime: ServerlessDeploymentConfig['function']['runtime'] };
  readonly capture?: CaptureSettings;
  readonly drift?: DriftJobSettings;
  /**
   * Whether the job runs in a VPC (its role may then manage the function's network interfaces). An edge fleet has
   * no VPC: its job reaches only the S3 and CloudWatch APIs.
   * @default true
   */
  readonly runsInVpc?: boolean;
  /**
   * Whether the role may use the key only through S3 (`kms:ViaService`): the key of an edge fleet encrypts the
   * captured objects as S3 writes them (SSE-KMS), and the job has nothing else to decrypt with it.
   * @default false
   */
  readonly decryptOnlyThroughS3?: boolean;
}

/** Seconds between runs of a `rate(...)` schedule; an hour for `cron(...)` (the period CloudWatch alarms then use). */
export function schedulePeriodSeconds(schedule: string): number {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(schedule);
  if (!rate) return 3600;
  return Number(rate[1]) * { minute: 60, hour: 3600, day: 86400 }[rate[2] as 'minute' | 'hour' | 'day'];
}

/** Capture and drift job settings from the spec; `undefined` when drift detection or capture is off. */
export function driftSettings(spec: DeploymentSpec, dataBucket: string, modelBucket: string): { capture?: CaptureSettings; drift?: DriftJobSettings } {
  const drift = spec.monitoring.drift ?? {};
  const capture: CaptureSettings | undefined = spec.monitoring.dataCapture.enabled
    ? { samplingPercent: spec.monitoring.dataCapture.samplingPercent, bucket: dataBucket, prefix: CAPTURE_PREFIX, fields: drift.captureFields, retentionDays: drift.captureRetentionDays ?? 30 }
    : undefined;
  if (!capture || !spec.monitoring.driftDetection) return { capture };
  const functionName = `${spec.name}-drift`;
  const schedule = drift.schedule ?? 'rate(1 hour)';
  return {
    capture,
    drift: {
      functionName, logGroup: `/aws/lambda/${functionName}`, ruleName: `${spec.name}-drift-schedule`, schedule,
      windowHours: drift.windowHours ?? 24, baseline: { bucket: modelBucket, key: BASELINE_PROFILE_KEY }, metricsNamespace: DRIFT_METRICS_NAMESPACE,
      alarmThreshold: drift.alarmThreshold ?? 0.25,
      // An alarm period is a multiple of 60 s, and period × evaluation periods may not exceed one day.
      alarmPeriodSeconds: Math.min(86_400, Math.max(60, schedulePeriodSeconds(schedule))),
      memoryMb: 1024, timeoutSeconds: 300,
    },
  };
}

/** The drift job's Lambda environment (the contract read by lib/drift/job-config.ts). */
export function driftJobEnvironment(config: DriftJobHost): Record<string, string> {
  const capture = config.capture!;
  const drift = config.drift!;
  if (drift.quality) {
    const q = drift.quality;
    return {
      [QUALITY_ENV.job]: 'quality',
      [QUALITY_ENV.deployment]: config.name,
      [QUALITY_ENV.captureUri]: `s3://${capture.bucket}/${capture.prefix}`,
      [QUALITY_ENV.labelsUri]: `s3://${q.labels.bucket}/${q.labels.prefix}`,
      [QUALITY_ENV.windowHours]: String(drift.windowHours),
      [QUALITY_ENV.metric]: q.metric,
      [QUALITY_ENV.predictionField]: q.predictionField,
      [QUALITY_ENV.labelField]: q.labelField,
      ...(q.positiveLabel !== undefined ? { [QUALITY_ENV.positiveLabel]: JSON.stringify(q.positiveLabel) } : {}),
      [QUALITY_ENV.namespace]: drift.metricsNamespace,
      NODE_OPTIONS: '--enable-source-maps',
    };
  }
  return {
    [DRIFT_ENV.deployment]: config.name,
    [DRIFT_ENV.captureUri]: `s3://${capture.bucket}/${capture.prefix}`,
    [DRIFT_ENV.baselineUri]: `s3://${drift.baseline.bucket}/${drift.baseline.key}`,
    [DRIFT_ENV.windowHours]: String(drift.windowHours),
    [DRIFT_ENV.namespace]: drift.metricsNamespace,
    ...(drift.captureFormat ? { [DRIFT_ENV.captureFormat]: drift.captureFormat } : {}),
    ...(drift.refusalFinishReasons ? { [DRIFT_ENV.refusalFinishReasons]: drift.refusalFinishReasons.join(',') } : {}),
    NODE_OPTIONS: '--enable-source-maps',
  };
}

/** The inference function's extra statement: write captured objects under the capture prefix only. */
export function captureWriteStatement<R = string>(config: ServerlessDeploymentConfig): PolicyStatementDefinition<R>[] {
  const capture = config.capture;
  if (!capture) return [];
  return [{ sid: 'WriteCapturedRequests', actions: ['s3:PutObject'], resources: [s3ObjectArn(capture.bucket, `${capture.prefix}*`)], wildcardReason: 'Captured requests are written one object per invocation, named by hour and request id at run time, under the capture prefix' }];
}

/** Statements of the drift job's role: read capture and the baseline, publish metrics in its namespace. */
export function driftJobRoleStatements<R = string>(config: DriftJobHost, refs: Pick<PolicyReferences<R>, 'kmsKeyArn'>): PolicyStatementDefinition<R>[] {
  const capture = config.capture!;
  const drift = config.drift!;
  return [
    { sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroupArn(config, drift.logGroup)}:log-stream:*`], wildcardReason: 'Lambda names a new log stream per execution environment at run time, inside the function\'s own log group' },
    { sid: 'ListCapturedHours', actions: ['s3:ListBucket'], resources: [s3BucketArn(capture.bucket)], conditions: { StringLike: { 's3:prefix': [`${capture.prefix}*`] } } },
    { sid: 'ReadCapturedRequests', actions: ['s3:GetObject'], resources: [s3ObjectArn(capture.bucket, `${capture.prefix}*`)], wildcardReason: 'The job reads the capture objects of its window, named by hour and request id at run time' },
    ...(drift.quality
      ? [
          { sid: 'ListLabelHours', actions: ['s3:ListBucket'], resources: [s3BucketArn(drift.quality.labels.bucket)], conditions: { StringLike: { 's3:prefix': [`${drift.quality.labels.prefix}*`] } } },
          { sid: 'ReadLabels', actions: ['s3:GetObject'], resources: [s3ObjectArn(drift.quality.labels.bucket, `${drift.quality.labels.prefix}*`)], wildcardReason: 'The job reads the label objects of its window, named by the labelling pipeline under the labels prefix' },
        ]
      : [{ sid: 'ReadBaselineProfile', actions: ['s3:GetObject'], resources: [s3ObjectArn(drift.baseline.bucket, drift.baseline.key)] }]),
    {
      sid: 'DecryptWithDeploymentKey', actions: ['kms:Decrypt'], resources: [refs.kmsKeyArn],
      ...(config.decryptOnlyThroughS3 ? { conditions: { StringEquals: { 'kms:ViaService': `s3.${config.region}.amazonaws.com` } } } : {}),
    },
    {
      sid: 'PublishDriftMetrics', actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': drift.metricsNamespace } },
      wildcardReason: 'PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the drift namespace (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html)',
    },
    ...(config.runsInVpc === false ? [] : [{
      sid: 'ManageVpcNetworkInterfaces',
      actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: ['*'],
      wildcardReason: 'Lambda creates and deletes its VPC network interfaces itself; the EC2 network-interface actions do not support resource-level permissions (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html)',
    }]),
  ];
}

/**
 * The drift alarms: the overall drift score of a run above the spec's threshold, and a failed run (no
 * baseline profile yet, an unreadable one, or missing permissions), which would otherwise leave the drift
 * metrics silently empty.
 */
export function driftAlarms(config: Pick<DriftJobHost, 'name' | 'drift'>): AlarmDefinition[] {
  const drift = config.drift;
  if (!drift) return [];
  const common = { comparisonOperator: 'GreaterThanThreshold', treatMissingData: 'notBreaching', rollsBack: false } as const;
  return [{
    id: 'Drift', alarmName: `${config.name}-drift`,
    description: `The overall drift score (largest feature PSI) of ${config.name} over the last ${drift.windowHours} h is above ${drift.alarmThreshold}; see the FeatureDriftScore metrics and docs/drift.md`,
    namespace: drift.metricsNamespace, metricName: DRIFT_METRICS.overall, dimensions: { [DRIFT_DIMENSIONS.deployment]: config.name },
    statistic: 'Maximum', periodSeconds: drift.alarmPeriodSeconds, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: drift.alarmThreshold, ...common,
  }, {
    id: 'DriftJobErrors', alarmName: `${config.name}-drift-job-errors`,
    description: `The drift job ${drift.functionName} failed: is s3://${drift.baseline.bucket}/${drift.baseline.key} uploaded (aimd baseline)? See its log group ${drift.logGroup}`,
    namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: drift.functionName },
    statistic: 'Sum', periodSeconds: drift.alarmPeriodSeconds, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0, ...common,
  }];
}
