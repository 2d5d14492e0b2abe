/**
 * SageMaker endpoints, engine-neutral: image URIs per region, container environments from the plan,
 * mode validation, and the endpoint description every engine renders.
 */
export * from './types';
export * from './images';
export * from './limits';
export * from './options';
export * from './refs';
export { CONTAINER_MODEL_DIR, frameworkEnvironment, lmiEnvironment, parseEngineArgs, tgiEnvironment } from './container-environment';
export type { ParsedEngineArgs } from './container-environment';
export { checkServerlessConfig, serverlessSettings, validateSageMakerPlan } from './validate';
export { PRODUCTION_VARIANT, endpointModels, endpointVariants, llmStartupSeconds, parseS3Uri, productionArtifacts } from './models';
export { ASYNC_OLDEST_REQUEST_SECONDS, DEFAULT_P95_LATENCY_MS, INSTANCE_NAMESPACE, INVOCATION_NAMESPACE, backlogWithoutCapacityAlarm, driftAlarm, healthAlarms, latencyThresholdMs, rollbackAlarms } from './alarms';
export { deploymentGuardrails, usesRollingUpdate } from './guardrails';
export { DEFAULT_ASYNC_BACKLOG_TARGET, TARGET_UTILISATION, endpointAutoscaling } from './autoscaling';
export { CAPTURE_PREFIX, MONITORING_PREFIX, captureLocation, dataCaptureConfig, dataQualityMonitoring } from './monitoring';
export { ecrRepositoryOf, executionRoleStatements, modelQualityRoleStatements, monitoringRoleStatements, wildcardReason } from './permissions';
export { MODEL_QUALITY_METRICS, MODEL_QUALITY_NAMESPACE, checkModelQualityOptions, modelQualityAlarm, modelQualityMonitoring } from './model-quality';
export { dashboardBody, dashboardWidgets } from './dashboard';
export { DEFAULT_ASYNC_CONCURRENCY_PER_INSTANCE, describeSageMakerEndpoint } from './describe-endpoint';
