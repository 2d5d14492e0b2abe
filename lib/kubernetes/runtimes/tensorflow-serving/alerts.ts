/**
 * TensorFlow Serving alerts, on the metrics it exports on the Prometheus path of `monitoring.config`
 * (tensorflow_serving/servables/tensorflow/util.cc, read 2026-12-03): `:tensorflow:serving:request_count` (counter,
 * labels `model_name`, `status`: the status code name, `OK` on success) and `:tensorflow:serving:request_latency`
 * (histogram, microseconds, labels `model_name`, `API`, `entrypoint`). The ServiceMonitor adds `namespace`, `service`.
 */
import type { KubeObject } from '../../types';
import { errorRatioAlert, latencyAlert, modelServerPrometheusRule, p95Milliseconds } from '../model-server-alerts';
import type { ModelServerContext } from '../torchserve/context';

export const TF_SERVING_REQUEST_COUNT = ':tensorflow:serving:request_count';
export const TF_SERVING_REQUEST_LATENCY = ':tensorflow:serving:request_latency';

/** `ceilingRequestsPerSecond`: the rate the deployment was planned to absorb at maxReplicas. */
export function tfServingPrometheusRule(ctx: ModelServerContext, ceilingRequestsPerSecond: number): KubeObject[] {
  const selector = (extra = '') => `{namespace="${ctx.namespace}",service="${ctx.name}",model_name="${ctx.modelName}"${extra}}`;
  const rate = (extra = '') => `sum(rate(${TF_SERVING_REQUEST_COUNT}${selector(extra)}[5m]))`;
  const ceiling = ceilingRequestsPerSecond;
  return modelServerPrometheusRule({ options: ctx.options, runtime: 'tensorflow-serving', labels: ctx.labels }, [
    errorRatioAlert('TfServingRequestFailures', ctx.name, rate(',status!="OK"'), rate(),
      'Read the status label: INVALID_ARGUMENT is a bad request shape, RESOURCE_EXHAUSTED a full batching queue, INTERNAL a model error.'),
    latencyAlert('TfServingRequestLatencyP95High', ctx.options, p95Milliseconds(TF_SERVING_REQUEST_LATENCY, selector(), 'microseconds'), 'p95 request latency',
      'Wall time of TF Serving requests, batching queue included: add replicas or lower max_batch_size / batch_timeout_micros.'),
    {
      alert: 'TfServingAtMaximumScale',
      expr: `${rate()} > ${ceiling}`,
      severity: 'warning',
      summary: `${ctx.name} receives more than the ${ceiling} requests/s its maximum scale was planned for`,
      description: 'The autoscaler is at maxReplicas and requests queue in the batcher: raise scaling.maxReplicas or the GPU capacity.',
    },
  ]);
}
