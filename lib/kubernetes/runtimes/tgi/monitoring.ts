/**
 * Alerts on TGI's own histograms and gauges (docs/source/reference/metrics.md, v3.3.7, read 2026-12-03; the
 * router adds `_bucket` series with its duration buckets, router/src/server.rs):
 * - `tgi_request_queue_duration`: time a request waits before its prefill, the queueing part of TTFT.
 * - `tgi_request_mean_time_per_token_duration`: inter-token latency per request.
 * - `tgi_batch_inference_duration{method="prefill"|"decode"}`: one batched forward step.
 * - `tgi_request_duration`: end-to-end latency.
 * - `tgi_queue_size`: waiting requests.
 * Scraping (`/metrics` on the serving port) and the DCGM exporter reuse the shared ServiceMonitors.
 */
import { vllmSeriesSelector } from '../../autoscaling';
import type { ServingContext } from '../../context';
import { REQUEST_TIMEOUT_SECONDS } from '../../exposure';
import { toKubeObject } from '../../kube-object';
import { commonLabels } from '../../labels';
import { type AlertRule, dcgmServiceMonitor, type IPrometheusRule, vllmServiceMonitor } from '../../monitoring';
import type { KubeObject } from '../../types';
import { TGI_QUEUE_METRIC } from './autoscaling';
import { tgiDashboardConfigMap } from './dashboard';

/** p95 end-to-end latency that warns: half the gateway's request timeout, beyond which requests start to be cut. */
export const REQUEST_DURATION_P95_SECONDS = REQUEST_TIMEOUT_SECONDS / 2;

export function tgiPrometheusRule(ctx: ServingContext): KubeObject {
  const base = `namespace="${ctx.namespace}",service="${ctx.name}"`;
  const s = vllmSeriesSelector(ctx);
  const m = ctx.monitoring;
  const p95 = (metric: string, extra = '') => `histogram_quantile(0.95, sum by (le) (rate(${metric}_bucket{${base}${extra}}[5m])))`;
  const labels = (severity: string) => ({ severity, namespace: ctx.namespace, service: ctx.name });
  const queueLimit = 2 * ctx.autoscaling.targetQueueDepth;
  const warn = (alert: string, expr: string, summary: string, description: string): AlertRule => ({ alert, expr, for: '10m', labels: labels('warning'), annotations: { summary, description } });
  const rules: AlertRule[] = [
    warn('TgiQueueTimeP95High', `${p95('tgi_request_queue_duration')} > ${m.ttftP95Seconds}`,
      `p95 time ${ctx.name} requests wait before prefill is above ${m.ttftP95Seconds}s`,
      'Time to first token is dominated by queueing: check tgi_queue_size and whether the autoscaler is at maxReplicas.'),
    warn('TgiPrefillStepP95High', `${p95('tgi_batch_inference_duration', ',method="prefill"')} > ${m.ttftP95Seconds}`,
      `p95 prefill step of ${ctx.name} is above ${m.ttftP95Seconds}s`,
      'Prefill batches are too large for the latency objective: lower --max-batch-prefill-tokens (plan maxNumBatchedTokens) or shorten prompts.'),
    warn('TgiTimePerTokenP95High', `${p95('tgi_request_mean_time_per_token_duration')} > ${m.interTokenLatencyP95Seconds}`,
      `p95 inter-token latency of ${ctx.name} is above ${m.interTokenLatencyP95Seconds}s`,
      'Decode batches are too large for the latency objective: add replicas or lower the KV budget (--cuda-memory-fraction).'),
    warn('TgiRequestDurationP95High', `${p95('tgi_request_duration')} > ${REQUEST_DURATION_P95_SECONDS}`,
      `p95 end-to-end latency of ${ctx.name} is above ${REQUEST_DURATION_P95_SECONDS}s`,
      `Requests approach the ${REQUEST_TIMEOUT_SECONDS}s timeout of the load balancer and are about to be cut.`),
    warn('TgiQueueDepthHigh', `max(${TGI_QUEUE_METRIC}${s}) > ${queueLimit}`,
      `More than ${queueLimit} requests wait on one ${ctx.name} replica`,
      'Twice the autoscaling target for 10 minutes: the autoscaler cannot keep up (maxReplicas, GPU capacity or quota).'),
    {
      alert: 'GpuXidError',
      // The gauge holds the last XID until the exporter restarts: alert on a new one (see lib/kubernetes/monitoring.ts).
      expr: `max by (Hostname, gpu, modelName) (changes(DCGM_FI_DEV_XID_ERRORS{namespace="${ctx.namespace}"}[15m])) > 0`,
      for: '0m',
      labels: labels('critical'),
      annotations: { summary: 'GPU {{ $labels.gpu }} on {{ $labels.Hostname }} reported a new XID error in the last 15 minutes', description: 'Read the XID with DCGM_FI_DEV_XID_ERRORS and see NVIDIA\'s XID catalogue; XIDs 48, 79 and 94/95 usually need the node replaced.' },
    },
  ];
  const rule: IPrometheusRule = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: { ...commonLabels(ctx.name, ctx.imageTag), ...m.prometheusSelectorLabels } },
    spec: { groups: [{ name: `${ctx.name}.tgi`, rules }] },
  };
  return toKubeObject(rule);
}

/** ServiceMonitors (TGI's `/metrics`, DCGM), the alerts and the Grafana dashboard. */
export function tgiMonitoringObjects(ctx: ServingContext): KubeObject[] {
  const objects = [vllmServiceMonitor(ctx)];
  if (ctx.monitoring.dcgmExporterNamespace !== false) objects.push(dcgmServiceMonitor(ctx, ctx.monitoring.dcgmExporterNamespace));
  if (ctx.monitoring.prometheusRules) objects.push(tgiPrometheusRule(ctx));
  if (ctx.monitoring.dashboard) objects.push(tgiDashboardConfigMap(ctx));
  return objects;
}
