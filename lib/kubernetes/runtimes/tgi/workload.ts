/**
 * The TGI server: its container (launcher flags from the plan, real probes, drain on SIGTERM), the Deployment
 * that runs one per GPU node, and the namespace whose Pod Security level the official image can meet.
 *
 * TGI's routes (router/src/server.rs, v3.3.7): the router binds its port only after every shard loaded the
 * weights and warmed up, so `/health` (which also checks the shards) answers only for a loaded model: it is the
 * startup, readiness and liveness probe. `/metrics` is served on the same port (and on `--prometheus-port`
 * 9000, unused here). On SIGTERM the launcher stops the router, which stops accepting and finishes in-flight
 * requests (axum graceful shutdown) for up to `--graceful-termination-timeout` seconds.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import { GPU_RESOURCE, HTTP_PORT, HTTP_PORT_NAME, serverSelector } from '../../labels';
import { HF_CACHE_PATH, HOME_PATH, HOME_VOLUME, isS3Source, MODEL_MOUNT_PATH, MODEL_VOLUME } from '../../model-source';
import { servingPodTemplate } from '../../pod-template';
import type { KubeObject } from '../../types';
import { SHM_VOLUME, TMP_VOLUME } from '../../vllm-container';
import { ROLLOUT_SURGE_REPLICAS } from '../../vllm-deployment';
import { rolloutDeadlineSeconds, workloadMetadata } from '../../workload-metadata';
import { MANAGED_BY } from '../../versions';
import { TGI_IMAGE_NEEDS_ROOT_UID } from './versions';

export const TGI_CONTAINER_NAME = 'tgi';
/** The route that answers only once the shards hold the model (router/src/server.rs: `.route("/health", get(health))`). */
export const TGI_HEALTH_PATH = '/health';
/** Seconds the endpoints controller needs to take a terminating pod out of the Service before TGI stops. */
const PRE_STOP_SLEEP_SECONDS = 15;

export function tgiServerContainer(ctx: ServingContext): IContainer {
  const { layout } = ctx;
  const gpus = { [GPU_RESOURCE]: String(layout.gpusPerPod) };
  return {
    name: TGI_CONTAINER_NAME,
    image: ctx.image,
    // The image's entrypoint (/tgi-entrypoint.sh) activates the venv and execs text-generation-launcher "$@".
    args: [...ctx.serveArgs],
    env: tgiEnv(ctx),
    ports: [{ name: HTTP_PORT_NAME, containerPort: HTTP_PORT, protocol: 'TCP' }],
    resources: {
      requests: { cpu: String(layout.cpuRequest), memory: `${layout.memoryRequestGiB}Gi`, 'ephemeral-storage': `${layout.modelStorageGiB + 10}Gi`, ...gpus },
      limits: { memory: `${layout.memoryLimitGiB}Gi`, ...gpus },
    },
    volumeMounts: [
      { name: MODEL_VOLUME, mountPath: MODEL_MOUNT_PATH },
      // NCCL between the shards of one pod (`--num-shard` > 1) needs a large /dev/shm.
      { name: SHM_VOLUME, mountPath: '/dev/shm' },
      { name: HOME_VOLUME, mountPath: HOME_PATH },
      // The shards' unix sockets (`--shard-uds-path`, default /tmp/text-generation-server).
      { name: TMP_VOLUME, mountPath: '/tmp' },
    ],
    startupProbe: probe(ctx.budget.periodSeconds, ctx.budget.failureThreshold, 5),
    readinessProbe: probe(5, 3, 3),
    // A minute of failures, not one slow answer under load, restarts the server.
    livenessProbe: probe(10, 6, 5),
    lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_SLEEP_SECONDS)] } } },
    securityContext: tgiContainerSecurityContext(),
  };
}

function probe(periodSeconds: number, failureThreshold: number, timeoutSeconds: number): IProbe {
  return { httpGet: { path: TGI_HEALTH_PATH, port: HTTP_PORT_NAME }, periodSeconds, failureThreshold, timeoutSeconds };
}

function tgiEnv(ctx: ServingContext): IEnvVar[] {
  const { options } = ctx;
  const env: IEnvVar[] = [
    // The root filesystem is read-only: caches (torch, triton) go to the home emptyDir, the Hub cache (the
    // image's HF_HOME is /data) to the model volume.
    { name: 'HOME', value: HOME_PATH },
    { name: 'HF_HOME', value: HF_CACHE_PATH },
  ];
  // Everything is local: no call to the Hub, even for tokenizer files.
  if (isS3Source(options.modelSource)) env.push({ name: 'HF_HUB_OFFLINE', value: '1' });
  if (options.huggingFaceTokenSecret) {
    // docs/source/basic_tutorials/gated_model_access.md: "set the `HF_TOKEN` environment variable".
    const { secretName, key } = options.huggingFaceTokenSecret;
    env.push({ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: secretName, key } } });
  }
  if (options.apiKeySecret) {
    // `--api-key` / `API_KEY` (launcher.md): the router then answers 401 without `Authorization: Bearer <key>` on
    // /generate, /v1/chat/completions, /v1/completions...; /health, /info and /metrics stay open (server.rs).
    const { secretName, key } = options.apiKeySecret;
    env.push({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: secretName, key } } });
  }
  return env;
}

/**
 * Everything `restricted` asks except a non-root UID, which the official image cannot start with (see
 * TGI_IMAGE_NEEDS_ROOT_UID): UID 0 with no capability at all, no privilege escalation, a read-only root filesystem.
 */
export function tgiContainerSecurityContext(): ISecurityContext {
  return {
    ...(TGI_IMAGE_NEEDS_ROOT_UID ? { runAsNonRoot: false, runAsUser: 0, runAsGroup: 0 } : { runAsNonRoot: true }),
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * The serving namespace: Pod Security `baseline` enforced (the root UID of the official image is its only gap
 * to `restricted`), `restricted` audited and warned so that the gap stays visible.
 */
export function tgiNamespace(ctx: ServingContext): KubeObject {
  const enforce = TGI_IMAGE_NEEDS_ROOT_UID ? 'baseline' : 'restricted';
  const labels: Record<string, string> = {
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'pod-security.kubernetes.io/enforce': enforce,
    'pod-security.kubernetes.io/enforce-version': 'latest',
  };
  for (const mode of ['audit', 'warn']) {
    labels[`pod-security.kubernetes.io/${mode}`] = 'restricted';
    labels[`pod-security.kubernetes.io/${mode}-version`] = 'latest';
  }
  const namespace: INamespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ctx.namespace, labels } };
  return toKubeObject(namespace);
}

/** One TGI pod per GPU node; the autoscaler owns `replicas`. A new replica loads before an old one leaves. */
export function tgiDeployment(ctx: ServingContext): KubeObject {
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: workloadMetadata(ctx),
    spec: {
      selector: { matchLabels: serverSelector(ctx.name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: ROLLOUT_SURGE_REPLICAS, maxUnavailable: 0 } },
      progressDeadlineSeconds: rolloutDeadlineSeconds(ctx),
      revisionHistoryLimit: 5,
      template: servingPodTemplate(ctx, 'server', tgiServerContainer(ctx)),
    },
  };
  return toKubeObject(deployment);
}
