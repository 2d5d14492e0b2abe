/**
 * Scraping KServe's predictors. The LLM predictor is scraped through our Service `<name>` by the same ServiceMonitor,
 * alerts and dashboard as the vLLM runtime (lib/kubernetes/monitoring.ts): KServe's Hugging Face server serves vLLM's
 * metrics on `/metrics` of its HTTP port 8080. Classic models get a PodMonitor on the ports their runtimes export
 * metrics on (`prometheus.kserve.io/port`: 8080 for KServe's servers, 8002 for Triton; path `/metrics`;
 * charts/kserve-runtime-configs/files/runtimes/resources.yaml at v0.20.0, read 2026-12-03).
 */
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import type { KubeObject } from '../../types';
import { kserveLabels } from './inference-service';
import { INFERENCE_SERVICE_LABEL, KSERVE_HTTP_PORT_NAME, KSERVE_METRICS_PATH, KSERVE_METRICS_PORT_NAME } from './versions';

/** The fields of monitoring.coreos.com/v1 PodMonitor we set. */
export interface IPodMonitor {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'PodMonitor';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: {
    readonly selector: { readonly matchExpressions: readonly { readonly key: string; readonly operator: 'In'; readonly values: readonly string[] }[] };
    readonly podMetricsEndpoints: readonly { readonly port: string; readonly path: string; readonly interval: string }[];
    readonly podTargetLabels: readonly string[];
  };
}

/** Scrapes every classic model's predictor pods; none when there are no classic models. */
export function classicModelsPodMonitor(ctx: ServingContext): KubeObject[] {
  const models = ctx.options.classicModels ?? [];
  if (models.length === 0) return [];
  const endpoints = [{ port: KSERVE_HTTP_PORT_NAME, path: KSERVE_METRICS_PATH, interval: '30s' }];
  if (models.some((m) => m.format === 'onnx')) endpoints.push({ port: KSERVE_METRICS_PORT_NAME, path: KSERVE_METRICS_PATH, interval: '30s' });
  const monitor: IPodMonitor = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: `${ctx.name}-classic-models`, namespace: ctx.namespace, labels: { ...kserveLabels(ctx), ...ctx.monitoring.prometheusSelectorLabels } },
    spec: {
      selector: { matchExpressions: [{ key: INFERENCE_SERVICE_LABEL, operator: 'In', values: models.map((m) => m.name) }] },
      podMetricsEndpoints: endpoints,
      // Series carry `serving_kserve_io_inferenceservice="<name>"` besides the server's own `model_name`.
      podTargetLabels: [INFERENCE_SERVICE_LABEL],
    },
  };
  return [toKubeObject(monitor)];
}
