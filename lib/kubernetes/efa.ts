/**
 * How many EFA devices a multi-node pod requests (`vpc.amazonaws.com/efa`). NCCL spreads pipeline traffic over
 * all of them; requesting more than the instance has leaves the pod unschedulable, so unknown types get one.
 */
import type { InstanceTypeSpec } from '../catalogue/types';

/**
 * EFA interfaces per instance type, where the instance has more than one.
 * - p5.48xlarge: 32 (AWS EC2 user guide, "EFA configuration for P5 instances": 32 EFA devices and one ENA).
 * - p5en.48xlarge: 16 (16 × 200 Gbps EFAv3 cards make its 3,200 Gbps; AWS P5en instance page).
 * - p4d.24xlarge / p4de.24xlarge: 4 (four network cards of 100 Gbps; AWS P4 instance page).
 * Read 2026-11-24.
 */
const EFA_INTERFACES: Readonly<Record<string, number>> = {
  'p5.48xlarge': 32,
  'p5e.48xlarge': 32,
  'p5en.48xlarge': 16,
  'p4d.24xlarge': 4,
  'p4de.24xlarge': 4,
};

/** EFA devices to request on this instance type: 0 without EFA, otherwise every interface it has (at least 1). */
export function efaDevicesFor(instance: InstanceTypeSpec): number {
  if (!instance.interconnect.efa) return 0;
  return EFA_INTERFACES[instance.name] ?? 1;
}
