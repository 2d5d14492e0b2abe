/**
 * Prometheus Operator objects of a RayService: a PodMonitor scraping Ray's metrics port (8080) on the head and every
 * worker of every RayCluster the RayService creates, the DCGM exporter's ServiceMonitor, and alerts on what users feel.
 *
 * Metric names (read 2026-12-03): Serve's own `ray_serve_deployment_queued_queries` (requests waiting in the router
 * for a replica) and `ray_serve_num_deployment_http_error_requests_total` (Ray Serve docs, "Monitor your
 * application", built-in metrics); vLLM's V1 metrics that Ray Serve LLM re-exports through Ray with the `ray_` prefix
 * and `:` replaced by `_` when `log_engine_metrics` is on (Ray's serve_llm Grafana dashboard panels:
 * `ray_vllm_time_to_first_token_seconds`, `ray_vllm_inter_token_latency_seconds`, `ray_vllm_kv_cache_usage_perc`).
 */
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import { commonLabels, instanceSelector } from '../../labels';
import { type AlertRule, dcgmServiceMonitor, type IPrometheusRule } from '../../monitoring';
import type { KubeObject, KubeObjectMeta } from '../../types';
import { RAY_METRICS_PORT_NAME } from './versions';

/** The fields of monitoring.coreos.com/v1 PodMonitor we set. */
export interface IPodMonitor {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'PodMonitor';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
    readonly podMetricsEndpoints: readonly { readonly port: string; readonly path: string; readonly interval: string }[];
  };
}

function monitoringMeta(ctx: ServingContext, name: string): KubeObjectMeta {
  return { name, namespace: ctx.namespace, labels: { ...commonLabels(ctx.name, ctx.imageTag), ...ctx.monitoring.prometheusSelectorLabels } };
}

/** Head and workers alike: KubeRay's pods carry no Service per node, so a PodMonitor rather than a ServiceMonitor. */
export function rayPodMonitor(ctx: ServingContext): KubeObject {
  const monitor: IPodMonitor = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: monitoringMeta(ctx, ctx.name),
    spec: {
      selector: { matchLabels: instanceSelector(ctx.name) },
      podMetricsEndpoints: [{ port: RAY_METRICS_PORT_NAME, path: '/metrics', interval: '15s' }],
    },
  };
  return toKubeObject(monitor);
}

/** Series of this deployment: the PodMonitor adds the pod's namespace to every sample. */
function selector(ctx: ServingContext): string {
  return `{namespace="${ctx.namespace}"}`;
}

export function rayServePrometheusRule(ctx: ServingContext): KubeObject {
  const s = selector(ctx);
  const m = ctx.monitoring;
  const p95 = (metric: string) => `histogram_quantile(0.95, sum by (le) (rate(${metric}_bucket${s}[5m])))`;
  const labels = (severity: string) => ({ severity, namespace: ctx.namespace, service: ctx.name });
  // Serve's router holds what replicas refuse beyond max_ongoing_requests: a sustained queue means the autoscaler is
  // at max_replicas or waiting for GPU nodes (Ray docs suggest alerting on this queue with a long pending time).
  const queueLimit = ctx.options.plan.maxNumSeqs;
  const rules: AlertRule[] = [
    {
      alert: 'RayServeLlmTimeToFirstTokenP95High',
      expr: `${p95('ray_vllm_time_to_first_token_seconds')} > ${m.ttftP95Seconds}`,
      for: '10m',
      labels: labels('warning'),
      annotations: { summary: `p95 time to first token of ${ctx.name} is above ${m.ttftP95Seconds}s`, description: 'Prefill is queueing: check ray_serve_deployment_queued_queries and whether Serve is at max_replicas.' },
    },
    {
      alert: 'RayServeLlmInterTokenLatencyP95High',
      expr: `${p95('ray_vllm_inter_token_latency_seconds')} > ${m.interTokenLatencyP95Seconds}`,
      for: '10m',
      labels: labels('warning'),
      annotations: { summary: `p95 inter-token latency of ${ctx.name} is above ${m.interTokenLatencyP95Seconds}s`, description: 'Decode batches are too large for the latency objective: lower max_num_seqs or add replicas.' },
    },
    {
      alert: 'RayServeQueueHigh',
      expr: `sum(ray_serve_deployment_queued_queries${s}) > ${queueLimit}`,
      for: '15m',
      labels: labels('warning'),
      annotations: { summary: `More than ${queueLimit} requests wait in Ray Serve for a ${ctx.name} replica`, description: 'The Serve autoscaler cannot keep up: max_replicas reached, or GPU nodes cannot be provisioned (NodePool limits, quota).' },
    },
    {
      alert: 'RayServeHttpErrors',
      expr: `sum(rate(ray_serve_num_deployment_http_error_requests_total${s}[5m])) > 0.1`,
      for: '10m',
      labels: labels('warning'),
      annotations: { summary: `${ctx.name} answers more than 0.1 failed requests per second`, description: 'Read the Serve replica logs in the Ray dashboard (port 8265 of the head).' },
    },
    {
      alert: 'RayServeLlmKvCacheAlmostFull',
      expr: `max(ray_vllm_kv_cache_usage_perc${s}) > 0.9`,
      for: '10m',
      labels: labels('warning'),
      annotations: { summary: `KV cache of ${ctx.name} is more than 90 % used`, description: 'Requests will be preempted and recomputed: add replicas, shorten max_model_len or raise gpu_memory_utilization.' },
    },
  ];
  const rule: IPrometheusRule = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: monitoringMeta(ctx, ctx.name),
    spec: { groups: [{ name: `${ctx.name}.ray-serve`, rules }] },
  };
  return toKubeObject(rule);
}

export function rayMonitoringObjects(ctx: ServingContext): KubeObject[] {
  const objects = [rayPodMonitor(ctx)];
  if (ctx.monitoring.dcgmExporterNamespace !== false) objects.push(dcgmServiceMonitor(ctx, ctx.monitoring.dcgmExporterNamespace));
  if (ctx.monitoring.prometheusRules) objects.push(rayServePrometheusRule(ctx));
  return objects;
}
