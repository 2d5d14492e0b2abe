/**
 * Ranked fallbacks: instance types that serve the chosen plan just as well, in price order, so that a node pool
 * allowed to launch any of them falls through to the next when EC2 has no capacity for the first
 * (InsufficientInstanceCapacity) instead of leaving the replica Pending.
 *
 * "Equal fit" is strict on purpose: the pods, vLLM flags and replica count rendered for the choice must run
 * unchanged on a fallback. So a fallback has the same GPUs per node and nodes per replica (the pod's
 * `nvidia.com/gpu` request and the LeaderWorkerSet size do not change), and the choice's exact vLLM
 * configuration (TP, PP, max_model_len, max_num_seqs, max_num_batched_tokens, precision) is feasible on its GPUs
 * (memory, vLLM's refusals, GPU generation, latency objectives) with no more replicas than the choice.
 * A replica that spans nodes gets no fallbacks: the pods of one LeaderWorkerSet group could land on different
 * instance types (mixed GPUs in one pipeline), and the EFA devices a pod requests differ between types.
 *
 * Pure functions; no engine imports.
 */
import type { InstanceTypeSpec } from '../catalogue/types';
import { HOURS_PER_MONTH, compareCandidates, evaluateLayout, layoutsFor, type EvaluatedCandidate } from './candidates';
import { getAccelerator } from '../catalogue';
import { isUnlisted } from './unlisted-server';
import type { LlmPlanRequest, PlanFallback } from './types';

/** Most fallbacks a plan lists: enough to ride out a shortage of one or two GPU families, short enough to read. */
export const MAX_FALLBACKS = 4;

/**
 * Most instance types per GPU model in the chain (the choice included). Larger hosts of the same GPU (g6e.xlarge,
 * g6e.2xlarge, ...) often run short together, so the chain moves on to another GPU before it lists a third size.
 */
export const MAX_TYPES_PER_GPU = 2;

/**
 * A fallback costs at most this multiple of the choice: a capacity shortage may raise the bill, but not silently
 * more than double it (an 8B model on g6e.xlarge does not fall through to an H100). Ours, an assumption.
 */
export const MAX_FALLBACK_PRICE_RATIO = 2;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Feasible candidates other than `chosen` that run its configuration unchanged, cheapest first (the order of
 * {@link compareCandidates}), at most {@link MAX_FALLBACKS}. Empty on SageMaker (an endpoint variant has one
 * instance type), for multi-node replicas, and for a GPU no listed instance type carries.
 */
export function rankedFallbacks(request: LlmPlanRequest, chosen: EvaluatedCandidate, instances: readonly InstanceTypeSpec[]): EvaluatedCandidate[] {
  if ((request.platform ?? 'ec2') !== 'ec2' || isUnlisted(chosen.instance) || chosen.nodes > 1) return [];
  const c = chosen.config;
  // The choice's configuration, as rendered into `vllm serve` flags, fixed for every other instance type.
  const fixed: LlmPlanRequest = {
    ...request,
    tensorParallelSize: chosen.tensorParallelSize,
    pipelineParallelSize: chosen.pipelineParallelSize,
    maxModelLen: c.maxModelLen,
    gpuMemoryUtilization: c.gpuMemoryUtilization,
    dtype: c.dtype,
    quantization: c.quantization,
    kvCacheDtype: c.kvCacheDtype,
    maxNumSeqs: c.maxNumSeqs,
    maxNumBatchedTokens: c.maxNumBatchedTokens,
    ...(c.vllmVersion !== undefined ? { vllmVersion: c.vllmVersion } : {}),
  };
  // Same CPU architecture too: the image and the NodePool's `kubernetes.io/arch` requirement are the choice's.
  const others = instances.filter((i) => i.name !== chosen.instance.name && i.acceleratorId !== null
    && i.acceleratorCount === chosen.instance.acceleratorCount && i.cpuArchitecture === chosen.instance.cpuArchitecture);
  return others
    .flatMap((instance) => layoutsFor(request.model, instance, fixed).filter((l) => l.nodes === 1))
    .map((layout) => evaluateLayout(request.model, getAccelerator(layout.instance.acceleratorId as string), layout, fixed))
    .filter((candidate) => candidate.problems.length === 0 && candidate.replicas <= chosen.replicas)
    .filter((candidate) => candidate.replicaCostPerHourUsd <= chosen.replicaCostPerHourUsd * MAX_FALLBACK_PRICE_RATIO)
    .sort(compareCandidates)
    .filter(perGpuCap(chosen))
    .slice(0, MAX_FALLBACKS);
}

/** A stateful filter over candidates in price order: keeps at most {@link MAX_TYPES_PER_GPU} per GPU model. */
function perGpuCap(chosen: EvaluatedCandidate): (c: EvaluatedCandidate) => boolean {
  const kept = new Map<string, number>([[chosen.accelerator.id, 1]]);
  return (c) => {
    const n = kept.get(c.accelerator.id) ?? 0;
    if (n >= MAX_TYPES_PER_GPU) return false;
    kept.set(c.accelerator.id, n + 1);
    return true;
  };
}

/** A fallback as the plan shows it, priced at the choice's replica count (the deployment runs that many). */
export function toPlanFallback(candidate: EvaluatedCandidate, replicas: number): PlanFallback {
  const perHour = candidate.replicaCostPerHourUsd * replicas;
  return {
    instanceType: candidate.instance.name,
    accelerator: candidate.accelerator.id,
    acceleratorCount: candidate.instance.acceleratorCount,
    costPerHourUsd: round(perHour, 3),
    monthlyCostUsd: round(perHour * HOURS_PER_MONTH, 0),
  };
}
