/**
 * The shape every weight-download init container shares, whichever CLI copies the files: the model and home
 * volumes, the restricted security context and the resources. Only the image, the environment and the steps differ.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import { HOME_PATH, HOME_VOLUME, MODEL_MOUNT_PATH, MODEL_VOLUME } from '../model-source';
import { restrictedContainerSecurityContext } from '../security';

export function downloadContainer(image: string, env: readonly IEnvVar[], steps: readonly string[]): IContainer {
  return {
    name: 'sync-weights',
    image,
    command: ['/bin/sh', '-c', steps.join('\n')],
    env: [...env],
    resources: { requests: { cpu: '2', memory: '2Gi' }, limits: { memory: '4Gi' } },
    volumeMounts: [
      { name: MODEL_VOLUME, mountPath: MODEL_MOUNT_PATH },
      { name: HOME_VOLUME, mountPath: HOME_PATH },
    ],
    securityContext: restrictedContainerSecurityContext(),
  };
}

/** `bucket/prefix/` with exactly one trailing slash and no leading one (`bucket/` for an empty prefix). */
export function bucketPath(source: { readonly bucketName: string; readonly prefix: string }): string {
  const prefix = source.prefix.replace(/^\/+/, '').replace(/\/*$/, '/');
  return `${source.bucketName}/${prefix === '/' ? '' : prefix}`;
}
