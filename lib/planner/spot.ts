/**
 * The Spot side of a plan's cost. Spot prices move with supply and demand, per Availability Zone, and AWS publishes
 * only the current ones (https://aws.amazon.com/ec2/spot/pricing/, "updated every 5 minutes"). The catalogue
 * records one snapshot per instance type and region (lib/catalogue/data/aws-spot-prices.json, with its source
 * repository, path, commit and date): the plan shows the median across zones and, as the conservative figure, the
 * dearest zone. Types without a recorded row say "spot price unknown" rather than guess a discount. What is
 * certain: a Spot instance never costs more than On-Demand (EC2 User Guide, "Spot Instance pricing history": "launch
 * at the current Spot price, not exceeding the On-Demand price", read 2026-12-03), so the On-Demand cost stays the
 * upper bound every budget is sized from.
 *
 * Pure functions; no engine imports.
 */
import { recordedSpotPrice } from '../catalogue/spot-prices';
import { HOURS_PER_MONTH } from './candidates';
import type { GpuCapacityType, SpotCostEstimate } from './types';

/** Where a reader finds today's Spot price. */
export const SPOT_PRICING_PAGE = 'https://aws.amazon.com/ec2/spot/pricing/';

/** The size of the plan the Spot price is applied to. */
export interface SpotPlanShape {
  /** Nodes per replica. */
  readonly nodes: number;
  /** Replicas the plan runs. */
  readonly replicas: number;
  /** On-Demand cost of one replica, USD per hour (the replicas that stay On-Demand under `spot-with-fallback`). */
  readonly onDemandCostPerHourUsd: number;
}

/**
 * Replicas that may run on Spot: all of them under `spot`; under `spot-with-fallback` Spot and On-Demand replicas
 * differ by at most one (the capacity-type topology spread of lib/kubernetes/pod-template.ts), so at most half,
 * rounded up.
 */
export function spotReplicas(capacityType: GpuCapacityType, replicas: number): number {
  return capacityType === 'spot' ? replicas : Math.ceil(replicas / 2);
}

/**
 * The Spot estimate of a plan on `instanceType` in `region`; undefined for On-Demand plans. With a recorded price
 * and the plan's shape it carries the per-replica Spot price and the monthly cost with as many replicas on Spot as
 * the capacity type allows (the rest On-Demand), at the median and at the dearest zone, with source and date.
 */
export function spotCostEstimate(
  capacityType: GpuCapacityType | undefined,
  instanceType: string,
  region: string,
  shape?: SpotPlanShape,
): SpotCostEstimate | undefined {
  if (capacityType === undefined || capacityType === 'on-demand') return undefined;
  const share = capacityType === 'spot' ? 'every replica' : 'up to half the replicas (rounded up)';
  const record = recordedSpotPrice(instanceType, region);
  if (record === undefined || shape === undefined) {
    return {
      pricePerHourUsd: null,
      monthlyCostUsd: null,
      note: `spot price unknown: no recorded Spot price for ${instanceType} in ${region} (current prices: ${SPOT_PRICING_PAGE}). `
        + `Spot never exceeds On-Demand, so the On-Demand cost is the upper bound; ${share} may run on Spot.`,
    };
  }
  const onSpot = spotReplicas(capacityType, shape.replicas);
  const onDemand = shape.replicas - onSpot;
  const monthly = (spotPerReplica: number) => round((onSpot * spotPerReplica + onDemand * shape.onDemandCostPerHourUsd) * HOURS_PER_MONTH, 0);
  const median = round(record.medianPricePerHourUsd * shape.nodes, 4);
  const max = round(record.maxPricePerHourUsd * shape.nodes, 4);
  const zones = record.availabilityZones.length;
  const statistic = `median across ${zones} Availability Zone${zones === 1 ? '' : 's'} (dearest zone: $${max}/h per replica)`;
  return {
    pricePerHourUsd: median,
    monthlyCostUsd: monthly(median),
    maxPricePerHourUsd: max,
    maxMonthlyCostUsd: monthly(max),
    statistic,
    source: record.source,
    observed: record.observed,
    note: `recorded Spot price ${statistic}; ${onSpot} of ${shape.replicas} replica(s) on Spot. `
      + `Source: ${record.source.repository} ${record.source.path} at ${record.source.commit.slice(0, 12)}, `
      + `observed on or before ${record.observed.notAfter}; today's price: ${SPOT_PRICING_PAGE}.`,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
