/**
 * Spot GPU capacity with On-Demand fallback (issue 15): the spec field, the plan's two prices, the NodePool's
 * capacity types, and pods that keep part of the replicas On-Demand and drain within the Spot notice.
 */
import { findModel } from '../../lib/catalogue';
import { InputValidationError } from '../../lib/errors';
import { KARPENTER_INTERRUPTION_EVENTS } from '../../lib/eks/karpenter-iam';
import { buildGpuNodePoolObjects, buildLlmServingObjects } from '../../lib/kubernetes';
import { SPOT_TERMINATION_GRACE_SECONDS } from '../../lib/kubernetes/pod-template';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { planLlmServing } from '../../lib/planner/plan';
import type { GpuCapacityType } from '../../lib/planner/types';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { only, servingOptions, SINGLE_NODE } from './fixtures';

const spec = (scaling: DeploymentSpecInput['scaling'], target: DeploymentSpecInput['target'] = { kind: 'eks' }): DeploymentSpecInput => ({
  name: 'llama-chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'vllm' }, target, scaling,
});

function rejection(input: DeploymentSpecInput): InputValidationError {
  try {
    resolveDeploymentSpec(input);
  } catch (error) {
    if (error instanceof InputValidationError) return error;
    throw error;
  }
  throw new Error('expected the spec to be rejected');
}

const withCapacity = (capacityType: GpuCapacityType) => ({ ...SINGLE_NODE, plan: { ...SINGLE_NODE.plan, capacityType } });

describe('scaling.capacityType in the spec', () => {
  test('GIVEN no capacityType THEN GPU nodes are On-Demand', () => {
    expect(resolveDeploymentSpec(spec(undefined)).scaling.capacityType).toBe('on-demand');
  });

  test('GIVEN spot-with-fallback with one replica THEN the spec is refused: one replica cannot be split', () => {
    expect(rejection(spec({ capacityType: 'spot-with-fallback' })).message).toMatch(/scaling\.minReplicas.*at least 2/s);
  });

  test('GIVEN Spot on managed node groups or beside a capacity reservation THEN each problem is named', () => {
    expect(rejection(spec({ capacityType: 'spot' }, { kind: 'eks', capacity: 'managed-nodegroup' })).message).toMatch(/EKS with Karpenter/);
    expect(rejection(spec({ capacityType: 'spot' }, { kind: 'eks', capacityReservationId: 'cr-0123456789abcdef0' })).message).toMatch(/capacity reservation/);
  });
});

describe('the plan shows both prices', () => {
  test('GIVEN a spot-with-fallback spec THEN the plan keeps the On-Demand cost and adds the recorded Spot price, one replica of two on Spot', () => {
    const plan = planDeployment(resolveDeploymentSpec(spec({ capacityType: 'spot-with-fallback', minReplicas: 2 })));
    const llm = plan.llm!;
    expect(llm.capacityType).toBe('spot-with-fallback');
    expect(llm.spot).toMatchObject({ pricePerHourUsd: expect.any(Number), source: { repository: 'skypilot-org/skypilot-catalog' } });
    expect(llm.spot!.pricePerHourUsd!).toBeLessThan(llm.costPerHourUsd);
    expect(llm.spot?.monthlyCostUsd).toBe(Math.round((llm.spot!.pricePerHourUsd! + llm.costPerHourUsd) * 730));
    // Budgets stay sized from the On-Demand cost, the upper bound.
    expect(plan.summary.monthlyCostUsd).toBe(llm.monthlyCostUsd);
    expect(plan.summary.costNote).toMatch(/on-demand .*spot-with-fallback: recorded Spot price median across/);
  });

  test('GIVEN an On-Demand request THEN the plan has no Spot fields', () => {
    const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-8B-Instruct') });
    expect(plan.capacityType).toBeUndefined();
    expect(plan.spot).toBeUndefined();
  });
});

describe('Spot capacity on Karpenter', () => {
  const capacityTypes = (capacityType: GpuCapacityType) => {
    const pool = only(buildGpuNodePoolObjects({ name: 'llm', plan: withCapacity(capacityType).plan, capacity: 'karpenter', clusterName: 'gpu' }), 'NodePool');
    return pool.spec.template.spec.requirements.find((r: { key: string }) => r.key === 'karpenter.sh/capacity-type').values;
  };

  test('THEN the NodePool allows Spot then On-Demand, Spot alone, or On-Demand alone', () => {
    expect(capacityTypes('spot-with-fallback')).toEqual(['spot', 'on-demand']);
    expect(capacityTypes('spot')).toEqual(['spot']);
    expect(capacityTypes('on-demand')).toEqual(['on-demand']);
  });

  test('THEN Auto Mode refuses Spot (only self-managed Karpenter drains on the interruption queue here)', () => {
    expect(() => buildGpuNodePoolObjects({ name: 'llm', plan: withCapacity('spot').plan, capacity: 'auto-mode', clusterName: 'gpu', nodeRoleName: 'r' })).toThrow(/plan\.capacityType/);
  });

  test('THEN spot-with-fallback pods spread hard over capacity types and drain within the two-minute notice', () => {
    const template = only(buildLlmServingObjects(servingOptions(withCapacity('spot-with-fallback'))), 'Deployment').spec.template.spec;
    expect(template.topologySpreadConstraints).toContainEqual(expect.objectContaining({ topologyKey: 'karpenter.sh/capacity-type', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }));
    expect(template.terminationGracePeriodSeconds).toBe(SPOT_TERMINATION_GRACE_SECONDS);
    expect(SPOT_TERMINATION_GRACE_SECONDS).toBeLessThan(120);
  });

  test('THEN spot pods (all replicas may be on Spot, as asked) carry no capacity-type spread, On-Demand pods keep 120 s', () => {
    const spot = only(buildLlmServingObjects(servingOptions(withCapacity('spot'))), 'Deployment').spec.template.spec;
    expect(spot.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey)).toEqual(['topology.kubernetes.io/zone']);
    expect(only(buildLlmServingObjects(servingOptions(SINGLE_NODE)), 'Deployment').spec.template.spec.terminationGracePeriodSeconds).toBe(120);
  });

  test('THEN Karpenter\'s interruption queue hears Spot interruptions, rebalance hints, scheduled changes and state changes', () => {
    expect(KARPENTER_INTERRUPTION_EVENTS.map((e) => e.detailType)).toEqual(expect.arrayContaining([
      'EC2 Spot Instance Interruption Warning', 'EC2 Instance Rebalance Recommendation', 'AWS Health Event', 'EC2 Instance State-change Notification',
    ]));
  });
});
