/**
 * GPU sharing for small models: NVIDIA Multi-Instance GPU (MIG) slices. When a request asks for `gpuSharing: 'mig'`,
 * the planner serves the model from one MIG slice of an A100 80GB or H100 80GB, choosing the cheapest slice (its
 * share of the instance price) that the model fits, with the memory check done against the slice's memory and the
 * throughput estimate against the slice's share of bandwidth and compute.
 *
 * Profiles: NVIDIA Multi-Instance GPU User Guide, "Supported MIG Profiles" (A100-SXM4-80GB names 1g.10gb, 1g.20gb,
 * 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb with 1/8, 2/8, 2/8, 4/8, 4/8, full memory, 1/7, 1/7, 2/7, 3/7, 4/7, 7/7 of the
 * SMs and 7, 4, 3, 2, 1, 1 instances per GPU; H100 80GB the same), https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-mig-profiles.html,
 * read 2026-12-03. 4g and 7g slices are left out: they are whole-GPU plans at best.
 *
 * Pure functions; no engine imports.
 */
import type { AcceleratorSpec, InstanceTypeSpec } from '../catalogue/types';
import { compareCandidates, evaluateLayout, type EvaluatedCandidate } from './candidates';
import type { LlmPlanRequest, MigSlice } from './types';

/** One MIG profile of a GPU model. */
export interface MigProfile {
  /** Profile name, e.g. `1g.10gb` (the device plugin exposes `nvidia.com/mig-<name>` with the mixed strategy). */
  readonly name: string;
  /** Compute slices of seven (the `g` count). */
  readonly computeSevenths: number;
  /** Memory slices of eight. */
  readonly memoryEighths: number;
  /** Instances of this profile one GPU holds when every slice is this profile. */
  readonly perGpu: number;
  /** The memory in the name, GB (decimal). */
  readonly nominalGB: number;
}

const PROFILES_80GB: readonly MigProfile[] = [
  { name: '1g.10gb', computeSevenths: 1, memoryEighths: 1, perGpu: 7, nominalGB: 10 },
  { name: '1g.20gb', computeSevenths: 1, memoryEighths: 2, perGpu: 4, nominalGB: 20 },
  { name: '2g.20gb', computeSevenths: 2, memoryEighths: 2, perGpu: 3, nominalGB: 20 },
  { name: '3g.40gb', computeSevenths: 3, memoryEighths: 4, perGpu: 2, nominalGB: 40 },
];

/** MIG profiles by accelerator id (catalogue ids). */
export const MIG_PROFILES: Readonly<Record<string, readonly MigProfile[]>> = {
  'a100-80gb': PROFILES_80GB,
  'h100-80gb': PROFILES_80GB,
};

/** Kubernetes extended resource of a profile under the device plugin's `mixed` MIG strategy. */
export function migResourceName(profile: string): string {
  return `nvidia.com/mig-${profile}`;
}

/**
 * The GPU as one slice sees it: memory is the lesser of its share of the reported memory and the name's nominal
 * size in GiB (conservative: the driver reports a little less than the share); bandwidth and compute scale with
 * the slice's memory and SM shares.
 */
export function sliceAccelerator(accelerator: AcceleratorSpec, profile: MigProfile): AcceleratorSpec {
  const memoryShare = profile.memoryEighths / 8;
  const computeShare = profile.computeSevenths / 7;
  return {
    ...accelerator,
    memoryGiBReported: Math.min(accelerator.memoryGiBReported * memoryShare, (profile.nominalGB * 1e9) / 2 ** 30),
    memoryBandwidthGBps: accelerator.memoryBandwidthGBps * memoryShare,
    denseBf16Tflops: accelerator.denseBf16Tflops * computeShare,
    denseFp8Tflops: accelerator.denseFp8Tflops === null ? null : accelerator.denseFp8Tflops * computeShare,
  };
}

/** The instance as one slice of it: one "GPU", priced at the slice's share of the instance. */
function sliceInstance(instance: InstanceTypeSpec, profile: MigProfile): InstanceTypeSpec {
  const slices = instance.acceleratorCount * profile.perGpu;
  const share = (prices: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(prices).map(([region, price]) => [region, price / slices]));
  return { ...instance, acceleratorCount: 1, onDemandPricePerHourUsd: share(instance.onDemandPricePerHourUsd), sagemaker: undefined };
}

/** A feasible slice: the evaluated candidate (slice-priced) and what the plan shows. */
export interface MigChoice {
  readonly candidate: EvaluatedCandidate;
  readonly slice: MigSlice;
}

/**
 * The cheapest MIG slice that serves the request on one slice per replica (TP=1, PP=1), or undefined when none
 * does (the model does not fit any slice, or the traffic needs more than a slice). EC2 only.
 */
export function cheapestMigSlice(request: LlmPlanRequest, instances: readonly InstanceTypeSpec[], accelerators: (id: string) => AcceleratorSpec): MigChoice | undefined {
  if ((request.platform ?? 'ec2') !== 'ec2') return undefined;
  const single: LlmPlanRequest = { ...request, tensorParallelSize: 1, pipelineParallelSize: 1 };
  const choices: MigChoice[] = [];
  for (const instance of instances) {
    const profiles = instance.acceleratorId === null ? undefined : MIG_PROFILES[instance.acceleratorId];
    for (const profile of profiles ?? []) {
      const accelerator = sliceAccelerator(accelerators(instance.acceleratorId as string), profile);
      const layout = { instance: sliceInstance(instance, profile), tensorParallelSize: 1, pipelineParallelSize: 1, nodes: 1 };
      const candidate = evaluateLayout(request.model, accelerator, layout, single);
      if (candidate.problems.length > 0) continue;
      choices.push({
        candidate,
        slice: {
          profile: profile.name,
          resource: migResourceName(profile.name),
          sliceMemoryGiB: Math.round(accelerator.memoryGiBReported * 100) / 100,
          slicesPerNode: instance.acceleratorCount * profile.perGpu,
          gpusPerNode: instance.acceleratorCount,
        },
      });
    }
  }
  return choices.sort((a, b) => compareCandidates(a.candidate, b.candidate))[0];
}
