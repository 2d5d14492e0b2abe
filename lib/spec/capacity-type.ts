/**
 * `scaling.capacityType`: Spot GPU capacity is rendered as a Karpenter NodePool that may launch Spot nodes, drained
 * on Karpenter's interruption queue (SQS + EventBridge rules, lib/eks/karpenter-iam.ts). Only self-managed
 * Karpenter is wired for it, and `spot-with-fallback` keeps half the replicas On-Demand, which needs two of them.
 */
import type { Check } from './field-checks';
import { oneOf } from './field-checks';
import type { GpuCapacityType } from './types';

export const GPU_CAPACITY_TYPES: readonly GpuCapacityType[] = ['on-demand', 'spot-with-fallback', 'spot'];

/** Checks `scaling.capacityType` against the target and the replica floor; collects every problem. */
export function checkCapacityType(p: Check, scaling: Record<string, unknown>, target: Record<string, unknown>): void {
  const value = scaling.capacityType;
  if (value === undefined || value === 'on-demand') return;
  if (!oneOf(p, 'scaling.capacityType', value, GPU_CAPACITY_TYPES)) return;
  const capacity = target.kind === 'eks' ? (target.capacity ?? 'karpenter') : undefined;
  p.check(capacity === 'karpenter', 'scaling.capacityType', value,
    `Spot GPU capacity is rendered for EKS with Karpenter (its interruption queue drains Spot nodes); this target is ${target.kind === 'eks' ? `EKS with capacity '${String(capacity)}'` : `'${String(target.kind)}'`}`,
    "use target { kind: 'eks', capacity: 'karpenter' }, or capacityType 'on-demand'");
  p.check(target.capacityReservationId === undefined, 'scaling.capacityType', value,
    'a capacity reservation is already paid for: Spot beside it buys nothing', "remove target.capacityReservationId, or use capacityType 'on-demand'");
  if (value === 'spot-with-fallback') {
    const min = scaling.minReplicas ?? 1;
    p.check(typeof min === 'number' && min >= 2, 'scaling.minReplicas', min,
      "must be at least 2 with capacityType 'spot-with-fallback': one replica stays On-Demand while the other may be on Spot",
      "set scaling.minReplicas to 2 or more, or use capacityType 'spot' (every replica may be interrupted) or 'on-demand'");
  }
}
