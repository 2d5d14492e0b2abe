/**
 * TorchServe's autoscaling signal, on the metrics its frontend exports in `metrics_mode=prometheus` at
 * `:8082/metrics` (ts/configs/metrics.yaml and docs/metrics.md, pytorch/serve v0.12.0, read 2026-12-03):
 * `ts_queue_latency_microseconds` (counter: cumulative time requests waited in the job queue, per model) and
 * `ts_inference_requests_total` (counter: inference requests, per model).
 *
 * Alerts: the frontend's `Requests2XX` / `Requests4XX` / `Requests5XX` counters (labels `Level`, `Hostname`; the
 * Prometheus-mode example output of docs/metrics.md) for the server error ratio, the cumulative inference latency over
 * the request count for the mean latency (TorchServe exports no latency histogram), and the queue wait.
 *
 * KEDA scales on the mean queue wait of the last minute, across replicas: it grows as soon as arrivals outrun the
 * workers, whatever the model's compute time. It is a mean, not a per-replica quantity, so the trigger compares the
 * value itself (`metricType: Value`) and the HPA adds replicas in proportion to how far it is above target.
 */
import { scalingBehavior, type IScaledObject } from '../../autoscaling';
import { toKubeObject } from '../../kube-object';
import type { IServiceMonitor } from '../../monitoring';
import { errorRatioAlert, latencyAlert, modelServerPrometheusRule } from '../model-server-alerts';
import type { KubeObject } from '../../types';
import type { TorchServeContext } from './context';
import { TORCHSERVE_METRICS_PATH } from './versions';
import { torchServeMetadata } from './workload';

/** PromQL selector of this deployment's TorchServe series (target labels the ServiceMonitor adds). */
export function torchServeSeriesSelector(ctx: TorchServeContext): string {
  return `{namespace="${ctx.namespace}",service="${ctx.name}",model_name="${ctx.modelName}"}`;
}

/** Mean queue wait per request over one minute, µs; 0 while idle. */
export function queueLatencyQuery(ctx: TorchServeContext): string {
  const s = torchServeSeriesSelector(ctx);
  return `(sum(rate(ts_queue_latency_microseconds${s}[1m])) / clamp_min(sum(rate(ts_inference_requests_total${s}[1m])), 1e-9)) or vector(0)`;
}

export function torchServeScaledObject(ctx: TorchServeContext): KubeObject {
  const a = ctx.autoscaling;
  const scaledObject: IScaledObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: torchServeMetadata(ctx),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: ctx.name },
      minReplicaCount: a.minReplicas,
      maxReplicaCount: a.maxReplicas,
      pollingInterval: 15,
      cooldownPeriod: 300,
      advanced: { horizontalPodAutoscalerConfig: { name: ctx.name, behavior: scalingBehavior() } },
      triggers: [{
        type: 'prometheus',
        name: 'queue-latency',
        metricType: 'Value',
        metadata: { serverAddress: a.prometheusAddress, query: queueLatencyQuery(ctx), threshold: String(a.targetQueueMicroseconds) },
      }],
    },
  };
  return toKubeObject(scaledObject);
}

/** Prometheus scrapes `/metrics` on the Service's `metrics` port (8082). */
export function torchServeServiceMonitor(ctx: TorchServeContext): KubeObject {
  const meta = torchServeMetadata(ctx);
  const monitor: IServiceMonitor = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { ...meta, labels: { ...meta.labels, ...ctx.monitoring.prometheusSelectorLabels } },
    spec: { selector: { matchLabels: { ...ctx.selector } }, endpoints: [{ port: 'metrics', path: TORCHSERVE_METRICS_PATH, interval: '15s' }] },
  };
  return toKubeObject(monitor);
}

/** Server errors, mean inference latency above the objective, and a queue wait far above the autoscaling target. */
export function torchServePrometheusRule(ctx: TorchServeContext): KubeObject[] {
  const model = torchServeSeriesSelector(ctx);
  // The request status counters are per host, not per model.
  const host = `{namespace="${ctx.namespace}",service="${ctx.name}"}`;
  const rate = (metric: string, selector: string) => `sum(rate(${metric}${selector}[5m]))`;
  const statuses = ['Requests2XX', 'Requests4XX', 'Requests5XX'].map((m) => `(${rate(m, host)} or vector(0))`).join(' + ');
  const queueLimitUs = 4 * ctx.autoscaling.targetQueueMicroseconds;
  return modelServerPrometheusRule({ options: ctx.options, runtime: 'torchserve', labels: ctx.labels }, [
    errorRatioAlert('TorchServeServerErrors', ctx.name, rate('Requests5XX', host), statuses,
      'TorchServe answers 5xx when a handler raises or a worker dies: read the model_log of the pods.'),
    latencyAlert('TorchServeInferenceLatencyHigh', ctx.options,
      `${rate('ts_inference_latency_microseconds', model)} / clamp_min(${rate('ts_inference_requests_total', model)}, 1e-9) / 1000`, 'Mean inference latency',
      'Mean over 5 minutes (TorchServe exports cumulative latency, no histogram), queue excluded: the handler or the batch size is too slow for the objective.'),
    {
      alert: 'TorchServeQueueBacklog',
      expr: `${queueLatencyQuery(ctx)} > ${queueLimitUs}`,
      severity: 'warning',
      summary: `Requests to ${ctx.name} wait more than ${queueLimitUs / 1000} ms in TorchServe's queue`,
      description: 'Four times the autoscaling target for 10 minutes: the autoscaler is at maxReplicas or GPU capacity is short.',
    },
  ]);
}
