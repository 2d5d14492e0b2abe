/**
 * CloudWatch alarms of an endpoint: rollback alarms for deployment guardrails, health alarms
 * (latency, errors, utilisation, async backlog age) and the drift alarm, all to the alarm topic.
 *
 * Metric names, namespaces, dimensions and units: invocation metrics in `AWS/SageMaker` (EndpointName,
 * VariantName; latencies in microseconds), instance metrics in `/aws/sagemaker/Endpoints` (percent,
 * 100 per vCPU or GPU), async metrics in `AWS/SageMaker` (EndpointName).
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html, read 2026-11-24.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { RollbackAlarm, SageMakerMode } from '../spec/types';
import { DRIFT_COMPARISON_THRESHOLD, MODEL_MONITOR_NAMESPACE } from './limits';
import type { AlarmDescription, VariantDescription } from './types';

export const INVOCATION_NAMESPACE = 'AWS/SageMaker';
export const INSTANCE_NAMESPACE = '/aws/sagemaker/Endpoints';

/** p95 latency objective when the spec gives none, by mode (async requests carry large payloads). */
export const DEFAULT_P95_LATENCY_MS: Readonly<Record<SageMakerMode, number>> = { realtime: 1000, serverless: 1000, 'multi-model': 1000, async: 60_000 };

/** Overhead (SageMaker's own time) above this p95 means throttling or, serverless, cold starts. */
const OVERHEAD_P95_MS: Readonly<Record<SageMakerMode, number>> = { realtime: 100, 'multi-model': 500, async: 1000, serverless: 1000 };

/** Utilisation alarm level, percent of one CPU/GPU. */
const UTILISATION_PERCENT = 90;

/** Oldest queued async request older than this: the endpoint is not keeping up. */
export const ASYNC_OLDEST_REQUEST_SECONDS = 900;

const MINUTE = 60;

/**
 * The p95 model latency that rolls a release back, in ms: the spec's objective, or for LLMs 1.5 × the
 * planned end-to-end time of a typical request (time to first token + output tokens × inter-token latency).
 */
export function latencyThresholdMs(plan: DeploymentPlan): number {
  const spec = plan.spec;
  if (spec.traffic.p95LatencyMs !== undefined) return spec.traffic.p95LatencyMs;
  const llm = plan.llm;
  if (llm !== undefined) {
    return Math.ceil(1.5 * (llm.estimatedTimeToFirstTokenMs + spec.traffic.outputTokens * llm.estimatedInterTokenLatencyMs));
  }
  return DEFAULT_P95_LATENCY_MS[(spec.target as { mode: SageMakerMode }).mode];
}

interface AlarmBase {
  readonly endpointName: string;
  readonly variant: string;
  /** Put the variant in the alarm's name: one alarm per variant when an A/B test has several. */
  readonly perVariant?: boolean;
}

function alarmName(b: AlarmBase, suffix: string): string {
  return b.perVariant ? `${b.endpointName}-${b.variant}-${suffix}` : `${b.endpointName}-${suffix}`;
}

function invocationAlarm(b: AlarmBase, suffix: string, description: string, metric: string, statistic: string, threshold: number, purpose: AlarmDescription['purpose']): AlarmDescription {
  return {
    name: alarmName(b, suffix),
    description: b.perVariant ? `${b.variant}: ${description}` : description,
    namespace: INVOCATION_NAMESPACE,
    metricNames: [metric],
    dimensions: { EndpointName: b.endpointName, VariantName: b.variant },
    statistic,
    periodSeconds: MINUTE,
    // Two of three minutes: one slow minute during a shift is noise, two is a regression.
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    threshold,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    notify: true,
    purpose,
  };
}

/**
 * The alarms behind `rollout.rollbackAlarms`, on the production variant, or (`perVariant`) on one arm of an A/B test,
 * named after it.
 */
export function rollbackAlarms(plan: DeploymentPlan, endpointName: string, variant: string, perVariant = false): AlarmDescription[] {
  const b = { endpointName, variant, perVariant };
  const latencyMs = latencyThresholdMs(plan);
  const make: Record<RollbackAlarm, () => AlarmDescription> = {
    'latency-p95': () => invocationAlarm(b, 'latency-p95', `p95 ModelLatency above ${latencyMs} ms (rolls a deployment back)`, 'ModelLatency', 'p95', latencyMs * 1000, 'rollback'),
    'errors-5xx': () => invocationAlarm(b, 'errors-5xx', 'Invocation5XXErrors in 2 of 3 minutes (rolls a deployment back)', 'Invocation5XXErrors', 'Sum', 0, 'rollback'),
    'model-errors': () => invocationAlarm(b, 'model-errors', 'InvocationModelErrors in 2 of 3 minutes (rolls a deployment back)', 'InvocationModelErrors', 'Sum', 0, 'rollback'),
  };
  return plan.spec.rollout.rollbackAlarms.map((kind) => make[kind]());
}

function utilisationAlarm(b: AlarmBase, suffix: string, metric: string, units: number, what: string): AlarmDescription {
  const threshold = UTILISATION_PERCENT * units;
  return {
    name: alarmName(b, suffix),
    description: `${b.perVariant ? `${b.variant}: ` : ''}${metric} above ${UTILISATION_PERCENT}% of ${units} ${what} for 5 minutes: add instances or a larger type`,
    namespace: INSTANCE_NAMESPACE,
    metricNames: [metric],
    dimensions: { EndpointName: b.endpointName, VariantName: b.variant },
    statistic: 'Average',
    periodSeconds: MINUTE,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    threshold,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'missing',
    notify: true,
    purpose: 'health',
  };
}

/** Health alarms: overhead latency, instance utilisation, async queue age (`perVariant`: named after the variant). */
export function healthAlarms(plan: DeploymentPlan, endpointName: string, variant: VariantDescription, mode: SageMakerMode, perVariant = false): AlarmDescription[] {
  const b = { endpointName, variant: variant.name, perVariant };
  const overheadMs = OVERHEAD_P95_MS[mode];
  const alarms = [invocationAlarm(b, 'overhead-latency', `p95 OverheadLatency above ${overheadMs} ms: requests wait in SageMaker (throttling${mode === 'serverless' ? ', cold starts' : ''})`, 'OverheadLatency', 'p95', overheadMs * 1000, 'health')];
  if (variant.serverless === undefined) {
    alarms.push(utilisationAlarm(b, 'cpu-utilization', 'CPUUtilization', variant.vcpus ?? 1, 'vCPUs'));
    alarms.push({ ...utilisationAlarm(b, 'memory-utilization', 'MemoryUtilization', 1, 'host memory'), description: `${perVariant ? `${variant.name}: ` : ''}MemoryUtilization above ${UTILISATION_PERCENT}% of host memory for 5 minutes` });
    if (variant.acceleratorCount > 0) {
      alarms.push(utilisationAlarm(b, 'gpu-utilization', 'GPUUtilization', variant.acceleratorCount, 'GPUs'));
      // vLLM reserves gpu_memory_utilization of every GPU at start-up, so GPU memory is "full" by design for LLMs.
      if (plan.llm === undefined) alarms.push(utilisationAlarm(b, 'gpu-memory-utilization', 'GPUMemoryUtilization', variant.acceleratorCount, 'GPUs'));
    }
  }
  if (mode === 'async') {
    alarms.push({
      name: `${endpointName}-oldest-request-age`,
      description: `ApproximateAgeOfOldestRequest above ${ASYNC_OLDEST_REQUEST_SECONDS} s: the queue is not draining`,
      namespace: INVOCATION_NAMESPACE,
      metricNames: ['ApproximateAgeOfOldestRequest'],
      dimensions: { EndpointName: endpointName },
      statistic: 'Maximum',
      periodSeconds: 5 * MINUTE,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      threshold: ASYNC_OLDEST_REQUEST_SECONDS,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      notify: true,
      purpose: 'health',
    });
  }
  return alarms;
}

/**
 * The drift alarm: the largest baseline drift of the monitored features above the analyzer's violation
 * threshold, so it fires exactly when the hourly job reports a drift violation.
 */
export function driftAlarm(endpointName: string, scheduleName: string, features: readonly string[]): AlarmDescription {
  return {
    name: `${endpointName}-drift`,
    description: `Model Monitor: baseline drift of ${features.join(', ')} above ${DRIFT_COMPARISON_THRESHOLD} (a data-quality violation)`,
    namespace: MODEL_MONITOR_NAMESPACE,
    metricNames: features.map((f) => `feature_baseline_drift_${f}`),
    dimensions: { Endpoint: endpointName, MonitoringSchedule: scheduleName },
    statistic: 'Maximum',
    periodSeconds: 3600,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: DRIFT_COMPARISON_THRESHOLD,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    notify: true,
    purpose: 'drift',
  };
}

/**
 * The alarm that wakes an async endpoint scaled to zero: `HasBacklogWithoutCapacity` ≥ 1 for two minutes.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-autoscale.html, read 2026-11-24.
 */
export function backlogWithoutCapacityAlarm(endpointName: string): AlarmDescription {
  return {
    name: `${endpointName}-backlog-without-capacity`,
    description: 'Requests are queued while no instance runs: scale out from zero',
    namespace: INVOCATION_NAMESPACE,
    metricNames: ['HasBacklogWithoutCapacity'],
    dimensions: { EndpointName: endpointName },
    statistic: 'Average',
    periodSeconds: MINUTE,
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    threshold: 1,
    comparison: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'missing',
    notify: false,
    purpose: 'scaling',
  };
}
