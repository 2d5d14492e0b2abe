import fc from 'fast-check';
import { ACCELERATORS, INSTANCE_TYPES, findModel, getAccelerator } from '../../lib/catalogue';
import { InfeasiblePlanError } from '../../lib/errors';
import { compareCandidates, evaluateLayout, instancePrice, type EvaluatedCandidate } from '../../lib/planner/candidates';
import { planLlmServing } from '../../lib/planner/plan';
import type { LlmPlanRequest } from '../../lib/planner/types';

/**
 * The exhaustive reference: every instance type × every node count × every tensor-parallel degree that
 * vLLM accepts, each evaluated; then the objective of issue 17 written out on its own: the cheapest plan
 * on one node without pipeline parallelism, unless there is none, or the cheapest plan of all (multi-node
 * or pipeline-parallel) costs less than (1 − margin) × that. Written independently of the planner's
 * branch-and-bound search and of lib/planner/choice.ts so that they can be compared.
 */
function bruteForce(request: LlmPlanRequest): EvaluatedCandidate | undefined {
  const platform = request.platform ?? 'ec2';
  const region = request.region ?? 'us-east-1';
  const margin = request.complexityMargin ?? 0.15;
  let best: EvaluatedCandidate | undefined;
  let bestSimple: EvaluatedCandidate | undefined;
  for (const instance of INSTANCE_TYPES) {
    const accelerator = ACCELERATORS.find((a) => a.id === instance.acceleratorId);
    if (!accelerator?.cudaCapable || instancePrice(instance, platform, region) === undefined) continue;
    for (let nodes = 1; nodes <= (request.maxNodesPerReplica ?? 4); nodes++) {
      if (nodes > 1 && !instance.interconnect.efa) continue;
      for (let tp = 1; tp <= instance.acceleratorCount; tp++) {
        if (instance.acceleratorCount % tp !== 0 || request.model.numAttentionHeads % tp !== 0) continue;
        if (nodes > 1 && tp !== instance.acceleratorCount) continue;
        const pp = (instance.acceleratorCount / tp) * nodes;
        if (pp > request.model.numLayers) continue;
        const candidate = evaluateLayout(request.model, accelerator, { instance, tensorParallelSize: tp, pipelineParallelSize: pp, nodes }, request);
        if (candidate.problems.length > 0) continue;
        if (best === undefined || compareCandidates(candidate, best) < 0) best = candidate;
        const simple = nodes === 1 && pp === 1;
        if (simple && (bestSimple === undefined || compareCandidates(candidate, bestSimple) < 0)) bestSimple = candidate;
      }
    }
  }
  if (best === undefined || bestSimple === undefined) return best;
  return best.totalCostPerHourUsd < (1 - margin) * bestSimple.totalCostPerHourUsd ? best : bestSimple;
}

function layoutOf(c: { instanceType?: string; instance?: { name: string }; tensorParallelSize: number; pipelineParallelSize: number; nodes: number }) {
  return { instance: c.instanceType?.replace(/^ml\./, '') ?? c.instance!.name, tp: c.tensorParallelSize, pp: c.pipelineParallelSize, nodes: c.nodes };
}

describe('planLlmServing chooses the cheapest configuration, simple unless complexity pays', () => {
  test.each([
    ['meta-llama/Llama-3.1-8B-Instruct', {}],
    ['meta-llama/Llama-3.1-70B-Instruct', {}],
    ['meta-llama/Llama-3.1-405B-Instruct', {}],
    ['meta-llama/Llama-3.1-8B-Instruct', { requestsPerSecond: 30, platform: 'sagemaker' as const }],
    ['meta-llama/Llama-3.1-70B-Instruct', { quantization: 'fp8' as const, maxModelLen: 32768 }],
    ['Qwen/Qwen2.5-32B-Instruct', { requestsPerSecond: 5, outputTokens: 512 }],
    ['mistralai/Mixtral-8x7B-Instruct-v0.1', {}],
    ['openai/gpt-oss-120b', {}],
  ])('GIVEN %s %j WHEN planned THEN the choice equals the brute-force optimum over the catalogue', (id, extra) => {
    const request: LlmPlanRequest = { model: findModel(id), ...extra };
    const reference = bruteForce(request);
    expect(reference).toBeDefined();
    const plan = planLlmServing(request);
    expect(layoutOf(plan)).toEqual(layoutOf(reference!));
    expect(plan.monthlyCostUsd).toBeCloseTo(reference!.totalCostPerHourUsd * 730, 0);
  });

  test('GIVEN random traffic and precision WHEN planned THEN the search always equals brute force', () => {
    const models = ['llama-3.1-8b-instruct', 'qwen2.5-7b-instruct', 'gemma-2-27b-it', 'meta-llama/Llama-3.1-70B-Instruct'];
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.constantFrom(0.5, 2, 10, 40),
        fc.constantFrom(256, 2048),
        fc.constantFrom('none' as const, 'fp8' as const),
        (id, rps, promptTokens, quantization) => {
          const request: LlmPlanRequest = { model: findModel(id), requestsPerSecond: rps, promptTokens, quantization };
          const reference = bruteForce(request);
          if (reference === undefined) {
            expect(() => planLlmServing(request)).toThrow(InfeasiblePlanError);
          } else {
            expect(layoutOf(planLlmServing(request))).toEqual(layoutOf(reference));
          }
        },
      ),
      { numRuns: 12, seed: 20261124 },
    );
  });

  test('GIVEN the 405B model in 16-bit WHEN planned THEN it spans several nodes or GPUs and says so', () => {
    const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-405B-Instruct'), quantization: 'none' });
    expect(plan.weightsGiB).toBeGreaterThan(700);
    expect(plan.tensorParallelSize * plan.pipelineParallelSize).toBeGreaterThanOrEqual(8);
    expect(plan.explanation).toMatch(/GiB of weights/);
  });
});

describe('planLlmServing evaluates a fixed configuration', () => {
  const fixed: LlmPlanRequest = {
    model: findModel('meta-llama/Llama-3.1-8B-Instruct'),
    acceleratorId: 'h100-80gb',
    tensorParallelSize: 1,
    maxModelLen: 8192,
    gpuMemoryUtilization: 0.9,
  };

  test('GIVEN Llama 3.1 8B on one H100 WHEN evaluated THEN weights are ≈15 GiB and the KV cache gets the rest of 90%', () => {
    const plan = planLlmServing(fixed);
    expect(plan.accelerator).toBe('h100-80gb');
    expect(plan.tensorParallelSize).toBe(1);
    expect(plan.weightsGiB).toBeGreaterThan(14.5);
    expect(plan.weightsGiB).toBeLessThan(15.5);
    const budget = getAccelerator('h100-80gb').memoryGiBReported * 0.9;
    expect(plan.kvCacheGiB).toBeGreaterThan(budget - 15 - 6);
    expect(plan.kvCacheGiB).toBeLessThan(budget - 15);
    // 128 KiB per token in bf16: 32 layers × 8 KV heads × 128 dims × 2 (K and V) × 2 bytes.
    expect(plan.kvCacheTokens).toBeCloseTo((plan.kvCacheGiB * 2 ** 30) / (128 * 1024), -3);
    expect(plan.maxConcurrency).toBeCloseTo(plan.kvCacheTokens / 8192, 1);
  });

  test('GIVEN a plan WHEN serialised THEN it has every field of the CLI contract', () => {
    const plan = planLlmServing(fixed);
    for (const field of [
      'model', 'instanceType', 'accelerator', 'acceleratorCount', 'tensorParallelSize', 'pipelineParallelSize', 'nodes',
      'weightsGiB', 'kvCacheGiB', 'kvCacheTokens', 'maxConcurrency', 'maxModelLen', 'gpuMemoryUtilization', 'engineArgs',
      'estimatedOutputTokensPerSecond', 'costPerHourUsd', 'costPerMillionOutputTokensUsd', 'explanation',
    ]) {
      expect(plan).toHaveProperty(field);
    }
    expect(plan.engineArgs).toEqual(expect.arrayContaining(['--tensor-parallel-size', '1', '--max-model-len', '8192', '--gpu-memory-utilization', '0.9', '--enable-prefix-caching']));
  });

  test('GIVEN 405B forced onto one A10G WHEN evaluated THEN the error gives the numbers and what would work', () => {
    const request: LlmPlanRequest = { model: findModel('meta-llama/Llama-3.1-405B-Instruct'), acceleratorId: 'a10g', tensorParallelSize: 1 };
    expect(() => planLlmServing(request)).toThrow(InfeasiblePlanError);
    try {
      planLlmServing(request);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/needs \d+(\.\d)? GiB of weights/);
      expect(message).toMatch(/a10g/);
      expect(message).toMatch(/What would work:\n- /);
      expect((error as InfeasiblePlanError).suggestions.length).toBeGreaterThan(0);
    }
  });

  test('GIVEN a context longer than the model supports WHEN evaluated THEN it is rejected with both numbers', () => {
    expect(() => planLlmServing({ ...fixed, maxModelLen: 1_000_000 })).toThrow(/max_model_len 1000000 exceeds the model's context of 131072/);
  });
});

describe('planLlmServing respects what the GPU generation supports', () => {
  test('GIVEN fp8 weights WHEN planned THEN no Turing (T4) instance is chosen', () => {
    const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-70B-Instruct'), quantization: 'fp8' });
    expect(plan.accelerator).not.toBe('t4');
  });

  test('GIVEN fp8 forced onto a T4 WHEN evaluated THEN the error names the compute capability', () => {
    expect(() => planLlmServing({ model: findModel('meta-llama/Llama-3.1-8B-Instruct'), acceleratorId: 't4', quantization: 'fp8' }))
      .toThrow(/fp8 weights need CUDA compute capability 8 or newer; t4 has 7\.5/);
  });
});

describe('planLlmServing engine arguments', () => {
  test('GIVEN a served model name WHEN planned THEN vLLM serves the model under that name', () => {
    const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-8B-Instruct'), servedModelName: 'chat' });
    expect(plan.engineArgs.slice(0, 3)).toEqual(['meta-llama/Llama-3.1-8B-Instruct', '--served-model-name', 'chat']);
  });
});

describe('planLlmServing honours the latency objective', () => {
  const model = findModel('meta-llama/Llama-3.1-8B-Instruct');

  test('GIVEN a tight p95 latency WHEN planned THEN the batch shrinks, so more replicas serve the same traffic', () => {
    const loose = planLlmServing({ model, acceleratorId: 'h100-80gb', tensorParallelSize: 1, requestsPerSecond: 60 });
    const tight = planLlmServing({ model, acceleratorId: 'h100-80gb', tensorParallelSize: 1, requestsPerSecond: 60, requestLatencyMs: 2500 });
    expect(tight.estimatedInterTokenLatencyMs).toBeLessThan(loose.estimatedInterTokenLatencyMs);
    expect(tight.estimatedTimeToFirstTokenMs + 256 * tight.estimatedInterTokenLatencyMs).toBeLessThanOrEqual(2500 + 1);
    expect(tight.replicas).toBeGreaterThan(loose.replicas);
  });

  test('GIVEN a latency no GPU can meet WHEN planned THEN the error says how long a request takes', () => {
    expect(() => planLlmServing({ model, requestLatencyMs: 50 })).toThrow(/takes ≈ \d+ ms even at batch 1, over the 50 ms p95 objective/);
  });
});
