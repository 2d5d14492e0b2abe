/**
 * The TorchServe container and the init container that syncs its model store from the model bucket with the service
 * account's least-privilege role (the AWS CLI honours EKS Pod Identity), as for Triton.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import { modelServerGpuResources } from '../model-server-workload';
import { checkpointUri } from '../../model-source';
import { AWS_CLI_IMAGE } from '../../versions';
import { PRE_STOP_SLEEP_SECONDS, type TorchServeContext } from './context';
import { ARCHIVE_STORE_PATH, ARCHIVE_VOLUME, CONFIG_PATH, CONFIG_VOLUME, HOME_PATH, HOME_VOLUME, SHM_VOLUME, TMP_VOLUME } from './paths';
import { TORCHSERVE_METRICS_PORT, TORCHSERVE_PING_PATH, TORCHSERVE_PROXY_PORT, TORCHSERVE_USER_ID } from './versions';

export function torchServeSecurityContext(): ISecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: TORCHSERVE_USER_ID,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * `torchserve --start --foreground` keeps the server as the container's process (the image's entrypoint would
 * background it behind `tail -f /dev/null`, and SIGTERM would never reach it); `--ncs` writes no config snapshots
 * (ts/arg_parser.py, pytorch/serve v0.12.0, read 2026-12-03).
 */
export function torchServeArgs(): string[] {
  return ['--start', '--foreground', '--ncs', '--ts-config', `${CONFIG_PATH}/config.properties`, '--model-store', ARCHIVE_STORE_PATH];
}

export function torchServeContainer(ctx: TorchServeContext): IContainer {
  const plan = ctx.options.plan;
  const gpus = modelServerGpuResources(plan);
  // Probes reach /ping through the proxy (TorchServe's inference port listens on 127.0.0.1 only).
  const ping = { httpGet: { path: TORCHSERVE_PING_PATH, port: TORCHSERVE_PROXY_PORT }, timeoutSeconds: 5 };
  return {
    name: 'torchserve',
    image: ctx.image,
    command: ['torchserve'],
    args: torchServeArgs(),
    env: [{ name: 'HOME', value: HOME_PATH }, { name: 'TEMP', value: `${HOME_PATH}/tmp` }],
    workingDir: HOME_PATH,
    ports: [{ name: 'metrics', containerPort: TORCHSERVE_METRICS_PORT, protocol: 'TCP' }],
    resources: {
      requests: { cpu: String(plan.cpuRequest), memory: `${plan.memoryRequestGiB}Gi`, ...gpus },
      limits: { memory: `${plan.memoryLimitGiB}Gi`, ...gpus },
    },
    // Unpacking the archive and starting one Python worker per GPU takes minutes on a cold node.
    startupProbe: { ...ping, periodSeconds: 10, failureThreshold: 60 },
    readinessProbe: { ...ping, periodSeconds: 5, failureThreshold: 3 },
    livenessProbe: { ...ping, periodSeconds: 15, failureThreshold: 4 },
    // Endpoints drop the pod while it sleeps; then SIGTERM stops the frontend, which finishes the jobs it holds.
    lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SLEEP_SECONDS } } },
    volumeMounts: [
      { name: ARCHIVE_VOLUME, mountPath: ARCHIVE_STORE_PATH, readOnly: true },
      { name: CONFIG_VOLUME, mountPath: CONFIG_PATH, readOnly: true },
      { name: SHM_VOLUME, mountPath: '/dev/shm' },
      { name: HOME_VOLUME, mountPath: HOME_PATH },
      { name: TMP_VOLUME, mountPath: '/tmp' },
    ],
    securityContext: torchServeSecurityContext(),
  };
}

/** Syncs `s3://bucket/prefix/` (the `.mar` archive) into the model store before TorchServe starts. */
export function archiveSyncInitContainer(ctx: TorchServeContext): IContainer {
  return {
    name: 'sync-model-store',
    image: AWS_CLI_IMAGE,
    command: ['/bin/sh', '-c', `set -eu\naws s3 sync "$MODEL_STORE_S3_URI" ${ARCHIVE_STORE_PATH} --only-show-errors --delete\ntest -f "${ARCHIVE_STORE_PATH}/$MODEL_ARCHIVE"`],
    env: [
      { name: 'AWS_REGION', value: ctx.options.plan.region },
      { name: 'HOME', value: HOME_PATH },
      { name: 'MODEL_STORE_S3_URI', value: checkpointUri(ctx.options.modelSource) },
      { name: 'MODEL_ARCHIVE', value: `${ctx.modelName}.mar` },
    ],
    resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } },
    volumeMounts: [
      { name: ARCHIVE_VOLUME, mountPath: ARCHIVE_STORE_PATH },
      { name: HOME_VOLUME, mountPath: HOME_PATH },
    ],
    securityContext: torchServeSecurityContext(),
  };
}
