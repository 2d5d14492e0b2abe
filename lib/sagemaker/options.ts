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
}
