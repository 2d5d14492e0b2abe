/**
 * The TorchServe image, ports, paths and user, each with where it was read.
 */

/**
 * `pytorch/torchserve:0.12.0-gpu` (Docker Hub): TorchServe 0.12.0, its last release (September 2024); the project is
 * in "Limited Maintenance" since 2025 ("no planned updates, bug fixes, new features, or security patches",
 * pytorch/serve README, read 2026-12-03). The `-gpu` image carries CUDA PyTorch.
 */
export const TORCHSERVE_IMAGE_REPOSITORY = 'pytorch/torchserve';
export const TORCHSERVE_IMAGE_TAG = '0.12.0-gpu';
/**
 * The CPU build of the same release, for CPU plans: TorchServe publishes `pytorch/torchserve:<version>-(cpu|gpu)`
 * (pytorch/serve docker/README.md and docker/build_image.sh default tags `latest-cpu` / `latest-gpu`, read 2026-12-03).
 */
export const TORCHSERVE_CPU_IMAGE_TAG = '0.12.0-cpu';

/**
 * TorchServe's default ports: inference 8080, management 8081, metrics 8082 (docs/configuration.md
 * `inference_address`, `management_address`, `metrics_address`; docs/metrics_api.md "Metrics API is listening on
 * port 8082", pytorch/serve, read 2026-12-03).
 */
export const TORCHSERVE_INFERENCE_PORT = 8080;
export const TORCHSERVE_MANAGEMENT_PORT = 8081;
export const TORCHSERVE_METRICS_PORT = 8082;
/** The authenticating proxy's port: the Service's `http` port (TorchServe's own 8080 stays on 127.0.0.1). */
export const TORCHSERVE_PROXY_PORT = 8000;

/** Health API of the inference port: `GET /ping` ("Healthy" once the models' workers are up; docs/inference_api.md). */
export const TORCHSERVE_PING_PATH = '/ping';
/** Prometheus text on the metrics port with `metrics_mode=prometheus` (docs/metrics_api.md). */
export const TORCHSERVE_METRICS_PATH = '/metrics';

/** The `model-server` user of the image (docker/Dockerfile: `useradd -m model-server`, UID 1000). */
export const TORCHSERVE_USER_ID = 1000;
