/** Security settings shared by every engine's `llm-gke` rendering. */

/** Rotate the bucket's CMEK every 90 days (CIS Google Cloud Foundations 1.10 asks for at most 90, read 2026-12-03). */
export const KMS_KEY_ROTATION_PERIOD = '7776000s';
/**
 * NVIDIA driver GKE installs on the GPU nodes: `LATEST` (the newest driver of the node's GKE version; "Run GPUs in GKE
 * Standard node pools", `gpu-driver-version=latest`, read 2026-12-03). vLLM's CUDA 12.8 build needs a recent driver.
 */
export const GKE_GPU_DRIVER_VERSION = 'LATEST';
/** The only OAuth scope nodes get: IAM decides, scopes no longer narrow access (GKE hardening guide, read 2026-12-03). */
export const GKE_NODE_OAUTH_SCOPES = ['https://www.googleapis.com/auth/cloud-platform'];
/** Machine type of the system node pool (kube-system, GMP collectors, KEDA). */
export const GKE_SYSTEM_MACHINE_TYPE = 'e2-standard-4';
