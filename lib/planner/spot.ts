/**
 * The Spot side of a plan's cost. The catalogue records no Spot prices: they move with supply and demand, per
 * Availability Zone, and AWS publishes only the current ones (https://aws.amazon.com/ec2/spot/pricing/, "updated
 * every 5 minutes"). We found no recorded, citable Spot price for GPU instance types in us-east-1, so the plan says
 * "spot price unknown" rather than guess a discount. What is certain: a Spot instance never costs more than
 * On-Demand (EC2 User Guide, "Spot Instance pricing history": "launch at the current Spot price, not exceeding the
 * On-Demand price", read 2026-12-03), so the On-Demand cost stays the upper bound every budget is sized from.
 *
 * Pure functions; no engine imports.
 */
import type { GpuCapacityType, SpotCostEstimate } from './types';

/** Where a reader finds today's Spot price. */
export const SPOT_PRICING_PAGE = 'https://aws.amazon.com/ec2/spot/pricing/';

/** The Spot estimate of a plan on `instanceType` in `region`; undefined for On-Demand plans. */
export function spotCostEstimate(capacityType: GpuCapacityType | undefined, instanceType: string, region: string): SpotCostEstimate | undefined {
  if (capacityType === undefined || capacityType === 'on-demand') return undefined;
  const share = capacityType === 'spot' ? 'every replica' : 'up to half the replicas (rounded up)';
  return {
    pricePerHourUsd: null,
    monthlyCostUsd: null,
    note: `spot price unknown: no recorded Spot price for ${instanceType} in ${region} (current prices: ${SPOT_PRICING_PAGE}). `
      + `Spot never exceeds On-Demand, so the On-Demand cost is the upper bound; ${share} may run on Spot.`,
  };
}
