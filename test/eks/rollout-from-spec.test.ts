/**
 * The spec's `rollout` and `traffic` SLO become the Argo Rollouts options every engine renders (no synth: the
 * blueprint tests check the rendered objects).
 */
import { progressiveRollout } from '../../blueprints/eks/deployment-config';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { InputValidationError } from '../../lib/errors';
import { servingUsesArgoRollouts } from '../../lib/eks/serving';
import type { DeploymentSpecInput } from '../../lib/spec/types';

const spec = (more: Partial<DeploymentSpecInput>) => resolveDeploymentSpec({
  name: 'chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'vllm' }, target: { kind: 'eks' }, ...more,
});

test('GIVEN no rollout section THEN the default is a 10 % canary for 10 minutes checking errors and latency', () => {
  expect(progressiveRollout('chat', spec({}))).toEqual({
    strategy: 'canary', canaryPercent: 10, linearStepPercent: 20, intervalMinutes: 10, analysis: { errors: true, latency: true },
  });
});

test('GIVEN an SLO (TTFT 800 ms, p95 latency 6 s) and a linear rollout THEN the analysis thresholds are the SLO, in seconds', () => {
  const options = progressiveRollout('chat', spec({
    traffic: { timeToFirstTokenMs: 800, p95LatencyMs: 6000 },
    rollout: { strategy: 'linear', linearStepPercent: 25, intervalMinutes: 5 },
  }));
  expect(options).toMatchObject({ strategy: 'linear', linearStepPercent: 25, intervalMinutes: 5, analysis: { ttftP95Seconds: 0.8, e2eLatencyP95Seconds: 6 } });
});

test('GIVEN rollback alarms THEN only the checks they name run (model errors read the 5xx share too)', () => {
  expect(progressiveRollout('chat', spec({ rollout: { strategy: 'canary', rollbackAlarms: ['model-errors'] } }))?.analysis).toEqual({ errors: true, latency: false });
  expect(progressiveRollout('chat', spec({ rollout: { strategy: 'canary', rollbackAlarms: ['latency-p95'] } }))?.analysis).toEqual({ errors: false, latency: true });
});

test('GIVEN all-at-once THEN no Argo Rollouts (a Deployment rolling update); GIVEN shadow THEN a refusal naming the strategies EKS supports', () => {
  expect(progressiveRollout('chat', spec({ rollout: { strategy: 'all-at-once' } }))).toBeUndefined();
  expect(() => progressiveRollout('chat', spec({ rollout: { strategy: 'shadow' } }))).toThrow(/rollout\.strategy 'shadow' is not supported on EKS.*'canary', 'linear' or 'all-at-once'/);
});

describe('runtimes without a progressive rollout on EKS: a canary is refused, never ignored', () => {
  const tgi = (rollout?: DeploymentSpecInput['rollout']) => ({
    name: 'chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'tgi' as const }, target: { kind: 'eks' as const }, ...(rollout && { rollout }),
  });
  const problemsOf = (input: DeploymentSpecInput) => {
    try {
      resolveDeploymentSpec(input);
      return [];
    } catch (e) {
      if (e instanceof InputValidationError) return e.problems;
      throw e;
    }
  };

  test.each(['canary', 'linear'] as const)('GIVEN TGI with rollout.strategy %s THEN the spec is refused on that field, naming the runtimes that support it', (strategy) => {
    expect(problemsOf(tgi({ strategy }))).toEqual([expect.objectContaining({
      field: 'rollout.strategy', value: strategy, message: expect.stringMatching(/'tgi' on target 'eks'.*implemented for vllm only/), fix: expect.stringMatching(/'all-at-once'.*runtime\.engine vllm/),
    })]);
  });

  test('GIVEN TGI with no rollout section THEN it defaults to all-at-once (its Deployment rolling update) and renders no Rollout', () => {
    const resolved = resolveDeploymentSpec(tgi());
    expect(resolved.rollout.strategy).toBe('all-at-once');
    expect(progressiveRollout('chat', resolved)).toBeUndefined();
    expect(problemsOf(tgi({ strategy: 'all-at-once' }))).toEqual([]);
  });

  test('GIVEN a canary on SageMaker (deployment guardrails for every runtime) THEN it stays allowed', () => {
    expect(problemsOf({ ...tgi({ strategy: 'canary' }), target: { kind: 'sagemaker', mode: 'realtime' } })).toEqual([]);
  });

  test('GIVEN a hand-built spec with a canary for a runtime that cannot THEN the blueprint refuses it too', () => {
    const resolved = resolveDeploymentSpec(tgi());
    const canary = { ...resolved, rollout: { ...resolved.rollout, strategy: 'canary' as const } };
    expect(() => progressiveRollout('chat', canary)).toThrow(InputValidationError);
    expect(servingUsesArgoRollouts({ rollout: { strategy: 'canary' }, plan: { nodes: 1 } as never, runtime: 'tgi' })).toBe(false);
  });
});
