/**
 * Pinned versions and the fixed ports of Ray Serve LLM on KubeRay. Bump the image and `RAY_VERSION` together:
 * KubeRay reads `rayVersion` to decide how it starts and probes the Ray processes of the image.
 */

/**
 * The Ray LLM image (Ray, Ray Serve LLM and the vLLM it was released with). The tag is the one KubeRay v1.7.0's
 * own LLM sample runs (ray-operator/config/samples/ray-service.llm-serve.yaml at tag v1.7.0, read 2026-12-03).
 */
export const RAY_LLM_IMAGE_REPOSITORY = 'rayproject/ray-llm';
export const RAY_LLM_IMAGE_TAG = '2.52.0-py311-cu128';
export const RAY_VERSION = '2.52.0';

/** The `ray` user of the rayproject images (UID 1000, primary group `users`, GID 100). */
export const RAY_IMAGE_USER_ID = 1000;
export const RAY_IMAGE_GROUP_ID = 100;

/**
 * KubeRay's default ports (ray-operator/controllers/ray/utils/constant.go at v1.7.0, read 2026-12-03): the Serve
 * HTTP proxy, the metrics export port of every Ray node, the GCS, the dashboard (the operator submits the Serve
 * config and reads its status there) and the Ray client.
 */
export const RAY_SERVE_PORT = 8000;
export const RAY_SERVE_PORT_NAME = 'serve';
export const RAY_METRICS_PORT = 8080;
export const RAY_METRICS_PORT_NAME = 'metrics';
export const RAY_GCS_PORT = 6379;
export const RAY_DASHBOARD_PORT = 8265;
export const RAY_CLIENT_PORT = 10001;

/** Namespace the kuberay-operator release runs in (lib/eks/operators.ts); its pods call the head's dashboard. */
export const KUBERAY_OPERATOR_NAMESPACE = 'kuberay-system';
