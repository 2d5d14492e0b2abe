/**
 * The Grafana dashboard of a vLLM deployment (TTFT, inter-token latency, throughput, queue, KV cache, GPU
 * utilisation and memory), as JSON and as a ConfigMap the Grafana sidecar picks up (kube-prometheus-stack's
 * sidecar loads ConfigMaps labelled `grafana_dashboard: "1"`; its `searchNamespace` must include ours).
 * `docs/grafana/vllm-dashboard.json` is `vllmDashboard()` without defaults, for importing by hand.
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { commonLabels } from './labels';
import type { KubeObject } from './types';

export const GRAFANA_DASHBOARD_LABEL = 'grafana_dashboard';

/** Where a dashboard opens: the namespace and Service of one deployment. */
export interface DashboardDefaults {
  readonly namespace: string;
  readonly service: string;
}

/** One time-series panel: its title, unit, PromQL targets and optional maximum. */
export interface PanelSpec {
  readonly title: string;
  readonly unit: string;
  readonly targets: readonly { readonly expr: string; readonly legend: string }[];
  readonly max?: number;
}

const VLLM = '{namespace="$namespace",service="$service"}';
const GPU = '{namespace="$namespace"}';
const quantile = (q: number, metric: string) => `histogram_quantile(${q}, sum by (le) (rate(${metric}_bucket${VLLM}[$__rate_interval])))`;

const PANELS: readonly PanelSpec[] = [
  { title: 'Time to first token', unit: 's', targets: [{ expr: quantile(0.5, 'vllm:time_to_first_token_seconds'), legend: 'p50' }, { expr: quantile(0.95, 'vllm:time_to_first_token_seconds'), legend: 'p95' }] },
  { title: 'Inter-token latency', unit: 's', targets: [{ expr: quantile(0.5, 'vllm:inter_token_latency_seconds'), legend: 'p50' }, { expr: quantile(0.95, 'vllm:inter_token_latency_seconds'), legend: 'p95' }] },
  {
    title: 'Token throughput',
    unit: 'short',
    targets: [
      { expr: `sum(rate(vllm:generation_tokens_total${VLLM}[$__rate_interval]))`, legend: 'output tokens/s' },
      { expr: `sum(rate(vllm:prompt_tokens_total${VLLM}[$__rate_interval]))`, legend: 'prompt tokens/s' },
    ],
  },
  { title: 'Finished requests', unit: 'reqps', targets: [{ expr: `sum by (finished_reason) (rate(vllm:request_success_total${VLLM}[$__rate_interval]))`, legend: '{{finished_reason}}' }] },
  {
    title: 'Queue',
    unit: 'short',
    targets: [
      { expr: `sum(vllm:num_requests_waiting${VLLM})`, legend: 'waiting' },
      { expr: `sum(vllm:num_requests_running${VLLM})`, legend: 'running' },
    ],
  },
  { title: 'KV-cache usage', unit: 'percentunit', max: 1, targets: [{ expr: `max by (pod) (vllm:kv_cache_usage_perc${VLLM})`, legend: '{{pod}}' }] },
  { title: 'GPU utilisation', unit: 'percent', max: 100, targets: [{ expr: `avg by (Hostname, gpu) (DCGM_FI_DEV_GPU_UTIL${GPU})`, legend: '{{Hostname}} GPU {{gpu}}' }] },
  {
    title: 'GPU memory used',
    unit: 'percentunit',
    max: 1,
    targets: [{ expr: `max by (Hostname, gpu) (DCGM_FI_DEV_FB_USED${GPU} / (DCGM_FI_DEV_FB_USED${GPU} + DCGM_FI_DEV_FB_FREE${GPU}))`, legend: '{{Hostname}} GPU {{gpu}}' }],
  },
];

export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

/** A Grafana time-series panel, laid out two per row by index (shared by every runtime's dashboard). */
export function panel(spec: PanelSpec, index: number): Record<string, unknown> {
  return {
    id: index + 1,
    type: 'timeseries',
    title: spec.title,
    datasource: DATASOURCE,
    gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
    fieldConfig: { defaults: { unit: spec.unit, min: 0, ...(spec.max !== undefined ? { max: spec.max } : {}) }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
    targets: spec.targets.map((t, i) => ({ datasource: DATASOURCE, expr: t.expr, legendFormat: t.legend, refId: String.fromCharCode(65 + i) })),
  };
}

/** A Grafana query variable filled from a PromQL label query, optionally preset. */
export function queryVariable(name: string, query: string, current?: string): Record<string, unknown> {
  return {
    name,
    label: name,
    type: 'query',
    datasource: DATASOURCE,
    query: { query, refId: name },
    definition: query,
    refresh: 2,
    ...(current !== undefined ? { current: { text: current, value: current } } : {}),
  };
}

/** The dashboard model; with defaults it opens on one deployment and gets a uid of its own. */
export function vllmDashboard(defaults?: DashboardDefaults): Record<string, unknown> {
  const uid = defaults ? `vllm-${defaults.namespace}-${defaults.service}`.slice(0, 40) : 'aimd-vllm';
  return {
    uid,
    title: defaults ? `vLLM ${defaults.namespace}/${defaults.service}` : 'vLLM serving',
    tags: ['vllm', 'llm', 'ai-model-deployment'],
    schemaVersion: 39,
    editable: true,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus' },
        queryVariable('namespace', 'label_values(vllm:num_requests_running, namespace)', defaults?.namespace),
        queryVariable('service', 'label_values(vllm:num_requests_running{namespace="$namespace"}, service)', defaults?.service),
      ],
    },
    panels: PANELS.map(panel),
  };
}

export function vllmDashboardConfigMap(ctx: ServingContext): KubeObject {
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${ctx.name}-dashboard`,
      namespace: ctx.namespace,
      labels: { ...commonLabels(ctx.name, ctx.imageTag), [GRAFANA_DASHBOARD_LABEL]: '1' },
    },
    data: { [`${ctx.name}-vllm.json`]: JSON.stringify(vllmDashboard({ namespace: ctx.namespace, service: ctx.name })) },
  };
  return toKubeObject(configMap);
}
