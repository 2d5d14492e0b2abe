/**
 * Where the weights come from and where vLLM finds them: the local paths, the init container that syncs the
 * checkpoint and LoRA adapters from S3 onto the node's NVMe (ephemeral storage), and the `--lora-modules` flags.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { LoraAdapterSource, ModelSource, S3ModelSource } from './options';
import { restrictedContainerSecurityContext } from './security';
import { AWS_CLI_IMAGE } from './versions';

/** Volume holding the checkpoint, the adapters and the Hugging Face cache. */
export const MODEL_VOLUME = 'models';
export const MODEL_MOUNT_PATH = '/models';
/** Where the init container puts the base checkpoint, and what vLLM is given as its model. */
export const LOCAL_MODEL_PATH = `${MODEL_MOUNT_PATH}/base`;
export const LORA_MOUNT_PATH = `${MODEL_MOUNT_PATH}/lora`;
/** Hugging Face cache when vLLM downloads the model itself. */
export const HF_CACHE_PATH = `${MODEL_MOUNT_PATH}/hf-cache`;
/** Writable home for the non-root user (caches, Ray, aws cli config); the root filesystem is read-only. */
export const HOME_VOLUME = 'home';
export const HOME_PATH = '/home/vllm';

export function isS3Source(source: ModelSource): source is S3ModelSource {
  return 'bucketName' in source;
}

/** The model argument of `vllm serve`: the synced local path, or the Hub id vLLM downloads. */
export function modelPathFor(source: ModelSource): string {
  return isS3Source(source) ? LOCAL_MODEL_PATH : source.huggingFaceId;
}

/**
 * `--revision <commit>` when the Hub model is pinned: vLLM's "specific model version to use. It can be a branch
 * name, a tag name, or a commit id" (vLLM engine arguments, read 2026-12-03). Nothing for S3 checkpoints.
 */
export function revisionArgs(source: ModelSource): string[] {
  return !isS3Source(source) && source.revision !== undefined ? ['--revision', source.revision] : [];
}

export function loraAdapterPath(adapter: LoraAdapterSource): string {
  return `${LORA_MOUNT_PATH}/${adapter.name}`;
}

/** `--lora-modules name=path` for each adapter, in the order given. */
export function loraModuleArgs(adapters: readonly LoraAdapterSource[]): string[] {
  return adapters.flatMap((adapter) => ['--lora-modules', `${adapter.name}=${loraAdapterPath(adapter)}`]);
}

/** `s3://bucket/prefix/` of the checkpoint. */
export function checkpointUri(source: S3ModelSource): string {
  const prefix = source.prefix.replace(/^\/+/, '').replace(/\/*$/, '/');
  return `s3://${source.bucketName}/${prefix === '/' ? '' : prefix}`;
}

export interface WeightSyncOptions {
  readonly source: ModelSource;
  readonly adapters: readonly LoraAdapterSource[];
  readonly region: string;
}

/**
 * The init container that copies weights to local storage with the service account's role (IRSA / Pod
 * Identity credentials are injected by EKS). Returns undefined when there is nothing to copy (Hub source,
 * no adapters). URIs travel as environment variables so that engine tokens resolve and nothing is parsed by
 * the shell. `original/*` (Meta's duplicate .pth checkpoint in Llama repositories) is skipped.
 */
export function weightSyncInitContainer(options: WeightSyncOptions): IContainer | undefined {
  const env: IEnvVar[] = [
    { name: 'AWS_REGION', value: options.region },
    { name: 'HOME', value: HOME_PATH },
  ];
  const steps = ['set -eu', 'aws configure set default.s3.max_concurrent_requests 64'];
  if (isS3Source(options.source)) {
    env.push({ name: 'MODEL_S3_URI', value: checkpointUri(options.source) });
    steps.push(`aws s3 sync "$MODEL_S3_URI" ${LOCAL_MODEL_PATH} --only-show-errors --exclude 'original/*'`);
  }
  options.adapters.forEach((adapter, index) => {
    env.push({ name: `LORA_${index}_S3_URI`, value: adapter.uri });
    steps.push(`aws s3 sync "$LORA_${index}_S3_URI" ${loraAdapterPath(adapter)} --only-show-errors`);
  });
  if (steps.length === 2) return undefined;
  return {
    name: 'sync-weights',
    image: AWS_CLI_IMAGE,
    command: ['/bin/sh', '-c', steps.join('\n')],
    env,
    resources: { requests: { cpu: '2', memory: '2Gi' }, limits: { memory: '4Gi' } },
    volumeMounts: [
      { name: MODEL_VOLUME, mountPath: MODEL_MOUNT_PATH },
      { name: HOME_VOLUME, mountPath: HOME_PATH },
    ],
    securityContext: restrictedContainerSecurityContext(),
  };
}
