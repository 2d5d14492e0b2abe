/**
 * Autoscaling of KServe predictors in the raw (`Standard`) deployment mode. Knative's scale-to-zero is not there
 * (no Knative); KServe instead creates a KEDA ScaledObject for the autoscaler class `keda`, one trigger per
 * `autoScaling.metrics` entry, with `minReplicaCount` from `minReplicas`, which may be 0
 * (pkg/controller/v1beta1/inferenceservice/reconcilers/keda/keda_reconciler.go at v0.20.0, read 2026-12-03).
 *
 * The LLM scales on vLLM's own signals, the same as the vLLM runtime: `vllm:num_requests_waiting` and
 * `vllm:kv_cache_usage_perc` (vLLM V1 names, docs/design/metrics.md), which KServe's Hugging Face server exports on
 * its `/metrics` (vLLM's AsyncLLM runs in the server process and registers them in prometheus_client's default
 * registry, which KServe's `/metrics` route serves). Classic models scale on KServe's own request counter,
 * `request_predict_seconds_count` (python/kserve/kserve/metrics.py, labelled `model_name`).
 */
import { vllmSeriesSelector } from '../../autoscaling';
import type { ServingContext } from '../../context';
import type { AutoscalerClass, KserveExternalMetric } from './inference-service';

/** Predictions per second one CPU replica of a classic model takes before KEDA adds one (ours; measure your own). */
export const CLASSIC_TARGET_REQUESTS_PER_SECOND = 50;

function prometheusMetric(ctx: ServingContext, query: string, threshold: number | string): KserveExternalMetric {
  return {
    type: 'External',
    external: {
      metric: { backend: 'prometheus', serverAddress: ctx.autoscaling.prometheusAddress, query },
      target: { type: 'Value', value: String(threshold) },
    },
  };
}

/** The LLM predictor's autoscaler class and metrics. */
export function kserveAutoscaling(ctx: ServingContext): { autoscalerClass: AutoscalerClass; metrics: KserveExternalMetric[] } {
  const a = ctx.autoscaling;
  const selector = vllmSeriesSelector(ctx);
  const metrics = [
    // `or vector(0)`: an idle server exports no waiting series; 0 keeps the trigger valid.
    prometheusMetric(ctx, `sum(vllm:num_requests_waiting${selector}) or vector(0)`, a.targetQueueDepth),
    prometheusMetric(ctx, `sum(vllm:kv_cache_usage_perc${selector}) or vector(0)`, a.targetKvCacheUsage),
  ];
  // With no replica there is no vLLM metric: the gateway's request counter wakes the model up.
  if (a.scaleToZero && a.wakeUpQuery) metrics.push(prometheusMetric(ctx, a.wakeUpQuery, 1));
  return { autoscalerClass: 'keda', metrics };
}

/** A classic model's predictor: KEDA on its prediction rate. */
export function classicAutoscaling(ctx: ServingContext, name: string): KserveExternalMetric[] {
  const rate = `sum(rate(request_predict_seconds_count{namespace="${ctx.namespace}",model_name="${name}"}[2m])) or vector(0)`;
  return [prometheusMetric(ctx, rate, CLASSIC_TARGET_REQUESTS_PER_SECOND)];
}
