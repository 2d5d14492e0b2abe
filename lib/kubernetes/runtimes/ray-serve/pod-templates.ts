/**
 * The pods of the Ray cluster behind a RayService: a CPU-only head (GCS, dashboard, Serve controller, the
 * autoscaler sidecar KubeRay adds) on the system nodes, and GPU workers on the deployment's GPU node pool, each
 * holding the plan's GPUs and a local copy of the weights. The worker pod is the vLLM pod template
 * (`servingPodTemplate`: volumes, weight sync init container, Pod Identity service account, GPU node selector and
 * toleration) run as the Ray image's user.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { ServingContext } from '../../context';
import { commonLabels, EFA_RESOURCE, GPU_RESOURCE, instanceSelector } from '../../labels';
import { HF_CACHE_PATH, isS3Source, MODEL_MOUNT_PATH, MODEL_VOLUME } from '../../model-source';
import { servingPodTemplate } from '../../pod-template';
import { SHM_VOLUME, TMP_VOLUME } from '../../vllm-container';
import {
  RAY_CLIENT_PORT,
  RAY_DASHBOARD_PORT,
  RAY_GCS_PORT,
  RAY_IMAGE_GROUP_ID,
  RAY_IMAGE_USER_ID,
  RAY_METRICS_PORT,
  RAY_METRICS_PORT_NAME,
  RAY_SERVE_PORT,
  RAY_SERVE_PORT_NAME,
} from './versions';

/** Head resources: KubeRay's LLM sample gives the head 2 CPUs and 4-5 GiB; Serve's controller and the dashboard live here. */
const HEAD_CPU = '2';
const HEAD_MEMORY = '8Gi';

/** `app.kubernetes.io/component` of the head and worker pods. */
export const RAY_HEAD_COMPONENT = 'ray-head';
export const RAY_WORKER_COMPONENT = 'worker';

/** Labels selecting the GPU worker pods of the deployment (every RayCluster a NewCluster upgrade creates). */
export function rayWorkerSelector(name: string): Record<string, string> {
  return { ...instanceSelector(name), 'app.kubernetes.io/component': RAY_WORKER_COMPONENT };
}

/**
 * Restricted Pod Security, as the Ray image's user. The root filesystem stays writable: the image keeps its Python
 * environment and Ray's caches under `$HOME` (/home/ray); the restricted profile does not require a read-only root.
 */
export function rayPodSecurityContext(): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: RAY_IMAGE_USER_ID,
    runAsGroup: RAY_IMAGE_GROUP_ID,
    fsGroup: RAY_IMAGE_GROUP_ID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function rayContainerSecurityContext(): ISecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: RAY_IMAGE_USER_ID,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The head: no GPU and no Serve replica (`num-cpus: 0`), so it fits a system node and never holds model weights. */
export function rayHeadTemplate(ctx: ServingContext, image: string): IPodTemplateSpec {
  const container: IContainer = {
    name: 'ray-head',
    image,
    env: [{ name: 'RAY_USAGE_STATS_ENABLED', value: '0' }],
    ports: [
      { name: 'gcs-server', containerPort: RAY_GCS_PORT, protocol: 'TCP' },
      { name: 'dashboard', containerPort: RAY_DASHBOARD_PORT, protocol: 'TCP' },
      { name: 'client', containerPort: RAY_CLIENT_PORT, protocol: 'TCP' },
      { name: RAY_SERVE_PORT_NAME, containerPort: RAY_SERVE_PORT, protocol: 'TCP' },
      { name: RAY_METRICS_PORT_NAME, containerPort: RAY_METRICS_PORT, protocol: 'TCP' },
    ],
    resources: { requests: { cpu: HEAD_CPU, memory: HEAD_MEMORY }, limits: { memory: HEAD_MEMORY } },
    volumeMounts: [{ name: TMP_VOLUME, mountPath: '/tmp' }],
    securityContext: rayContainerSecurityContext(),
  };
  return {
    metadata: { labels: { ...commonLabels(ctx.name, ctx.imageTag), 'app.kubernetes.io/component': RAY_HEAD_COMPONENT } },
    spec: {
      // No serviceAccountName: KubeRay creates the autoscaler's ServiceAccount and Role for each RayCluster it makes,
      // which a NewCluster upgrade needs (kuberay raycluster_controller.go reconcileAutoscalerServiceAccount, v1.7.0).
      enableServiceLinks: false,
      securityContext: rayPodSecurityContext(),
      containers: [container],
      volumes: [{ name: TMP_VOLUME, emptyDir: { sizeLimit: '10Gi' } }],
    },
  };
}

/** A GPU worker: the plan's GPUs, the weights synced from S3 by the init container, Ray joined to the head. */
export function rayWorkerTemplate(ctx: ServingContext, image: string): IPodTemplateSpec {
  const container: IContainer = {
    name: 'ray-worker',
    image,
    env: workerEnv(ctx),
    ports: [
      { name: RAY_SERVE_PORT_NAME, containerPort: RAY_SERVE_PORT, protocol: 'TCP' },
      { name: RAY_METRICS_PORT_NAME, containerPort: RAY_METRICS_PORT, protocol: 'TCP' },
    ],
    resources: workerResources(ctx),
    volumeMounts: [
      { name: MODEL_VOLUME, mountPath: MODEL_MOUNT_PATH },
      { name: SHM_VOLUME, mountPath: '/dev/shm' },
      { name: TMP_VOLUME, mountPath: '/tmp' },
    ],
    // Leave the cluster cleanly on scale-down or drain, so Serve moves the replica before the pod goes.
    lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'ray stop'] } } },
    securityContext: rayContainerSecurityContext(),
  };
  const base = servingPodTemplate(ctx, 'worker', container);
  const spec = { ...base.spec! };
  // The LeaderWorkerSet group affinity of the vLLM template does not apply: Ray places a replica's GPUs itself.
  delete spec.affinity;
  return {
    metadata: base.metadata,
    spec: {
      ...spec,
      securityContext: rayPodSecurityContext(),
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: rayWorkerSelector(ctx.name) } },
      ],
    },
  };
}

function workerEnv(ctx: ServingContext): IEnvVar[] {
  const { options } = ctx;
  const env: IEnvVar[] = [
    { name: 'RAY_USAGE_STATS_ENABLED', value: '0' },
    { name: 'VLLM_NO_USAGE_STATS', value: '1' },
    { name: 'DO_NOT_TRACK', value: '1' },
  ];
  // Everything is local when the weights come from S3: no call to the Hub, even for tokenizer files.
  env.push(isS3Source(options.modelSource) ? { name: 'HF_HUB_OFFLINE', value: '1' } : { name: 'HF_HOME', value: HF_CACHE_PATH });
  if (options.huggingFaceTokenSecret) {
    const { secretName, key } = options.huggingFaceTokenSecret;
    env.push({ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: secretName, key } } });
  }
  return env;
}

function workerResources(ctx: ServingContext): IContainer['resources'] {
  const { layout } = ctx;
  const devices: Record<string, string> = { [GPU_RESOURCE]: String(layout.gpusPerPod) };
  if (layout.efaPerPod > 0) devices[EFA_RESOURCE] = String(layout.efaPerPod);
  return {
    requests: { cpu: String(layout.cpuRequest), memory: `${layout.memoryRequestGiB}Gi`, 'ephemeral-storage': `${layout.modelStorageGiB + 10}Gi`, ...devices },
    limits: { memory: `${layout.memoryLimitGiB}Gi`, ...devices },
  };
}
