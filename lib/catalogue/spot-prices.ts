/**
 * Recorded EC2 Spot prices (data/aws-spot-prices.json, built by tools/spot-prices.js from SkyPilot's public AWS
 * catalogue). One snapshot, not a forecast: Spot prices move per Availability Zone with supply and demand, so every
 * row carries where it comes from (repository, path, commit) and when it was observed.
 *
 * Pure data and lookups; no engine imports.
 */
import spotPriceData from './data/aws-spot-prices.json';

/** Where a recorded Spot price was read: one file of a public Git repository at one commit. */
export interface SpotPriceSource {
  /** GitHub `owner/name`. */
  readonly repository: string;
  /** Path of the file in the repository. */
  readonly path: string;
  /** Full commit id of the version read. */
  readonly commit: string;
  /** Link to that version of the file. */
  readonly url: string;
}

/** When the prices of a row were in effect. */
export interface SpotObservation {
  /** What the row's prices are (one snapshot of the price in effect in each zone). */
  readonly snapshot: string;
  /** The day the snapshot was read, ISO `YYYY-MM-DD`: the prices were in effect on or before it. */
  readonly notAfter: string;
}

/** The Linux/UNIX Spot price of one instance type in one region, across the zones of one snapshot. */
export interface RecordedSpotPrice {
  readonly instanceType: string;
  readonly region: string;
  /** Always `Linux/UNIX`: the product the serving nodes run. */
  readonly productDescription: string;
  /** Median across the zones, USD per instance-hour: the figure a plan shows. */
  readonly medianPricePerHourUsd: number;
  /** The dearest zone, USD per instance-hour: the conservative figure (Karpenter may launch in any zone). */
  readonly maxPricePerHourUsd: number;
  /** The cheapest zone, USD per instance-hour. */
  readonly minPricePerHourUsd: number;
  /** Zone ids (e.g. `use1-az4`) with a Spot price in the snapshot. */
  readonly availabilityZones: readonly string[];
  /** Our catalogue's On-Demand price of the type in the region, USD per hour (the ceiling of any Spot price). */
  readonly onDemandPricePerHourUsd: number;
  /** The On-Demand price the source file lists beside its Spot prices, when it lists one. */
  readonly sourceOnDemandPricePerHourUsd?: number;
  readonly source: SpotPriceSource;
  readonly observed: SpotObservation;
}

/** Every recorded Spot price (AWS only). */
export const RECORDED_SPOT_PRICES: readonly RecordedSpotPrice[] = spotPriceData.prices as readonly RecordedSpotPrice[];

/** The recorded Spot price of `instanceType` in `region`, or undefined when none is recorded. */
export function recordedSpotPrice(instanceType: string, region: string): RecordedSpotPrice | undefined {
  return RECORDED_SPOT_PRICES.find((p) => p.instanceType === instanceType && p.region === region);
}
