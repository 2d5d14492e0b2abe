/**
 * Triton's workload: the ConfigMap of generated model configurations, a Deployment whose pods each own one GPU
 * node, the Service (HTTP, gRPC, metrics) and the PodDisruptionBudget. The autoscaler owns `replicas`.
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { toKubeObject } from '../../kube-object';
import { GPU_TAINT_KEY } from '../../labels';
import type { KubeObject, KubeObjectMeta } from '../../types';
import { ROLLOUT_SURGE_REPLICAS } from '../../vllm-deployment';
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

function nodeSelector(ctx: TritonContext): Record<string, string> {
  const selector: Record<string, string> = { 'node.kubernetes.io/instance-type': ctx.options.plan.instanceType };
  if (ctx.options.capacity !== 'managed-nodegroup') selector['karpenter.sh/nodepool'] = ctx.nodePoolName;
  if (ctx.options.capacity === 'auto-mode') selector['eks.amazonaws.com/compute-type'] = 'auto';
  return selector;
}

export function tritonDeployment(ctx: TritonContext): KubeObject {
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: tritonMetadata(ctx),
    spec: {
      selector: { matchLabels: { ...ctx.selector } },
      // A new replica loads before an old one leaves (one extra GPU node during a rollout, as the cluster sizes for).
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: ROLLOUT_SURGE_REPLICAS, maxUnavailable: 0 } },
      progressDeadlineSeconds: 1800,
      revisionHistoryLimit: 5,
      template: {
        metadata: { labels: { ...ctx.labels } },
        spec: {
          serviceAccountName: ctx.options.serviceAccountName,
          // Triton never calls the Kubernetes API; Pod Identity brings its own credentials.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: TRITON_USER_ID,
            runAsGroup: TRITON_USER_ID,
            fsGroup: TRITON_USER_ID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          initContainers: [repositorySyncInitContainer(ctx)],
          containers: [tritonServerContainer(ctx)],
          volumes: volumes(ctx),
          nodeSelector: nodeSelector(ctx),
          tolerations: [{ key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }],
          terminationGracePeriodSeconds: PRE_STOP_SLEEP_SECONDS + TRITON_EXIT_TIMEOUT_SECONDS + 10,
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...ctx.selector } } },
          ],
        },
      },
    },
  };
  return toKubeObject(deployment);
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
