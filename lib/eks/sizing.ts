/**
 * Disk layout of GPU nodes in managed node groups, from the serving layout of the plan: instances with
 * local NVMe put containerd and the kubelet (and so the model emptyDir) on a RAID0 of their instance
 * store; the others get an EBS root volume large enough for the checkpoint. Engine-free.
 */
import type { ModelArchitecture } from '../catalogue/types';
import { getInstanceType } from '../catalogue';
import { servingLayout } from '../kubernetes/layout';
import { plannedInstanceTypes, type GpuCapacityPlan } from '../plan/gpu-capacity-plan';
import { isModelServerPlan } from '../plan/model-server-plan';
import type { LlmServingPlan } from '../planner/types';
import { ROLLOUT_SURGE_REPLICAS } from '../kubernetes/vllm-deployment';

/**
 * Most GPU nodes a deployment may run: every replica the autoscaler may ask for plus the ones a rollout surges
 * (one for a rolling update; a traffic-routed canary's extra pods, see `servingRolloutSurgeReplicas`), each on
 * `nodes` nodes. Sizes managed node groups (maxSize) and NodePool GPU limits alike.
 */
export function maxGpuNodes(maxReplicas: number, plan: Pick<GpuCapacityPlan, 'nodes'>, surgeReplicas: number = ROLLOUT_SURGE_REPLICAS): number {
  return (Math.max(1, maxReplicas) + surgeReplicas) * plan.nodes;
}

/**
 * OS, kubelet, containerd and the vLLM image: the `vllm/vllm-openai` image is about 10 GB compressed and
 * 25–30 GB extracted (Docker Hub tag sizes, read 2026-11-24); 100 GiB leaves room for one image update.
 */
const SYSTEM_GIB = 100;

export interface GpuNodeDisk {
  /** gp3 root volume, GiB. */
  readonly rootVolumeGiB: number;
  /** Instance store is striped into RAID0 by nodeadm and holds `/var/lib/kubelet` and containerd. */
  readonly instanceStoreRaid0: boolean;
}

/**
 * Node disks for a plan: an LLM plan sizes the model volume from the checkpoint (needs the model's architecture),
 * a classic model-server plan carries its model volume size.
 * @throws Error for an LLM plan without its model
 */
export function gpuNodeDisk(plan: GpuCapacityPlan, model?: ModelArchitecture, loraAdapterCount = 0): GpuNodeDisk {
  // Instance store only when every type the nodes may be (the choice and its fallbacks) has it.
  const nvme = plannedInstanceTypes(plan).every((t) => getInstanceType(t).localNvmeGB > 0);
  return { rootVolumeGiB: nvme ? SYSTEM_GIB : SYSTEM_GIB + modelStorageGiB(plan, model, loraAdapterCount), instanceStoreRaid0: nvme };
}

function modelStorageGiB(plan: GpuCapacityPlan, model: ModelArchitecture | undefined, loraAdapterCount: number): number {
  if (isModelServerPlan(plan)) return plan.modelStorageGiB;
  if (model === undefined) throw new Error(`GPU node disks of an LLM plan (${plan.model}) need the model's architecture`);
  return servingLayout(plan as LlmServingPlan, model, loraAdapterCount).modelStorageGiB;
}

/**
 * AL2023 `nodeadm` configuration that stripes the instance store into RAID0 and moves the kubelet and
 * containerd onto it (NodeConfig `spec.instance.localStorage.strategy: RAID0`, amazon-eks-ami nodeadm
 * docs, read 2026-11-24). MIME multi-part, as managed node groups merge launch-template user data.
 */
export function nodeadmRaid0UserData(): string {
  return [
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="==AIMD=="',
    '',
    '--==AIMD==',
    'Content-Type: application/node.eks.aws',
    '',
    '---',
    'apiVersion: node.eks.aws/v1alpha1',
    'kind: NodeConfig',
    'spec:',
    '  instance:',
    '    localStorage:',
    '      strategy: RAID0',
    '',
    '--==AIMD==--',
    '',
  ].join('\n');
}

/**
 * The fallback instance types a managed node group may list after the choice (EKS launches On-Demand node groups
 * with the prioritized allocation strategy: the order of `instanceTypes` is the order tried). None when the nodes
 * launch into a capacity reservation or Capacity Block, which holds one instance type.
 */
export function nodegroupFallbackTypes(plan: Pick<GpuCapacityPlan, 'instanceType' | 'fallbacks'>, reserved: { capacityReservationId?: string; capacityBlock?: boolean }): string[] {
  if (reserved.capacityReservationId !== undefined || reserved.capacityBlock === true) return [];
  return plannedInstanceTypes(plan).slice(1);
}
