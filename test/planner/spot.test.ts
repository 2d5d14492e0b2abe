/**
 * The Spot side of a plan's cost (lib/planner/spot.ts): the recorded price per replica, the monthly cost with as
 * many replicas on Spot as the capacity type allows, the conservative figure, and the source and date beside them.
 */
import { findModel } from '../../lib/catalogue';
import { formatPlan } from '../../lib/cli/plan-command';
import { planLlmServing } from '../../lib/planner/plan';
import { spotCostEstimate, spotReplicas } from '../../lib/planner/spot';

describe('spotCostEstimate', () => {
  test('GIVEN On-Demand or no capacity type THEN there is no Spot estimate', () => {
    expect(spotCostEstimate(undefined, 'g5.xlarge', 'us-east-1')).toBeUndefined();
    expect(spotCostEstimate('on-demand', 'g5.xlarge', 'us-east-1')).toBeUndefined();
  });

  test('GIVEN spot on g5.xlarge in us-east-1, 2 replicas of 1 node THEN the recorded median, monthly cost, max, source and date', () => {
    const estimate = spotCostEstimate('spot', 'g5.xlarge', 'us-east-1', { nodes: 1, replicas: 2, onDemandCostPerHourUsd: 1.006 });
    expect(estimate).toMatchObject({
      pricePerHourUsd: 0.4886,
      monthlyCostUsd: Math.round(2 * 0.4886 * 730),
      maxPricePerHourUsd: 0.507,
      maxMonthlyCostUsd: Math.round(2 * 0.507 * 730),
      source: { repository: 'skypilot-org/skypilot-catalog', path: 'catalogs/v8/aws/vms.csv', commit: expect.stringMatching(/^[0-9a-f]{40}$/) },
      observed: { notAfter: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    });
    expect(estimate?.note).toMatch(/median across 5 Availability Zones.*skypilot-org\/skypilot-catalog catalogs\/v8\/aws\/vms\.csv at [0-9a-f]{12}.*on or before \d{4}-\d{2}-\d{2}/);
  });

  test('GIVEN spot-with-fallback on 3 replicas of 2 nodes THEN 2 replicas are priced at Spot (per node × 2) and 1 at On-Demand', () => {
    expect(spotReplicas('spot-with-fallback', 3)).toBe(2);
    expect(spotReplicas('spot', 3)).toBe(3);
    const estimate = spotCostEstimate('spot-with-fallback', 'g5.12xlarge', 'us-east-1', { nodes: 2, replicas: 3, onDemandCostPerHourUsd: 2 * 5.672 });
    expect(estimate?.pricePerHourUsd).toBeCloseTo(2 * 2.0049, 4);
    expect(estimate?.monthlyCostUsd).toBe(Math.round((2 * 2 * 2.0049 + 2 * 5.672) * 730));
  });

  test('GIVEN a type with no recorded row THEN the estimate stays "unknown" with the On-Demand cost as the upper bound', () => {
    expect(spotCostEstimate('spot', 'p5.4xlarge', 'us-east-1', { nodes: 1, replicas: 1, onDemandCostPerHourUsd: 6.88 })).toEqual({
      pricePerHourUsd: null, monthlyCostUsd: null, note: expect.stringMatching(/^spot price unknown: no recorded Spot price for p5\.4xlarge in us-east-1.*upper bound/),
    });
  });
});

describe('the plan carries both prices', () => {
  test('GIVEN a Spot request pinned to g5.xlarge THEN the plan has the On-Demand cost and a lower, sourced Spot cost', () => {
    const plan = planLlmServing({ model: findModel('meta-llama/Llama-3.1-8B-Instruct'), instanceType: 'g5.xlarge', capacityType: 'spot', minReplicas: 2 });
    expect(plan.capacityType).toBe('spot');
    expect(plan.spot?.pricePerHourUsd).toBeLessThan(plan.costPerHourUsd);
    expect(plan.spot?.monthlyCostUsd).toBeLessThan(plan.monthlyCostUsd);
    expect(plan.spot?.source?.commit).toMatch(/^[0-9a-f]{40}$/);
    // aimd plan prints both: the On-Demand cost line and the Spot line with its monthly figures, source and date.
    const printed = formatPlan(plan);
    expect(printed).toMatch(/^cost +\$1\.006\/h per replica/m);
    expect(printed).toMatch(/^spot +spot: \$0\.489\/h per replica, \$\d[\d,]*\/month \(\$\d[\d,]* at the dearest zone\); recorded Spot price median across 5 Availability Zones.*skypilot-org\/skypilot-catalog.*on or before 2026-12-03/m);
  });
});
