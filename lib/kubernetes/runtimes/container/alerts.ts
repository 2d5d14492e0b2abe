/**
 * Alerts of a BentoML or custom (FastAPI-style) container, on the metrics each exports on its metrics path:
 * - BentoML: `bentoml_service_request_total` (counter, label `http_response_code`) and
 *   `bentoml_service_request_duration_seconds` (histogram): docs.bentoml.com "Metrics", default metrics, read 2026-12-03.
 * - custom: the contract's defaults, `http_requests_total` (counter, label `status`) and
 *   `http_request_duration_seconds` (histogram), the names prometheus-fastapi-instrumentator and the reference service
 *   (examples/fastapi-service/main.py) export.
 * Both also alert when the contract's scaling metric stays above what `maxReplicas` replicas were sized for.
 */
import type { KubeObject } from '../../types';
import { errorRatioAlert, latencyAlert, modelServerPrometheusRule, p95Milliseconds } from '../model-server-alerts';
import { scaleQuery, type ContainerContext } from './context';

/** The request counter, its status label and the latency histogram of each contract runtime. */
export const CONTAINER_ALERT_METRICS = {
  bentoml: { requests: 'bentoml_service_request_total', status: 'http_response_code', latency: 'bentoml_service_request_duration_seconds', title: 'BentoMl' },
  custom: { requests: 'http_requests_total', status: 'status', latency: 'http_request_duration_seconds', title: 'Custom' },
} as const;

export function containerPrometheusRule(ctx: ContainerContext): KubeObject[] {
  const metrics = CONTAINER_ALERT_METRICS[ctx.options.runtime === 'bentoml' ? 'bentoml' : 'custom'];
  const selector = (extra = '') => `{namespace="${ctx.namespace}",service="${ctx.name}"${extra}}`;
  const rate = (extra = '') => `sum(rate(${metrics.requests}${selector(extra)}[5m]))`;
  const ceiling = ctx.contract.scaleThreshold * ctx.options.autoscaling.maxReplicas;
  return modelServerPrometheusRule({ options: ctx.options, runtime: ctx.options.runtime ?? 'custom', labels: ctx.labels }, [
    // `5..` also matches the grouped `5xx` of prometheus-fastapi-instrumentator.
    errorRatioAlert(`${metrics.title}ServerErrors`, ctx.name, rate(`,${metrics.status}=~"5.."`), rate(), 'The service answers 5xx: read the logs of its pods.'),
    latencyAlert(`${metrics.title}RequestLatencyP95High`, ctx.options, p95Milliseconds(metrics.latency, selector(), 'seconds'), 'p95 request latency',
      'Add replicas (scaling.maxReplicas) or make the handler faster; the histogram counts every route of the service.'),
    {
      alert: `${metrics.title}AtMaximumScale`,
      expr: `${scaleQuery(ctx)} > ${ceiling}`,
      severity: 'warning',
      summary: `The scaling metric of ${ctx.name} is above what ${ctx.options.autoscaling.maxReplicas} replicas were sized for`,
      description: 'The autoscaler is at maxReplicas: raise it, or give the cluster more capacity.',
    },
  ]);
}
