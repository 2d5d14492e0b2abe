/**
 * TorchServe's `config.properties`, generated from the plan (keys from docs/configuration.md and
 * frontend/server/src/main/java/org/pytorch/serve/util/ConfigManager.java, pytorch/serve v0.12.0, read 2026-12-03).
 *
 * - `inference_address` and `management_address` bind 127.0.0.1: only the authenticating proxy in the pod reaches
 *   inference, and the management API (register, scale, delete models) is reachable from nowhere but the pod itself;
 *   `enable_model_api=false` refuses model registration even there (docs/model_api_control.md).
 * - `metrics_address` binds every interface for Prometheus; `metrics_mode=prometheus` serves the Prometheus names.
 * - `disable_token_authorization=true`: TorchServe's own token authorization (docs/token_authorization_api.md) writes
 *   random keys that expire after `token_expiration` minutes into a file inside the pod; a client cannot be given a
 *   key from Secrets Manager that way, so the proxy checks the synced key instead.
 * - `load_models=<name>=<name>.mar` loads the archive synced from the model bucket at start.
 */
import { ARCHIVE_STORE_PATH } from './paths';
import type { TorchServeContext } from './context';
import { TORCHSERVE_INFERENCE_PORT, TORCHSERVE_MANAGEMENT_PORT, TORCHSERVE_METRICS_PORT } from './versions';

/** TorchServe's default `job_queue_size` (docs/configuration.md): the floor of ours. */
const DEFAULT_JOB_QUEUE_SIZE = 100;

/**
 * Requests one replica may hold waiting for a worker: what arrives at the per-replica rate within four p95 objectives
 * (one second without one), never below TorchServe's default. Beyond it TorchServe answers 503 at once instead of
 * queueing past any useful deadline.
 */
export function torchServeJobQueueSize(ctx: TorchServeContext): number {
  const plan = ctx.options.plan;
  const perReplica = plan.requestsPerSecond / Math.max(1, plan.replicas);
  const windowSeconds = ((plan.p95LatencyMs ?? 250) * 4) / 1000;
  return Math.max(DEFAULT_JOB_QUEUE_SIZE, Math.ceil(perReplica * windowSeconds));
}

/** The properties, in file order. One worker per GPU: each worker process holds one copy of the model on its GPU. */
export function torchServeProperties(ctx: TorchServeContext): Array<[string, string]> {
  const gpus = ctx.options.plan.gpusPerPod;
  return [
    ['inference_address', `http://127.0.0.1:${TORCHSERVE_INFERENCE_PORT}`],
    ['management_address', `http://127.0.0.1:${TORCHSERVE_MANAGEMENT_PORT}`],
    ['metrics_address', `http://0.0.0.0:${TORCHSERVE_METRICS_PORT}`],
    ['metrics_mode', 'prometheus'],
    ['model_store', ARCHIVE_STORE_PATH],
    ['load_models', `${ctx.modelName}=${ctx.modelName}.mar`],
    ['number_of_gpu', String(gpus)],
    ['default_workers_per_model', String(gpus)],
    ['job_queue_size', String(torchServeJobQueueSize(ctx))],
    ['disable_token_authorization', 'true'],
    ['enable_model_api', 'false'],
    ['install_py_dep_per_model', 'false'],
  ];
}

/** The `config.properties` file text. */
export function torchServeConfigProperties(ctx: TorchServeContext): string {
  return `${torchServeProperties(ctx).map(([k, v]) => `${k}=${v}`).join('\n')}\n`;
}
