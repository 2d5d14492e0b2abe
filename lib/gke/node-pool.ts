/** The GPU node pool's labels and taint, shared by every engine. */
import type { LlmGkeDeploymentConfig } from './deployment-config';

/**
 * GKE taints GPU nodes `nvidia.com/gpu=present:NoSchedule` itself ("Run GPUs in GKE Standard node pools", read
 * 2026-12-03); declaring it keeps Terraform's view equal to the nodes' and matches the serving pods' toleration.
 */
export const GKE_GPU_TAINT = { key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' } as const;

export function gkeGpuNodeLabels(config: Pick<LlmGkeDeploymentConfig, 'name'>): Record<string, string> {
  return { 'ai-model-deployment/deployment': config.name };
}
