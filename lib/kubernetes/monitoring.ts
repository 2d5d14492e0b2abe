/**
 * Prometheus Operator objects: scrape vLLM (`/metrics` on port 8000) and the NVIDIA DCGM exporter, and alert on
 * what users feel (TTFT, inter-token latency, queueing), on KV-cache saturation and on GPU XID errors.
 *
 * Metric names are vLLM V1's (docs/design/metrics.md in vllm-project/vllm, read 2026-11-24):
 * `vllm:time_to_first_token_seconds`, `vllm:inter_token_latency_seconds` (histograms),
 * `vllm:num_requests_waiting`, `vllm:kv_cache_usage_perc` (gauges). DCGM: `DCGM_FI_DEV_XID_ERRORS` (last XID
 * error code of a GPU, 0 when none).
 */
import { ROLLOUT_POD_HASH_LABEL, ROLLOUT_SERVICE_LABEL } from './argo-rollout';
import type { ServingContext } from './context';
import { vllmSeriesSelector } from './autoscaling';
import { toKubeObject } from './kube-object';
import { commonLabels, HTTP_PORT_NAME, instanceSelector } from './labels';
import type { KubeObject, KubeObjectMeta } from './types';
import { gmpRules, vllmPodMonitoring } from './cloud/managed-prometheus';

/** The fields of monitoring.coreos.com/v1 ServiceMonitor we set. */
export interface IServiceMonitor {
  /** `monitoring.coreos.com/v1`, or the group of a managed Prometheus reading the same kind (Azure: `azmonitoring.coreos.com/v1`). */
  readonly apiVersion: string;
  readonly kind: 'ServiceMonitor';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly selector: {
      readonly matchLabels: Readonly<Record<string, string>>;
      readonly matchExpressions?: readonly { readonly key: string; readonly operator: 'DoesNotExist' }[];
    };
    readonly namespaceSelector?: { readonly matchNames: readonly string[] };
    readonly podTargetLabels?: readonly string[];
    readonly endpoints: readonly { readonly port: string; readonly path: string; readonly interval: string; readonly honorLabels?: boolean }[];
  };
}

export interface IPrometheusRule {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'PrometheusRule';
  readonly metadata: KubeObjectMeta;
  readonly spec: { readonly groups: readonly { readonly name: string; readonly rules: readonly AlertRule[] }[] };
}

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The DCGM exporter Helm chart labels its Service `app.kubernetes.io/component: dcgm-exporter`, port `metrics`. */
const DCGM_SERVICE_SELECTOR = { 'app.kubernetes.io/component': 'dcgm-exporter' };

function monitoringMeta(ctx: ServingContext, name: string): KubeObjectMeta {
  return { name, namespace: ctx.namespace, labels: { ...commonLabels(ctx.name, ctx.imageTag), ...ctx.monitoring.prometheusSelectorLabels } };
}

/** The ServiceMonitor API version of the cluster's Prometheus (the Prometheus Operator's unless the cloud says otherwise). */
function serviceMonitorApiVersion(ctx: ServingContext): string {
  return ctx.cloud.metrics.kind === 'service-monitor' ? ctx.cloud.metrics.apiVersion : 'monitoring.coreos.com/v1';
}

export function vllmServiceMonitor(ctx: ServingContext): KubeObject {
  const monitor: IServiceMonitor = {
    apiVersion: serviceMonitorApiVersion(ctx),
    kind: 'ServiceMonitor',
    metadata: monitoringMeta(ctx, ctx.name),
    spec: {
      selector: {
        matchLabels: instanceSelector(ctx.name),
        // The rollout's stable and canary Services select the same pods: scrape each pod once, through the main Service.
        ...(ctx.rollout && { matchExpressions: [{ key: ROLLOUT_SERVICE_LABEL, operator: 'DoesNotExist' as const }] }),
      },
      // The canary analysis tells canary from stable series by the pod's rollouts-pod-template-hash.
      ...(ctx.rollout && { podTargetLabels: [ROLLOUT_POD_HASH_LABEL] }),
      endpoints: [{ port: HTTP_PORT_NAME, path: '/metrics', interval: '15s' }],
    },
  };
  return toKubeObject(monitor);
}

/**
 * Scrapes the DCGM exporter in its namespace. `honorLabels` keeps the exporter's own `namespace`/`pod` labels,
 * which name the pod using each GPU, so the XID alert and the dashboard can filter on this deployment.
 */
export function dcgmServiceMonitor(ctx: ServingContext, dcgmNamespace: string): KubeObject {
  const monitor: IServiceMonitor = {
    apiVersion: serviceMonitorApiVersion(ctx),
    kind: 'ServiceMonitor',
    metadata: monitoringMeta(ctx, `${ctx.name}-dcgm`),
    spec: {
      selector: { matchLabels: DCGM_SERVICE_SELECTOR },
      namespaceSelector: { matchNames: [dcgmNamespace] },
      endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s', honorLabels: true }],
    },
  };
  return toKubeObject(monitor);
}

export function vllmPrometheusRule(ctx: ServingContext): KubeObject {
  const rule: IPrometheusRule = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: monitoringMeta(ctx, ctx.name),
    spec: { groups: vllmAlertGroups(ctx) },
  };
  return toKubeObject(rule);
}

/** The alert groups of a vLLM deployment, whichever object carries them (PrometheusRule, GMP Rules). */
export function vllmAlertGroups(ctx: ServingContext): { readonly name: string; readonly rules: readonly AlertRule[] }[] {
  const s = vllmSeriesSelector(ctx);
  const m = ctx.monitoring;
  const p95 = (metric: string) => `histogram_quantile(0.95, sum by (le) (rate(${metric}_bucket${s}[5m])))`;
  const labels = (severity: string) => ({ severity, namespace: ctx.namespace, service: ctx.name });
  const queueLimit = 2 * ctx.autoscaling.targetQueueDepth;
  const rules: AlertRule[] = [
    {
      alert: 'VllmTimeToFirstTokenP95High',
      expr: `${p95('vllm:time_to_first_token_seconds')} > ${m.ttftP95Seconds}`,
      for: '10m',
      labels: labels('warning'),
      annotations: { summary: `p95 time to first token of ${ctx.name} is above ${m.ttftP95Seconds}s`, description: 'Prefill is queueing: check vllm:num_requests_waiting and whether the autoscaler is at maxReplicas.' },
    },
    {
      alert: 'VllmInterTokenLatencyP95High',
      expr: `${p95('vllm:inter_token_latency_seconds')} > ${m.interTokenLatencyP95Seconds}`,
      for: '10m',
      labels: labels('warning'),
      annotations: { summary: `p95 inter-token latency of ${ctx.name} is above ${m.interTokenLatencyP95Seconds}s`, description: 'Decode batches are too large for the latency objective: lower max-num-seqs or add replicas.' },
    },
    {
      alert: 'VllmQueueDepthHigh',
      expr: `max(vllm:num_requests_waiting${s}) > ${queueLimit}`,
      for: '10m',
      labels: labels('warning'),
      annotations: { summary: `More than ${queueLimit} requests wait on one ${ctx.name} replica`, description: 'Twice the autoscaling target for 10 minutes: the autoscaler cannot keep up (maxReplicas, GPU capacity or quota).' },
    },
    {
      alert: 'VllmKvCacheAlmostFull',
      expr: `max(vllm:kv_cache_usage_perc${s}) > 0.9`,
      for: '10m',
      labels: labels('warning'),
      annotations: { summary: `KV cache of ${ctx.name} is more than 90 % used`, description: 'Requests will be preempted and recomputed: add replicas, shorten max-model-len or raise gpu-memory-utilization.' },
    },
    {
      alert: 'GpuXidError',
      // The gauge holds the last XID until the exporter restarts: alert on a new XID, so the alert resolves 15 minutes
      // after the last one instead of latching forever.
      expr: `max by (Hostname, gpu, modelName) (changes(DCGM_FI_DEV_XID_ERRORS{namespace="${ctx.namespace}"}[15m])) > 0`,
      for: '0m',
      labels: labels('critical'),
      annotations: { summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} reported a new XID error in the last 15 minutes', description: 'Read the XID with DCGM_FI_DEV_XID_ERRORS and see NVIDIA\'s XID catalogue; XIDs 48, 79 and 94/95 usually need the node replaced.' },
    },
  ];
  return [{ name: `${ctx.name}.vllm`, rules }];
}

/**
 * What makes the cluster's Prometheus scrape and alert: ServiceMonitors and a PrometheusRule (Prometheus Operator, or a
 * managed Prometheus reading ServiceMonitors), or a PodMonitoring and Rules on Google Cloud Managed Prometheus.
 */
export function monitoringObjects(ctx: ServingContext): KubeObject[] {
  const metrics = ctx.cloud.metrics;
  if (metrics.kind === 'pod-monitoring') {
    return [vllmPodMonitoring(ctx), ...(ctx.monitoring.prometheusRules ? [gmpRules(ctx, vllmAlertGroups(ctx))] : [])];
  }
  const objects = [vllmServiceMonitor(ctx)];
  if (ctx.monitoring.dcgmExporterNamespace !== false) objects.push(dcgmServiceMonitor(ctx, ctx.monitoring.dcgmExporterNamespace));
  if (ctx.monitoring.prometheusRules && metrics.rules === 'prometheus-rule') objects.push(vllmPrometheusRule(ctx));
  return objects;
}
