import { findModel, getAccelerator, getInstanceType } from '../../lib/catalogue';
import { runPlan } from '../../lib/cli/plan-command';
import { evaluateLayout } from '../../lib/planner/candidates';
import { planLlmServing } from '../../lib/planner/plan';
import type { LlmPlanRequest, LlmServingPlan } from '../../lib/planner/types';

/**
 * Ranked fallbacks (issue 15): besides its choice, the planner lists the instance types that run the same
 * configuration just as well, cheapest first, so that node pools fall through on a capacity shortage.
 */
describe('ranked fallbacks', () => {
  const request: LlmPlanRequest = { model: findModel('meta-llama/Llama-3.1-8B-Instruct'), maxModelLen: 8192, requestsPerSecond: 2 };
  let plan: LlmServingPlan;
  beforeAll(() => {
    plan = planLlmServing(request);
  });

  test('an 8B plan has fallbacks, none of them the choice', () => {
    expect(plan.fallbacks?.length).toBeGreaterThan(0);
    expect(plan.fallbacks!.map((f) => f.instanceType)).not.toContain(plan.instanceType);
  });

  test('fallbacks are in price order, the choice first', () => {
    const prices = [plan.costPerHourUsd * plan.replicas, ...plan.fallbacks!.map((f) => f.costPerHourUsd)];
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  test('every fallback runs the choice\'s layout and vLLM flags within the choice\'s replicas', () => {
    for (const fallback of plan.fallbacks!) {
      const instance = getInstanceType(fallback.instanceType);
      expect(instance.acceleratorCount).toBe(plan.acceleratorCount);
      const fixed: LlmPlanRequest = {
        ...request,
        tensorParallelSize: plan.tensorParallelSize,
        pipelineParallelSize: plan.pipelineParallelSize,
        maxNumSeqs: plan.maxNumSeqs,
        maxNumBatchedTokens: plan.maxNumBatchedTokens,
        quantization: plan.quantization,
        gpuMemoryUtilization: plan.gpuMemoryUtilization,
      };
      const layout = { instance, tensorParallelSize: plan.tensorParallelSize, pipelineParallelSize: plan.pipelineParallelSize, nodes: plan.nodes };
      const evaluated = evaluateLayout(request.model, getAccelerator(instance.acceleratorId as string), layout, fixed);
      expect(evaluated.problems).toEqual([]);
      expect(evaluated.replicas).toBeLessThanOrEqual(plan.replicas);
    }
  });

  test('a fixed instance type has no fallbacks, and neither has a SageMaker plan', () => {
    expect(planLlmServing({ ...request, instanceType: plan.instanceType }).fallbacks).toBeUndefined();
    expect(planLlmServing({ ...request, platform: 'sagemaker' }).fallbacks).toBeUndefined();
  });
});

test('a multi-node plan has no fallbacks: one LeaderWorkerSet group must not mix instance types', () => {
  const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-70B-Instruct'), maxModelLen: 8192, requestsPerSecond: 2 });
  expect(plan.nodes).toBeGreaterThan(1);
  expect(plan.fallbacks).toBeUndefined();
});

test('the chain holds at most two sizes of one GPU before moving to another GPU', () => {
  const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-8B-Instruct'), maxModelLen: 8192, requestsPerSecond: 2 });
  const gpus = [plan.accelerator, ...plan.fallbacks!.map((f) => f.accelerator)];
  for (const gpu of new Set(gpus)) expect(gpus.filter((g) => g === gpu).length).toBeLessThanOrEqual(2);
});

test('aimd plan prints the fallback chain and adds a `fallbacks` field to its JSON', () => {
  const argv = ['--model', 'meta-llama/Llama-3.1-70B-Instruct', '--quantization', 'fp8', '--max-model-len', '8192', '--requests-per-second', '2'];
  expect(runPlan(argv).output).toMatch(/^fallbacks {2}g6e\.12xlarge → g6e\.24xlarge \(\$[\d.,]+\/h\)/m);
  const json = JSON.parse(runPlan([...argv, '--json']).output);
  expect(json.instanceType).toBe('g6e.12xlarge');
  expect(json.fallbacks[0]).toMatchObject({ instanceType: 'g6e.24xlarge', accelerator: 'l40s', acceleratorCount: 4 });
});

test('no fallback costs more than twice the choice', () => {
  const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-8B-Instruct'), maxModelLen: 8192, requestsPerSecond: 2 });
  for (const f of plan.fallbacks!) expect(f.costPerHourUsd).toBeLessThanOrEqual(2 * plan.costPerHourUsd * plan.replicas);
});
