/**
 * Triton's workload: the ConfigMap of generated model configurations, a Deployment whose pods each own one GPU
 * node, the Service (HTTP, gRPC, metrics) and the PodDisruptionBudget. The autoscaler owns `replicas`.
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { toKubeObject } from '../../kube-object';
import type { KubeObject, KubeObjectMeta } from '../../types';
import { modelServerDeployment } from '../model-server-workload';
import { tritonConfigPbtxt } from './model-config';
import { PRE_STOP_SLEEP_SECONDS, TRITON_EXIT_TIMEOUT_SECONDS, type TritonContext } from './context';
import {
  CONFIG_VOLUME,
  configMapKey,
  HOME_VOLUME,
  REPOSITORY_VOLUME,
  repositorySyncInitContainer,
  SHM_VOLUME,
  TMP_VOLUME,
  tritonServerContainer,
} from './container';
import { TRITON_GRPC_PORT, TRITON_HTTP_PORT, TRITON_METRICS_PORT, TRITON_USER_ID } from './versions';

export function tritonMetadata(ctx: TritonContext, name = ctx.name): KubeObjectMeta {
  return { name, namespace: ctx.namespace, labels: { ...ctx.labels } };
}

export function configMapName(ctx: TritonContext): string {
  return `${ctx.name}-model-configs`;
}

/** The generated `config.pbtxt` of every model; absent when Triton auto-completes the configurations. */
export function tritonConfigMap(ctx: TritonContext): KubeObject | undefined {
  if (ctx.configs.length === 0) return undefined;
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: tritonMetadata(ctx, configMapName(ctx)),
    data: Object.fromEntries(ctx.configs.map((c) => [configMapKey(c.name), tritonConfigPbtxt(c)])),
  };
  return toKubeObject(configMap);
}

function volumes(ctx: TritonContext): IVolume[] {
  return [
    // On nodes with instance store the emptyDir lives on the NVMe RAID0 (EC2NodeClass instanceStorePolicy).
    { name: REPOSITORY_VOLUME, emptyDir: { sizeLimit: `${ctx.options.plan.modelStorageGiB}Gi` } },
    // Python backend models exchange tensors with their stub process through shared memory.
    { name: SHM_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } },
    { name: HOME_VOLUME, emptyDir: { sizeLimit: '5Gi' } },
    { name: TMP_VOLUME, emptyDir: { sizeLimit: '5Gi' } },
    ...(ctx.configs.length > 0 ? [{ name: CONFIG_VOLUME, configMap: { name: configMapName(ctx) } }] : []),
  ];
}


export function tritonDeployment(ctx: TritonContext): KubeObject {
  return modelServerDeployment(ctx, {
    metadata: tritonMetadata(ctx),
    userId: TRITON_USER_ID,
    initContainers: [repositorySyncInitContainer(ctx)],
    containers: [tritonServerContainer(ctx)],
    volumes: volumes(ctx),
    terminationGracePeriodSeconds: PRE_STOP_SLEEP_SECONDS + TRITON_EXIT_TIMEOUT_SECONDS + 10,
  });
}

export function tritonService(ctx: TritonContext): KubeObject {
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: tritonMetadata(ctx),
    spec: {
      type: 'ClusterIP',
      selector: { ...ctx.selector },
      ports: [
        { name: 'http', port: TRITON_HTTP_PORT, targetPort: 'http', protocol: 'TCP' },
        { name: 'grpc', port: TRITON_GRPC_PORT, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
        { name: 'metrics', port: TRITON_METRICS_PORT, targetPort: 'metrics', protocol: 'TCP' },
      ],
    },
  };
  return toKubeObject(service);
}

/** Drains take pods one at a time; a pod still loading its models may always go. */
export function tritonDisruptionBudget(ctx: TritonContext): KubeObject {
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: tritonMetadata(ctx),
    spec: { maxUnavailable: 1, selector: { matchLabels: { ...ctx.selector } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  };
  return toKubeObject(pdb);
}
