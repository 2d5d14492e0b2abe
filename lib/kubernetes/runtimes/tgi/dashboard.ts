/**
 * The Grafana dashboard of a TGI deployment, as a ConfigMap for the Grafana sidecar (same conventions as the vLLM
 * dashboard in lib/kubernetes/dashboard.ts). Queries follow TGI's own dashboard (assets/tgi_grafana.json, v3.3.7,
 * read 2026-12-03): histograms by `_bucket`, `_sum` for token rates, counters `tgi_request_success` and
 * `tgi_request_failure{err}` without a `_total` suffix.
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ServingContext } from '../../context';
import { GRAFANA_DASHBOARD_LABEL, type DashboardDefaults, panel, type PanelSpec, queryVariable } from '../../dashboard';
import { toKubeObject } from '../../kube-object';
import { commonLabels } from '../../labels';
import type { KubeObject } from '../../types';

const TGI = '{namespace="$namespace",service="$service"}';
const GPU = '{namespace="$namespace"}';
const quantiles = (metric: string) => [0.5, 0.95].map((q) => ({
  expr: `histogram_quantile(${q}, sum by (le) (rate(${metric}_bucket${TGI}[$__rate_interval])))`,
  legend: `p${q * 100}`,
}));

const PANELS: readonly PanelSpec[] = [
  { title: 'Queue time (before prefill)', unit: 's', targets: quantiles('tgi_request_queue_duration') },
  { title: 'Time per output token', unit: 's', targets: quantiles('tgi_request_mean_time_per_token_duration') },
  { title: 'Request duration (end to end)', unit: 's', targets: quantiles('tgi_request_duration') },
  {
    title: 'Token throughput',
    unit: 'short',
    targets: [
      { expr: `sum(rate(tgi_request_generated_tokens_sum${TGI}[$__rate_interval]))`, legend: 'output tokens/s' },
      { expr: `sum(rate(tgi_request_input_length_sum${TGI}[$__rate_interval]))`, legend: 'prompt tokens/s' },
    ],
  },
  {
    title: 'Requests',
    unit: 'reqps',
    targets: [
      { expr: `sum(rate(tgi_request_success${TGI}[$__rate_interval]))`, legend: 'success' },
      { expr: `sum by (err) (rate(tgi_request_failure${TGI}[$__rate_interval]))`, legend: 'failed: {{err}}' },
    ],
  },
  {
    title: 'Queue and batch',
    unit: 'short',
    targets: [
      { expr: `sum(tgi_queue_size${TGI})`, legend: 'waiting' },
      { expr: `sum(tgi_batch_current_size${TGI})`, legend: 'in batch' },
    ],
  },
  { title: 'KV tokens reserved by the batch', unit: 'short', targets: [{ expr: `max by (pod) (tgi_batch_current_max_tokens${TGI})`, legend: '{{pod}}' }] },
  { title: 'GPU utilisation', unit: 'percent', max: 100, targets: [{ expr: `avg by (Hostname, gpu) (DCGM_FI_DEV_GPU_UTIL${GPU})`, legend: '{{Hostname}} GPU {{gpu}}' }] },
];

/** The dashboard model, opening on one deployment. */
export function tgiDashboard(defaults: DashboardDefaults): Record<string, unknown> {
  return {
    uid: `tgi-${defaults.namespace}-${defaults.service}`.slice(0, 40),
    title: `TGI ${defaults.namespace}/${defaults.service}`,
    tags: ['tgi', 'llm', 'ai-model-deployment'],
    schemaVersion: 39,
    editable: true,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus' },
        queryVariable('namespace', 'label_values(tgi_queue_size, namespace)', defaults.namespace),
        queryVariable('service', 'label_values(tgi_queue_size{namespace="$namespace"}, service)', defaults.service),
      ],
    },
    panels: PANELS.map(panel),
  };
}

export function tgiDashboardConfigMap(ctx: ServingContext): KubeObject {
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${ctx.name}-dashboard`,
      namespace: ctx.namespace,
      labels: { ...commonLabels(ctx.name, ctx.imageTag), [GRAFANA_DASHBOARD_LABEL]: '1' },
    },
    data: { [`${ctx.name}-tgi.json`]: JSON.stringify(tgiDashboard({ namespace: ctx.namespace, service: ctx.name })) },
  };
  return toKubeObject(configMap);
}
