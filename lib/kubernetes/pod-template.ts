/**
 * The pod template shared by the Deployment and both LeaderWorkerSet templates: volumes, GPU scheduling
 * (tolerations, node selectors, zone spread), identity and the restricted security context.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { plannedInstanceTypes } from '../plan/gpu-capacity-plan';
import type { ServingContext } from './context';
import type { GpuPlacement } from './cloud/types';
import { podLabels, serverSelector, type ServingComponent } from './labels';
import { HOME_VOLUME, MODEL_VOLUME } from './model-source';
import { restrictedPodSecurityContext } from './security';
import { SHM_VOLUME, TMP_VOLUME } from './vllm-container';

/** LWS puts this label, unique per group, on every pod of the group. */
export const LWS_GROUP_KEY_LABEL = 'leaderworkerset.sigs.k8s.io/group-key';

/** The well-known node label of a node's instance (machine) type. */
const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';

/** Seconds vLLM gets to finish in-flight requests after SIGTERM (after the pre-stop sleep). */
const TERMINATION_GRACE_SECONDS = 120;

/**
 * On Spot, the drain must end before EC2 reclaims the node: the interruption notice comes two minutes ahead (EC2
 * User Guide, "Spot Instance interruption notices", read 2026-12-03), Karpenter cordons and drains on receiving it
 * from its queue, so the pod's pre-stop pause plus vLLM's drain get 90 s and the node keeps ~30 s for the rest.
 */
export const SPOT_TERMINATION_GRACE_SECONDS = 90;

/** Whether the deployment's GPU nodes may be Spot. */
function mayRunOnSpot(ctx: ServingContext): boolean {
  return (ctx.options.plan.capacityType ?? 'on-demand') !== 'on-demand';
}

export function servingPodTemplate(ctx: ServingContext, component: ServingComponent, container: IContainer): IPodTemplateSpec {
  const placement = gpuPlacement(ctx);
  const initContainer = ctx.cloud.modelDownload.initContainer({
    source: ctx.options.modelSource,
    adapters: ctx.adapters,
    region: ctx.options.plan.region,
  });
  const spec: IPodSpec = {
    serviceAccountName: ctx.options.serviceAccountName,
    // vLLM never calls the Kubernetes API; IRSA / Pod Identity project their own token volume.
    automountServiceAccountToken: false,
    // A Service named like the app would inject `<NAME>_PORT=tcp://...`, which vLLM misreads as VLLM_PORT.
    enableServiceLinks: false,
    securityContext: restrictedPodSecurityContext(),
    ...(initContainer ? { initContainers: [initContainer] } : {}),
    containers: [container],
    volumes: servingVolumes(ctx),
    nodeSelector: { ...placement.nodeSelector },
    tolerations: [...placement.tolerations],
    terminationGracePeriodSeconds: mayRunOnSpot(ctx) ? SPOT_TERMINATION_GRACE_SECONDS : TERMINATION_GRACE_SECONDS,
    ...spreadAndAffinity(ctx, component),
  };
  return {
    // No karpenter.sh/do-not-disrupt: it would keep drifted nodes forever, unpatched. Consolidation removes only
    // empty GPU nodes, and drift replaces nodes inside the NodePool's maintenance window under the PDB.
    metadata: { labels: { ...podLabels(ctx.name, component, ctx.imageTag), ...ctx.cloud.identity.podLabels } },
    spec,
  };
}

function servingVolumes(ctx: ServingContext): IVolume[] {
  const { layout } = ctx;
  return [
    // On Karpenter nodes with instance store, ephemeral storage is the NVMe RAID0 (EC2NodeClass instanceStorePolicy).
    { name: MODEL_VOLUME, emptyDir: { sizeLimit: `${layout.modelStorageGiB}Gi` } },
    { name: SHM_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: `${layout.shmGiB}Gi` } },
    { name: HOME_VOLUME, emptyDir: { sizeLimit: '20Gi' } },
    { name: TMP_VOLUME, emptyDir: { sizeLimit: '10Gi' } },
  ];
}

/**
 * The instance types the deployment's nodes may have: the plan's choice and ranked fallbacks where the node pools
 * carry them (Karpenter and EKS node groups on AWS); GKE and AKS GPU pools have one machine type each.
 */
function launchableInstanceTypes(ctx: ServingContext): readonly string[] {
  return ctx.cloud.name === 'aws' ? plannedInstanceTypes(ctx.options.plan) : [ctx.layout.instance.name];
}

/**
 * Node selector and tolerations of the deployment's GPU nodes, as the cluster's cloud schedules them. A plan with
 * ranked fallbacks is not pinned to one instance type here: {@link instanceTypeAffinity} allows all of them.
 */
export function gpuPlacement(ctx: ServingContext): GpuPlacement {
  const placement = ctx.cloud.gpuPlacement({ instanceType: ctx.layout.instance.name, nodePoolName: ctx.nodePoolName, capacity: ctx.options.capacity });
  if (launchableInstanceTypes(ctx).length === 1) return placement;
  const { [INSTANCE_TYPE_LABEL]: _pinned, ...unpinned } = placement.nodeSelector;
  return { ...placement, nodeSelector: unpinned };
}

/** The GPU nodes of the deployment (on EKS: its instance type, or its fallbacks' affinity, and its NodePool). */
export function nodeSelector(ctx: ServingContext): Record<string, string> {
  return { ...gpuPlacement(ctx).nodeSelector };
}

/** The choice and its fallbacks as a required node affinity; absent when the plan has one instance type. */
export function instanceTypeAffinity(ctx: ServingContext): IPodSpec['affinity'] {
  const types = launchableInstanceTypes(ctx);
  if (types.length === 1) return undefined;
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: INSTANCE_TYPE_LABEL, operator: 'In', values: [...types] }] }],
      },
    },
  };
}

/**
 * Replicas spread across zones (best effort: GPU capacity is scarce, an unschedulable replica is worse than two
 * in one zone). The pods of one multi-node group must share a zone: EFA and pipeline traffic do not cross zones,
 * so each pod requires the zone of the other pods with its group key.
 */
function spreadAndAffinity(ctx: ServingContext, component: ServingComponent): Pick<IPodSpec, 'affinity' | 'topologySpreadConstraints'> {
  const spread: IPodSpec['topologySpreadConstraints'] =
    component === 'server'
      ? [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: serverSelector(ctx.name) } },
        // Spot with fallback: Spot and On-Demand replicas differ by at most one, so a Spot reclaim leaves at least
        // half of them (rounded down) serving. Hard (DoNotSchedule): Karpenter then launches On-Demand for the
        // replica that would tip the balance (Karpenter "Scheduling", topology spread on capacity-type).
        ...(ctx.options.plan.capacityType === 'spot-with-fallback'
          ? [{ maxSkew: 1, topologyKey: 'karpenter.sh/capacity-type', whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: serverSelector(ctx.name) } }]
          : []),
      ]
      : undefined;
  const nodeAffinity = instanceTypeAffinity(ctx);
  if (!ctx.layout.multiNode) return { topologySpreadConstraints: spread, ...(nodeAffinity ? { affinity: nodeAffinity } : {}) };
  return {
    ...(spread ? { topologySpreadConstraints: spread } : {}),
    affinity: {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchExpressions: [{ key: LWS_GROUP_KEY_LABEL, operator: 'Exists' }] },
            matchLabelKeys: [LWS_GROUP_KEY_LABEL],
            topologyKey: 'topology.kubernetes.io/zone',
          },
        ],
      },
    },
  };
}
