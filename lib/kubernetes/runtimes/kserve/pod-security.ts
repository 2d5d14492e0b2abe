/**
 * Restricted Pod Security for KServe predictors: the serving namespace enforces `restricted`, so every container,
 * including the storage initializer KServe injects (its chart gives it `allowPrivilegeEscalation: false`, `drop: ALL`
 * and `runAsNonRoot`, charts/kserve-resources/values.yaml at v0.20.0), runs as the images' `kserve` user with the
 * RuntimeDefault seccomp profile set once on the pod. The root filesystem is read-only; what the server writes goes to
 * emptyDirs: `$HOME` (caches), `/tmp` (the image's HF_HOME) and a memory-backed `/dev/shm` for the GPU server.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { KSERVE_HOME_PATH, KSERVE_IMAGE_USER_ID } from './versions';

const HOME_VOLUME = 'home';
const TMP_VOLUME = 'tmp';
const SHM_VOLUME = 'dshm';

export function kservePodSecurityContext(): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: KSERVE_IMAGE_USER_ID,
    runAsGroup: KSERVE_IMAGE_USER_ID,
    fsGroup: KSERVE_IMAGE_USER_ID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function kserveContainerSecurityContext(): ISecurityContext {
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Writable scratch space; `shmGiB` adds a memory-backed `/dev/shm` (NCCL between the GPUs of a replica). */
export function kserveVolumes(shmGiB?: number): IVolume[] {
  return [
    { name: HOME_VOLUME, emptyDir: { sizeLimit: '20Gi' } },
    { name: TMP_VOLUME, emptyDir: { sizeLimit: '10Gi' } },
    ...(shmGiB !== undefined ? [{ name: SHM_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: `${shmGiB}Gi` } }] : []),
  ];
}

export function kserveVolumeMounts(shm: boolean): NonNullable<IContainer['volumeMounts']> {
  return [
    { name: HOME_VOLUME, mountPath: KSERVE_HOME_PATH },
    { name: TMP_VOLUME, mountPath: '/tmp' },
    ...(shm ? [{ name: SHM_VOLUME, mountPath: '/dev/shm' }] : []),
  ];
}
