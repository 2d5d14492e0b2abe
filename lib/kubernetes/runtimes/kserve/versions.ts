/**
 * What KServe release this library deploys, and the facts of that release the builders rely on (images, ports,
 * runtime names, labels). One place to bump; every fact carries where it was read.
 */

/** github.com/kserve/kserve release v0.20.0 (tag of 2026-08-06, the newest release), read 2026-12-03. */
export const KSERVE_VERSION = 'v0.20.0';

/**
 * The vLLM inside `kserve/huggingfaceserver:v0.20.0-gpu`: python/huggingface_server.Dockerfile at v0.20.0,
 * `ARG VLLM_VERSION=0.24.0`, read 2026-12-03. The planner sizes KServe deployments for this release.
 */
export const KSERVE_VLLM_VERSION = '0.24.0';

/**
 * The GPU build of KServe's Hugging Face server: .github/workflows/huggingface-docker-publish.yml at v0.20.0 pushes
 * `kserve/huggingfaceserver:<tag>-gpu` (CUDA + vLLM); the plain tag is the CPU build. Read 2026-12-03.
 */
export const HUGGINGFACE_SERVER_GPU_IMAGE = `kserve/huggingfaceserver:${KSERVE_VERSION}-gpu`;

/**
 * UID of the `kserve` user every KServe model server image runs as (`useradd kserve -m -u 1000`, `USER 1000` in
 * python/huggingface_server.Dockerfile and python/sklearn.Dockerfile at v0.20.0, read 2026-12-03).
 */
export const KSERVE_IMAGE_USER_ID = 1000;
export const KSERVE_HOME_PATH = '/home/kserve';

/**
 * The ClusterServingRuntimes the `kserve-runtime-configs` chart installs (files/runtimes/resources.yaml at v0.20.0,
 * read 2026-12-03), by model format. Named explicitly: several runtimes auto-select sklearn and xgboost (MLServer too).
 */
export const KSERVE_RUNTIMES = {
  huggingface: 'kserve-huggingfaceserver',
  sklearn: 'kserve-sklearnserver',
  xgboost: 'kserve-xgbserver',
  onnx: 'kserve-tritonserver',
} as const;

/** Model formats of classic models served by KServe's built-in runtimes. */
export type ClassicModelFormat = 'sklearn' | 'xgboost' | 'onnx';

/**
 * HTTP port of every KServe runtime's model server (`--http_port` default 8080, python/kserve/kserve/model_server.py;
 * Triton gets `--http-port=8080` from its ClusterServingRuntime). Read 2026-12-03.
 */
export const KSERVE_HTTP_PORT = 8080;
/** Container port names we declare on predictors (KServe names its Service port after the first one). */
export const KSERVE_HTTP_PORT_NAME = 'http';
export const KSERVE_METRICS_PORT_NAME = 'metrics';

/**
 * Where each runtime exports Prometheus metrics: the `prometheus.kserve.io/port` and `prometheus.kserve.io/path`
 * annotations of its ClusterServingRuntime (charts/kserve-runtime-configs/files/runtimes/resources.yaml at v0.20.0,
 * read 2026-12-03). The KServe model servers answer `/metrics` on their HTTP port (python/kserve/kserve/protocol/
 * rest/server.py); Triton on its metrics port 8002.
 */
export const KSERVE_METRICS_PORT: Readonly<Record<'huggingface' | ClassicModelFormat, number>> = {
  huggingface: 8080,
  sklearn: 8080,
  xgboost: 8080,
  onnx: 8002,
};
export const KSERVE_METRICS_PATH = '/metrics';

/** Label KServe puts on every pod, Service and Deployment of an InferenceService (pkg/constants/constants.go). */
export const INFERENCE_SERVICE_LABEL = 'serving.kserve.io/inferenceservice';

/** Where the storage initializer writes the model and where the runtimes read it (`--model_dir` default). */
export const KSERVE_MODEL_DIR = '/mnt/models';
