/**
 * Seldon Core v2 alerts, on the metrics the agent beside each model server exports (scheduler/pkg/metrics/agent.go,
 * listed in SeldonIO/seldon-core docs "Operational Metrics", read 2026-12-03): `seldon_model_infer_total` (counter,
 * labels `model`, `server`, `code`, `method_type`; `code` is the HTTP status or the gRPC code name) and
 * `seldon_model_infer_api_seconds` (histogram). The PodMonitor adds `namespace`; `server` is the Server's name.
 */
import type { KubeObject } from '../../types';
import { errorRatioAlert, latencyAlert, modelServerPrometheusRule, p95Milliseconds } from '../model-server-alerts';
import type { ModelServerObjectsOptions } from '../model-server-options';
import { SELDON_MODEL_INFER_METRIC, SELDON_MODEL_LATENCY_HISTOGRAM } from './versions';

export function seldonPrometheusRule(options: ModelServerObjectsOptions, labels: Readonly<Record<string, string>>): KubeObject[] {
  const selector = (extra = '') => `{namespace="${options.namespace}",server="${options.name}"${extra}}`;
  const rate = (extra = '') => `sum(rate(${SELDON_MODEL_INFER_METRIC}${selector(extra)}[5m]))`;
  return modelServerPrometheusRule({ options, runtime: 'seldon', labels }, [
    // Success is HTTP 2xx or gRPC OK; every other code is a failed inference.
    errorRatioAlert('SeldonInferenceFailures', options.name, rate(',code!~"2..|OK"'), rate(),
      'Read the agent and model server logs of the Server pods: a model error, a bad input or a model the scheduler could not load.'),
    latencyAlert('SeldonInferenceLatencyP95High', options, p95Milliseconds(SELDON_MODEL_LATENCY_HISTOGRAM, selector(), 'seconds'), 'p95 inference latency',
      'Measured by the agent in front of the model server: add Server replicas or give the model a larger instance.'),
  ]);
}
