/**
 * The Deployment every classic model server (Triton, TorchServe, TF Serving, BentoML and custom containers) runs in:
 * one pod per GPU node of the plan's instance type, a rolling update that surges one replica before an old one
 * leaves (the cluster sizes for it), zone spread, the restricted pod security context under the image's own user.
 * Each runtime gives only what differs: its containers, volumes, user and drain time.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { toKubeObject } from '../kube-object';
import { GPU_RESOURCE, GPU_TAINT_KEY } from '../labels';
import type { KubeObject, KubeObjectMeta } from '../types';
import { ROLLOUT_SURGE_REPLICAS } from '../vllm-deployment';

/** What a classic model server's context provides to place its pods. */
export interface ModelServerPlacement {
  readonly options: {
    readonly plan: { readonly instanceType: string; readonly gpusPerPod: number };
    readonly capacity: 'karpenter' | 'auto-mode' | 'managed-nodegroup';
    readonly serviceAccountName: string;
  };
  readonly nodePoolName: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ModelServerDeploymentParts {
  readonly metadata: KubeObjectMeta;
  /** UID and GID the image runs as (non-root). */
  readonly userId: number;
  readonly initContainers: readonly IContainer[];
  readonly containers: readonly IContainer[];
  readonly volumes: readonly IVolume[];
  /** Pre-stop pause + the server's drain + a margin, seconds. */
  readonly terminationGracePeriodSeconds: number;
}

/**
 * The `nvidia.com/gpu` request and limit of a model server's container: every GPU of the node, or nothing on a CPU
 * plan (`gpusPerPod: 0`), so the pod never asks the device plugin for a GPU it does not use.
 */
export function modelServerGpuResources(plan: { readonly gpusPerPod: number }): Record<string, string> {
  return plan.gpusPerPod > 0 ? { [GPU_RESOURCE]: String(plan.gpusPerPod) } : {};
}

/** Pins pods to the plan's instance type and, with Karpenter or Auto Mode, to the deployment's NodePool. */
export function modelServerNodeSelector(ctx: Pick<ModelServerPlacement, 'options' | 'nodePoolName'>): Record<string, string> {
  const selector: Record<string, string> = { 'node.kubernetes.io/instance-type': ctx.options.plan.instanceType };
  if (ctx.options.capacity !== 'managed-nodegroup') selector['karpenter.sh/nodepool'] = ctx.nodePoolName;
  if (ctx.options.capacity === 'auto-mode') selector['eks.amazonaws.com/compute-type'] = 'auto';
  return selector;
}

export function modelServerDeployment(ctx: ModelServerPlacement, parts: ModelServerDeploymentParts): KubeObject {
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: parts.metadata,
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
          // Model servers never call the Kubernetes API; Pod Identity brings its own credentials.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: parts.userId, runAsGroup: parts.userId, fsGroup: parts.userId, seccompProfile: { type: 'RuntimeDefault' } },
          initContainers: [...parts.initContainers],
          containers: [...parts.containers],
          volumes: [...parts.volumes],
          nodeSelector: modelServerNodeSelector(ctx),
          // GPU nodes are tainted; a CPU plan's pods carry no toleration, so they never land on (or keep awake) a GPU node.
          ...(ctx.options.plan.gpusPerPod > 0 && { tolerations: [{ key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }] }),
          terminationGracePeriodSeconds: parts.terminationGracePeriodSeconds,
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...ctx.selector } } },
          ],
        },
      },
    },
  };
  return toKubeObject(deployment);
}
