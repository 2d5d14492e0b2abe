import { findModel, getAccelerator } from '../../lib/catalogue';
import { MIG_PROFILES, sliceAccelerator } from '../../lib/planner/mig';
import { planLlmServing } from '../../lib/planner/plan';
import { buildGpuNodePoolObjects, buildLlmServingObjects } from '../../lib/kubernetes';
import { only, servingOptions, SINGLE_NODE } from '../kubernetes/fixtures';

/** GPU sharing for small models (issue 15): the planner serves a model from one MIG slice when it fits one. */
describe('MIG slices', () => {
  test('GIVEN a 7B AWQ model with GPU sharing THEN it is planned onto one MIG slice, checked against the slice\'s memory', () => {
    const plan = planLlmServing({ model: findModel('Qwen/Qwen2.5-7B-Instruct'), quantization: 'awq', maxModelLen: 4096, gpuSharing: 'mig' });
    expect(plan.mig).toMatchObject({ resource: `nvidia.com/mig-${plan.mig?.profile}` });
    expect(['a100-80gb', 'h100-80gb']).toContain(plan.accelerator);
    // The memory budget is the slice's, not the whole GPU's.
    expect(plan.memory.totalGiB).toBeCloseTo(plan.mig!.sliceMemoryGiB, 1);
    expect(plan.memory.totalGiB).toBeLessThan(getAccelerator(plan.accelerator).memoryGiBReported / 2);
    expect(plan.memory.weightsGiB + plan.memory.kvCacheGiB).toBeLessThanOrEqual(plan.memory.budgetGiB);
    expect(plan.tensorParallelSize).toBe(1);
  });

  test('GIVEN a 70B model with GPU sharing THEN no slice holds it and the plan uses whole GPUs', () => {
    const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-70B-Instruct'), maxModelLen: 8192, gpuSharing: 'mig' });
    expect(plan.mig).toBeUndefined();
    expect(plan.tensorParallelSize * plan.pipelineParallelSize).toBeGreaterThan(1);
  });

  test('a 1g.10gb slice of an H100 80GB holds 10 GB as named (9.31 GiB), a seventh of the compute', () => {
    const h100 = getAccelerator('h100-80gb');
    const slice = sliceAccelerator(h100, MIG_PROFILES['h100-80gb']![0]!);
    expect(slice.memoryGiBReported).toBeCloseTo(9.31, 2);
    expect(slice.denseBf16Tflops).toBeCloseTo(h100.denseBf16Tflops / 7, 3);
  });
});

test('GIVEN a MIG plan THEN the vLLM pod requests its slice, sized for its share of the node, and the NodePool asks the MIG manager for that layout', () => {
  const model = findModel('Qwen/Qwen2.5-7B-Instruct');
  const plan = planLlmServing({ model, quantization: 'awq', maxModelLen: 4096, gpuSharing: 'mig' });
  const deployment = only(buildLlmServingObjects(servingOptions({ ...SINGLE_NODE, plan, model })), 'Deployment');
  const resources = deployment.spec.template.spec.containers[0].resources;
  expect(resources.requests[plan.mig!.resource]).toBe('1');
  expect(resources.requests['nvidia.com/gpu']).toBeUndefined();
  // One pod per slice shares the node: 56 slices of a p4de.24xlarge each get a 56th of half its 96 vCPUs (at least 1).
  expect(Number(resources.requests.cpu)).toBeLessThanOrEqual(Math.max(1, 96 / 2 / plan.mig!.slicesPerNode));
  const pool = only(buildGpuNodePoolObjects({ name: 'llm', plan, capacity: 'karpenter', clusterName: 'gpu' }), 'NodePool');
  expect(pool.spec.template.metadata.labels['nvidia.com/mig.config']).toBe(`all-${plan.mig!.profile}`);
});
