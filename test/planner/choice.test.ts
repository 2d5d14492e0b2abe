/**
 * The free choice weighs operational complexity: a multi-node or pipeline-parallel plan wins only when no
 * single-node plan serves the request or it is cheaper by more than the margin (issue 17).
 */
import { findModel } from '../../lib/catalogue';
import { DEFAULT_COMPLEXITY_MARGIN } from '../../lib/planner/choice';
import { planLlmServing } from '../../lib/planner/plan';

const llama70b = findModel('meta-llama/Llama-3.1-70B-Instruct');

describe('the objective weighs operational complexity', () => {
  test('GIVEN Llama 3.1 70B at 5 req/s WHEN planned THEN one node wins over a few-percent-cheaper pipeline over the network, and the plan says why', () => {
    const plan = planLlmServing({ model: llama70b, requestsPerSecond: 5 });
    expect(plan.nodes).toBe(1);
    expect(plan.pipelineParallelSize).toBe(1);
    const cheapest = plan.alternatives!.find((a) => a.objective === 'cheapest')!;
    expect(cheapest.nodes).toBeGreaterThan(1);
    expect(cheapest.costPerHourUsd).toBeGreaterThan(plan.costPerHourUsd * plan.replicas * (1 - DEFAULT_COMPLEXITY_MARGIN));
    expect(plan.choiceReason).toMatch(/only \d+ % cheaper: less than the 15 % margin/);
    expect(plan.explanation).toContain(plan.choiceReason);
  });

  test('GIVEN a margin of 0 WHEN planned THEN price alone decides and the multi-node plan wins, saying by how much', () => {
    const plan = planLlmServing({ model: llama70b, requestsPerSecond: 5, complexityMargin: 0 });
    expect(plan.nodes * plan.pipelineParallelSize).toBeGreaterThan(1);
    expect(plan.choiceReason).toMatch(/cheaper than the best single-node plan/);
  });

  test('GIVEN 405B in 16-bit fixed to A100 40GB GPUs WHEN no single node holds it THEN the multi-node plan is chosen and says so', () => {
    const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-405B-Instruct'), acceleratorId: 'a100-40gb', quantization: 'none' });
    expect(plan.nodes).toBeGreaterThan(1);
    expect(plan.choiceReason).toMatch(/no single-node plan without pipeline parallelism serves the request/);
  });

  test('GIVEN any plan THEN it lists the cheapest, fewest-nodes and lowest-latency alternatives with price, nodes, TP/PP, replicas and latency', () => {
    const plan = planLlmServing({ model: llama70b, requestsPerSecond: 5 });
    expect(plan.alternatives!.map((a) => a.objective)).toEqual(['chosen', 'cheapest', 'fewest-nodes', 'lowest-latency']);
    for (const a of plan.alternatives!) {
      expect(a).toEqual(expect.objectContaining({
        instanceType: expect.any(String), nodes: expect.any(Number), tensorParallelSize: expect.any(Number), pipelineParallelSize: expect.any(Number),
        replicas: expect.any(Number), costPerHourUsd: expect.any(Number), estimatedTimeToFirstTokenMs: expect.any(Number), estimatedInterTokenLatencyMs: expect.any(Number),
      }));
    }
    expect(plan.alternatives![0]!.chosen).toBe(true);
    const fewest = plan.alternatives!.find((a) => a.objective === 'fewest-nodes')!;
    expect(fewest.nodes * fewest.replicas).toBeLessThanOrEqual(plan.nodes * plan.replicas);
  });
});
