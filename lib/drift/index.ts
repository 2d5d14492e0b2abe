/**
 * Drift detection, engine-free: the statistics (PSI, Kolmogorov–Smirnov, chi-square), baseline profiles,
 * window comparison and the drift job (docs/drift.md).
 */
export * from './statistics';
export * from './dataset';
export * from './profile';
export * from './compare';
export * from './metrics';
export { DRIFT_ENV, readDriftJobConfig, type DriftJobConfig } from './job-config';
export { parseCaptureLines, runDriftJob, windowHourPrefixes, type DriftJobDependencies, type DriftJobLimits, type DriftJobResult, type MetricsPublisher, type ObjectLister } from './job';
export * from './llm-summary';
export * from './quality';
export { CAPTURE_FORMATS, type CaptureFormat } from './job-config';
export { QUALITY_ENV, QUALITY_METRIC_NAMES, QUALITY_DIMENSION_NAMES, readQualityJobConfig, runQualityJob, type QualityJobConfig, type QualityJobResult } from './quality-job';
