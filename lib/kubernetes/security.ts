/**
 * Security contexts that satisfy the `restricted` Pod Security Standard, which the serving namespace enforces.
 *
 * The vLLM image starts as root by default but ships a `vllm` user (UID 2000) since v0.20; we run every
 * container as that user with a read-only root filesystem. What vLLM, Ray, torch.compile, Triton and the
 * AWS CLI write goes to emptyDirs: `$HOME` (/home/vllm: caches and config), `/tmp` (Ray session files),
 * `/models` (weights) and a memory-backed `/dev/shm` (NCCL, Ray object store).
 */
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import { VLLM_IMAGE_USER_ID } from './versions';

export function restrictedPodSecurityContext(): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: VLLM_IMAGE_USER_ID,
    runAsGroup: VLLM_IMAGE_USER_ID,
    // emptyDirs are created group-owned by fsGroup, so the non-root user can write them.
    fsGroup: VLLM_IMAGE_USER_ID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function restrictedContainerSecurityContext(): ISecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: VLLM_IMAGE_USER_ID,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
