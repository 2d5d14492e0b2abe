/**
 * The vLLM containers: the API server (single-node pod or LeaderWorkerSet leader) and the Ray worker of a
 * multi-node group. Arguments are the plan's, untouched (see serving-args.ts); this file decides only how the
 * process is started, what it may use and how it is probed.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { ServingContext } from './context';
import { EFA_RESOURCE, GPU_RESOURCE, HTTP_PORT, HTTP_PORT_NAME, RAY_PORT } from './labels';
import { HF_CACHE_PATH, HOME_PATH, HOME_VOLUME, isS3Source, MODEL_MOUNT_PATH, MODEL_VOLUME } from './model-source';
import { livenessProbe, readinessProbe, startupProbe } from './probes';
import { restrictedContainerSecurityContext } from './security';
import { VLLM_MULTI_NODE_SCRIPT } from './versions';

export const SHM_VOLUME = 'dshm';
export const TMP_VOLUME = 'tmp';
export const VLLM_CONTAINER_NAME = 'vllm';

/** Seconds the endpoints controller needs to take a terminating pod out of the Service before vLLM stops. */
const PRE_STOP_SLEEP_SECONDS = 15;

export function vllmServerContainer(ctx: ServingContext): IContainer {
  const multiNode = ctx.layout.multiNode;
  return {
    name: VLLM_CONTAINER_NAME,
    image: ctx.image,
    ...(multiNode ? leaderCommand(ctx) : { command: ['vllm', 'serve'] }),
    args: [...ctx.serveArgs],
    env: vllmEnv(ctx),
    ports: [
      { name: HTTP_PORT_NAME, containerPort: HTTP_PORT, protocol: 'TCP' },
      ...(multiNode ? [{ name: 'ray', containerPort: RAY_PORT, protocol: 'TCP' as const }] : []),
    ],
    resources: vllmResources(ctx),
    volumeMounts: vllmVolumeMounts(),
    startupProbe: startupProbe(ctx.budget),
    readinessProbe: readinessProbe(),
    livenessProbe: livenessProbe(),
    lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_SLEEP_SECONDS)] } } },
    securityContext: restrictedContainerSecurityContext(),
  };
}

/**
 * A worker joins the leader's Ray cluster and blocks; vLLM on the leader places its pipeline stage here.
 * It serves no HTTP, so it has no probes: a dead worker fails the leader's engine, and LWS recreates the group.
 */
export function vllmWorkerContainer(ctx: ServingContext): IContainer {
  return {
    name: VLLM_CONTAINER_NAME,
    image: ctx.image,
    command: ['/bin/bash', '-c', `exec bash ${VLLM_MULTI_NODE_SCRIPT} worker --ray_address=$LWS_LEADER_ADDRESS --ray_init_timeout=${rayInitTimeout(ctx)}`],
    env: vllmEnv(ctx),
    ports: [{ name: 'ray', containerPort: RAY_PORT, protocol: 'TCP' }],
    resources: vllmResources(ctx),
    volumeMounts: vllmVolumeMounts(),
    securityContext: restrictedContainerSecurityContext(),
  };
}

/**
 * The leader starts the Ray head and waits until all `LWS_GROUP_SIZE` nodes joined (vLLM's multi-node helper),
 * then execs `vllm serve` with the container's args ("$@"), so the args stay exactly the plan's.
 */
function leaderCommand(ctx: ServingContext): Pick<IContainer, 'command'> {
  const script = `bash ${VLLM_MULTI_NODE_SCRIPT} leader --ray_cluster_size=$LWS_GROUP_SIZE --ray_init_timeout=${rayInitTimeout(ctx)} && exec vllm serve "$@"`;
  return { command: ['/bin/bash', '-c', script, 'vllm-leader'] };
}

/** Workers sync the same checkpoint before joining, so the leader waits as long as a whole start-up may take. */
function rayInitTimeout(ctx: ServingContext): number {
  return ctx.budget.syncSeconds + ctx.budget.startupSeconds;
}

function vllmEnv(ctx: ServingContext): IEnvVar[] {
  const { options, layout } = ctx;
  const env: IEnvVar[] = [
    { name: 'HOME', value: HOME_PATH },
    { name: 'VLLM_NO_USAGE_STATS', value: '1' },
    { name: 'DO_NOT_TRACK', value: '1' },
  ];
  if (isS3Source(options.modelSource)) {
    // Everything is local: no call to the Hub, even for tokenizer files.
    env.push({ name: 'HF_HUB_OFFLINE', value: '1' });
  } else {
    env.push({ name: 'HF_HOME', value: HF_CACHE_PATH });
  }
  if (options.huggingFaceTokenSecret) {
    const { secretName, key } = options.huggingFaceTokenSecret;
    env.push({ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: secretName, key } } });
  }
  if (options.apiKeySecret) {
    // vLLM's OpenAI server requires `Authorization: Bearer $VLLM_API_KEY` on /v1 when the variable is set (vllm/envs.py).
    const { secretName, key } = options.apiKeySecret;
    env.push({ name: 'VLLM_API_KEY', valueFrom: { secretKeyRef: { name: secretName, key } } });
  }
  if (options.tracing) {
    // The OpenTelemetry SDK's own variables (vLLM's OpenTelemetry example sets both): the spans' service name, and a
    // plain-text gRPC channel to the in-cluster collector.
    env.push({ name: 'OTEL_SERVICE_NAME', value: options.tracing.serviceName ?? options.name });
    env.push({ name: 'OTEL_EXPORTER_OTLP_TRACES_INSECURE', value: 'true' });
  }
  if (layout.multiNode) {
    // vLLM's distributed guide: each node must advertise the address the others reach it on.
    env.push({ name: 'VLLM_HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
    if (layout.efaPerPod > 0) env.push({ name: 'FI_PROVIDER', value: 'efa' });
  }
  return env;
}

function vllmResources(ctx: ServingContext): IContainer['resources'] {
  const { layout } = ctx;
  // A MIG plan asks for its slice (device plugin `mixed` strategy names it nvidia.com/mig-<profile>), not a GPU.
  const mig = ctx.options.plan.mig;
  const devices: Record<string, string> = mig ? { [mig.resource]: '1' } : { [GPU_RESOURCE]: String(layout.gpusPerPod) };
  if (layout.efaPerPod > 0) devices[EFA_RESOURCE] = String(layout.efaPerPod);
  return {
    requests: {
      cpu: String(layout.cpuRequest),
      memory: `${layout.memoryRequestGiB}Gi`,
      'ephemeral-storage': `${layout.modelStorageGiB + 10}Gi`,
      ...devices,
    },
    limits: { memory: `${layout.memoryLimitGiB}Gi`, ...devices },
  };
}

function vllmVolumeMounts(): NonNullable<IContainer['volumeMounts']> {
  return [
    { name: MODEL_VOLUME, mountPath: MODEL_MOUNT_PATH },
    { name: SHM_VOLUME, mountPath: '/dev/shm' },
    { name: HOME_VOLUME, mountPath: HOME_PATH },
    { name: TMP_VOLUME, mountPath: '/tmp' },
  ];
}
