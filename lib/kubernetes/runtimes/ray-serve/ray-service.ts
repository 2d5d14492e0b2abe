/**
 * The RayService (ray.io/v1, KubeRay v1.7.0): a Ray cluster (CPU head, GPU worker group) plus the Serve config
 * KubeRay submits to it. KubeRay owns what follows from it: the RayCluster, the head Service and the serve Service
 * (named `<name>` here through `serveService`, selecting the pods whose Serve proxy is healthy), the autoscaler
 * sidecar and its RBAC, and the probes of the Ray containers (raylet and GCS health; a worker is Ready only when its
 * Serve proxy answers `/-/healthz`).
 *
 * Upgrades: `NewCluster` (KubeRay "RayService zero-downtime upgrade", read 2026-12-03): a change of
 * `rayClusterConfig` starts a whole second RayCluster, waits until its Serve applications are RUNNING, switches the
 * serve Service to it and deletes the old one after `rayClusterDeletionDelaySeconds`. The new cluster starts with the
 * worker group's `replicas` (Serve's `min_replicas` × pods per replica): that is the GPU surge an upgrade needs on top
 * of the running cluster, which the runtime declares (`updateSurgeReplicas`) and the GPU node pools hold (lib/eks/sizing.ts). A change of `serveConfigV2` only
 * is applied in place by Serve, replica by replica.
 */
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import { commonLabels } from '../../labels';
import type { KubeObject, KubeObjectMeta } from '../../types';
import { rayContainerSecurityContext, rayHeadTemplate, rayWorkerTemplate } from './pod-templates';
import { rayServeConfig } from './serve-config';
import { rayServeServiceName } from './auth-proxy';
import { RAY_SERVE_PORT, RAY_SERVE_PORT_NAME, RAY_VERSION } from './versions';

/** The Ray worker group of the GPU pods. */
export const RAY_WORKER_GROUP = 'gpu';
/** Seconds KubeRay keeps the old cluster after switching traffic (its default, 60, made explicit). */
const CLUSTER_DELETION_DELAY_SECONDS = 60;
/** Seconds an idle worker stays before the Ray autoscaler removes it: long enough to absorb a short traffic dip. */
const WORKER_IDLE_TIMEOUT_SECONDS = 300;

interface IWorkerGroupSpec {
  readonly groupName: string;
  readonly replicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly numOfHosts: number;
  readonly rayStartParams: Readonly<Record<string, string>>;
  readonly template: IPodTemplateSpec;
}

/** The fields of ray.io/v1 RayService we set (validated against the v1.7.0 CRD schema). */
export interface IRayService {
  readonly apiVersion: 'ray.io/v1';
  readonly kind: 'RayService';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly serveConfigV2: string;
    readonly upgradeStrategy: { readonly type: 'NewCluster' | 'None' };
    readonly rayClusterDeletionDelaySeconds: number;
    readonly excludeHeadPodFromServeSvc: boolean;
    readonly serveService: {
      readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
      readonly spec: { readonly ports: readonly { readonly name: string; readonly port: number; readonly targetPort: number; readonly protocol: 'TCP' }[] };
    };
    readonly rayClusterConfig: {
      readonly rayVersion: string;
      readonly enableInTreeAutoscaling: boolean;
      readonly autoscalerOptions: Record<string, unknown>;
      readonly headGroupSpec: { readonly rayStartParams: Readonly<Record<string, string>>; readonly template: IPodTemplateSpec };
      readonly workerGroupSpecs: readonly IWorkerGroupSpec[];
    };
  };
}

/** Worker pods of the group: Serve replicas × pods per replica (a replica spanning nodes takes `plan.nodes` pods). */
export function workerPodBounds(ctx: ServingContext): { readonly min: number; readonly max: number } {
  const perReplica = ctx.layout.podsPerReplica;
  return { min: ctx.autoscaling.minReplicas * perReplica, max: ctx.autoscaling.maxReplicas * perReplica };
}

export function rayService(ctx: ServingContext): KubeObject {
  const bounds = workerPodBounds(ctx);
  const service: IRayService = {
    apiVersion: 'ray.io/v1',
    kind: 'RayService',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      serveConfigV2: rayServeConfig(ctx),
      upgradeStrategy: { type: 'NewCluster' },
      rayClusterDeletionDelaySeconds: CLUSTER_DELETION_DELAY_SECONDS,
      // The head runs no replica (num-cpus 0): only GPU workers answer requests.
      excludeHeadPodFromServeSvc: true,
      serveService: {
        // Behind the auth proxy when there is an API key (auth-proxy.ts).
        metadata: { name: rayServeServiceName(ctx), labels: commonLabels(ctx.name, ctx.imageTag) },
        spec: { ports: [{ name: RAY_SERVE_PORT_NAME, port: RAY_SERVE_PORT, targetPort: RAY_SERVE_PORT, protocol: 'TCP' }] },
      },
      rayClusterConfig: {
        rayVersion: RAY_VERSION,
        enableInTreeAutoscaling: true,
        autoscalerOptions: {
          upscalingMode: 'Default',
          idleTimeoutSeconds: WORKER_IDLE_TIMEOUT_SECONDS,
          resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } },
          securityContext: rayContainerSecurityContext(),
        },
        headGroupSpec: {
          // Serve replicas and the OpenAI ingress never land on the head.
          rayStartParams: { 'num-cpus': '0', 'num-gpus': '0', 'dashboard-host': '0.0.0.0' },
          template: rayHeadTemplate(ctx, ctx.image),
        },
        workerGroupSpecs: [
          {
            groupName: RAY_WORKER_GROUP,
            replicas: bounds.min,
            minReplicas: bounds.min,
            maxReplicas: bounds.max,
            numOfHosts: 1,
            rayStartParams: {},
            template: rayWorkerTemplate(ctx, ctx.image),
          },
        ],
      },
    },
  };
  return toKubeObject(service);
}
