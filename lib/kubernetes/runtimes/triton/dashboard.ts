/**
 * The Grafana dashboard of a Triton deployment, as a ConfigMap the kube-prometheus-stack Grafana sidecar loads
 * (label `grafana_dashboard: "1"`, as for vLLM). Metric names from Triton's docs/user_guide/metrics.md (read
 * 2026-12-03): the per-model counters `nv_inference_request_success`, `nv_inference_request_failure`,
 * `nv_inference_exec_count` and `nv_inference_count` (their ratio is the mean batch size), the cumulative
 * microsecond counters `nv_inference_request_duration_us`, `nv_inference_queue_duration_us` and
 * `nv_inference_compute_infer_duration_us`, the gauge `nv_inference_pending_request_count`, and the GPU gauges
 * `nv_gpu_utilization` (0–1) and `nv_gpu_memory_used_bytes` / `nv_gpu_memory_total_bytes`.
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { GRAFANA_DASHBOARD_LABEL, panel, type PanelSpec, queryVariable } from '../../dashboard';
import { toKubeObject } from '../../kube-object';
import type { KubeObject } from '../../types';
import type { TritonContext } from './context';

const SEL = '{namespace="$namespace",service="$service"}';
const rate = (metric: string) => `rate(${metric}${SEL}[$__rate_interval])`;
/** Mean per request of a cumulative-microseconds counter, by model, in seconds. */
const meanSeconds = (metric: string) => `sum by (model) (${rate(metric)}) / clamp_min(sum by (model) (${rate('nv_inference_request_success')}), 1e-9) / 1e6`;

const PANELS: readonly PanelSpec[] = [
  {
    title: 'Requests',
    unit: 'reqps',
    targets: [
      { expr: `sum by (model) (${rate('nv_inference_request_success')})`, legend: '{{model}} ok' },
      { expr: `sum by (model) (${rate('nv_inference_request_failure')})`, legend: '{{model}} failed' },
    ],
  },
  { title: 'Mean request latency', unit: 's', targets: [{ expr: meanSeconds('nv_inference_request_duration_us'), legend: '{{model}}' }] },
  {
    title: 'Queue and compute time',
    unit: 's',
    targets: [
      { expr: meanSeconds('nv_inference_queue_duration_us'), legend: '{{model}} queue' },
      { expr: meanSeconds('nv_inference_compute_infer_duration_us'), legend: '{{model}} compute' },
    ],
  },
  { title: 'Pending requests', unit: 'short', targets: [{ expr: `sum by (model) (nv_inference_pending_request_count${SEL})`, legend: '{{model}}' }] },
  {
    title: 'Mean batch size',
    unit: 'short',
    targets: [{ expr: `sum by (model) (${rate('nv_inference_count')}) / clamp_min(sum by (model) (${rate('nv_inference_exec_count')}), 1e-9)`, legend: '{{model}}' }],
  },
  {
    title: 'GPU',
    unit: 'percentunit',
    max: 1,
    targets: [
      { expr: `avg by (pod) (nv_gpu_utilization${SEL})`, legend: '{{pod}} utilisation' },
      { expr: `max by (pod) (nv_gpu_memory_used_bytes${SEL} / nv_gpu_memory_total_bytes${SEL})`, legend: '{{pod}} memory' },
    ],
  },
];

export function tritonDashboard(namespace: string, service: string): Record<string, unknown> {
  return {
    uid: `triton-${namespace}-${service}`.slice(0, 40),
    title: `Triton ${namespace}/${service}`,
    tags: ['triton', 'ai-model-deployment'],
    schemaVersion: 39,
    editable: true,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus' },
        queryVariable('namespace', 'label_values(nv_inference_request_success, namespace)', namespace),
        queryVariable('service', 'label_values(nv_inference_request_success{namespace="$namespace"}, service)', service),
      ],
    },
    panels: PANELS.map(panel),
  };
}

export function tritonDashboardConfigMap(ctx: TritonContext): KubeObject {
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${ctx.name}-dashboard`, namespace: ctx.namespace, labels: { ...ctx.labels, [GRAFANA_DASHBOARD_LABEL]: '1' } },
    data: { [`${ctx.name}-triton.json`]: JSON.stringify(tritonDashboard(ctx.namespace, ctx.name)) },
  };
  return toKubeObject(configMap);
}
