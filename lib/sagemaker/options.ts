/**
 * What a SageMaker endpoint needs beyond the deployment spec: choices that only make sense on
 * SageMaker (a shadow model version, the features to watch for drift, a model registry).
 */
export interface ShadowModelOptions {
  /** Version label of the candidate, e.g. `v2`; names the shadow variant and its default artifact key. */
  readonly version: string;
  /**
   * `s3://bucket/key` of the candidate model (same format as the production artifacts).
   * @default - `models/<model id>/<version>/...` in the endpoint's artifacts bucket
   */
  readonly artifactUri?: string;
}

export interface EndpointOptions {
  /**
   * The next model version, served by a shadow variant that receives `rollout.shadowSamplingPercent`
   * of the production requests (its responses are captured, never returned).
   * Required when `rollout.strategy` is `shadow`; cannot be given otherwise.
   * @default - no shadow variant
   */
  readonly shadowModel?: ShadowModelOptions;
  /**
   * Features (columns of the baseline constraints) whose baseline drift raises the drift alarm.
   * Required when `monitoring.driftDetection` is on.
   * @default - none
   */
  readonly monitoredFeatures?: readonly string[];
  /**
   * A Model Monitor model-quality schedule, where ground-truth labels exist. Needs
   * `monitoring.dataCapture.enabled` on a real-time or asynchronous endpoint.
   * @default - no model-quality monitoring
   */
  readonly modelQuality?: ModelQualityOptions;
  /**
   * Create a SageMaker Model Package Group where CI registers each model version.
   * @default false
   */
  readonly modelRegistry?: boolean;
  /**
   * Requests one instance of an asynchronous endpoint works on at once.
   * @default 4
   */
  readonly asyncMaxConcurrentInvocationsPerInstance?: number;
  /**
   * Target backlog per instance of an asynchronous endpoint (queued requests).
   * @default 5
   */
  readonly asyncBacklogPerInstanceTarget?: number;
  /**
   * Name of the CloudWatch dashboard. Dashboards are account-wide, not regional
   * (AWS::CloudWatch::Dashboard, read 2026-12-03): a second endpoint of the same name in another region (a
   * standby) needs another one.
   * @default - the endpoint name
   */
  readonly dashboardName?: string;
}

/** The ML problem the model solves, which decides the metrics Model Monitor computes. */
export type ModelQualityProblemType = 'BinaryClassification' | 'MulticlassClassification' | 'Regression';

/** The CloudWatch alarm on one model-quality metric. */
export interface ModelQualityMetricAlarmOptions {
  /** A metric the job publishes for the problem type, e.g. `f1`, `accuracy`, `auc` or, for regression, `mse`. */
  readonly metric: string;
  /** The value that raises the alarm. */
  readonly threshold: number;
  /** `LessThanThreshold` for scores (accuracy, f1), `GreaterThanThreshold` for errors (mse, rmse). */
  readonly comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';
}

/**
 * Model Monitor model quality: the captured predictions are merged with ground-truth labels and
 * scored hourly. Needs data capture on a real-time or asynchronous endpoint.
 */
export interface ModelQualityOptions {
  /**
   * `s3://bucket/prefix/` where labels land, in `yyyy/mm/dd/hh/` folders, each record carrying the
   * `eventId` of the captured request it labels.
   * @default - `ground-truth/<endpoint>/` in the endpoint's data bucket
   */
  readonly groundTruthS3Uri?: string;
  readonly problemType: ModelQualityProblemType;
  /**
   * Where the predicted probability is in the captured output (an index for CSV, a JSONPath for JSON).
   * Classification needs it or `inferenceAttribute`. @default - none
   */
  readonly probabilityAttribute?: string;
  /**
   * Probability from which a binary prediction counts as the positive label (0-1). Only with
   * `probabilityAttribute` and `BinaryClassification`. @default - none (SageMaker uses 0.5)
   */
  readonly probabilityThresholdAttribute?: number;
  /**
   * Where the predicted label or value is in the captured output. Required for regression.
   * @default - none
   */
  readonly inferenceAttribute?: string;
  /** The alarm on the metric that matters for this model. */
  readonly metricAlarm: ModelQualityMetricAlarmOptions;
}
