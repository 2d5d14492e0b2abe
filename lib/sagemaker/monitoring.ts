/**
 * Data capture and Model Monitor: requests and responses are captured to the data bucket, and the
 * hourly data-quality job reads that same capture, compares it with the baseline in the same bucket,
 * writes its reports there and publishes per-feature drift metrics for the drift alarm.
 *
 * Note: AWS closed Model Monitor to new customers (existing accounts keep it); accounts without it keep
 * data capture and turn `monitoring.driftDetection` off.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-availability-change.html, read 2026-11-24.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { modelMonitorImage } from './images';
import type { DataCaptureDescription, MonitoringDescription, S3Location } from './types';

export const CAPTURE_PREFIX = 'capture/';
export const MONITORING_PREFIX = 'monitoring/';

/**
 * Capture files of an endpoint: SageMaker writes under `<DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/`.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html, read 2026-11-24.
 */
export function captureLocation(endpointName: string): S3Location {
  return { bucket: 'data', key: `${CAPTURE_PREFIX}${endpointName}/` };
}

/** Tabular runtimes exchange CSV; everything else JSON. */
function capturesCsv(plan: DeploymentPlan): boolean {
  return ['sklearn', 'xgboost'].includes(plan.spec.runtime.engine);
}

/** The endpoint's DataCaptureConfig, when `monitoring.dataCapture.enabled`. */
export function dataCaptureConfig(plan: DeploymentPlan): DataCaptureDescription | undefined {
  const capture = plan.spec.monitoring.dataCapture;
  if (!capture.enabled) return undefined;
  const csv = capturesCsv(plan);
  return {
    destination: { bucket: 'data', key: CAPTURE_PREFIX },
    files: captureLocation(plan.spec.name),
    initialSamplingPercentage: capture.samplingPercent,
    captureModes: ['Input', 'Output'],
    // Declared content types are stored as text (not base64), which Model Monitor can parse.
    jsonContentTypes: ['application/json'],
    csvContentTypes: csv ? ['text/csv'] : [],
  };
}

/**
 * Monitoring job resources, our choice: one ml.m5.xlarge with 20 GB holds an hour of sampled capture,
 * and a 30-minute limit ends a run well before the next hourly run starts.
 */
export const MONITOR_INSTANCE = { type: 'ml.m5.xlarge', count: 1, volumeGb: 20, maxRuntimeSeconds: 1800 } as const;

/** The data-quality monitoring job and hourly schedule, when `monitoring.driftDetection`. */
export function dataQualityMonitoring(plan: DeploymentPlan): MonitoringDescription | undefined {
  const spec = plan.spec;
  if (!spec.monitoring.driftDetection || !spec.monitoring.dataCapture.enabled) return undefined;
  const name = `${spec.name}-data-quality`;
  return {
    jobDefinitionName: name,
    scheduleName: name,
    // Every hour on the hour (UTC).
    scheduleExpression: 'cron(0 * ? * * *)',
    image: modelMonitorImage(spec.region),
    instanceType: MONITOR_INSTANCE.type,
    instanceCount: MONITOR_INSTANCE.count,
    volumeSizeInGb: MONITOR_INSTANCE.volumeGb,
    maxRuntimeInSeconds: MONITOR_INSTANCE.maxRuntimeSeconds,
    input: captureLocation(spec.name),
    reports: { bucket: 'data', key: `${MONITORING_PREFIX}${spec.name}/reports/` },
    baselineConstraints: { bucket: 'data', key: `${MONITORING_PREFIX}${spec.name}/baseline/constraints.json` },
    baselineStatistics: { bucket: 'data', key: `${MONITORING_PREFIX}${spec.name}/baseline/statistics.json` },
    // Per-feature metrics (feature_baseline_drift_<name>) feed the drift alarm.
    environment: { publish_cloudwatch_metrics: 'Enabled' },
  };
}
