/**
 * Enumerates and evaluates serving configurations: one instance type, a tensor/pipeline layout and a
 * node count. Pure: the catalogue is passed in, so tests can run the same evaluation by brute force.
 */
import type { AcceleratorSpec, InstanceTypeSpec, ModelArchitecture } from '../catalogue/types';
import { hasMultiNodeFabric, requestRegion } from './cloud';
import { generationWarnings } from './compatibility';
import { estimateMemory } from './memory';
import { estimateThroughput } from './throughput';
import type { LlmPlanRequest, MemoryEstimate, ServingConfig, ThroughputEstimate } from './types';
import { derivedMaxModelLen, refusalText, vllmRefusals, type VllmRefusal } from './vllm-checks';
import { MODELLED_VLLM_VERSION, defaultMaxNumBatchedTokens, defaultMaxNumSeqs } from './vllm-defaults';

/** Hours in a month, as AWS bills (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** One layout of one model on one instance type. */
export interface Layout {
  readonly instance: InstanceTypeSpec;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  readonly nodes: number;
}

/** A layout with its memory, speed and cost. */
export interface EvaluatedCandidate extends Layout {
  readonly accelerator: AcceleratorSpec;
  readonly config: ServingConfig;
  readonly memory: MemoryEstimate;
  readonly throughput: ThroughputEstimate;
  readonly replicas: number;
  /** Price of one replica per hour on the platform. */
  readonly replicaCostPerHourUsd: number;
  /** All replicas per hour. */
  readonly totalCostPerHourUsd: number;
  /** Why it cannot serve the request; empty when feasible. */
  readonly problems: readonly string[];
  /** What vLLM would refuse at start-up (also in `problems`, as text). */
  readonly refusals: readonly VllmRefusal[];
  /** What vLLM runs only after converting it (bfloat16 to float16, FP8 weight-only), or replicates. */
  readonly warnings: readonly string[];
}

/** Price per hour of one instance on the request's platform, or undefined when not offered there. */
export function instancePrice(instance: InstanceTypeSpec, platform: 'ec2' | 'sagemaker', region: string): number | undefined {
  if (platform === 'sagemaker') return instance.sagemaker?.pricePerHourUsd[region];
  return instance.onDemandPricePerHourUsd[region];
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

/**
 * Every layout vLLM accepts for the model on the instance: tensor parallelism within a node must divide
 * the attention heads; a replica occupies whole nodes (tp × pp = GPUs per node × nodes); across nodes
 * the layout is TP within the node and PP across nodes (LeaderWorkerSet groups of `nodes` pods), on
 * instance types with a fabric between nodes (EFA, GPUDirect, InfiniBand).
 */
export function layoutsFor(model: ModelArchitecture, instance: InstanceTypeSpec, request: LlmPlanRequest): Layout[] {
  const count = instance.acceleratorCount;
  const maxNodes = request.maxNodesPerReplica ?? 4;
  const out: Layout[] = [];
  for (let nodes = 1; nodes <= maxNodes; nodes++) {
    if (nodes > 1 && !hasMultiNodeFabric(instance)) break;
    const tps = nodes > 1 ? [count] : divisors(count);
    for (const tp of tps) {
      const pp = (count / tp) * nodes;
      if (model.numAttentionHeads % tp !== 0) continue;
      if (pp > model.numLayers) continue;
      if (request.tensorParallelSize !== undefined && tp !== request.tensorParallelSize) continue;
      if (request.pipelineParallelSize !== undefined && pp !== request.pipelineParallelSize) continue;
      out.push({ instance, tensorParallelSize: tp, pipelineParallelSize: pp, nodes });
    }
  }
  return out;
}

/** The vLLM configuration a layout runs with, defaults filled in the way vLLM fills them. */
export function servingConfigFor(model: ModelArchitecture, accelerator: AcceleratorSpec, layout: Omit<Layout, 'instance' | 'nodes'>, request: LlmPlanRequest): ServingConfig {
  const maxModelLen = request.maxModelLen ?? Math.min(derivedMaxModelLen(model), 8192);
  const vllmVersion = request.vllmVersion ?? MODELLED_VLLM_VERSION;
  // vLLM's batch defaults depend on the release (V0 sized the profiling batch by the context length).
  const defaults = { vllmVersion, maxModelLen };
  return {
    model,
    accelerator,
    tensorParallelSize: layout.tensorParallelSize,
    pipelineParallelSize: layout.pipelineParallelSize,
    maxModelLen,
    gpuMemoryUtilization: request.gpuMemoryUtilization ?? 0.9,
    dtype: request.dtype ?? 'auto',
    quantization: request.quantization ?? defaultQuantization(model),
    kvCacheDtype: request.kvCacheDtype ?? 'auto',
    maxNumSeqs: request.maxNumSeqs ?? defaultMaxNumSeqs(accelerator, 'serve', defaults),
    maxNumBatchedTokens: request.maxNumBatchedTokens ?? defaultMaxNumBatchedTokens(accelerator, 'serve', defaults),
    blockSize: 16,
    enforceEager: false,
    lora: request.lora,
    vllmVersion,
    ...(request.flashInferSampler !== undefined ? { flashInferSampler: request.flashInferSampler } : {}),
  };
}

/** Models published in a quantized format are served in it unless told otherwise. */
export function defaultQuantization(model: ModelArchitecture): ServingConfig['quantization'] {
  if (model.preQuantized) return model.preQuantized.servedAs;
  if (model.nativeWeightFormat === 'mxfp4') return 'mxfp4';
  if (model.nativeWeightFormat === 'fp8') return 'fp8';
  return 'none';
}

/** Evaluates one layout: memory, throughput, replicas and cost, with every reason it cannot work. */
export function evaluateLayout(model: ModelArchitecture, accelerator: AcceleratorSpec, layout: Layout, request: LlmPlanRequest): EvaluatedCandidate {
  const config = servingConfigFor(model, accelerator, layout, request);
  const memory = estimateMemory(config);
  const refusals = vllmRefusals(config, {
    gpusPerNode: layout.instance.acceleratorCount,
    nodes: layout.nodes,
    efa: hasMultiNodeFabric(layout.instance),
    maxNodesPerReplica: request.maxNodesPerReplica,
  });
  // vLLM's own refusals first: a configuration it will not start has no meaningful memory numbers.
  const problems = [...refusals.map(refusalText), ...memory.problems];
  const promptTokens = request.promptTokens ?? 1024;
  const outputTokens = request.outputTokens ?? 256;
  if (promptTokens + outputTokens > config.maxModelLen) {
    problems.push(`a request of ${promptTokens} prompt + ${outputTokens} output tokens exceeds max_model_len ${config.maxModelLen}`);
  }
  // MoE decode touches only some experts per token; dense models read every weight every step.
  const activeShare = model.activeParameters / model.parameters;
  const weightBytesReadPerGpu = memory.perGpu.weightsGiB * 2 ** 30 * Math.min(1, activeShare * 4);
  const throughput = estimateThroughput({
    config,
    memory,
    activeParameters: model.activeParameters,
    weightBytesReadPerGpu,
    promptTokens,
    outputTokens,
    nvlink: layout.instance.interconnect.nvlink,
    interTokenLatencyMs: request.interTokenLatencyMs,
    requestLatencyMs: request.requestLatencyMs,
  });
  const requestMs = throughput.timeToFirstTokenMs + outputTokens * throughput.interTokenLatencyMs;
  if (request.requestLatencyMs !== undefined && requestMs > request.requestLatencyMs) {
    problems.push(`a request of ${outputTokens} output tokens takes ≈ ${Math.round(requestMs)} ms even at batch 1, over the ${request.requestLatencyMs} ms p95 objective`);
  }
  if (request.timeToFirstTokenMs !== undefined && throughput.timeToFirstTokenMs > request.timeToFirstTokenMs) {
    problems.push(`time to first token ≈ ${Math.round(throughput.timeToFirstTokenMs)} ms exceeds the ${request.timeToFirstTokenMs} ms objective`);
  }
  const platform = request.platform ?? 'ec2';
  const region = requestRegion(request);
  const price = instancePrice(layout.instance, platform, region);
  if (price === undefined) problems.push(`${layout.instance.name} has no ${platform} price in ${region}`);
  const replicaCost = (price ?? Number.POSITIVE_INFINITY) * layout.nodes;
  const rps = request.requestsPerSecond ?? 1;
  const replicas = Math.max(request.minReplicas ?? 1, Math.ceil(rps / Math.max(throughput.requestsPerSecond, 1e-9)));
  return {
    ...layout,
    accelerator,
    config,
    memory,
    throughput,
    replicas,
    replicaCostPerHourUsd: replicaCost,
    totalCostPerHourUsd: replicaCost * replicas,
    problems,
    refusals,
    warnings: generationWarnings(config),
  };
}

/** Orders feasible candidates: cheapest in total, then fewer GPUs, then faster, then by name for stability. */
export function compareCandidates(a: EvaluatedCandidate, b: EvaluatedCandidate): number {
  const gpus = (c: EvaluatedCandidate) => c.instance.acceleratorCount * c.nodes * c.replicas;
  return (
    a.totalCostPerHourUsd - b.totalCostPerHourUsd ||
    gpus(a) - gpus(b) ||
    b.throughput.outputTokensPerSecond - a.throughput.outputTokensPerSecond ||
    a.instance.name.localeCompare(b.instance.name) ||
    a.tensorParallelSize - b.tensorParallelSize
  );
}
