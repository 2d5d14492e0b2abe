/**
 * Every image and version the Kubernetes objects pin, in one place, each with where it was read and when.
 * Nothing here is ever `latest`: a rollout changes only when one of these lines changes.
 */

/**
 * vLLM's OpenAI-compatible server image.
 * Source: v0.29.0 was the latest official vLLM release on 2026-09-10 (github.com/AMD-AGI/TraceLens/issues/1019,
 * "Vllm's latest official release is v0.29.0"); the tag `vllm/vllm-openai:v0.29.0` is published on Docker Hub.
 * Read 2026-11-24.
 */
export const VLLM_IMAGE_REPOSITORY = 'vllm/vllm-openai';
export const VLLM_IMAGE_TAG = 'v0.29.0';

/**
 * The non-root user the vLLM image ships since vllm-project/vllm PR #40275 (merged 2026-04-19, in every release
 * from v0.20): "Default USER is `vllm` (UID 2000, GID 0) created in `vllm-base`" (docker/Dockerfile, read
 * 2026-11-24). The default image still starts as root; we run it as this user.
 */
export const VLLM_IMAGE_USER_ID = 2000;

/**
 * Where the vLLM image keeps the multi-node helper that starts or joins a Ray cluster
 * (examples/online_serving/multi-node-serving.sh, used by vLLM's LWS guide docs/deployment/frameworks/lws.md,
 * read 2026-11-24).
 */
export const VLLM_MULTI_NODE_SCRIPT = '/vllm-workspace/examples/online_serving/multi-node-serving.sh';

/**
 * AWS CLI v2 image for the weight-sync init container.
 * Source: public.ecr.aws/aws-cli/aws-cli tag 2.32.26 (Renovate bump in github.com/walnuts1018/infra/pull/3087,
 * 2025-12-30). Read 2026-11-24.
 */
export const AWS_CLI_IMAGE = 'public.ecr.aws/aws-cli/aws-cli:2.32.26';

/**
 * NVIDIA Kubernetes device plugin.
 * Source: release v0.19.0 (NVIDIA/k8s-device-plugin CHANGELOG, quoted in github.com/shaman007/home-k3s/pull/111,
 * 2026-04-02); static manifest layout from deployments/static/nvidia-device-plugin.yml. Read 2026-11-24.
 */
export const NVIDIA_DEVICE_PLUGIN_IMAGE = 'nvcr.io/nvidia/k8s-device-plugin:v0.19.0';

/**
 * Karpenter `amiSelectorTerms` aliases, pinned to an AMI release so nodes never drift on their own.
 * Karpenter picks the NVIDIA variant of the family for GPU instance types.
 * - AL2023: amazon-eks-ami release v20260818 (referenced as "upstream v20260818" in awslabs/amazon-eks-ami
 *   PR #2815, 2026-09-11).
 * - Bottlerocket: v1.66.0 (bottlerocket-os/bottlerocket PR #4946, "add v1.66.0 release notes", 2026-09-18).
 * Read 2026-11-24.
 */
export const KARPENTER_AMI_ALIASES = {
  al2023: 'al2023@v20260818',
  bottlerocket: 'bottlerocket@v1.66.0',
} as const;

/** The label every object carries as `app.kubernetes.io/managed-by`. */
export const MANAGED_BY = 'ai-model-deployment';
