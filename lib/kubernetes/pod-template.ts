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
import { GPU_TAINT_KEY, podLabels, serverSelector, type ServingComponent } from './labels';
import { HOME_VOLUME, MODEL_VOLUME, weightSyncInitContainer } from './model-source';
import { restrictedPodSecurityContext } from './security';
import { SHM_VOLUME, TMP_VOLUME } from './vllm-container';

/** LWS puts this label, unique per group, on every pod of the group. */
export const LWS_GROUP_KEY_LABEL = 'leaderworkerset.sigs.k8s.io/group-key';

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
  const initContainer = weightSyncInitContainer({
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
    nodeSelector: nodeSelector(ctx),
    tolerations: [{ key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }],
    terminationGracePeriodSeconds: mayRunOnSpot(ctx) ? SPOT_TERMINATION_GRACE_SECONDS : TERMINATION_GRACE_SECONDS,
    ...placement(ctx, component),
  };
  return {
    // No karpenter.sh/do-not-disrupt: it would keep drifted nodes forever, unpatched. Consolidation removes only
    // empty GPU nodes, and drift replaces nodes inside the NodePool's maintenance window under the PDB.
    metadata: { labels: podLabels(ctx.name, component, ctx.imageTag) },
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
 * The GPU nodes of the deployment: its instance type, and its NodePool under Karpenter or Auto Mode. A plan with
 * ranked fallbacks is not pinned to one type here: {@link instanceTypeAffinity} allows all of them.
 */
export function nodeSelector(ctx: ServingContext): Record<string, string> {
  const types = plannedInstanceTypes(ctx.options.plan);
  const selector: Record<string, string> = types.length === 1 ? { 'node.kubernetes.io/instance-type': ctx.layout.instance.name } : {};
  if (ctx.options.capacity !== 'managed-nodegroup') selector['karpenter.sh/nodepool'] = ctx.nodePoolName;
  if (ctx.options.capacity === 'auto-mode') selector['eks.amazonaws.com/compute-type'] = 'auto';
  return selector;
}

/** The choice and its fallbacks as a required node affinity; absent when the plan has one instance type. */
export function instanceTypeAffinity(ctx: ServingContext): IPodSpec['affinity'] {
  const types = plannedInstanceTypes(ctx.options.plan);
  if (types.length === 1) return undefined;
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: types }] }],
      },
    },
  };
}

/**
 * Replicas spread across zones (best effort: GPU capacity is scarce, an unschedulable replica is worse than two
 * in one zone). The pods of one multi-node group must share a zone: EFA and pipeline traffic do not cross zones,
 * so each pod requires the zone of the other pods with its group key.
 */
function placement(ctx: ServingContext, component: ServingComponent): Pick<IPodSpec, 'affinity' | 'topologySpreadConstraints'> {
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
