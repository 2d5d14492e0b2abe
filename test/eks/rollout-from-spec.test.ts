/**
 * The spec's `rollout` and `traffic` SLO become the Argo Rollouts options every engine renders (no synth: the
 * blueprint tests check the rendered objects).
 */
import { progressiveRollout } from '../../blueprints/eks/deployment-config';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
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
