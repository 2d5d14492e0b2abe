/** Which Vertex AI machine / Azure ML VM size serves a plan (pure). */
import { isMachineOfCloud, managedMachineOf } from '../../lib/managed/machine-of-cloud';
import type { LlmServingPlan } from '../../lib/planner/types';

const plan = (instanceType: string, accelerator: string, acceleratorCount: number) => ({ instanceType, accelerator, acceleratorCount }) as LlmServingPlan;

describe('managedMachineOf', () => {
  test('GIVEN a plan sized on AWS THEN the machine has the same GPU count and the smallest GPU memory at least the plan’s', () => {
    expect(managedMachineOf(plan('g6e.xlarge', 'l40s', 1), 'gcp')).toMatchObject({ machineType: 'a2-ultragpu-1g', acceleratorId: 'a100-80gb', acceleratorCount: 1, bridged: true });
    expect(managedMachineOf(plan('g6.12xlarge', 'l4', 4), 'gcp')).toMatchObject({ machineType: 'g2-standard-48', acceleratorCount: 4, bridged: true });
    expect(managedMachineOf(plan('g6e.xlarge', 'l40s', 1), 'azure')).toMatchObject({ machineType: 'Standard_NC24ads_A100_v4', bridged: true });
    expect(managedMachineOf(plan('p5.48xlarge', 'h100-80gb', 8), 'azure')).toMatchObject({ machineType: 'Standard_ND96amsr_A100_v4', acceleratorCount: 8 });
  });

  test('GIVEN a plan sized on the target’s cloud THEN its machine is used as is', () => {
    expect(managedMachineOf(plan('g2-standard-12', 'l4', 1), 'gcp')).toMatchObject({ machineType: 'g2-standard-12', bridged: false });
  });

  test('GIVEN target.instanceType THEN it is used as given, and another cloud’s name is refused with the choices', () => {
    expect(managedMachineOf(plan('g6e.xlarge', 'l40s', 1), 'azure', 'Standard_NC48ads_A100_v4')).toMatchObject({ machineType: 'Standard_NC48ads_A100_v4', acceleratorCount: 2, bridged: false });
    expect(() => managedMachineOf(plan('g6e.xlarge', 'l40s', 1), 'gcp', 'g6e.xlarge')).toThrow(/target.instanceType.*not a gcp machine type/s);
  });

  test('GIVEN a GPU count no machine of the cloud has THEN the error names the need and the choices', () => {
    expect(() => managedMachineOf(plan('g6.48xlarge', 'l4', 3), 'azure')).toThrow(/3 GPU\(s\) with at least 24 GB.*Standard_NC4as_T4_v3/s);
  });

  test('GIVEN a plan sized on AWS THEN only machines the catalogue cites as served by the managed endpoints are chosen', () => {
    // g2-standard-4 and Standard_NC8as_T4_v3 are catalogue rows without a managed-endpoint source.
    expect(managedMachineOf(plan('g6.xlarge', 'l4', 1), 'gcp').machineType).toBe('g2-standard-8');
    expect(managedMachineOf(plan('g4dn.xlarge', 't4', 1), 'azure').machineType).toBe('Standard_NC4as_T4_v3');
    expect(() => managedMachineOf(plan('g6.48xlarge', 'l4', 3), 'gcp')).toThrow(/managed endpoints serve on/);
  });

  test('names are recognised per cloud', () => {
    expect([isMachineOfCloud('a3-highgpu-8g', 'gcp'), isMachineOfCloud('n1-standard-8+1xnvidia-tesla-t4', 'gcp'), isMachineOfCloud('g5.xlarge', 'gcp'), isMachineOfCloud('Standard_NC24ads_A100_v4', 'azure')]).toEqual([true, true, false, true]);
  });
});
