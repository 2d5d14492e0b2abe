/**
 * The alerting policies of a `vertex-ai` endpoint: error rate and p95 latency on Vertex AI's own online-prediction
 * metrics, as PromQL conditions like the GKE deployment's (lib/gcp/alert-routing.ts), routed to the same channels.
 *
 * Metrics (Cloud Monitoring "Google Cloud metrics: aiplatform", resource `aiplatform.googleapis.com/Endpoint`, label
 * `endpoint_id`; read 2026-12-03): `prediction/online/error_count` and `prediction/online/prediction_count` (deltas),
 * `prediction/online/prediction_latencies` (a distribution, milliseconds, label `latency_type`). PromQL names follow
 * "Mapping Cloud Monitoring metrics to PromQL" (read 2026-12-03): the first `/` becomes `:`, other `.` and `/` become
 * `_`, and a distribution is queried as a histogram with the `_bucket` suffix.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { VertexAiEndpointDescription } from '../vertex-ai/describe-endpoint';
import { PROMQL_EVALUATION_INTERVAL, type GcpPromQlAlertPolicy } from './alert-routing';

/** A Cloud Monitoring metric type as a PromQL metric name. */
export function promQlMetricName(metricType: string): string {
  const slash = metricType.indexOf('/');
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');
  return `${clean(metricType.slice(0, slash))}:${clean(metricType.slice(slash + 1))}`;
}

export const VERTEX_ERROR_COUNT_METRIC = 'aiplatform.googleapis.com/prediction/online/error_count';
export const VERTEX_PREDICTION_COUNT_METRIC = 'aiplatform.googleapis.com/prediction/online/prediction_count';
export const VERTEX_PREDICTION_LATENCIES_METRIC = 'aiplatform.googleapis.com/prediction/online/prediction_latencies';

/** Share of failed predictions above which the error-rate policy fires (the LLM drift job's default, DriftSpec.errorRateThreshold). */
export const VERTEX_ERROR_RATE_THRESHOLD = 0.05;
/** Floor of the latency threshold: a chat completion is never expected below 2 s at p95. */
const MIN_LATENCY_THRESHOLD_MS = 2000;

/**
 * The p95 latency a whole chat completion may take before the policy fires: `traffic.p95LatencyMs` when the spec sets
 * one, else twice the plan's estimate of a request (time to first token + `outputTokens` inter-token latencies), the
 * same margin the GKE inter-token alert takes over the plan.
 */
export function vertexLatencyThresholdMs(plan: DeploymentPlan): number {
  const written = plan.spec.traffic.p95LatencyMs;
  if (written !== undefined) return written;
  const llm = plan.llm;
  if (llm === undefined) return MIN_LATENCY_THRESHOLD_MS * 10;
  const estimate = llm.estimatedTimeToFirstTokenMs + plan.spec.traffic.outputTokens * llm.estimatedInterTokenLatencyMs;
  return Math.max(MIN_LATENCY_THRESHOLD_MS, Math.ceil((2 * estimate) / 100) * 100);
}

/** Error-rate and latency policies of the endpoint `d` (its numeric endpoint id selects the series). */
export function vertexAiAlertPolicies(d: VertexAiEndpointDescription, plan: DeploymentPlan): GcpPromQlAlertPolicy[] {
  const selector = `{monitored_resource="aiplatform.googleapis.com/Endpoint",endpoint_id="${d.endpointId}"}`;
  const rate = (metric: string, suffix = '') => `rate(${promQlMetricName(metric)}${suffix}${selector}[5m])`;
  const latencyMs = vertexLatencyThresholdMs(plan);
  const group = `${d.name}.vertex-ai`;
  const labels = (severity: string) => ({ severity, endpoint_id: d.endpointId });
  return [
    {
      key: 'vertex-error-rate-high',
      displayName: `${d.name}: VertexPredictionErrorRateHigh`,
      severity: 'CRITICAL',
      condition: {
        displayName: 'VertexPredictionErrorRateHigh',
        // No traffic gives no series (0/0), so an idle endpoint does not fire; errors without predictions do (+Inf).
        query: `sum(${rate(VERTEX_ERROR_COUNT_METRIC)}) / sum(${rate(VERTEX_PREDICTION_COUNT_METRIC)}) > ${VERTEX_ERROR_RATE_THRESHOLD}`,
        duration: '600s',
        evaluationInterval: PROMQL_EVALUATION_INTERVAL,
        alertRule: 'VertexPredictionErrorRateHigh',
        ruleGroup: group,
        labels: labels('critical'),
        disableMetricValidation: true,
      },
      documentation: {
        content: `More than ${VERTEX_ERROR_RATE_THRESHOLD * 100} % of the predictions of ${d.name} failed for 10 minutes.\n\nRead the endpoint's logs (the vLLM container's stderr) and the deployed model's replica count; a failing health route or an out-of-memory restart shows there first.`,
        mimeType: 'text/markdown',
      },
    },
    {
      key: 'vertex-latency-p95-high',
      displayName: `${d.name}: VertexPredictionLatencyP95High`,
      severity: 'WARNING',
      condition: {
        displayName: 'VertexPredictionLatencyP95High',
        // Per latency_type (model, overhead, ...): the slowest part names itself in the incident.
        query: `histogram_quantile(0.95, sum by (le, latency_type) (${rate(VERTEX_PREDICTION_LATENCIES_METRIC, '_bucket')})) > ${latencyMs}`,
        duration: '600s',
        evaluationInterval: PROMQL_EVALUATION_INTERVAL,
        alertRule: 'VertexPredictionLatencyP95High',
        ruleGroup: group,
        labels: labels('warning'),
        disableMetricValidation: true,
      },
      documentation: {
        content: `p95 prediction latency of ${d.name} is above ${latencyMs} ms.\n\nReplicas are saturated: check the GPU duty cycle against the autoscaling target and whether the endpoint is at its max replica count (${d.maxReplicas}).`,
        mimeType: 'text/markdown',
      },
    },
  ];
}
