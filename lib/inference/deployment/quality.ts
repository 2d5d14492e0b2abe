/**
 * The ground-truth quality job of a serverless deployment, described once for CDK, cdktf and Pulumi: a second
 * function from the drift job's bundle (`AIMD_JOB=quality`, lib/drift/quality-job.ts) on its own schedule, reading
 * the captured predictions and the labels under `monitoring.quality.labelsPrefix` of the data bucket, and an alarm
 * on the spec's metric: below the threshold for accuracy and F1, above it for RMSE. See docs/drift.md.
 */
import { higherIsBetter } from '../../drift/quality';
import { QUALITY_DIMENSION_NAMES, QUALITY_METRIC_NAMES } from '../../drift/quality-job';
import type { DeploymentSpec } from '../../spec/types';
import type { AlarmDefinition } from './alarms';
import { schedulePeriodSeconds, type CaptureSettings, type DriftJobSettings } from './drift';

/** CloudWatch namespace of the quality metrics. */
export const QUALITY_METRICS_NAMESPACE = 'aimd/Quality';
/** Default prefix of the labels in the data bucket. */
export const GROUND_TRUTH_PREFIX = 'ground-truth/';

/** The quality job's settings (in the drift job's shape, so the same `DriftDetectionJob` constructs render it). */
export function qualitySettings(spec: DeploymentSpec, capture: CaptureSettings | undefined, modelBucket: string): DriftJobSettings | undefined {
  const quality = spec.monitoring.quality;
  if (!quality || !capture) return undefined;
  const functionName = `${spec.name}-quality`;
  const schedule = quality.schedule ?? 'rate(1 day)';
  return {
    functionName, logGroup: `/aws/lambda/${functionName}`, ruleName: `${spec.name}-quality-schedule`, schedule,
    windowHours: quality.windowHours ?? 168,
    // Unused by the quality job (it reads no profile); kept so the settings have the drift job's shape.
    baseline: { bucket: modelBucket, key: 'baseline/profile.json' },
    metricsNamespace: QUALITY_METRICS_NAMESPACE,
    alarmThreshold: quality.threshold,
    alarmPeriodSeconds: Math.min(86_400, Math.max(60, schedulePeriodSeconds(schedule))),
    memoryMb: 1024, timeoutSeconds: 300,
    quality: {
      metric: quality.metric, threshold: quality.threshold, predictionField: quality.predictionField, labelField: quality.labelField ?? 'label',
      ...(quality.positiveLabel !== undefined ? { positiveLabel: quality.positiveLabel } : {}),
      labels: { bucket: capture.bucket, prefix: quality.labelsPrefix ?? GROUND_TRUTH_PREFIX },
    },
  };
}

/** The quality alarm and the job-failure alarm. */
export function qualityAlarms(config: { readonly name: string; readonly quality?: DriftJobSettings }): AlarmDefinition[] {
  const job = config.quality;
  const q = job?.quality;
  if (!job || !q) return [];
  const below = higherIsBetter(q.metric);
  const common = { treatMissingData: 'notBreaching', rollsBack: false, evaluationPeriods: 1, datapointsToAlarm: 1, periodSeconds: job.alarmPeriodSeconds } as const;
  return [{
    id: 'ModelQuality', alarmName: `${config.name}-model-quality`, ...common,
    description: `The ${q.metric} of ${config.name} on labelled predictions of the last ${job.windowHours} h is ${below ? 'below' : 'above'} ${q.threshold}; see docs/drift.md (Ground-truth quality)`,
    namespace: job.metricsNamespace, metricName: QUALITY_METRIC_NAMES.quality,
    dimensions: { [QUALITY_DIMENSION_NAMES.deployment]: config.name, [QUALITY_DIMENSION_NAMES.metric]: q.metric },
    statistic: below ? 'Minimum' : 'Maximum', threshold: q.threshold, comparisonOperator: below ? 'LessThanThreshold' : 'GreaterThanThreshold',
  }, {
    id: 'QualityJobErrors', alarmName: `${config.name}-quality-job-errors`, ...common,
    description: `The quality job ${job.functionName} failed; see its log group ${job.logGroup}`,
    namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: job.functionName },
    statistic: 'Sum', threshold: 0, comparisonOperator: 'GreaterThanThreshold',
  }];
}
