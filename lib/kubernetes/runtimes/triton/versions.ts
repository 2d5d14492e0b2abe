/**
 * The Triton image, ports and user, each with where it was read.
 */

/**
 * NVIDIA Triton Inference Server (Dynamo-Triton) container, NGC `nvcr.io/nvidia/tritonserver:<YY.MM>-py3` (the `-py3`
 * image carries the ONNX Runtime, PyTorch and Python backends). 26.05 is Triton 2.69.0, the latest release on
 * 2026-06-02 ("As of June 2026, the latest release is version 2.69.0, corresponding to the 26.05 NGC container",
 * aiwiki.ai/wiki/nvidia_triton; release notes at docs.nvidia.com/deeplearning/triton-inference-server/release-notes/).
 * Read 2026-12-03.
 */
export const TRITON_IMAGE_REPOSITORY = 'nvcr.io/nvidia/tritonserver';
export const TRITON_IMAGE_TAG = '26.05-py3';

/**
 * Triton's default ports: HTTP/REST 8000, gRPC 8001, Prometheus metrics 8002 (`--http-port`, `--grpc-port`,
 * `--metrics-port`; docs/user_guide/metrics.md: "By default, these metrics are available at
 * http://localhost:8002/metrics", triton-inference-server/server, read 2026-12-03).
 */
export const TRITON_HTTP_PORT = 8000;
export const TRITON_GRPC_PORT = 8001;
export const TRITON_METRICS_PORT = 8002;

/**
 * KServe v2 health endpoints Triton serves on its HTTP port (docs/protocol/README.md, KServe inference protocol:
 * `GET v2/health/live`, `GET v2/health/ready`). With `--strict-readiness=true` (the default) ready means every model
 * loaded.
 */
export const TRITON_LIVE_PATH = '/v2/health/live';
export const TRITON_READY_PATH = '/v2/health/ready';

/**
 * The user Triton runs as. The image needs no particular user: everything it writes goes to the emptyDirs mounted
 * below (HOME, /tmp, /dev/shm, the model repository); a non-root UID satisfies the `restricted` Pod Security Standard.
 */
export const TRITON_USER_ID = 1000;
