/**
 * TensorFlow Serving's configuration files, generated from the plan (text protos of tensorflow_serving/config/
 * model_server_config.proto, monitoring_config.proto and the batching parameters of
 * servables/tensorflow/session_bundle_config.proto; formats in g3doc/serving_config.md, read 2026-12-03).
 */
import type { ModelServerPlan } from '../../../plan/model-server-plan';
import { TF_SERVING_METRICS_PATH } from './versions';

export const MODEL_BASE_PATH = '/models';

/** How many SavedModel versions (numbered subdirectories) to serve at once. */
export type ModelVersionPolicy = { readonly latest: number } | { readonly specific: readonly number[] } | 'all';

function versionPolicy(policy: ModelVersionPolicy): string {
  if (policy === 'all') return 'all {}';
  if ('latest' in policy) return `latest { num_versions: ${policy.latest} }`;
  return `specific { ${policy.specific.map((v) => `versions: ${v}`).join(' ')} }`;
}

/** `models.config`: one SavedModel under `/models/<name>/<version>/`, the newest version served by default. */
export function tfServingModelsConfig(model: string, policy: ModelVersionPolicy = { latest: 1 }): string {
  return [
    'model_config_list {',
    '  config {',
    `    name: "${model}"`,
    `    base_path: "${MODEL_BASE_PATH}/${model}"`,
    '    model_platform: "tensorflow"',
    `    model_version_policy { ${versionPolicy(policy)} }`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** `monitoring.config`: Prometheus metrics on the REST port. */
export function tfServingMonitoringConfig(): string {
  return `prometheus_config {\n  enable: true\n  path: "${TF_SERVING_METRICS_PATH}"\n}\n`;
}

/**
 * `batching.config` from the plan's batching: `max_batch_size`, `batch_timeout_micros` (the queue delay),
 * `allowed_batch_sizes` (the preferred sizes, the largest being max_batch_size), one batch thread per GPU.
 */
export function tfServingBatchingConfig(plan: ModelServerPlan): string {
  const b = plan.batching;
  return [
    `max_batch_size { value: ${b.maxBatchSize} }`,
    `batch_timeout_micros { value: ${b.maxQueueDelayMicroseconds} }`,
    `max_enqueued_batches { value: ${Math.max(100, 4 * b.maxBatchSize)} }`,
    `num_batch_threads { value: ${Math.max(1, plan.gpusPerPod)} }`,
    ...b.preferredBatchSizes.map((s) => `allowed_batch_sizes: ${s}`),
    '',
  ].join('\n');
}
