/**
 * The planner per cloud (issue 14): the cheapest-fit search runs over the chosen cloud's machine types,
 * priced in its default region, and equals an exhaustive search over that cloud; `--cloud any` compares.
 */
import { ACCELERATORS, DEFAULT_REGIONS, cloudOf, findModel, getInstanceType, instanceTypesOfCloud, type CloudId } from '../../lib/catalogue';
import { main } from '../../lib/cli/main';
import { runPlan } from '../../lib/cli/plan-command';
import { InputValidationError } from '../../lib/errors';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { planAcrossClouds } from '../../lib/planner/across-clouds';
import { compareCandidates, evaluateLayout, instancePrice, type EvaluatedCandidate } from '../../lib/planner/candidates';
import { hasMultiNodeFabric } from '../../lib/planner/cloud';
import { planLlmServing } from '../../lib/planner/plan';
import type { LlmPlanRequest } from '../../lib/planner/types';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { TargetSpec } from '../../lib/spec/types';

/**
 * The exhaustive reference of test/planner/plan.test.ts, over one cloud's machine types in its default
 * region: every machine × node count × tensor-parallel degree vLLM accepts, then the objective (cheapest
 * simple plan unless a complex one is cheaper by more than the margin), written apart from the planner.
 */
function bruteForce(request: LlmPlanRequest, cloud: CloudId): EvaluatedCandidate | undefined {
  const region = DEFAULT_REGIONS[cloud];
  const margin = request.complexityMargin ?? 0.15;
  let best: EvaluatedCandidate | undefined;
  let bestSimple: EvaluatedCandidate | undefined;
  for (const instance of instanceTypesOfCloud(cloud)) {
    const accelerator = ACCELERATORS.find((a) => a.id === instance.acceleratorId);
    if (!accelerator?.cudaCapable || instancePrice(instance, 'ec2', region) === undefined) continue;
    for (let nodes = 1; nodes <= (request.maxNodesPerReplica ?? 4); nodes++) {
      if (nodes > 1 && !hasMultiNodeFabric(instance)) continue;
      for (let tp = 1; tp <= instance.acceleratorCount; tp++) {
        if (instance.acceleratorCount % tp !== 0 || request.model.numAttentionHeads % tp !== 0) continue;
        if (nodes > 1 && tp !== instance.acceleratorCount) continue;
        const pp = (instance.acceleratorCount / tp) * nodes;
        if (pp > request.model.numLayers) continue;
        const candidate = evaluateLayout(request.model, accelerator, { instance, tensorParallelSize: tp, pipelineParallelSize: pp, nodes }, { ...request, cloud });
        if (candidate.problems.length > 0) continue;
        if (best === undefined || compareCandidates(candidate, best) < 0) best = candidate;
        if (nodes === 1 && pp === 1 && (bestSimple === undefined || compareCandidates(candidate, bestSimple) < 0)) bestSimple = candidate;
      }
    }
  }
  if (best === undefined || bestSimple === undefined) return best;
  return best.totalCostPerHourUsd < (1 - margin) * bestSimple.totalCostPerHourUsd ? best : bestSimple;
}

const layoutOf = (c: { instanceType?: string; instance?: { name: string }; tensorParallelSize: number; pipelineParallelSize: number; nodes: number }) =>
  ({ instance: c.instanceType ?? c.instance!.name, tp: c.tensorParallelSize, pp: c.pipelineParallelSize, nodes: c.nodes });

describe('planLlmServing per cloud equals brute force over that cloud', () => {
  test.each([
    ['gcp', 'meta-llama/Llama-3.1-8B-Instruct', {}],
    ['gcp', 'meta-llama/Llama-3.1-70B-Instruct', {}],
    ['gcp', 'meta-llama/Llama-3.1-70B-Instruct', { quantization: 'fp8' as const, requestsPerSecond: 10 }],
    ['gcp', 'meta-llama/Llama-3.1-405B-Instruct', {}],
    ['azure', 'meta-llama/Llama-3.1-8B-Instruct', {}],
    ['azure', 'meta-llama/Llama-3.1-70B-Instruct', {}],
    ['azure', 'Qwen/Qwen2.5-32B-Instruct', { requestsPerSecond: 5 }],
    ['azure', 'meta-llama/Llama-3.1-405B-Instruct', {}],
  ] as const)('GIVEN %s and %s %j WHEN planned THEN the choice is the cheapest feasible one on that cloud', (cloud, id, extra) => {
    const request: LlmPlanRequest = { model: findModel(id), cloud, ...extra };
    const reference = bruteForce(request, cloud);
    expect(reference).toBeDefined();
    const plan = planLlmServing(request);
    expect(layoutOf(plan)).toEqual(layoutOf(reference!));
    expect(plan.monthlyCostUsd).toBeCloseTo(reference!.totalCostPerHourUsd * 730, 0);
    expect({ cloud: plan.cloud, region: plan.region, machineCloud: cloudOf(getInstanceType(plan.instanceType)) }).toEqual({ cloud, region: DEFAULT_REGIONS[cloud], machineCloud: cloud });
  });

  test('GIVEN no cloud WHEN planned THEN it stays on AWS in us-east-1, and a fixed machine type brings its cloud', () => {
    const model = findModel('llama-3.1-8b-instruct');
    expect(planLlmServing({ model })).toMatchObject({ cloud: 'aws', region: 'us-east-1' });
    expect(planLlmServing({ model, instanceType: 'standard_nc24ads_a100_v4' })).toMatchObject({ cloud: 'azure', region: 'eastus', instanceType: 'Standard_NC24ads_A100_v4' });
  });
});

describe('aimd plan --cloud', () => {
  const run = (...argv: string[]) => runPlan(['--model', 'llama-3.1-70b-instruct', ...argv]);

  test.each([['gcp', 'us-central1'], ['azure', 'eastus']] as const)('GIVEN Llama 3.1 70B and --cloud %s WHEN planned THEN a real machine type of that cloud is chosen with its price', (cloud, region) => {
    const result = run('--cloud', cloud, '--json');
    expect(result.error).toBeUndefined();
    const plan = JSON.parse(result.output);
    const machine = getInstanceType(plan.instanceType);
    expect({ cloud: plan.cloud, region: plan.region, machineCloud: machine.cloud, fits: plan.fits }).toEqual({ cloud, region, machineCloud: cloud, fits: true });
    expect(plan.costPerHourUsd).toBeCloseTo(machine.onDemandPricePerHourUsd[region]! * plan.nodes, 2);
    expect(plan.monthlyCostUsd).toBeGreaterThan(0);
  });

  test('GIVEN --cloud any WHEN planned THEN the cheapest cloud answers and every cloud is compared in the explanation and in JSON', () => {
    const plan = JSON.parse(run('--cloud', 'any', '--json').output);
    expect(plan.clouds.map((c: { cloud: string }) => c.cloud)).toEqual(['aws', 'gcp', 'azure']);
    const chosen = plan.clouds.filter((c: { chosen: boolean }) => c.chosen);
    expect(chosen).toHaveLength(1);
    expect(chosen[0]).toMatchObject({ cloud: plan.cloud, instanceType: plan.instanceType, monthlyCostUsd: plan.monthlyCostUsd });
    for (const row of plan.clouds) expect(row.monthlyCostUsd).toBeGreaterThanOrEqual(plan.monthlyCostUsd);
    expect(plan.explanation).toMatch(/Across clouds: aws \(us-east-1\): .*; gcp \(us-central1\): .*; azure \(eastus\): .*is the cheapest\./);
    // Existing contract fields keep their names.
    for (const field of ['model', 'platform', 'region', 'instanceType', 'accelerator', 'costPerHourUsd', 'monthlyCostUsd', 'explanation']) expect(plan).toHaveProperty(field);
    expect(run('--cloud', 'any').output).toMatch(/cloud\s+region\s+instance[\s\S]*\(chosen\)/);
  });

  test('GIVEN a GPU only one cloud sells WHEN compared THEN the others say so instead of pricing an unlisted server at $0', () => {
    const across = planAcrossClouds({ model: findModel('llama-3.1-8b-instruct'), acceleratorId: 'h100-nvl' });
    expect(across.plan).toMatchObject({ cloud: 'azure', accelerator: 'h100-nvl' });
    expect(across.plan.costPerHourUsd).toBeGreaterThan(0);
    expect(across.clouds.filter((c) => c.error !== undefined).map((c) => [c.cloud, c.error])).toEqual([
      ['aws', 'no aws machine type in the catalogue carries h100-nvl'], ['gcp', 'no gcp machine type in the catalogue carries h100-nvl'],
    ]);
  });

  test('GIVEN a request no cloud serves WHEN compared THEN the error names every cloud', () => {
    const model = findModel('meta-llama/Llama-3.1-405B-Instruct');
    expect(() => planAcrossClouds({ model, maxModelLen: 10_000_000 })).toThrow(/No cloud can serve .*aws: .*gcp: .*azure: /s);
  });

  test('GIVEN a bad --cloud, or flags that belong to one cloud WHEN parsed THEN one error names each flag, value and the accepted values', () => {
    expect(() => run('--cloud', 'gpc')).toThrow(InputValidationError);
    expect(() => run('--cloud', 'gpc')).toThrow(/--cloud.*'?gpc'?.*must be one of aws, gcp, azure, any/s);
    expect(() => run('--cloud', 'any', '--region', 'us-east-1', '--instance-type', 'g5.xlarge')).toThrow(/--region[\s\S]*--cloud any[\s\S]*--instance-type/);
    expect(() => run('--cloud', 'gcp', '--platform', 'sagemaker')).toThrow(/--platform[\s\S]*AWS only/);
    expect(() => run('--cloud', 'gcp', '--region', 'us-east-1')).toThrow(/--region[\s\S]*must be one of us-central1/);
  });
});

describe('a spec plans on its target cloud', () => {
  const spec = (target: Record<string, unknown>) => resolveDeploymentSpec({
    name: 'chat', model: { id: 'llama-3.1-70b-instruct' }, runtime: { engine: 'vllm' }, target: target as unknown as TargetSpec,
    traffic: { requestsPerSecond: 1, promptTokens: 512, outputTokens: 128 },
  });

  test.each([
    [{ kind: 'gke' }, 'gcp', 'us-central1'], [{ kind: 'aks' }, 'azure', 'eastus'],
    [{ kind: 'kubernetes', cloud: 'azure' }, 'azure', 'eastus'], [{ kind: 'eks' }, 'aws', 'us-east-1'],
  ] as const)('GIVEN target %j WHEN planned THEN cloudOfTarget picks the %s catalogue priced in %s', (target, cloud, region) => {
    const llm = planDeployment(spec(target)).llm!;
    expect({ cloud: llm.cloud, region: llm.region, machineCloud: cloudOf(getInstanceType(llm.instanceType)) }).toEqual({ cloud, region, machineCloud: cloud });
    expect(llm.costPerHourUsd).toBeGreaterThan(0);
  });
});

describe('a machine type belongs to one cloud', () => {
  test('GIVEN a machine type of another cloud WHEN planned THEN the planner and the CLI refuse it, naming both clouds', () => {
    const model = findModel('llama-3.1-8b-instruct');
    expect(() => planLlmServing({ model, cloud: 'aws', instanceType: 'a2-ultragpu-1g' })).toThrow(/instanceType \('a2-ultragpu-1g'\): is a machine type of gcp, but the plan is on aws/);
    expect(() => runPlan(['--model', 'llama-3.1-8b-instruct', '--cloud', 'azure', '--instance-type', 'g5.xlarge'])).toThrow(/--instance-type \('g5\.xlarge'\): is a machine type of aws, but --cloud is azure/);
  });

  test('GIVEN aimd catalogue --list instances --cloud WHEN listed THEN it shows that cloud with prices in its region, or says none', async () => {
    const lines: string[] = [];
    const code = await main(['catalogue', '--list', 'instances', '--cloud', 'azure'], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/Standard_NC24ads_A100_v4\s+1 × a100-80gb\s+\$3\.673\/h in eastus/);
    expect(lines.join('\n')).toMatch(/Standard_ND96isr_H200_v5\s+8 × h200\s+no price in eastus/);
    expect(lines.join('\n')).not.toMatch(/g5\.xlarge/);
    const bad: string[] = [];
    expect(await main(['catalogue', '--list', 'instances', '--cloud', 'ibm'], { out: (s) => bad.push(s), err: (s) => bad.push(s) })).toBe(2);
    expect(bad.join('\n')).toMatch(/--cloud \('ibm'\): must be one of aws, gcp, azure, any/);
  });
});
