/**
 * What GPU capacity is sized from, whatever runs on it: the instance type, GPUs per node, nodes per replica and
 * replicas of a plan. The LLM planner's {@link LlmServingPlan} and the classic-model {@link ModelServerPlan}
 * both satisfy it, so the GPU cluster constructs (node groups, Karpenter and Auto Mode NodePools, node disks)
 * size capacity for either without knowing which runtime the nodes will serve.
 */
import type { GpuCapacityType, ServingPlatform } from '../planner/types';

export interface GpuCapacityPlan {
  /** Model id (names the default model prefix in the bucket). */
  readonly model: string;
  /** `ec2`: nodes of a Kubernetes cluster (the only platform GPU node pools serve). */
  readonly platform: ServingPlatform;
  readonly region: string;
  /** EC2 instance type of every GPU node, e.g. `g6.xlarge`. */
  readonly instanceType: string;
  /** GPUs of one node of `instanceType`. */
  readonly acceleratorCount: number;
  /** Nodes one replica spans (1 unless an LLM is split across nodes). */
  readonly nodes: number;
  /** Replicas the planned traffic needs. */
  readonly replicas: number;
  /** Size of the served weights as loaded, GiB (sizes node disks when they have no instance store). */
  readonly weightsGiB: number;
  /**
   * Instance types that serve the plan just as well, cheapest first (lib/planner/fallbacks.ts): node pools may
   * launch them when `instanceType` has no capacity. Same GPUs per node as `instanceType`.
   * @default - none: only `instanceType`
   */
  readonly fallbacks?: ReadonlyArray<{ readonly instanceType: string }>;
  /** The MIG profile every GPU of the nodes is partitioned into (one slice per replica). @default - whole GPUs */
  readonly mig?: { readonly profile: string };
  /** How the nodes are bought (lib/kubernetes/node-pools.ts, docs/gpu-scheduling.md). @default 'on-demand' */
  readonly capacityType?: GpuCapacityType;
}

/** Every instance type the plan's GPU nodes may be, in the order they are tried: the choice, then its fallbacks. */
export function plannedInstanceTypes(plan: Pick<GpuCapacityPlan, 'instanceType' | 'fallbacks'>): string[] {
  return [plan.instanceType, ...(plan.fallbacks ?? []).map((f) => f.instanceType).filter((t) => t !== plan.instanceType)];
}
