/**
 * TorchServe's workload: the generated `config.properties` (a ConfigMap), a Deployment whose pods each own one GPU
 * node (TorchServe plus its authenticating proxy), the Service (HTTP through the proxy, metrics; never the management
 * port) and the PodDisruptionBudget. The autoscaler owns `replicas`.
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import { toKubeObject } from '../../kube-object';
import type { KubeObject, KubeObjectMeta } from '../../types';
import { modelServerDeployment } from '../model-server-workload';
import { authProxyContainer, authProxyVolumes, type AuthProxyOptions } from '../auth-proxy';
import { torchServeConfigProperties } from './config';
import { PRE_STOP_SLEEP_SECONDS, TORCHSERVE_DRAIN_SECONDS, type TorchServeContext } from './context';
import { archiveSyncInitContainer, torchServeContainer } from './container';
import { ARCHIVE_VOLUME, CONFIG_VOLUME, HOME_VOLUME, SHM_VOLUME, TMP_VOLUME } from './paths';
import { TORCHSERVE_INFERENCE_PORT, TORCHSERVE_METRICS_PORT, TORCHSERVE_PING_PATH, TORCHSERVE_PROXY_PORT, TORCHSERVE_USER_ID } from './versions';

export function torchServeMetadata(ctx: TorchServeContext, name = ctx.name): KubeObjectMeta {
  return { name, namespace: ctx.namespace, labels: { ...ctx.labels } };
}

export function configMapName(ctx: TorchServeContext): string {
  return `${ctx.name}-torchserve-config`;
}

/** The proxy in front of TorchServe's inference API (lib/kubernetes/runtimes/auth-proxy.ts). */
export function torchServeAuthProxy(ctx: TorchServeContext): AuthProxyOptions {
  return {
    name: ctx.name,
    metadata: torchServeMetadata(ctx),
    listenPort: TORCHSERVE_PROXY_PORT,
    upstreamPort: TORCHSERVE_INFERENCE_PORT,
    openPaths: [TORCHSERVE_PING_PATH],
    apiKeySecret: ctx.options.apiKeySecret!,
  };
}

export function torchServeConfigMap(ctx: TorchServeContext): KubeObject {
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: torchServeMetadata(ctx, configMapName(ctx)),
    data: { 'config.properties': torchServeConfigProperties(ctx) },
  };
  return toKubeObject(configMap);
}


export function torchServeDeployment(ctx: TorchServeContext): KubeObject {
  return modelServerDeployment(ctx, {
    metadata: torchServeMetadata(ctx),
    userId: TORCHSERVE_USER_ID,
    initContainers: [archiveSyncInitContainer(ctx)],
    containers: [torchServeContainer(ctx), authProxyContainer(torchServeAuthProxy(ctx), PRE_STOP_SLEEP_SECONDS)],
    volumes: [
            { name: ARCHIVE_VOLUME, emptyDir: { sizeLimit: `${ctx.options.plan.modelStorageGiB}Gi` } },
            { name: CONFIG_VOLUME, configMap: { name: configMapName(ctx) } },
            // Handlers that use DataLoader workers exchange tensors through shared memory.
            { name: SHM_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } },
            { name: HOME_VOLUME, emptyDir: { sizeLimit: '10Gi' } },
            { name: TMP_VOLUME, emptyDir: { sizeLimit: '5Gi' } },
            ...authProxyVolumes(torchServeAuthProxy(ctx)),
          ],
    terminationGracePeriodSeconds: PRE_STOP_SLEEP_SECONDS + TORCHSERVE_DRAIN_SECONDS + 10,
  });
}

/** HTTP through the proxy and metrics; the management port (8081) is not a port of the Service, nor of the pod. */
export function torchServeService(ctx: TorchServeContext): KubeObject {
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: torchServeMetadata(ctx),
    spec: {
      type: 'ClusterIP',
      selector: { ...ctx.selector },
      ports: [
        { name: 'http', port: TORCHSERVE_PROXY_PORT, targetPort: 'http', protocol: 'TCP' },
        { name: 'metrics', port: TORCHSERVE_METRICS_PORT, targetPort: 'metrics', protocol: 'TCP' },
      ],
    },
  };
  return toKubeObject(service);
}

/** Drains take pods one at a time; a pod still loading its model may always go. */
export function torchServeDisruptionBudget(ctx: TorchServeContext): KubeObject {
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: torchServeMetadata(ctx),
    spec: { maxUnavailable: 1, selector: { matchLabels: { ...ctx.selector } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  };
  return toKubeObject(pdb);
}
