/**
 * `planLlmServing`: the cheapest instance type, node count and tensor/pipeline layout that fits a model
 * at the requested context and meets the traffic, or an error that says why in numbers and what would work.
 */
import { ACCELERATORS, cloudOf, getAccelerator, getInstanceType, instanceTypesOfCloud } from '../catalogue';
import { parameterCountNote } from '../catalogue/parameter-count';
import type { InstanceTypeSpec } from '../catalogue/types';
import { InfeasiblePlanError, InputValidationError } from '../errors';
import { HOURS_PER_MONTH, compareCandidates, evaluateLayout, instancePrice, layoutsFor, type EvaluatedCandidate, type Layout } from './candidates';
import { DEFAULT_COMPLEXITY_MARGIN, alternativesOf, choose, isComplex } from './choice';
import { requestCloud, requestRegion } from './cloud';
import { vllmEngineArgs } from './engine-args';
import { rankedFallbacks, toPlanFallback } from './fallbacks';
import { spotCostEstimate } from './spot';
import { cheapestMigSlice } from './mig';
import { attentionHeadsRefusal, refusalText } from './vllm-checks';
import { isUnlisted, unlistedServer } from './unlisted-server';
import type { LlmPlanRequest, LlmServingPlan } from './types';

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** How the explanation names each cloud's machine types. */
const CLOUD_NAMES = { aws: 'AWS instance type', gcp: 'Google Cloud machine type', azure: 'Azure VM size' } as const;

/**
 * Instance types the request may use: the request's cloud's machine types (`catalogue` overrides) with CUDA
 * GPUs (vLLM's CUDA path), priced on the platform in the region, matching fixed choices.
 */
export function eligibleInstances(request: LlmPlanRequest, catalogue: readonly InstanceTypeSpec[] = instanceTypesOfCloud(requestCloud(request))): InstanceTypeSpec[] {
  const platform = request.platform ?? 'ec2';
  const region = requestRegion(request);
  const fixedName = request.instanceType?.trim().toLowerCase().replace(/^ml\./, '');
  // A GPU no machine type of the cloud carries (a workstation card, an A10 on AWS): evaluate it on a server
  // with exactly the GPUs the layout asks for, unpriced.
  const accelerator = request.acceleratorId === undefined ? undefined : ACCELERATORS.find((a) => a.id === request.acceleratorId);
  if (accelerator?.cudaCapable && platform === 'ec2' && fixedName === undefined && !catalogue.some((i) => i.acceleratorId === accelerator.id)) {
    const gpus = (request.tensorParallelSize ?? 1) * (request.pipelineParallelSize ?? 1);
    return [unlistedServer(accelerator, gpus, region)];
  }
  return catalogue.filter((instance) => {
    if (instance.acceleratorId === null || instance.acceleratorCount === 0) return false;
    if (!ACCELERATORS.find((a) => a.id === instance.acceleratorId)?.cudaCapable) return false;
    if (request.acceleratorId !== undefined && instance.acceleratorId !== request.acceleratorId) return false;
    if (fixedName !== undefined && instance.name.toLowerCase() !== fixedName) return false;
    return instancePrice(instance, platform, region) !== undefined;
  });
}

/**
 * Layouts of a request. When the user fixed the parallel sizes, a layout may use fewer GPUs than the
 * node has (vLLM is then told exactly what the user said); otherwise a replica uses whole nodes.
 */
function requestLayouts(request: LlmPlanRequest, instances: readonly InstanceTypeSpec[]): Layout[] {
  const layouts = instances.flatMap((instance) => layoutsFor(request.model, instance, request));
  if (layouts.length > 0 || request.tensorParallelSize === undefined) return layouts;
  const tp = request.tensorParallelSize;
  const pp = request.pipelineParallelSize ?? 1;
  const fitting = instances.filter((i) => i.acceleratorCount >= tp * pp).sort((a, b) => a.acceleratorCount - b.acceleratorCount);
  const smallest = fitting.filter((i) => i.acceleratorCount === fitting[0]?.acceleratorCount);
  return smallest.map((instance) => ({ instance, tensorParallelSize: tp, pipelineParallelSize: pp, nodes: 1 }));
}

/** Evaluates every layout; returns all candidates, best feasible first. */
export function evaluateCandidates(request: LlmPlanRequest, instances = eligibleInstances(request)): EvaluatedCandidate[] {
  const candidates = requestLayouts(request, instances).map((layout) => {
    const accelerator = getAccelerator(layout.instance.acceleratorId as string);
    return evaluateLayout(request.model, accelerator, layout, request);
  });
  return candidates.sort((a, b) => Number(a.problems.length > 0) - Number(b.problems.length > 0) || compareCandidates(a, b));
}

/**
 * Turns the chosen candidate into the plan users and renderers see; `feasible` (every feasible candidate)
 * gives the alternatives, `choiceReason` why the chosen one won.
 */
export function toPlan(request: LlmPlanRequest, chosen: EvaluatedCandidate, feasible: readonly EvaluatedCandidate[] = [], choiceReason?: string): LlmServingPlan {
  const platform = request.platform ?? 'ec2';
  const { config, memory, throughput } = chosen;
  const gpus = config.tensorParallelSize * config.pipelineParallelSize;
  const tokensPerHour = throughput.outputTokensPerSecond * 3600;
  const instanceType = platform === 'sagemaker' ? (chosen.instance.sagemaker?.name ?? `ml.${chosen.instance.name}`) : chosen.instance.name;
  const plan: Omit<LlmServingPlan, 'explanation'> = {
    model: request.model.id,
    platform,
    cloud: requestCloud(request),
    region: requestRegion(request),
    instanceType,
    accelerator: chosen.accelerator.id,
    acceleratorCount: chosen.instance.acceleratorCount,
    tensorParallelSize: config.tensorParallelSize,
    pipelineParallelSize: config.pipelineParallelSize,
    nodes: chosen.nodes,
    weightsGiB: round(memory.weightsGiBTotal),
    kvCacheGiB: round(memory.perGpu.kvCacheGiB * gpus),
    kvCacheTokens: memory.kvCacheTokens,
    maxConcurrency: round(memory.maxConcurrency),
    maxModelLen: config.maxModelLen,
    gpuMemoryUtilization: config.gpuMemoryUtilization,
    dtype: config.dtype,
    quantization: config.quantization,
    kvCacheDtype: config.kvCacheDtype,
    maxNumSeqs: config.maxNumSeqs,
    maxNumBatchedTokens: config.maxNumBatchedTokens,
    vllmVersion: config.vllmVersion ?? request.vllmVersion ?? '',
    engineArgs: vllmEngineArgs(config, { servedModelName: request.servedModelName }),
    estimatedOutputTokensPerSecond: round(throughput.outputTokensPerSecond, 1),
    estimatedTimeToFirstTokenMs: round(throughput.timeToFirstTokenMs, 1),
    estimatedInterTokenLatencyMs: round(throughput.interTokenLatencyMs, 2),
    replicas: chosen.replicas,
    costPerHourUsd: round(chosen.replicaCostPerHourUsd, 3),
    monthlyCostUsd: round(chosen.totalCostPerHourUsd * HOURS_PER_MONTH, 0),
    costPerMillionOutputTokensUsd: round((chosen.replicaCostPerHourUsd / tokensPerHour) * 1e6, 3),
    memory: roundBreakdown(memory.perGpu),
  };
  const runnersUp = [...feasible].sort(compareCandidates);
  return {
    ...plan,
    explanation: [explain(request, chosen, runnersUp), choiceReason].filter(Boolean).join(' '),
    ...(choiceReason !== undefined ? { choiceReason } : {}),
    ...(feasible.length > 0 ? { alternatives: alternativesOf(feasible, chosen, platform, request.outputTokens ?? 256) } : {}),
    warnings: chosen.warnings,
  };
}

function roundBreakdown<T extends object>(breakdown: T): T {
  return Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v])) as T;
}

/** The weights' precision in words: the quantization, else the dtype (`auto` means the checkpoint's own). */
function precisionOf(c: EvaluatedCandidate): string {
  if (c.config.quantization !== 'none') return c.config.quantization;
  return c.config.dtype === 'auto' ? c.config.model.nativeWeightFormat : c.config.dtype;
}

function explain(request: LlmPlanRequest, c: EvaluatedCandidate, runnersUp: readonly EvaluatedCandidate[]): string {
  const m = c.memory;
  const gpus = c.tensorParallelSize * c.pipelineParallelSize;
  const parts = [
    `${request.model.id} needs ${round(m.weightsGiBTotal, 1)} GiB of weights (${precisionOf(c)}); ` +
      `on ${gpus} × ${c.accelerator.id} (${c.instance.name}${c.nodes > 1 ? ` × ${c.nodes} nodes` : ''}, TP=${c.tensorParallelSize}, PP=${c.pipelineParallelSize}) ` +
      `each GPU holds ${round(m.perGpu.weightsGiB, 1)} GiB of weights and leaves ${round(m.perGpu.kvCacheGiB, 1)} GiB for the KV cache ` +
      `at gpu_memory_utilization ${c.config.gpuMemoryUtilization}.`,
    `That is ${m.kvCacheTokens.toLocaleString('en-US')} tokens of KV cache, ${round(m.maxConcurrency, 1)} concurrent requests of ${c.config.maxModelLen} tokens.`,
    `Estimated ${Math.round(c.throughput.outputTokensPerSecond)} output tokens/s per replica at batch ${c.throughput.batchSize}; ` +
      `${c.replicas} replica(s) serve ${request.requestsPerSecond ?? 1} req/s at $${round(c.totalCostPerHourUsd)}/h.`,
  ];
  const counted = parameterCountNote(request.model);
  if (counted) parts.push(counted);
  if (isUnlisted(c.instance)) parts.push(`No ${CLOUD_NAMES[requestCloud(request)]} in the catalogue carries ${c.accelerator.id}: the memory budget is vLLM's on ${gpus} such GPU(s); costs are not estimated (0).`);
  const next = runnersUp.find((r) => r.problems.length === 0 && r.instance.name !== c.instance.name && r.totalCostPerHourUsd >= c.totalCostPerHourUsd);
  if (next) parts.push(`Next cheapest: ${next.instance.name} (TP=${next.tensorParallelSize}, PP=${next.pipelineParallelSize}) at $${round(next.totalCostPerHourUsd)}/h.`);
  return parts.join(' ');
}

/**
 * Chooses the configuration that serves the request: the cheapest on a single node without pipeline
 * parallelism, unless none serves it or a multi-node / pipeline-parallel one is cheaper by more than
 * `complexityMargin` (lib/planner/choice.ts). With a fixed accelerator and parallel sizes it evaluates
 * exactly that configuration the way vLLM would, and refuses what vLLM refuses (lib/planner/vllm-checks.ts).
 * @throws InfeasiblePlanError saying why in numbers, with configurations that would work
 */
export function planLlmServing(given: LlmPlanRequest): LlmServingPlan {
  // As in vLLM, a fixed tensor-parallel size without a pipeline size means no pipeline parallelism.
  const request = given.tensorParallelSize !== undefined && given.pipelineParallelSize === undefined ? { ...given, pipelineParallelSize: 1 } : given;
  if (request.instanceType !== undefined) checkInstanceCloud(request, getInstanceType(request.instanceType));
  if (request.acceleratorId !== undefined) getAccelerator(request.acceleratorId);
  const instances = eligibleInstances(request);
  const cheapest = searchCheapest(request, instances).best;
  const cheapestSimple = searchCheapest(request, instances, (l) => !isComplex(l)).best;
  const choice = choose(cheapest, cheapestSimple, request.complexityMargin ?? DEFAULT_COMPLEXITY_MARGIN);
  const candidates = evaluateCandidates(request, instances);
  const mig = request.gpuSharing === 'mig' ? cheapestMigSlice(request, instances, getAccelerator) : undefined;
  if (mig !== undefined) {
    const reason = `It runs on one MIG ${mig.slice.profile} slice (${mig.slice.sliceMemoryGiB} GiB, ${mig.slice.slicesPerNode} per ${mig.candidate.instance.name}), the cheapest slice the model fits, priced at its share of the instance.`;
    const sliced = toPlan(request, mig.candidate, [], reason);
    return { ...sliced, acceleratorCount: mig.slice.gpusPerNode, mig: mig.slice };
  }
  if (choice === undefined) throw infeasible(request, candidates);
  const plan = toPlan(request, choice.chosen, candidates.filter((c) => c.problems.length === 0), choice.reason);
  const fallbacks = rankedFallbacks(request, choice.chosen, instances).map((f) => toPlanFallback(f, plan.replicas));
  const spot = spotCostEstimate(request.capacityType, plan.instanceType, plan.region, { nodes: plan.nodes, replicas: plan.replicas, onDemandCostPerHourUsd: plan.costPerHourUsd });
  return {
    ...plan,
    ...(fallbacks.length > 0 ? { fallbacks } : {}),
    ...(spot ? { capacityType: request.capacityType, spot } : {}),
  };
}

/** A fixed machine type must be one of the cloud the request plans on. @throws InputValidationError */
function checkInstanceCloud(request: LlmPlanRequest, instance: InstanceTypeSpec): void {
  const cloud = requestCloud(request);
  if (cloudOf(instance) === cloud) return;
  throw new InputValidationError('The plan request', [{
    field: 'instanceType', value: request.instanceType, message: `is a machine type of ${cloudOf(instance)}, but the plan is on ${cloud}`,
    fix: `choose a ${cloud} machine type (aimd catalogue --list instances --cloud ${cloud}), or plan on ${cloudOf(instance)}`,
  }]);
}

/**
 * Branch-and-bound over the layouts: visit them by their price floor (one replica at the minimum
 * replica count), skip layouts whose GPUs cannot even hold the weights, and stop once the floor of the
 * next layout costs more than the best feasible plan found. Must equal the exhaustive
 * {@link evaluateCandidates} (a test checks it against brute force).
 */
export function searchCheapest(
  request: LlmPlanRequest,
  instances: readonly InstanceTypeSpec[],
  admit: (layout: Layout) => boolean = () => true,
): { best?: EvaluatedCandidate; runnersUp: EvaluatedCandidate[] } {
  const platform = request.platform ?? 'ec2';
  const region = requestRegion(request);
  const minReplicas = request.minReplicas ?? 1;
  const floor = (l: Layout) => (instancePrice(l.instance, platform, region) ?? Number.POSITIVE_INFINITY) * l.nodes * minReplicas;
  const layouts = requestLayouts(request, instances).filter(admit).sort((a, b) => floor(a) - floor(b));
  // 5% below the bound so that a rounding difference with the memory model never prunes a feasible layout.
  const weightFloorBytes = request.model.parameters * minimumBytesPerParameter(request) * 0.95;
  let best: EvaluatedCandidate | undefined;
  const runnersUp: EvaluatedCandidate[] = [];
  for (const layout of layouts) {
    if (best !== undefined && floor(layout) > best.totalCostPerHourUsd) break;
    const accelerator = getAccelerator(layout.instance.acceleratorId as string);
    const usable = accelerator.memoryGiBReported * 2 ** 30 * (request.gpuMemoryUtilization ?? 0.9) * layout.tensorParallelSize * layout.pipelineParallelSize;
    if (usable < weightFloorBytes) continue;
    const candidate = evaluateLayout(request.model, accelerator, layout, request);
    if (candidate.problems.length > 0) continue;
    if (best === undefined || compareCandidates(candidate, best) < 0) {
      if (best) runnersUp.push(best);
      best = candidate;
    } else {
      runnersUp.push(candidate);
    }
  }
  return { best, runnersUp: runnersUp.sort(compareCandidates) };
}

/** A lower bound of bytes per parameter for the request's precision (4-bit formats are the smallest). */
function minimumBytesPerParameter(request: LlmPlanRequest): number {
  const q = request.quantization ?? 'none';
  const native = request.model.nativeWeightFormat;
  if (q === 'awq' || q === 'gptq' || q === 'mxfp4' || native === 'mxfp4' || native === 'int4') return 0.5;
  if (q === 'fp8' || q === 'int8' || native === 'fp8' || native === 'int8') return 1;
  return 2;
}

function infeasible(request: LlmPlanRequest, candidates: readonly EvaluatedCandidate[]): InfeasiblePlanError {
  const model = request.model;
  const scope = [
    request.acceleratorId && `accelerator ${request.acceleratorId}`,
    request.instanceType && `instance type ${request.instanceType}`,
    request.tensorParallelSize && `tensor-parallel-size ${request.tensorParallelSize}`,
    request.pipelineParallelSize && `pipeline-parallel-size ${request.pipelineParallelSize}`,
  ].filter(Boolean).join(', ');
  if (candidates.length === 0) {
    const tp = request.tensorParallelSize;
    const heads = tp === undefined ? undefined : attentionHeadsRefusal({ model, tensorParallelSize: tp });
    const why = heads !== undefined
      ? refusalText(heads)
      : tp !== undefined
        ? `no eligible instance type has ${tp * (request.pipelineParallelSize ?? 1)} GPUs on one node, and a replica over several nodes needs tensor-parallel-size = GPUs per node`
        : `${model.numAttentionHeads} attention heads must be divisible by the tensor-parallel size`;
    return new InfeasiblePlanError(
      `No ${request.platform ?? 'ec2'} ${requestCloud(request) === 'aws' ? 'instance type' : `${requestCloud(request)} machine type`} in ${requestRegion(request)} matches ${scope || 'the request'} for ${model.id}: ${why}.`,
      suggestionsFor(request),
    );
  }
  // The closest miss: the candidate with the most memory per replica.
  const closest = [...candidates].sort((a, b) => b.memory.perGpu.budgetGiB * b.tensorParallelSize * b.pipelineParallelSize - a.memory.perGpu.budgetGiB * a.tensorParallelSize * a.pipelineParallelSize)[0]!;
  const budget = closest.memory.perGpu.budgetGiB * closest.tensorParallelSize * closest.pipelineParallelSize;
  // Memory is the usual reason; say how much is needed and offered. Otherwise (latency, GPU generation,
  // context) the reasons alone say it.
  const memoryContext = closest.memory.problems.length > 0
    ? `it needs ${round(closest.memory.weightsGiBTotal, 1)} GiB of weights (${precisionOf(closest)}); ` +
      `the largest option, ${closest.instance.name}${closest.nodes > 1 ? ` × ${closest.nodes} nodes` : ''}, gives vLLM ${round(budget, 1)} GiB ` +
      `(${closest.tensorParallelSize * closest.pipelineParallelSize} × ${closest.accelerator.id} at gpu_memory_utilization ${closest.config.gpuMemoryUtilization}). `
    : `on ${closest.instance.name}${closest.nodes > 1 ? ` × ${closest.nodes} nodes` : ''} (${closest.tensorParallelSize * closest.pipelineParallelSize} × ${closest.accelerator.id}): `;
  const message =
    `${model.id} cannot be served ${scope ? `with ${scope}` : 'by any instance type in the catalogue'} at max_model_len ${closest.config.maxModelLen}: ` +
    `${memoryContext}Reason: ${closest.problems.map((problem) => problem.replace(/\.+$/, '')).join('; ')}.`;
  // A fixed configuration (one accelerator, one layout) still has numbers worth reporting.
  const fixed = request.acceleratorId !== undefined || request.instanceType !== undefined;
  return new InfeasiblePlanError(message, suggestionsFor(request), fixed ? toPlan(request, closest) : undefined);
}

/** Tries relaxed variants of the request and reports those that work, cheapest first. */
function suggestionsFor(request: LlmPlanRequest): string[] {
  const variants: Array<[string, Partial<LlmPlanRequest>]> = [
    ['drop the fixed accelerator/instance/parallel sizes and let the planner choose', { acceleratorId: undefined, instanceType: undefined, tensorParallelSize: undefined, pipelineParallelSize: undefined }],
    ['--quantization fp8', { quantization: 'fp8' }],
    ['--quantization awq (an AWQ checkpoint of the model)', { quantization: 'awq' }],
    ['--kv-cache-dtype fp8', { kvCacheDtype: 'fp8' }],
    [`--max-model-len ${Math.max(2048, Math.floor((request.maxModelLen ?? 8192) / 4))}`, { maxModelLen: Math.max(2048, Math.floor((request.maxModelLen ?? 8192) / 4)) }],
    ['--gpu-memory-utilization 0.95', { gpuMemoryUtilization: 0.95 }],
    ['allow up to 8 nodes per replica (multi-node)', { maxNodesPerReplica: 8 }],
  ];
  const out: string[] = [];
  for (const [label, change] of variants) {
    const variant = { ...request, ...change };
    if (JSON.stringify(variant) === JSON.stringify(request)) continue;
    const best = evaluateCandidates(variant)[0];
    if (best && best.problems.length === 0) {
      out.push(`${label}: ${best.instance.name}${best.nodes > 1 ? ` × ${best.nodes}` : ''}, TP=${best.tensorParallelSize}, PP=${best.pipelineParallelSize}, ` +
        `${round(best.memory.weightsGiBTotal, 1)} GiB weights, ${best.memory.kvCacheTokens.toLocaleString('en-US')} KV tokens, $${round(best.totalCostPerHourUsd)}/h`);
    }
    if (out.length >= 3) break;
  }
  return out;
}

