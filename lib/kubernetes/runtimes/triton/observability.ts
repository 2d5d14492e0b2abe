/**
 * Triton's autoscaling signal and alerts, on the metrics it exports at `:8002/metrics` (docs/user_guide/metrics.md,
 * triton-inference-server/server, read 2026-12-03): `nv_inference_pending_request_count` (gauge, per model: requests
 * received and not yet executing), `nv_inference_request_success` / `nv_inference_request_failure` (counters),
 * `nv_inference_request_duration_us` and `nv_inference_queue_duration_us` (cumulative microseconds, per model).
 *
 * KEDA scales on the pending requests per replica: the queue Triton's dynamic batcher has not yet absorbed, which
 * grows as soon as arrivals outrun execution. GPU utilisation would miss a CPU-bound Python step of an ensemble.
 */
import { scalingBehavior, type IScaledObject } from '../../autoscaling';
import { toKubeObject } from '../../kube-object';
import type { AlertRule, IPrometheusRule, IServiceMonitor } from '../../monitoring';
import type { KubeObject } from '../../types';
import { entrypointModel, type TritonContext } from './context';
import { tritonMetadata } from './workload';

/** PromQL selector of this deployment's Triton series (target labels the ServiceMonitor adds). */
export function tritonSeriesSelector(ctx: TritonContext, model?: string): string {
  return `{namespace="${ctx.namespace}",service="${ctx.name}"${model ? `,model="${model}"` : ''}}`;
}

/** The query KEDA scales on: requests waiting in Triton, all models of all replicas. */
export function pendingRequestsQuery(ctx: TritonContext): string {
  // `or vector(0)`: a server that never saw a request exports no series yet.
  return `sum(nv_inference_pending_request_count${tritonSeriesSelector(ctx)}) or vector(0)`;
}

export function tritonScaledObject(ctx: TritonContext): KubeObject {
  const a = ctx.autoscaling;
  const scaledObject: IScaledObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: tritonMetadata(ctx),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: ctx.name },
      minReplicaCount: a.minReplicas,
      maxReplicaCount: a.maxReplicas,
      pollingInterval: 15,
      cooldownPeriod: 300,
      advanced: { horizontalPodAutoscalerConfig: { name: ctx.name, behavior: scalingBehavior() } },
      triggers: [{
        type: 'prometheus',
        name: 'pending-requests',
        metricType: 'AverageValue',
        metadata: { serverAddress: a.prometheusAddress, query: pendingRequestsQuery(ctx), threshold: String(a.targetPendingRequests) },
      }],
    },
  };
  return toKubeObject(scaledObject);
}

function monitoringMetadata(ctx: TritonContext) {
  const meta = tritonMetadata(ctx);
  return { ...meta, labels: { ...meta.labels, ...ctx.monitoring.prometheusSelectorLabels } };
}

/** Prometheus scrapes `/metrics` on the Service's `metrics` port (8002). */
export function tritonServiceMonitor(ctx: TritonContext): KubeObject {
  const monitor: IServiceMonitor = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: monitoringMetadata(ctx),
    spec: { selector: { matchLabels: { ...ctx.selector } }, endpoints: [{ port: 'metrics', path: '/metrics', interval: '15s' }] },
  };
  return toKubeObject(monitor);
}

/** Alerts on failed inferences, slow requests of the entrypoint model, and a queue that does not drain. */
export function tritonPrometheusRule(ctx: TritonContext): KubeObject {
  const all = tritonSeriesSelector(ctx);
  const entry = tritonSeriesSelector(ctx, entrypointModel(ctx));
  const labels = { severity: 'warning', deployment: ctx.name };
  const rules: AlertRule[] = [
    {
      alert: 'TritonInferenceFailures',
      expr: `sum(rate(nv_inference_request_failure${all}[5m])) / clamp_min(sum(rate(nv_inference_request_success${all}[5m])) + sum(rate(nv_inference_request_failure${all}[5m])), 1e-9) > 0.01`,
      for: '10m',
      labels: { ...labels, severity: 'critical' },
      annotations: { summary: `More than 1% of inferences on ${ctx.name} fail`, description: 'Read the Triton logs of the pods: a model error, a bad input shape, or an out-of-memory GPU.' },
    },
    {
      alert: 'TritonRequestLatencyHigh',
      expr: `sum(rate(nv_inference_request_duration_us${entry}[5m])) / clamp_min(sum(rate(nv_inference_request_success${entry}[5m])), 1e-9) / 1000 > ${ctx.monitoring.latencyAlertMs}`,
      for: '10m',
      labels,
      annotations: {
        summary: `Mean request latency of ${ctx.name} above ${ctx.monitoring.latencyAlertMs} ms`,
        description: 'Mean end-to-end latency (queue + compute) of the entrypoint model over 5 minutes; compare nv_inference_queue_duration_us to tell queueing from slow compute.',
      },
    },
    {
      alert: 'TritonQueueBacklog',
      expr: `sum(nv_inference_pending_request_count${all}) > ${4 * ctx.autoscaling.targetPendingRequests * Math.max(1, ctx.autoscaling.maxReplicas)}`,
      for: '10m',
      labels,
      annotations: { summary: `Requests pile up on ${ctx.name} at its maximum scale`, description: 'Raise scaling.maxReplicas, or give the cluster more GPU capacity.' },
    },
  ];
  const rule: IPrometheusRule = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: monitoringMetadata(ctx),
    spec: { groups: [{ name: `${ctx.name}.triton`, rules }] },
  };
  return toKubeObject(rule);
}
