/**
 * A contract container's workload: the Deployment (an init container syncs the model from S3 into `MODEL_DIR` with
 * the service account's least-privilege role, then the user's image serves it), its Service and PodDisruptionBudget.
 * Probes, port and metrics come from the contract; the autoscaler owns `replicas`.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IService } from 'kubernetes-models/v1/Service';
import { API_KEY_ENV, MODEL_DIR_ENV } from '../../../spec/container-contract';
import { toKubeObject } from '../../kube-object';
import { checkpointUri } from '../../model-source';
import type { KubeObject } from '../../types';
import { AWS_CLI_IMAGE } from '../../versions';
import { modelServerDeployment, modelServerGpuResources } from '../model-server-workload';
import { CONTAINER_USER_ID, containerMetadata, DRAIN_SECONDS, PRE_STOP_SLEEP_SECONDS, type ContainerContext } from './context';

export const MODEL_VOLUME = 'model';
/** Where the model is synced; the service reads it from `$MODEL_DIR`. */
export const MODEL_PATH = '/models/model';
const HOME_VOLUME = 'home';
const HOME_PATH = '/home/app';
const TMP_VOLUME = 'tmp';

function securityContext(): ISecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: CONTAINER_USER_ID,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The environment of the service: the contract's own variables, then the platform's (which win). */
export function serviceEnv(ctx: ContainerContext): IEnvVar[] {
  const env: IEnvVar[] = Object.entries(ctx.contract.env).map(([name, value]) => ({ name, value }));
  env.push({ name: MODEL_DIR_ENV, value: MODEL_PATH }, { name: 'HOME', value: HOME_PATH });
  const secret = ctx.options.apiKeySecret;
  // Only a service that declares the bearer check gets the key (containerContext refuses the other case).
  if (secret !== undefined && ctx.contract.checksBearerApiKey) {
    env.push({ name: API_KEY_ENV, valueFrom: { secretKeyRef: { name: secret.secretName, key: secret.key } } });
  }
  return env;
}

export function serviceContainer(ctx: ContainerContext): IContainer {
  const c = ctx.contract;
  const plan = ctx.options.plan;
  const gpus = modelServerGpuResources(plan);
  return {
    name: ctx.options.runtime,
    image: c.image,
    ...(c.args !== undefined && { args: [...c.args] }),
    env: serviceEnv(ctx),
    ports: [{ name: 'http', containerPort: c.port, protocol: 'TCP' }],
    resources: {
      requests: { cpu: String(plan.cpuRequest), memory: `${plan.memoryRequestGiB}Gi`, ...gpus },
      limits: { memory: `${plan.memoryLimitGiB}Gi`, ...gpus },
    },
    startupProbe: { httpGet: { path: c.readinessPath, port: 'http' }, periodSeconds: 10, failureThreshold: 60, timeoutSeconds: 5 },
    readinessProbe: { httpGet: { path: c.readinessPath, port: 'http' }, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 5 },
    livenessProbe: { httpGet: { path: c.healthPath, port: 'http' }, periodSeconds: 15, failureThreshold: 4, timeoutSeconds: 5 },
    lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SLEEP_SECONDS } } },
    volumeMounts: [
      { name: MODEL_VOLUME, mountPath: MODEL_PATH, readOnly: true },
      { name: HOME_VOLUME, mountPath: HOME_PATH },
      { name: TMP_VOLUME, mountPath: '/tmp' },
    ],
    securityContext: securityContext(),
  };
}

/** Syncs the model prefix from S3 with the Pod Identity role; the URI travels as an env var (no shell parsing). */
export function modelSyncInitContainer(ctx: ContainerContext): IContainer {
  return {
    name: 'sync-model',
    image: AWS_CLI_IMAGE,
    command: ['/bin/sh', '-c', `set -eu\naws s3 sync "$MODEL_S3_URI" ${MODEL_PATH} --only-show-errors --delete`],
    env: [
      { name: 'AWS_REGION', value: ctx.options.plan.region },
      { name: 'HOME', value: HOME_PATH },
      { name: 'MODEL_S3_URI', value: checkpointUri(ctx.options.modelSource) },
    ],
    resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } },
    volumeMounts: [{ name: MODEL_VOLUME, mountPath: MODEL_PATH }, { name: HOME_VOLUME, mountPath: HOME_PATH }],
    securityContext: securityContext(),
  };
}


export function containerDeployment(ctx: ContainerContext): KubeObject {
  return modelServerDeployment(ctx, {
    metadata: containerMetadata(ctx),
    userId: CONTAINER_USER_ID,
    initContainers: [modelSyncInitContainer(ctx)],
    containers: [serviceContainer(ctx)],
    volumes: [
            { name: MODEL_VOLUME, emptyDir: { sizeLimit: `${ctx.options.plan.modelStorageGiB}Gi` } },
            { name: HOME_VOLUME, emptyDir: { sizeLimit: '5Gi' } },
            { name: TMP_VOLUME, emptyDir: { sizeLimit: '5Gi' } },
          ],
    terminationGracePeriodSeconds: PRE_STOP_SLEEP_SECONDS + DRAIN_SECONDS + 10,
  });
}

/** One port: the API, health and metrics share it (BentoML and the FastAPI example serve /metrics there). */
export function containerService(ctx: ContainerContext): KubeObject {
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: containerMetadata(ctx),
    spec: { type: 'ClusterIP', selector: { ...ctx.selector }, ports: [{ name: 'http', port: ctx.contract.port, targetPort: 'http', protocol: 'TCP' }] },
  };
  return toKubeObject(service);
}

export function containerDisruptionBudget(ctx: ContainerContext): KubeObject {
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: containerMetadata(ctx),
    spec: { maxUnavailable: 1, selector: { matchLabels: { ...ctx.selector } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  };
  return toKubeObject(pdb);
}
