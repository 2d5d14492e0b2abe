/**
 * Drift detection of an EKS LLM deployment, decided once for CDK, cdktf and Pulumi: the collector captures sampled
 * summaries of vLLM's requests to the model bucket (lib/eks/llm-capture.ts, under `llm-capture/`, expired by a
 * lifecycle rule), and the serverless targets' drift job (the same Lambda bundle of lib/drift, the same
 * `DriftDetectionJob` constructs) runs on a schedule over them with `DRIFT_CAPTURE_FORMAT=otlp-llm-spans`:
 * PSI/KS/chi-square of prompt and completion token lengths, latency, finish reason and status, plus the error and
 * refusal rates. Its alarms join the cluster's alarms, routed to the deployment's recipients. See docs/drift.md.
 */
import { LLM_RATE_METRIC_NAMES } from '../drift/metrics';
import { BASELINE_PROFILE_KEY } from '../drift/profile';
import { LAMBDA_RUNTIME } from '../inference/deployment/config';
import { DRIFT_DIMENSIONS, DRIFT_METRICS, DRIFT_METRICS_NAMESPACE, schedulePeriodSeconds, type DriftJobHost } from '../inference/deployment/drift';
import type { DeploymentSpec } from '../spec/types';
import type { AlarmDefinition } from './gpu-alarms';
import { LLM_CAPTURE_PREFIX, type LlmCaptureOptions } from './llm-capture';

/** Capture and drift of an EKS LLM deployment. */
export interface LlmDriftSettings {
  /** What the collector writes, and where. */
  readonly capture: LlmCaptureOptions & { readonly retentionDays: number };
  /** The drift job; absent when `monitoring.driftDetection` is off (capture alone is kept). */
  readonly job?: DriftJobHost;
  /** Thresholds of the rate alarms. */
  readonly errorRateThreshold: number;
  readonly refusalRateThreshold: number;
}

/** Runtimes whose OTLP spans the capture understands (vLLM's `llm_request`). */
const CAPTURED_RUNTIMES = ['vllm'];

/**
 * Capture and drift settings from the spec; `undefined` unless `monitoring.dataCapture.enabled` is on for a vLLM
 * deployment (the only runtime the collector receives request spans from: `--otlp-traces-endpoint`).
 */
export function llmDriftSettings(spec: DeploymentSpec, deployment: { readonly name: string; readonly account: string; readonly region: string; readonly modelBucket: string }): LlmDriftSettings | undefined {
  if (!spec.monitoring.dataCapture.enabled || !CAPTURED_RUNTIMES.includes(spec.runtime.engine)) return undefined;
  const drift = spec.monitoring.drift ?? {};
  const capture = {
    bucket: deployment.modelBucket, prefix: LLM_CAPTURE_PREFIX, samplingPercent: spec.monitoring.dataCapture.samplingPercent,
    includePrompt: drift.includePrompt ?? false, retentionDays: drift.captureRetentionDays ?? 30,
  };
  const thresholds = { errorRateThreshold: drift.errorRateThreshold ?? 0.05, refusalRateThreshold: drift.refusalRateThreshold ?? 0.05 };
  if (!spec.monitoring.driftDetection) return { capture, ...thresholds };
  const functionName = `${deployment.name}-drift`;
  const schedule = drift.schedule ?? 'rate(1 hour)';
  return {
    capture,
    ...thresholds,
    job: {
      name: deployment.name, account: deployment.account, region: deployment.region,
      logRetentionDays: spec.monitoring.logRetentionDays, function: { runtime: LAMBDA_RUNTIME },
      capture: { samplingPercent: capture.samplingPercent, bucket: capture.bucket, prefix: capture.prefix, retentionDays: capture.retentionDays },
      drift: {
        functionName, logGroup: `/aws/lambda/${functionName}`, ruleName: `${deployment.name}-drift-schedule`, schedule,
        windowHours: drift.windowHours ?? 24, baseline: { bucket: deployment.modelBucket, key: BASELINE_PROFILE_KEY }, metricsNamespace: DRIFT_METRICS_NAMESPACE,
        alarmThreshold: drift.alarmThreshold ?? 0.25,
        alarmPeriodSeconds: Math.min(86_400, Math.max(60, schedulePeriodSeconds(schedule))),
        memoryMb: 1024, timeoutSeconds: 300,
        captureFormat: 'otlp-llm-spans',
        ...(drift.refusalFinishReasons ? { refusalFinishReasons: drift.refusalFinishReasons } : {}),
      },
    },
  };
}

/**
 * The LLM drift alarms, in the cluster alarms' shape (gpu-alarms.ts): overall drift score above the spec's threshold,
 * a failed job run, and the error and refusal rates of a window above theirs. Missing data (a quiet window, under the
 * job's minimum of captured requests) is not breaching.
 */
export function llmDriftAlarms(settings: LlmDriftSettings | undefined): AlarmDefinition[] {
  const job = settings?.job;
  const drift = job?.drift;
  if (!settings || !job || !drift) return [];
  const deployment = { [DRIFT_DIMENSIONS.deployment]: job.name };
  const common = { periodSeconds: drift.alarmPeriodSeconds, evaluationPeriods: 1, comparison: 'GreaterThanThreshold', treatMissingData: 'notBreaching' } as const;
  return [
    {
      id: 'LlmDrift', ...common, namespace: drift.metricsNamespace, metricName: DRIFT_METRICS.overall, dimensions: deployment, statistic: 'Maximum', threshold: drift.alarmThreshold,
      description: `The overall drift score (largest PSI of prompt/completion tokens, latency, finish reason, status) of ${job.name} over the last ${drift.windowHours} h is above ${drift.alarmThreshold}; see FeatureDriftScore and docs/drift.md`,
    },
    {
      id: 'LlmErrorRate', ...common, namespace: drift.metricsNamespace, metricName: LLM_RATE_METRIC_NAMES.errorRate, dimensions: deployment, statistic: 'Maximum', threshold: settings.errorRateThreshold,
      description: `More than ${settings.errorRateThreshold * 100} % of the captured requests of ${job.name} failed over the last ${drift.windowHours} h`,
    },
    {
      id: 'LlmRefusalRate', ...common, namespace: drift.metricsNamespace, metricName: LLM_RATE_METRIC_NAMES.refusalRate, dimensions: deployment, statistic: 'Maximum', threshold: settings.refusalRateThreshold,
      description: `More than ${settings.refusalRateThreshold * 100} % of the captured requests of ${job.name} were refused (finish reason ${(drift.refusalFinishReasons ?? ['content_filter']).join(', ')}) over the last ${drift.windowHours} h`,
    },
    {
      id: 'LlmDriftJobErrors', ...common, namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: drift.functionName }, statistic: 'Sum', threshold: 0,
      description: `The drift job ${drift.functionName} failed: is s3://${drift.baseline.bucket}/${drift.baseline.key} uploaded (aimd baseline --llm)? See its log group ${drift.logGroup}`,
    },
  ];
}
