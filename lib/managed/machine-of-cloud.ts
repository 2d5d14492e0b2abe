/**
 * The machine type a managed endpoint (Vertex AI, Azure ML) runs the plan on, in its cloud's names.
 *
 * When the plan was sized on the target's cloud (the per-cloud planner), its instance type is used as is.
 * Until then the plan is sized on the AWS catalogue, and this bridge picks the machine of the target's
 * cloud with the SAME number of GPUs (so the plan's tensor parallelism holds) and at least the plan GPU's
 * memory (so the plan's memory budget, `--max-model-len` and `--gpu-memory-utilization`, still fits),
 * smallest GPU memory first. It never substitutes silently: the result says `bridged: true` and why.
 */
import { getAccelerator, instanceTypesOfCloud } from '../catalogue';
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
 * The GPU machines of `cloud` its managed endpoints serve on: the catalogue rows whose `source.managedEndpoint`
 * cites the platform's list (Vertex AI online prediction, Azure ML managed online endpoints).
 */
function managedMachinesOf(cloud: ManagedCloud): readonly MachineRow[] {
  return instanceTypesOfCloud(cloud)
    .filter((row) => row.source.managedEndpoint !== undefined && row.acceleratorId !== null)
    .map((row) => ({ name: row.name, acceleratorId: row.acceleratorId as string, count: row.acceleratorCount, memoryGB: getAccelerator(row.acceleratorId as string).memoryGB }));
}

/** Whether a name is spelled the way the cloud names its machines. */
export function isMachineOfCloud(name: string, cloud: ManagedCloud): boolean {
  return cloud === 'azure' ? /^Standard_[A-Za-z0-9_]+$/.test(name) : /^[a-z][a-z0-9]*-[a-z]+-\d+g?(\+\d+x[a-z0-9-]+)?$/.test(name);
}

/**
 * The machine of `cloud` that serves `plan`.
 * @throws InputValidationError when the plan needs a GPU count the cloud's managed platform does not sell
 */
export function managedMachineOf(plan: LlmServingPlan, cloud: ManagedCloud, fixed?: string, field = 'target.instanceType'): ManagedMachine {
  const rows = managedMachinesOf(cloud);
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
      message: `needs ${plan.acceleratorCount} GPU(s) with at least ${memoryGB} GB each, which no ${cloud} machine its managed endpoints serve on offers`,
      fix: `set ${field} to one of ${rows.map((r) => r.name).join(', ')}`,
    }]);
  }
  return {
    machineType: chosen.name, acceleratorId: chosen.acceleratorId, acceleratorCount: chosen.count, bridged: true,
    reason: `plan sized on ${plan.instanceType} (${plan.acceleratorCount} × ${plan.accelerator}, ${memoryGB} GB); ${chosen.name} has the same GPU count with ${chosen.memoryGB} GB each`,
  };
}
