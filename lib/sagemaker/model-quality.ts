/**
 * Model Monitor model quality: the hourly job merges the endpoint's captured predictions with the
 * ground-truth labels that arrive later, scores them (accuracy, f1, mse, ...) against the baseline
 * constraints and publishes each metric to CloudWatch, where one alarm watches the metric that matters.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-model-quality.html, read 2026-11-24.
 */
import { ProblemCollector } from '../errors';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { modelMonitorImage } from './images';
import { parseS3Uri } from './models';
import { captureLocation, MONITORING_PREFIX, MONITOR_INSTANCE } from './monitoring';
import type { ModelQualityOptions, ModelQualityProblemType } from './options';
import type { AlarmDescription, ModelQualityMonitoringDescription } from './types';

/**
 * Namespace of the metrics a model-quality job publishes for a real-time endpoint, with the dimensions
 * `Endpoint` and `MonitoringSchedule`.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-model-quality-metrics.html
 * ("Monitoring model quality metrics with CloudWatch") and the SageMaker Python SDK's
 * `AutomaticModelQualityDashboard` (`{aws/sagemaker/Endpoints/model-metrics,Endpoint,MonitoringSchedule}`), read 2026-11-24.
 */
export const MODEL_QUALITY_NAMESPACE = 'aws/sagemaker/Endpoints/model-metrics';

/**
 * Metrics the job publishes per problem type (same source as {@link MODEL_QUALITY_NAMESPACE}).
 * The `*_best_constant_classifier` twins are left out: they describe a trivial model, not ours.
 */
export const MODEL_QUALITY_METRICS: Readonly<Record<ModelQualityProblemType, readonly string[]>> = {
  Regression: ['mae', 'mse', 'rmse', 'r2'],
  BinaryClassification: ['accuracy', 'precision', 'recall', 'f0_5', 'f1', 'f2', 'auc', 'au_prc', 'true_positive_rate', 'true_negative_rate', 'false_positive_rate', 'false_negative_rate'],
  MulticlassClassification: ['accuracy', 'weighted_precision', 'weighted_recall', 'weighted_f0_5', 'weighted_f1', 'weighted_f2'],
};

const PROBLEM_TYPES = Object.keys(MODEL_QUALITY_METRICS) as ModelQualityProblemType[];
const COMPARISONS = ['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold'] as const;

/** Checks `modelQuality` against the spec; adds every problem (field, value, fix) to `p`. */
export function checkModelQualityOptions(p: ProblemCollector, plan: DeploymentPlan, mq: ModelQualityOptions): void {
  const spec = plan.spec;
  const mode = spec.target.kind === 'sagemaker' ? spec.target.mode : spec.target.kind;
  p.check(spec.monitoring.dataCapture.enabled, 'modelQuality', mq.problemType, 'Model Monitor merges the captured predictions with ground truth, but data capture is off', 'set monitoring.dataCapture.enabled to true');
  p.check(mode === 'realtime' || mode === 'async', 'modelQuality', mq.problemType, `model-quality jobs monitor single-model endpoints, not ${mode}`, "use mode 'realtime' or remove modelQuality");
  if (mq.groundTruthS3Uri !== undefined) {
    p.check(/^s3:\/\/[a-z0-9.-]{3,63}\/.*$/.test(mq.groundTruthS3Uri), 'modelQuality.groundTruthS3Uri', mq.groundTruthS3Uri, 'must be an s3://bucket/prefix/ of the ground-truth labels', 'give the s3:// prefix your labelling pipeline writes to, or leave it out to use ground-truth/<endpoint>/ in the data bucket');
  }
  const typeOk = p.check(PROBLEM_TYPES.includes(mq.problemType), 'modelQuality.problemType', mq.problemType, `must be one of ${PROBLEM_TYPES.join(', ')}`, 'choose the problem type the model solves');
  if (typeOk && mq.problemType === 'Regression') {
    p.check(mq.inferenceAttribute !== undefined, 'modelQuality.inferenceAttribute', mq.inferenceAttribute, 'a regression job needs the predicted value in the captured output', "set inferenceAttribute ('0' for the first CSV column, a JSONPath for JSON)");
    p.check(mq.probabilityAttribute === undefined, 'modelQuality.probabilityAttribute', mq.probabilityAttribute, 'regression has no probability', 'remove probabilityAttribute');
  }
  if (typeOk && mq.problemType !== 'Regression') {
    p.check(mq.inferenceAttribute !== undefined || mq.probabilityAttribute !== undefined, 'modelQuality.probabilityAttribute', undefined,
      'classification needs the predicted label (inferenceAttribute) or probability (probabilityAttribute) in the captured output', "set probabilityAttribute (e.g. '0' for a CSV score) or inferenceAttribute");
  }
  const t = mq.probabilityThresholdAttribute;
  if (t !== undefined) {
    p.check(Number.isFinite(t) && t > 0 && t < 1, 'modelQuality.probabilityThresholdAttribute', t, 'must be a probability between 0 and 1 (exclusive)', 'e.g. 0.5');
    p.check(mq.problemType === 'BinaryClassification' && mq.probabilityAttribute !== undefined, 'modelQuality.probabilityThresholdAttribute', t,
      'a threshold turns a probability into a binary label, so it needs BinaryClassification and probabilityAttribute', 'set problemType BinaryClassification and probabilityAttribute, or remove the threshold');
  }
  const a = mq.metricAlarm;
  if (typeOk) {
    const metrics = MODEL_QUALITY_METRICS[mq.problemType];
    p.check(metrics.includes(a.metric), 'modelQuality.metricAlarm.metric', a.metric, `is not a ${mq.problemType} metric Model Monitor publishes`, `use one of ${metrics.join(', ')}`);
  }
  p.check(Number.isFinite(a.threshold), 'modelQuality.metricAlarm.threshold', a.threshold, 'must be a finite number', 'e.g. 0.8 for f1, or the largest acceptable mse');
  p.check((COMPARISONS as readonly string[]).includes(a.comparison), 'modelQuality.metricAlarm.comparison', a.comparison, `must be one of ${COMPARISONS.join(', ')}`, 'LessThanThreshold for scores, GreaterThanThreshold for errors');
}

/** The model-quality job and its hourly schedule, when `modelQuality` is given. */
export function modelQualityMonitoring(plan: DeploymentPlan, mq: ModelQualityOptions | undefined): ModelQualityMonitoringDescription | undefined {
  const spec = plan.spec;
  if (mq === undefined || !spec.monitoring.dataCapture.enabled) return undefined;
  const name = `${spec.name}-model-quality`;
  const prefix = `${MONITORING_PREFIX}${spec.name}/model-quality/`;
  return {
    jobDefinitionName: name,
    scheduleName: name,
    // Every hour on the hour (UTC), like the data-quality job.
    scheduleExpression: 'cron(0 * ? * * *)',
    image: modelMonitorImage(spec.region),
    problemType: mq.problemType,
    instanceType: MONITOR_INSTANCE.type,
    instanceCount: MONITOR_INSTANCE.count,
    volumeSizeInGb: MONITOR_INSTANCE.volumeGb,
    maxRuntimeInSeconds: MONITOR_INSTANCE.maxRuntimeSeconds,
    input: captureLocation(spec.name),
    groundTruth: mq.groundTruthS3Uri !== undefined ? parseS3Uri(mq.groundTruthS3Uri) : { bucket: 'data', key: `ground-truth/${spec.name}/` },
    ...(mq.inferenceAttribute !== undefined ? { inferenceAttribute: mq.inferenceAttribute } : {}),
    ...(mq.probabilityAttribute !== undefined ? { probabilityAttribute: mq.probabilityAttribute } : {}),
    ...(mq.probabilityThresholdAttribute !== undefined ? { probabilityThresholdAttribute: mq.probabilityThresholdAttribute } : {}),
    reports: { bucket: 'data', key: `${prefix}reports/` },
    baselineConstraints: { bucket: 'data', key: `${prefix}baseline/constraints.json` },
    // The metrics the alarm watches are only published when this is on.
    environment: { publish_cloudwatch_metrics: 'Enabled' },
  };
}

/** The alarm on the chosen model-quality metric of the hourly job. */
export function modelQualityAlarm(endpointName: string, scheduleName: string, alarm: ModelQualityOptions['metricAlarm']): AlarmDescription {
  const direction = alarm.comparison === 'LessThanThreshold' ? 'below' : 'above';
  return {
    name: `${endpointName}-model-quality`,
    description: `Model Monitor: ${alarm.metric} ${direction} ${alarm.threshold} on captured predictions merged with ground truth (a model-quality regression)`,
    namespace: MODEL_QUALITY_NAMESPACE,
    metricNames: [alarm.metric],
    dimensions: { Endpoint: endpointName, MonitoringSchedule: scheduleName },
    statistic: 'Average',
    // One value per hourly run; hours without labels publish nothing, which is not a regression.
    periodSeconds: 3600,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: alarm.threshold,
    comparison: alarm.comparison,
    treatMissingData: 'notBreaching',
    notify: true,
    purpose: 'model-quality',
  };
}
