/** The TensorFlow Serving image, ports and paths, each with where it was read. */

/** `tensorflow/serving:2.18.0-gpu` (Docker Hub; tensorflow/serving GitHub release 2.18.0, read 2026-12-03). */
export const TF_SERVING_IMAGE_REPOSITORY = 'tensorflow/serving';
export const TF_SERVING_IMAGE_TAG = '2.18.0-gpu';
/** The CPU image of the same release, for CPU plans: the tag without `-gpu` (tensorflow_serving/g3doc/docker.md, read 2026-12-03). */
export const TF_SERVING_CPU_IMAGE_TAG = '2.18.0';

/**
 * `tensorflow_model_server` ports: gRPC `--port` 8500, REST `--rest_api_port` 8501 (tensorflow_serving/g3doc/docker.md
 * "Port 8500 exposed for gRPC, Port 8501 exposed for the REST API", read 2026-12-03). Neither binds 127.0.0.1 only
 * (no flag for it), so the NetworkPolicy opens neither: callers and Prometheus go through the proxy's port.
 */
export const TF_SERVING_GRPC_PORT = 8500;
export const TF_SERVING_REST_PORT = 8501;
/** The authenticating proxy's port: the Service's `http` port. */
export const TF_SERVING_PROXY_PORT = 8000;

/** Prometheus text on the REST port, at the path `monitoring.config` sets (g3doc/serving_config.md "Monitoring Configuration"). */
export const TF_SERVING_METRICS_PATH = '/monitoring/prometheus/metrics';

/** Model status API: `GET /v1/models/<name>` answers once a version is loaded (g3doc/api_rest.md "Model status API"). */
export function tfServingStatusPath(model: string): string {
  return `/v1/models/${model}`;
}

/** The image defines no user; any non-root UID works with the emptyDirs mounted for what it writes. */
export const TF_SERVING_USER_ID = 1000;
