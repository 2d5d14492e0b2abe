/**
 * A/B tests on the EKS platform, as pure functions: which specs are accepted, how a spec becomes one deployment per
 * arm, and how the platform's summary and budget add up every deployment.
 */
import { progressiveRollout } from '../../blueprints/eks/deployment-config';
import { platformBudget } from '../../lib/budgets/platform-budget';
import { deploymentBudget } from '../../lib/budgets/deployment-budget';
import { abTestArms, abTrafficSplit, onAccelerator, tenantsOfArms } from '../../lib/eks/platform-ab';
import { platformPlanSummary } from '../../lib/eks/platform-plan-summary';
import { InputValidationError } from '../../lib/errors';
import type { DeploymentPlan } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';

const BUCKET = 'llm-platform-eks-models-123456789012-us-east-1';
const AB = { strategy: 'ab' as const, variants: [{ name: 'control', weight: 90 }, { name: 'candidate', version: 'v2', weight: 10 }] };
const CHAT: DeploymentSpecInput = {
  name: 'chat-8b',
  region: 'us-east-1',
  model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
  runtime: { engine: 'vllm', lora: { adapters: [{ name: 'support-assistant', uri: 's3://acme-llm-adapters/support/' }] } },
  target: { kind: 'eks', capacity: 'karpenter' },
  traffic: { requestsPerSecond: 4, promptTokens: 1024, outputTokens: 256 },
  scaling: { minReplicas: 1, maxReplicas: 4 },
  rollout: AB,
} as DeploymentSpecInput;

function problemsOf(spec: DeploymentSpecInput): { field: string; value: unknown }[] {
  try {
    resolveDeploymentSpec(spec);
  } catch (error) {
    if (error instanceof InputValidationError) return error.problems.map((p) => ({ field: p.field, value: p.value }));
    throw error;
  }
  return [];
}

describe('validation of an A/B test on EKS', () => {
  test('GIVEN a vLLM model on EKS with a 90/10 split THEN the spec is accepted', () => {
    expect(problemsOf(CHAT)).toEqual([]);
    expect(problemsOf({ ...CHAT, rollout: { strategy: 'ab', variants: [{ name: 'a', weight: 50 }, { name: 'b', artifactUri: 'hf://acme/llama-3.1-8b-support-v2', weight: 50 }] } })).toEqual([]);
  });

  test('GIVEN another runtime, a variant name that cannot name a deployment, weights not summing to 100 and a bad checkpoint THEN every problem is named', () => {
    expect(problemsOf({
      ...CHAT,
      runtime: { engine: 'tgi' },
      rollout: { strategy: 'ab', variants: [{ name: 'Control', weight: 80 }, { name: 'b', artifactUri: 'ftp://x/y', weight: 10 }] },
    } as DeploymentSpecInput)).toEqual(expect.arrayContaining([
      { field: 'runtime.engine', value: 'tgi' },
      { field: 'rollout.variants[0].name', value: 'Control' },
      { field: 'rollout.variants[1].artifactUri', value: 'ftp://x/y' },
      { field: 'rollout.variants', value: '80 + 10' },
    ]));
  });

  test('GIVEN an A/B spec on a one-model EKS blueprint (no gateway) THEN it is refused with the field and the platform as the fix', () => {
    expect(() => progressiveRollout('llm-eks', resolveDeploymentSpec(CHAT))).toThrow(InputValidationError);
    expect(() => progressiveRollout('llm-eks', resolveDeploymentSpec(CHAT))).toThrow(/rollout.strategy[\s\S]*llm-platform-eks/);
  });
});

describe('GIVEN the 8B chat model A/B tested 90/10 on the platform', () => {
  const arms = abTestArms(CHAT, BUCKET)!;

  test('THEN the first arm keeps the spec\'s name and the others are <spec>-<variant>, all in the spec\'s namespace', () => {
    expect(arms.map((a) => [a.deployment, a.weight])).toEqual([['chat-8b', 90], ['chat-8b-candidate', 10]]);
    expect(arms.map((a) => (a.spec.target as { namespace?: string }).namespace)).toEqual(['chat-8b', 'chat-8b']);
    expect(arms.map((a) => a.spec.rollout)).toEqual([{ strategy: 'all-at-once' }, { strategy: 'all-at-once' }]);
  });

  test('THEN each arm is planned for its share of the traffic and of maxReplicas (at least one)', () => {
    expect(arms.map((a) => [a.spec.traffic?.requestsPerSecond, a.spec.scaling?.maxReplicas])).toEqual([[3.6, 4], [0.4, 1]]);
  });

  test('THEN the candidate loads its version from the platform bucket, and the adapters stay on the control arm', () => {
    expect(arms.map((a) => a.location)).toEqual([{}, { modelPrefix: 'models/meta-llama/Llama-3.1-8B-Instruct/v2/' }]);
    expect(arms.map((a) => a.spec.runtime?.lora?.adapters.length)).toEqual([1, undefined]);
  });

  test('THEN the gateway splits the served name over both arms, and a tenant allowed the model is allowed each arm', () => {
    expect(abTrafficSplit(CHAT, arms, 'meta-llama/Llama-3.1-8B-Instruct')).toEqual({
      name: 'chat-8b', modelName: 'meta-llama/Llama-3.1-8B-Instruct', backends: [{ model: 'chat-8b', weight: 90 }, { model: 'chat-8b-candidate', weight: 10 }],
    });
    const tenants = tenantsOfArms([{ name: 'acme', apiKeySecretId: 'k', allowedModels: ['chat-8b', 'chat-3b'] }], new Map([['chat-8b', ['chat-8b', 'chat-8b-candidate']]]));
    expect(tenants[0]!.allowedModels).toEqual(['chat-8b', 'chat-8b-candidate', 'chat-3b']);
  });

  test('THEN an arm name past the gateway\'s 35 characters or a checkpoint outside the bucket is refused with its field', () => {
    const bad = () => abTestArms({ ...CHAT, name: 'chat-8b-instruct-prod', rollout: { strategy: 'ab', variants: [{ name: 'a', weight: 50 }, { name: 'candidate-2026-12', artifactUri: 's3://other-bucket/m/', weight: 50 }] } } as DeploymentSpecInput, BUCKET);
    expect(bad).toThrow(InputValidationError);
    expect(bad).toThrow(/rollout.variants\[1\].name[\s\S]*35[\s\S]*rollout.variants\[1\].artifactUri[\s\S]*model bucket/);
  });

  test('THEN a later arm is planned on the first arm\'s accelerator unless the spec fixes one (the test compares models, not GPUs)', () => {
    expect((onAccelerator(arms[1]!, 'l40s').spec.target as { accelerator?: string }).accelerator).toBe('l40s');
    const fixed = abTestArms({ ...CHAT, target: { kind: 'eks', instanceType: 'p5.48xlarge' } } as DeploymentSpecInput, BUCKET)!;
    expect(onAccelerator(fixed[1]!, 'l40s').spec.target).toEqual({ kind: 'eks', instanceType: 'p5.48xlarge', namespace: 'chat-8b' });
  });

  test('THEN a spec without an A/B test has no arms', () => {
    expect(abTestArms({ ...CHAT, rollout: undefined } as DeploymentSpecInput, BUCKET)).toBeUndefined();
  });
});

describe('the platform\'s summary and budget add up every deployment', () => {
  const planOf = (compute: string, replicas: number, monthlyCostUsd: number | null) => ({
    summary: { compute, parallelism: 'TP=1', replicas, billing: 'hourly', monthlyCostUsd, costNote: '' },
  }) as unknown as DeploymentPlan;

  test('GIVEN two arms and two models THEN the summary lists each with its weight and totals replicas and cost', () => {
    const summary = platformPlanSummary([
      { deployment: 'chat-8b', plan: planOf('g6e.xlarge', 2, 2718), abWeight: 90 },
      { deployment: 'chat-8b-candidate', plan: planOf('g6e.xlarge', 1, 1359), abWeight: 10 },
      { deployment: 'chat-70b', plan: planOf('g6e.12xlarge', 1, 7660) },
      { deployment: 'embed', plan: planOf('cpu', 1, null) },
    ]);
    expect(summary.monthlyCostUsd).toBe(2718 + 1359 + 7660);
    expect(summary.replicas).toBe(5);
    expect(summary.compute).toBe('4 deployments: g6e.xlarge, g6e.12xlarge, cpu');
    expect(summary.parts!.map((p) => [p.name, p.abWeight, p.monthlyCostUsd])).toEqual([['chat-8b', 90, 2718], ['chat-8b-candidate', 10, 1359], ['chat-70b', undefined, 7660], ['embed', undefined, null]]);
    expect(summary.costNote).toContain('chat-8b-candidate (A/B 10 %) $1,359');
    expect(summary.costNote).toContain('not counted: embed');
  });

  test('GIVEN each deployment\'s budget THEN the platform\'s budget limits their total plus headroom and counts every deployment\'s tag', () => {
    const budgetOf = (name: string, cost: number) => deploymentBudget({
      spec: resolveDeploymentSpec({ ...CHAT, name, rollout: undefined } as DeploymentSpecInput), summary: { monthlyCostUsd: cost },
    } as unknown as DeploymentPlan);
    const budget = platformBudget('llm-platform-eks', [budgetOf('chat-8b', 1000), budgetOf('chat-70b', 7000), undefined])!;
    expect(budget).toMatchObject({ budgetName: 'llm-platform-eks-budget', plannedMonthlyCostUsd: 8000, limitUsd: 9600, headroomPercent: 20 });
    expect(budget.costFilters.TagKeyValue).toEqual(['user:aimd:deployment$chat-8b', 'user:aimd:deployment$chat-70b']);
    expect(platformBudget('llm-platform-eks', [undefined])).toBeUndefined();
  });
});
