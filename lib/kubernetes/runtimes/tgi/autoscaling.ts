/**
 * Autoscaling on TGI's own signals (docs/source/reference/metrics.md and backends/v3/src of
 * huggingface/text-generation-inference v3.3.7, read 2026-12-03):
 * - `tgi_queue_size` (gauge, "Current queue size"): requests waiting for a batch slot.
 * - `tgi_batch_current_max_tokens` (gauge, "Maximum tokens for the current batch"): the tokens the running batch
 *   reserves in the KV cache (backend.rs: `token_budget = max_batch_total_tokens - batch_max_tokens`), TGI's
 *   counterpart of vLLM's KV-cache usage. Its per-replica target is `targetKvCacheUsage` of the plan's KV cache.
 *   (`tgi_batch_current_size` counts requests, whatever their length, so it says less about memory.)
 * KEDA queries Prometheus directly; the HPA fallback reads the same series through prometheus-adapter.
 */
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { type IScaledObject, scaleTargetRef, scalingBehavior, vllmSeriesSelector } from '../../autoscaling';
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import { commonLabels } from '../../labels';
import type { KubeObject } from '../../types';

export const TGI_QUEUE_METRIC = 'tgi_queue_size';
export const TGI_BATCH_TOKENS_METRIC = 'tgi_batch_current_max_tokens';

/** KV-cache tokens one replica's batch may reserve before another replica is added. */
export function targetBatchTokens(ctx: ServingContext): number {
  return Math.max(1, Math.round(ctx.options.plan.kvCacheTokens * ctx.autoscaling.targetKvCacheUsage));
}

export function tgiScaledObject(ctx: ServingContext): KubeObject {
  const a = ctx.autoscaling;
  const selector = vllmSeriesSelector(ctx);
  const activation: Record<string, string> = a.scaleToZero ? { activationThreshold: '0' } : {};
  const prometheus = (name: string, query: string, threshold: string, extra: Record<string, string> = {}) => ({
    type: 'prometheus' as const,
    name,
    metricType: 'AverageValue' as const,
    metadata: { serverAddress: a.prometheusAddress, query, threshold, ...extra },
  });
  const triggers = [
    prometheus('queue-depth', `sum(${TGI_QUEUE_METRIC}${selector}) or vector(0)`, String(a.targetQueueDepth), activation),
    prometheus('batch-tokens', `sum(${TGI_BATCH_TOKENS_METRIC}${selector}) or vector(0)`, String(targetBatchTokens(ctx)), activation),
  ];
  if (a.scaleToZero && a.wakeUpQuery) triggers.push(prometheus('wake-up', a.wakeUpQuery, '1', { activationThreshold: '0' }));
  const scaledObject: IScaledObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      scaleTargetRef: scaleTargetRef(ctx),
      minReplicaCount: a.minReplicas,
      maxReplicaCount: a.maxReplicas,
      pollingInterval: 15,
      cooldownPeriod: 600,
      advanced: { horizontalPodAutoscalerConfig: { name: ctx.name, behavior: scalingBehavior() } },
      triggers,
    },
  };
  return toKubeObject(scaledObject);
}

export function tgiHorizontalPodAutoscaler(ctx: ServingContext): KubeObject {
  const a = ctx.autoscaling;
  const hpa: IHorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      scaleTargetRef: scaleTargetRef(ctx),
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      metrics: [
        { type: 'Pods', pods: { metric: { name: TGI_QUEUE_METRIC }, target: { type: 'AverageValue', averageValue: String(a.targetQueueDepth) } } },
        { type: 'Pods', pods: { metric: { name: TGI_BATCH_TOKENS_METRIC }, target: { type: 'AverageValue', averageValue: String(targetBatchTokens(ctx)) } } },
      ],
      behavior: scalingBehavior(),
    },
  };
  return toKubeObject(hpa);
}

export function tgiAutoscalerObjects(ctx: ServingContext): KubeObject[] {
  return [ctx.autoscaling.engine === 'keda' ? tgiScaledObject(ctx) : tgiHorizontalPodAutoscaler(ctx)];
}
