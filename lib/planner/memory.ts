/**
 * Predicts vLLM's startup memory numbers for one serving configuration: "Model loading took N GiB",
 * "Available KV cache memory: N GiB" / "the rest of the memory reserved for KV Cache is N GiB",
 * "GPU KV cache size: N tokens" / "# GPU blocks: N" and "Maximum concurrency ...".
 *
 * Both engines size the KV cache per GPU the same way at the top level:
 *
 *   requested = gpu_memory_utilization × total GPU memory
 *   KV        = requested − (weights + torch peak increase of one profiling run + non-torch increase)
 *
 * - V1 (v0.8+; `Worker.determine_available_memory` in vllm/v1/worker/gpu_worker.py and `memory_profiling`
 *   in vllm/utils, v0.11.0); the CUDA context is not charged from v0.9, the CUDA-graph estimate is from
 *   v0.21 (see vllm-defaults.ts). Then `get_kv_cache_configs` (vllm/v1/core/kv_cache_utils.py) turns bytes
 *   into blocks (kv-cache.ts).
 * - V0 (before v0.8; `Worker.determine_num_available_blocks` in vllm/worker/worker.py): the same budget
 *   minus the profiled peak, `num_gpu_blocks = available // (block_size × KV bytes per token of all layers)`;
 *   it profiles differently (profile-run.ts) and reports less non-torch memory.
 *
 * The constants below were fitted to public vLLM startup logs (test/fixtures/vllm-startup-logs.json)
 * and to measurements on an NVIDIA H100 and an H200 on 2026-11-24 (docs/memory-model.md).
 *
 * Pure function; no engine imports.
 */
import type { ModelArchitecture } from '../catalogue/types';
import { estimateMaxModelLen, kvBytesPerToken, kvCacheCapacity, type KvCapacityInput } from './kv-cache';
import { profileRunPeakBytes } from './profile-run';
import type { GpuMemoryBreakdown, MemoryEstimate, ServingConfig } from './types';
import {
  MODELLED_VLLM_VERSION, compareVersions, cudaContextCountedInBudget, cudaGraphMemoryReservedInBudget, hybridKvCacheManager,
  ncclInitCountedInBudget, usesV1Engine,
} from './vllm-defaults';
import { ACTIVATION_BYTES, GIB, weightLayout } from './weights';

export {
  FUSED_MOE_CHUNK_TOKENS, MLP_INTERMEDIATE_FACTOR, V0_ACTIVATION_WIDTH_FACTOR, forwardActivationBytes, samplerActivationBytes,
  v0ForwardActivationBytes,
} from './profile-run';
export {
  SAMPLER_FLASHINFER_BYTES_PER_LOGIT, SAMPLER_NATIVE_BYTES_PER_LOGIT, SAMPLER_TRITON_BYTES_PER_LOGIT,
} from './vllm-defaults';

/**
 * Non-torch memory a single-GPU worker adds during load and profiling (cuBLAS/cuBLASLt workspaces and
 * lazily loaded kernels). Measured +0.15 GiB for a first matmul and a few kernels in a bare PyTorch
 * process (H200, 2026-11-24); vLLM logs show 0.02-0.26 GiB ("non-torch forward increase memory").
 */
export const NON_TORCH_BASE_GIB = 0.15;

/**
 * The same from v0.18.0: 0.25 GiB. The llm-d capacity-planner sweep (H100, 2026-04) logged 0.13 GiB for
 * Qwen3-14B with v0.15-v0.17 and 0.25 GiB with v0.18; its v0.19 logs show 0.24-0.26 GiB for every
 * single-GPU model, and a v0.31 A100 log 0.26 GiB.
 */
export const NON_TORCH_BASE_V018_GIB = 0.25;
export const NON_TORCH_BASE_V018_SINCE = '0.18.0';

/**
 * Extra non-torch memory per GPU when tensor or pipeline parallelism is on (NCCL communicators and
 * vLLM's custom all-reduce buffers). vLLM logged 0.21 GiB on 4 × L40S (PCIe, v0.10.2).
 */
export const NON_TORCH_DISTRIBUTED_GIB = 0.2;

/**
 * The same on Hopper data-centre GPUs (H100, H200: NVLink), where NCCL also sets up NVLink SHARP /
 * multicast buffers: vLLM logged 1.70 GiB of non-torch memory per GPU on 4 × H100 NVL ("56.89 GiB for
 * consumed memory (weights + non-torch)" after "Model loading took 55.19 GiB"), against ~0.2 GiB on
 * PCIe-only L40S and RTX PRO 6000 pairs.
 */
export const NON_TORCH_DISTRIBUTED_HOPPER_GIB = 1.5;

/**
 * NCCL communicator set-up per GPU that releases before v0.11 charged to the budget (they created the
 * communicators after the memory snapshot): ~1 GiB on Hopper with NVLink, ~0.4 GiB elsewhere. Fitted to
 * vllm-project/vllm#21348 (4 × H100, v0.9.2: 8.11 GiB available where 8.9 would be predicted without it);
 * the PCIe value is the NCCL ring/tree buffers of a 4-GPU communicator, not fitted.
 */
export const NCCL_INIT_HOPPER_GIB = 1.0;
export const NCCL_INIT_OTHER_GIB = 0.4;

/**
 * Extra overhead per GPU with pipeline parallelism (the pipeline's own NCCL group and its send/receive
 * buffers). Fitted to one pair of logs on the same two PCIe GPUs (Qwen3-32B, v0.2x): 1.66 GiB of overhead
 * per GPU with `-tp 2`, 3.03 GiB with `-pp 2`. An uncertain constant (docs/memory-model.md).
 */
export const NON_TORCH_PIPELINE_GIB = 1.0;

/**
 * CUDA context and driver state created before vLLM's memory snapshot: 0.516 GiB measured on an H200
 * (PyTorch 2.11, CUDA 13, 2026-11-24). Charged to the budget only by V1 releases before v0.9.0, and it
 * is what `1 − gpu_memory_utilization` must leave room for at startup.
 */
export const CUDA_CONTEXT_GIB = 0.5;

/**
 * Non-torch memory a V0 worker charges on one GPU. V0 (v0.7) logged "non_torch_memory takes" 0.05 GiB
 * (A10, Llama-3.1-8B), 0.10 GiB (A100 40GB, Meta-Llama-3-8B), 0.12 GiB (A100 80GB, Llama-3.1-8B).
 */
export const NON_TORCH_V0_BASE_GIB = 0.1;

/**
 * Extra non-torch memory per GPU of a V0 worker with tensor/pipeline parallelism. PCIe: 0.20-0.25 GiB logged
 * in all on 2 and 4 × RTX 4090 (v0.7-v0.8), i.e. ~0.15 GiB above a single GPU. Hopper (NVLink, custom
 * all-reduce): +1.79 GiB from one to two H100s in vllm-project/vllm#10511 (v0.6.5 development build).
 */
export const NON_TORCH_V0_DISTRIBUTED_GIB = 0.15;
export const NON_TORCH_V0_DISTRIBUTED_HOPPER_GIB = 1.8;

/**
 * V0 releases from v0.6.4 until v0.7.0 counted everything CUDA reported outside torch's allocated bytes,
 * the CUDA context included: one RTX 3090 logged `non_torch_memory=0.35GiB` (vllm-project/vllm#10517,
 * v0.6.4), 0.25 GiB above {@link NON_TORCH_V0_BASE_GIB}. Source: vllm/worker/worker.py v0.6.4
 * (`total_allocated_bytes - torch_allocated_bytes`); v0.7.0 switched to `memory_reserved` (vLLM PR #11809).
 */
export const NON_TORCH_V0_ALLOCATED_ACCOUNTING_GIB = 0.25;
export const V0_ALLOCATED_ACCOUNTING_RANGE: readonly [string, string] = ['0.6.4', '0.7.0'];

/**
 * CUDA-graph memory estimate for the default capture sizes (up to 512 tokens, PIECEWISE and FULL graphs):
 * ~0.5 GiB plus ~0.01 GiB per layer per GPU, doubled for MoE layers, scaled by the largest capture size.
 * Only releases from v0.21 charge it to the budget. vLLM v0.19 logged "Estimated CUDA graph memory" of
 * 0.84 GiB for Llama-3.1-8B and Gemma-2-9B and 1.13 GiB for Gemma-2-27B on an H100 (0.82 / 0.92 / 0.96 here);
 * the v0.2x logs fit with it: Llama-3.1-8B on an A100 (v0.31: 1.44 GiB "peak activation" including the
 * estimate, 0.48 GiB of it the sampler), Qwen3-32B at TP 2 and PP 2 on two RTX PRO 6000 (1.66 and 3.03 GiB of
 * overhead), Qwen3-235B at 32 sequences (0.32 GiB of graphs).
 */
export const CUDA_GRAPH_BASE_GIB = 0.5;
export const CUDA_GRAPH_PER_LAYER_GIB = 0.01;

/**
 * Largest CUDA-graph capture size: `min(2 × max_num_seqs, 512)`.
 * Source: vllm/config/vllm.py `_set_cudagraph_sizes` (`max_num_seqs * 2`, capped at 512).
 */
export const MAX_CUDA_GRAPH_CAPTURE = 512;

/** Raised when a configuration cannot be sized at all (as opposed to not fitting). */
export class ServingConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Invalid serving configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ServingConfigError';
  }
}

function validate(config: ServingConfig): void {
  const problems: string[] = [];
  const positiveInt = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) problems.push(`'${name}' (${value}) must be a positive integer`);
  };
  positiveInt('tensorParallelSize', config.tensorParallelSize);
  positiveInt('pipelineParallelSize', config.pipelineParallelSize);
  positiveInt('maxModelLen', config.maxModelLen);
  positiveInt('maxNumSeqs', config.maxNumSeqs);
  positiveInt('maxNumBatchedTokens', config.maxNumBatchedTokens);
  positiveInt('blockSize', config.blockSize);
  if (!(config.gpuMemoryUtilization > 0 && config.gpuMemoryUtilization <= 1)) {
    problems.push(`'gpuMemoryUtilization' (${config.gpuMemoryUtilization}) must be in (0, 1]; vLLM's default is 0.9`);
  }
  if (config.pipelineParallelSize > config.model.numLayers) {
    problems.push(`'pipelineParallelSize' (${config.pipelineParallelSize}) exceeds the model's ${config.model.numLayers} layers`);
  }
  if (problems.length > 0) throw new ServingConfigError(problems);
}

const toGiB = (bytes: number) => bytes / GIB;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** LoRA slots held on one GPU: A and B matrices of every adapted projection for `maxLoras` adapters. */
export function loraBytesPerGpu(model: ModelArchitecture, config: ServingConfig, stageLayers: number): number {
  if (!config.lora) return 0;
  const { maxLoras, maxLoraRank: r } = config.lora;
  const tp = config.tensorParallelSize;
  const h = model.hiddenSize;
  const qkvOut = (model.numAttentionHeads + 2 * model.numKeyValueHeads) * model.headDim;
  const ffn = model.moe ? 0 : model.intermediateSize;
  // Column-parallel (qkv, gate/up): A replicated, B split; row-parallel (o, down): A split, B replicated.
  const perLayer = r * ((h + qkvOut / tp) + (h + (2 * ffn) / tp) + (qkvOut / tp + h) + (ffn / tp + h));
  return maxLoras * stageLayers * perLayer * ACTIVATION_BYTES;
}

/** CUDA-graph memory estimate of one GPU (0 with `--enforce-eager`). */
export function cudaGraphBytes(model: ModelArchitecture, config: ServingConfig, stageLayers: number): number {
  if (config.enforceEager) return 0;
  const largestCapture = Math.min(2 * config.maxNumSeqs, MAX_CUDA_GRAPH_CAPTURE);
  const perLayer = CUDA_GRAPH_PER_LAYER_GIB * (model.moe ? 2 : 1);
  return (CUDA_GRAPH_BASE_GIB + perLayer * stageLayers) * (largestCapture / MAX_CUDA_GRAPH_CAPTURE) * GIB;
}

/** Non-torch memory that tensor/pipeline parallelism adds on one GPU of a V1 worker (see the constants above). */
export function distributedNonTorchGiB(config: ServingConfig, version: string): number {
  const hopper = isHopper(config);
  const steady = hopper ? NON_TORCH_DISTRIBUTED_HOPPER_GIB : NON_TORCH_DISTRIBUTED_GIB;
  const setUp = ncclInitCountedInBudget(version) ? (hopper ? NCCL_INIT_HOPPER_GIB : NCCL_INIT_OTHER_GIB) : 0;
  const pipeline = config.pipelineParallelSize > 1 ? NON_TORCH_PIPELINE_GIB : 0;
  return steady + setUp + pipeline;
}

const isHopper = (config: ServingConfig) => config.accelerator.architecture.toLowerCase() === 'hopper';

/** Memory outside torch's allocator that the release charges to one GPU's budget, GiB. */
export function nonTorchGiB(config: ServingConfig, version: string): number {
  const distributed = config.tensorParallelSize * config.pipelineParallelSize > 1;
  if (usesV1Engine(version)) {
    const base = compareVersions(version, NON_TORCH_BASE_V018_SINCE) >= 0 ? NON_TORCH_BASE_V018_GIB : NON_TORCH_BASE_GIB;
    return base + (distributed ? distributedNonTorchGiB(config, version) : 0) +
      (cudaContextCountedInBudget(version) ? CUDA_CONTEXT_GIB : 0);
  }
  const [from, until] = V0_ALLOCATED_ACCOUNTING_RANGE;
  const allocatedAccounting = compareVersions(version, from) >= 0 && compareVersions(version, until) < 0;
  const v0Distributed = isHopper(config) ? NON_TORCH_V0_DISTRIBUTED_HOPPER_GIB : NON_TORCH_V0_DISTRIBUTED_GIB;
  return NON_TORCH_V0_BASE_GIB + (distributed ? v0Distributed : 0) +
    (config.pipelineParallelSize > 1 ? NON_TORCH_PIPELINE_GIB : 0) +
    (allocatedAccounting ? NON_TORCH_V0_ALLOCATED_ACCOUNTING_GIB : 0);
}

/** One pipeline stage's budget, KV bytes and capacity. */
interface StageEstimate {
  readonly breakdown: GpuMemoryBreakdown;
  readonly kvInput: KvCapacityInput;
  readonly capacity: ReturnType<typeof kvCacheCapacity>;
}

/**
 * Sizes one {@link ServingConfig} the way vLLM does at startup (per GPU; all tensor-parallel ranks of a
 * stage are identical and every stage gets the smallest stage's block count). The release in
 * `config.vllmVersion` (default {@link MODELLED_VLLM_VERSION}) picks the engine and its accounting.
 * @throws ServingConfigError when a setting is out of range (non-positive sizes, utilization outside (0, 1])
 */
export function estimateMemory(config: ServingConfig): MemoryEstimate {
  validate(config);
  const model = config.model;
  const version = config.vllmVersion ?? MODELLED_VLLM_VERSION;
  const tp = config.tensorParallelSize;
  const pp = config.pipelineParallelSize;
  const totalGiB = config.accelerator.memoryGiBReported;
  const budgetBytes = config.gpuMemoryUtilization * totalGiB * GIB;
  const weights = weightLayout(model, { quantization: config.quantization, tensorParallelSize: tp, pipelineParallelSize: pp });
  const graphsInBudget = cudaGraphMemoryReservedInBudget(version);
  const nonTorch = nonTorchGiB(config, version) * GIB;

  const stages: StageEstimate[] = weights.stages.map((stage, i) => {
    const activation = profileRunPeakBytes(config, version, i === weights.stages.length - 1);
    const lora = loraBytesPerGpu(model, config, stage.layers);
    const graphs = cudaGraphBytes(model, config, stage.layers);
    const kvBytes = budgetBytes - stage.bytesPerGpu - lora - activation - nonTorch - (graphsInBudget ? graphs : 0);
    const kvInput: KvCapacityInput = {
      model,
      stageLayers: stage.layers,
      tensorParallelSize: tp,
      kvCacheDtype: config.kvCacheDtype,
      availableBytes: kvBytes,
      hybridManager: hybridKvCacheManager(version),
      maxModelLen: config.maxModelLen,
      maxNumBatchedTokens: config.maxNumBatchedTokens,
      blockSize: config.blockSize,
    };
    const breakdown: GpuMemoryBreakdown = {
      totalGiB,
      budgetGiB: toGiB(budgetBytes),
      weightsGiB: toGiB(stage.bytesPerGpu),
      loraGiB: toGiB(lora),
      activationPeakGiB: toGiB(activation),
      nonTorchGiB: toGiB(nonTorch),
      cudaGraphGiB: toGiB(graphs),
      cudaGraphInBudget: graphsInBudget,
      kvCacheGiB: toGiB(kvBytes),
    };
    return { breakdown, kvInput, capacity: kvCacheCapacity(kvInput) };
  });

  // vLLM gives every worker the smallest worker's block count (get_kv_cache_configs; V0: min over workers).
  const binding = stages.reduce((a, b) => (b.capacity.numBlocks < a.capacity.numBlocks ? b : a));
  const problems = fitProblems(config, stages, binding);
  return {
    perGpu: binding.breakdown,
    weightsGiBTotal: toGiB(weights.totalBytes),
    kvCacheBytesPerTokenPerGpu: binding.capacity.bytesPerToken,
    kvCacheBytesPerToken: kvBytesPerToken(model, config.kvCacheDtype),
    numGpuBlocks: binding.capacity.numBlocks,
    kvCacheTokens: binding.capacity.tokens,
    maxConcurrency: binding.capacity.maxConcurrency,
    fits: problems.length === 0,
    problems,
  };
}

/** Every reason vLLM would refuse to start, in vLLM's own words where it has them, with the numbers. */
function fitProblems(config: ServingConfig, stages: readonly StageEstimate[], binding: StageEstimate): string[] {
  const problems: string[] = [];
  const b = binding.breakdown;
  const u = config.gpuMemoryUtilization;
  const freeAtStartGiB = b.totalGiB - CUDA_CONTEXT_GIB;
  if (b.budgetGiB > freeAtStartGiB) {
    problems.push(`gpu_memory_utilization ${u} asks for ${round2(b.budgetGiB)} GiB of a ${round2(b.totalGiB)} GiB GPU, ` +
      `but only about ${round2(freeAtStartGiB)} GiB is free once the CUDA context exists; vLLM stops with "Free memory on ` +
      'device ... on startup is less than desired GPU memory utilization". Lower gpu_memory_utilization.');
  }
  const heaviest = stages.reduce((a, s) => (s.breakdown.weightsGiB > a.breakdown.weightsGiB ? s : a));
  if (heaviest.breakdown.weightsGiB >= heaviest.breakdown.budgetGiB) {
    problems.push(`the weights need ${round2(heaviest.breakdown.weightsGiB)} GiB per GPU but gpu_memory_utilization ${u} ` +
      `× ${round2(b.totalGiB)} GiB allows ${round2(b.budgetGiB)} GiB; vLLM runs out of memory while loading the model. ` +
      'Use more GPUs (tensor/pipeline parallelism), a quantized checkpoint or a larger GPU.');
    return problems;
  }
  if (b.kvCacheGiB <= 0 || binding.capacity.numBlocks === 0) {
    problems.push(`no memory is left for the KV cache (${round2(b.kvCacheGiB)} GiB after ${round2(b.weightsGiB)} GiB of ` +
      `weights, ${round2(b.activationPeakGiB)} GiB of profiling activations and ${round2(b.nonTorchGiB)} GiB outside torch); ` +
      'vLLM: "No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine."');
    return problems;
  }
  const needed = binding.capacity.bytesForOneRequest;
  const available = binding.kvInput.availableBytes;
  if (needed > available) {
    const maxLen = estimateMaxModelLen(binding.kvInput);
    problems.push(`to serve at least one request with max_model_len ${config.maxModelLen}, ${round2(toGiB(needed))} GiB of ` +
      `KV cache is needed per GPU, more than the ${round2(toGiB(available))} GiB available; vLLM refuses to start ("the ` +
      `estimated maximum model length is ${maxLen}"). Increase gpu_memory_utilization or decrease max_model_len.`);
  }
  return problems;
}
