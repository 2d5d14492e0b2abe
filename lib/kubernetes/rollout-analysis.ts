/**
 * The canary's analysis: an Argo Rollouts AnalysisTemplate (argoproj.io/v1alpha1) whose Prometheus metrics read
 * vLLM's own series of the canary pods only, and fail the rollout (abort + traffic back to stable) on a miss.
 *
 * Metric names (read 2026-12-03):
 * - `http_requests_total{status="5xx"}`: vLLM instruments its API server with prometheus-fastapi-instrumentator
 *   with default settings (vllm/entrypoints/serve/instrumentator/metrics.py), which groups status codes as
 *   `2xx`/`4xx`/`5xx` and labels `handler` and `method`; health, metrics and load probes are excluded.
 * - `vllm:time_to_first_token_seconds`, `vllm:inter_token_latency_seconds`, `vllm:e2e_request_latency_seconds`
 *   (histograms) and `vllm:num_requests_waiting` (gauge): vLLM V1 metrics, docs/design/metrics.md.
 *
 * The series carry `rollouts_pod_template_hash` (the ServiceMonitor copies the pod label Argo Rollouts sets), and
 * the Rollout passes the canary's hash as an argument (`valueFrom.podTemplateHashValue: Latest`). Each query is a
 * `scalar()`: a canary that served no request yet yields NaN, which passes (no evidence against it).
 */
import { vllmSeriesSelector } from './autoscaling';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { commonLabels } from './labels';
import type { ResolvedRollout } from './rollout-settings';
import type { KubeObject, KubeObjectMeta } from './types';

/** Argument carrying the canary ReplicaSet's pod-template-hash. */
export const CANARY_HASH_ARG = 'canary-hash';
/** How often each metric is measured, and the rate window of each query. */
export const ANALYSIS_INTERVAL = '1m';
const RATE_WINDOW = '5m';
/**
 * Failed measurements tolerated per metric: none. A miss aborts the rollout; the 5-minute rate windows already
 * smooth single slow requests.
 */
export const ANALYSIS_FAILURE_LIMIT = 0;

export interface AnalysisMetric {
  readonly name: string;
  readonly interval: string;
  readonly successCondition: string;
  readonly failureLimit: number;
  readonly provider: { readonly prometheus: { readonly address: string; readonly query: string } };
}

/** The fields of argoproj.io/v1alpha1 AnalysisTemplate we set. */
export interface IAnalysisTemplate {
  readonly apiVersion: 'argoproj.io/v1alpha1';
  readonly kind: 'AnalysisTemplate';
  readonly metadata: KubeObjectMeta;
  readonly spec: { readonly args: readonly { readonly name: string }[]; readonly metrics: readonly AnalysisMetric[] };
}

export function analysisTemplateName(ctx: Pick<ServingContext, 'name'>): string {
  return `${ctx.name}-canary-slo`;
}

/** PromQL selector of the canary pods' vLLM series (the template fills in the argument). */
export function canarySeriesSelector(ctx: ServingContext): string {
  return vllmSeriesSelector(ctx).replace(/}$/, `,rollouts_pod_template_hash="{{args.${CANARY_HASH_ARG}}}"}`);
}

/** The analysis' metrics, each with its PromQL and the threshold it must stay under. */
export function analysisMetrics(ctx: ServingContext, rollout: ResolvedRollout): AnalysisMetric[] {
  const s = canarySeriesSelector(ctx);
  const a = rollout.analysis;
  const metric = (name: string, query: string, max: number): AnalysisMetric => ({
    name,
    interval: ANALYSIS_INTERVAL,
    successCondition: `isNaN(result) || result <= ${max}`,
    failureLimit: ANALYSIS_FAILURE_LIMIT,
    provider: { prometheus: { address: ctx.autoscaling.prometheusAddress, query } },
  });
  const p95 = (histogram: string) => `scalar(histogram_quantile(0.95, sum by (le) (rate(${histogram}_bucket${s}[${RATE_WINDOW}]))))`;
  const requests = (status: string) => `sum(rate(http_requests_total${s.replace(/}$/, status)}[${RATE_WINDOW}]))`;
  const metrics: AnalysisMetric[] = [];
  if (a.errors) metrics.push(metric('http-5xx-ratio', `scalar(${requests(',status="5xx"}')} / ${requests('}')})`, a.max5xxRatio));
  if (a.latency) {
    metrics.push(metric('ttft-p95-seconds', p95('vllm:time_to_first_token_seconds'), a.ttftP95Seconds));
    metrics.push(metric('inter-token-latency-p95-seconds', p95('vllm:inter_token_latency_seconds'), a.interTokenLatencyP95Seconds));
    if (a.e2eLatencyP95Seconds !== undefined) metrics.push(metric('e2e-latency-p95-seconds', p95('vllm:e2e_request_latency_seconds'), a.e2eLatencyP95Seconds));
    metrics.push(metric('queue-depth', `scalar(max(vllm:num_requests_waiting${s}))`, a.maxQueueDepth));
  }
  return metrics;
}

export function vllmAnalysisTemplate(ctx: ServingContext, rollout: ResolvedRollout): KubeObject {
  const template: IAnalysisTemplate = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: analysisTemplateName(ctx), namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: { args: [{ name: CANARY_HASH_ARG }], metrics: analysisMetrics(ctx, rollout) },
  };
  return toKubeObject(template);
}
