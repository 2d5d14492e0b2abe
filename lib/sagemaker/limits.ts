/**
 * SageMaker limits the library validates against, each with its source (read 2026-11-24).
 */

/**
 * Serverless memory sizes: 1024–6144 MB in 1 GB steps; max concurrency 1–200; provisioned concurrency
 * 1–200 and not above max concurrency.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html
 */
export const SERVERLESS_MEMORY_SIZES_MB: readonly number[] = [1024, 2048, 3072, 4096, 5120, 6144];
export const SERVERLESS_MAX_CONCURRENCY = { min: 1, max: 200 } as const;
export const SERVERLESS_PROVISIONED_CONCURRENCY = { min: 1, max: 200 } as const;

/**
 * Largest request payload per invocation style: real-time 6 MB, serverless 4 MB, asynchronous 1 GB.
 * Sources: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html
 */
export const MAX_PAYLOAD_KB = { realtime: 6 * 1024, 'multi-model': 6 * 1024, serverless: 4 * 1024, async: 1024 * 1024 } as const;

/**
 * Blue/green traffic shifting: WaitIntervalInSeconds 0–3600, TerminationWaitInSeconds 0–3600,
 * MaximumExecutionTimeoutInSeconds 600–28800.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TrafficRoutingConfig.html and
 * API_BlueGreenUpdatePolicy.html
 */
export const TRAFFIC_WAIT_INTERVAL_SECONDS = { min: 0, max: 3600 } as const;
export const TERMINATION_WAIT_SECONDS = { min: 0, max: 3600 } as const;
export const DEPLOYMENT_TIMEOUT_SECONDS = { min: 600, max: 28800 } as const;

/**
 * Container start-up health check and model download timeouts: 60–3600 s.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html
 */
export const STARTUP_TIMEOUT_SECONDS = { min: 60, max: 3600 } as const;

/**
 * Features Serverless Inference does not support: GPUs, VPC configuration, network isolation, data
 * capture, Model Monitor, multi-model endpoints and multiple production variants.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html ("Feature exclusions")
 */
export const SERVERLESS_EXCLUSIONS_SOURCE = 'https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html';

/**
 * Model Monitor drift threshold: the prebuilt analyzer flags a feature when its baseline drift distance
 * exceeds `comparison_threshold`, 0.1 unless the constraints file overrides it.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-byoc-constraints.html
 */
export const DRIFT_COMPARISON_THRESHOLD = 0.1;

/**
 * Namespace and dimensions of the per-feature metrics the Model Monitor analyzer publishes for an
 * endpoint (`feature_baseline_drift_<feature>`), when `publish_cloudwatch_metrics` is `Enabled`.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-interpreting-cloudwatch.html and
 * the SageMaker-ModelMonitoring example notebook (dimensions Endpoint, MonitoringSchedule).
 */
export const MODEL_MONITOR_NAMESPACE = 'aws/sagemaker/Endpoints/data-metrics';

/**
 * Rolling update batch size, percent of the variant's instances.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RollingUpdatePolicy.html
 */
export const ROLLING_BATCH_PERCENT = { min: 5, max: 50 } as const;

/** Rolling updates replace instances in batches instead of doubling the fleet; used from this fleet size. */
export const ROLLING_UPDATE_MIN_INSTANCES = 8;

/**
 * Retention of VPC flow logs: one year, the minimum of the AWS Control Tower control CT.CLOUDWATCH.PR.2
 * (@cdklabs/cdk-validator-cfnguard rule cloudwatch_log_group_retention_period_check).
 */
export const FLOW_LOG_RETENTION_DAYS = 365;
