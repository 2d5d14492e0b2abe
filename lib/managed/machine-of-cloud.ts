/**
 * The machine type a managed endpoint (Vertex AI, Azure ML) runs the plan on, in its cloud's names.
 *
 * When the plan was sized on the target's cloud (the per-cloud planner), its instance type is used as is.
 * Until then the plan is sized on the AWS catalogue, and this bridge picks the machine of the target's
 * cloud with the SAME number of GPUs (so the plan's tensor parallelism holds) and at least the plan GPU's
 * memory (so the plan's memory budget, `--max-model-len` and `--gpu-memory-utilization`, still fits),
 * smallest GPU memory first. It never substitutes silently: the result says `bridged: true` and why.
 */
import { getAccelerator } from '../catalogue';
import { InputValidationError } from '../errors';
import type { LlmServingPlan } from '../planner/types';

export type ManagedCloud = 'gcp' | 'azure';

/** A GPU machine of a managed platform. */
export interface ManagedMachine {
  /** Machine type (`g2-standard-24`) or VM size (`Standard_NC24ads_A100_v4`). */
  readonly machineType: string;
  /** Catalogue accelerator id of its GPUs (`l4`, `a100-80gb`). */
  readonly acceleratorId: string;
  readonly acceleratorCount: number;
  /** True when the plan was sized on another cloud and this is the equivalent machine. */
  readonly bridged: boolean;
  /** How the machine was chosen (shown in outputs and docs). */
  readonly reason: string;
}

interface MachineRow { readonly name: string; readonly acceleratorId: string; readonly count: number; readonly memoryGB: number }

/**
 * Google Cloud accelerator-optimized machine types Vertex AI online prediction serves on
 * (cloud.google.com/compute/docs/accelerator-optimized-machines and
 * cloud.google.com/vertex-ai/docs/predictions/configure-compute, read 2026-12-03).
 */
const GCP_MACHINES: readonly MachineRow[] = [
  { name: 'g2-standard-8', acceleratorId: 'l4', count: 1, memoryGB: 24 },
  { name: 'g2-standard-24', acceleratorId: 'l4', count: 2, memoryGB: 24 },
  { name: 'g2-standard-48', acceleratorId: 'l4', count: 4, memoryGB: 24 },
  { name: 'g2-standard-96', acceleratorId: 'l4', count: 8, memoryGB: 24 },
  { name: 'a2-highgpu-1g', acceleratorId: 'a100-40gb', count: 1, memoryGB: 40 },
  { name: 'a2-highgpu-2g', acceleratorId: 'a100-40gb', count: 2, memoryGB: 40 },
  { name: 'a2-highgpu-4g', acceleratorId: 'a100-40gb', count: 4, memoryGB: 40 },
  { name: 'a2-highgpu-8g', acceleratorId: 'a100-40gb', count: 8, memoryGB: 40 },
  { name: 'a2-ultragpu-1g', acceleratorId: 'a100-80gb', count: 1, memoryGB: 80 },
  { name: 'a2-ultragpu-2g', acceleratorId: 'a100-80gb', count: 2, memoryGB: 80 },
  { name: 'a2-ultragpu-4g', acceleratorId: 'a100-80gb', count: 4, memoryGB: 80 },
  { name: 'a2-ultragpu-8g', acceleratorId: 'a100-80gb', count: 8, memoryGB: 80 },
  { name: 'a3-highgpu-8g', acceleratorId: 'h100-80gb', count: 8, memoryGB: 80 },
  { name: 'a3-ultragpu-8g', acceleratorId: 'h200', count: 8, memoryGB: 141 },
];

/**
 * Azure VM sizes Azure ML managed online endpoints serve on (learn.microsoft.com/azure/machine-learning/
 * reference-managed-online-endpoints-vm-sku-list and the NC/ND series size pages, read 2026-12-03).
 */
const AZURE_MACHINES: readonly MachineRow[] = [
  { name: 'Standard_NC4as_T4_v3', acceleratorId: 't4', count: 1, memoryGB: 16 },
  { name: 'Standard_NC64as_T4_v3', acceleratorId: 't4', count: 4, memoryGB: 16 },
  { name: 'Standard_NV36ads_A10_v5', acceleratorId: 'a10', count: 1, memoryGB: 24 },
  { name: 'Standard_NC24ads_A100_v4', acceleratorId: 'a100-80gb', count: 1, memoryGB: 80 },
  { name: 'Standard_NC48ads_A100_v4', acceleratorId: 'a100-80gb', count: 2, memoryGB: 80 },
  { name: 'Standard_NC96ads_A100_v4', acceleratorId: 'a100-80gb', count: 4, memoryGB: 80 },
  { name: 'Standard_ND96amsr_A100_v4', acceleratorId: 'a100-80gb', count: 8, memoryGB: 80 },
  { name: 'Standard_ND96isr_H100_v5', acceleratorId: 'h100-80gb', count: 8, memoryGB: 80 },
  { name: 'Standard_ND96isr_H200_v5', acceleratorId: 'h200', count: 8, memoryGB: 141 },
];

const MACHINES: Readonly<Record<ManagedCloud, readonly MachineRow[]>> = { gcp: GCP_MACHINES, azure: AZURE_MACHINES };

/** Whether a name is spelled the way the cloud names its machines. */
export function isMachineOfCloud(name: string, cloud: ManagedCloud): boolean {
  return cloud === 'azure' ? /^Standard_[A-Za-z0-9_]+$/.test(name) : /^[a-z][a-z0-9]*-[a-z]+-\d+g?(\+\d+x[a-z0-9-]+)?$/.test(name);
}

/**
 * The machine of `cloud` that serves `plan`.
 * @throws InputValidationError when the plan needs a GPU count the cloud's managed platform does not sell
 */
export function managedMachineOf(plan: LlmServingPlan, cloud: ManagedCloud, fixed?: string, field = 'target.instanceType'): ManagedMachine {
  const rows = MACHINES[cloud];
  if (fixed !== undefined) {
    const known = rows.find((r) => r.name === fixed);
    if (!isMachineOfCloud(fixed, cloud)) {
      throw new InputValidationError('managed endpoint machine', [{ field, value: fixed, message: `is not a ${cloud} machine type`, fix: `use one of ${rows.map((r) => r.name).join(', ')}` }]);
    }
    return { machineType: fixed, acceleratorId: known?.acceleratorId ?? plan.accelerator, acceleratorCount: known?.count ?? plan.acceleratorCount, bridged: false, reason: `${field} as given` };
  }
  if (isMachineOfCloud(plan.instanceType, cloud)) {
    const known = rows.find((r) => r.name === plan.instanceType);
    return { machineType: plan.instanceType, acceleratorId: known?.acceleratorId ?? plan.accelerator, acceleratorCount: plan.acceleratorCount, bridged: false, reason: `planned on ${cloud}` };
  }
  const memoryGB = getAccelerator(plan.accelerator).memoryGB;
  const fits = rows
    .filter((r) => r.count === plan.acceleratorCount && r.memoryGB >= memoryGB)
    .sort((a, b) => a.memoryGB - b.memoryGB);
  const chosen = fits[0];
  if (chosen === undefined) {
    throw new InputValidationError('managed endpoint machine', [{
      field, value: plan.instanceType,
      message: `needs ${plan.acceleratorCount} GPU(s) with at least ${memoryGB} GB each, which no ${cloud} machine in the table offers`,
      fix: `set ${field} to one of ${rows.map((r) => r.name).join(', ')}`,
    }]);
  }
  return {
    machineType: chosen.name, acceleratorId: chosen.acceleratorId, acceleratorCount: chosen.count, bridged: true,
    reason: `plan sized on ${plan.instanceType} (${plan.acceleratorCount} × ${plan.accelerator}, ${memoryGB} GB); ${chosen.name} has the same GPU count with ${chosen.memoryGB} GB each`,
  };
}
