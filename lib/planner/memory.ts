/**
 * Predicts vLLM's startup memory numbers for one serving configuration: "Model loading took N GiB",
 * "Available KV cache memory: N GiB", "GPU KV cache size: N tokens" and "Maximum concurrency ...".
 *
 * vLLM (V1 engine, `Worker.determine_available_memory` in vllm/v1/worker/gpu_worker.py and
 * `memory_profiling` in vllm/utils/mem_utils.py, v0.11.0) sizes the KV cache per GPU as
 *
 *   requested = gpu_memory_utilization × total GPU memory
 *   KV        = requested − (weights + torch peak increase of one profiling run + non-torch increase)
 *
 * The profiling run pushes `max_num_batched_tokens` dummy tokens through the model (attention is skipped:
 * there is no attention metadata yet) and then samples `min(max_num_seqs, max_num_batched_tokens)` dummy
 * requests with top-k and top-p, so its peak is the larger of the widest layer's activations and the
 * sampler's vocabulary-sized temporaries. Memory that existed before the snapshot (the CUDA context,
 * ~0.5 GiB) is not charged; from v0.21 the CUDA-graph estimate is (see vllm-defaults.ts).
 * Then `get_kv_cache_configs` (vllm/v1/core/kv_cache_utils.py) turns bytes into blocks (kv-cache.ts).
 *
 * The constants below were fitted to public vLLM startup logs (test/fixtures/vllm-startup-logs.json)
 * and to measurements on an NVIDIA H100 and an H200 on 2026-11-24 (docs/memory-model.md).
 *
 * Pure function; no engine imports.
 */
import type { ModelArchitecture } from '../catalogue/types';
import { estimateMaxModelLen, kvBytesPerToken, kvCacheCapacity, type KvCapacityInput } from './kv-cache';
import type { GpuMemoryBreakdown, MemoryEstimate, ServingConfig } from './types';
import {
  MODELLED_VLLM_VERSION, cudaContextCountedInBudget, cudaGraphMemoryReservedInBudget, hybridKvCacheManager,
  ncclInitCountedInBudget,
} from './vllm-defaults';
import { ACTIVATION_BYTES, GIB, weightLayout } from './weights';

/**
 * Activation elements per token of one dense MLP block at its peak: the input and residual (2 × hidden)
 * plus the merged gate/up output, its SiLU product and one temporary (4 × intermediate per rank).
 * Measured: a Llama-3.1-8B-shaped block peaks at exactly 1.00 GiB for 8,192 tokens
 * (8,192 × (2 × 4,096 + 4 × 14,336) × 2 B) on an H100 and an H200, 2026-11-24; vLLM logged 1.97 GiB
 * for the same shapes at 16,384 tokens (llava-v1.6-mistral-7b, v0.10.2, H100).
 */
export const MLP_INTERMEDIATE_FACTOR = 4;

/**
 * Bytes per vocabulary entry per dummy request in the sampler warm-up of the profiling run, PyTorch-native
 * top-k/top-p path: bf16 logits (2) + fp32 copy (4) + sorted values (4) + int64 sort indices (8) + softmax,
 * cumulative sum, masks and the scattered result. Measured 38 B on an H200 (256 and 1,024 requests ×
 * 128,256 and 152,064 vocab, 2026-11-24); vLLM logged 1.4 GiB peak activation for 256 requests × 151,936
 * vocab (Qwen3-235B-FP8 on L40S, v0.10.2) = 38.6 B.
 */
export const SAMPLER_NATIVE_BYTES_PER_LOGIT = 38;

/**
 * Same with FlashInfer's `top_k_top_p_sampling_from_logits` (`VLLM_USE_FLASHINFER_SAMPLER=1` with
 * FlashInfer installed): bf16 logits + fp32 logits + masked logits + probabilities = 14 B (measured 14 B
 * for the equivalent sort-free path on the H200).
 */
export const SAMPLER_FLASHINFER_BYTES_PER_LOGIT = 14;

/**
 * Non-torch memory a single-GPU worker adds during load and profiling (cuBLAS/cuBLASLt workspaces and
 * lazily loaded kernels). Measured +0.15 GiB for a first matmul and a few kernels in a bare PyTorch
 * process (H200, 2026-11-24); vLLM logs show 0.02-0.26 GiB ("non-torch forward increase memory").
 */
export const NON_TORCH_BASE_GIB = 0.15;

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
 * CUDA-graph memory for the default capture sizes (up to 512 tokens): ~0.1 GiB plus ~0.005 GiB per layer
 * per GPU, doubled for MoE layers. Only releases from v0.21 charge it to the budget, so it is fitted to
 * their estimates: 0.26 GiB for Llama-3.1-8B (v0.31: 1.44 GiB "peak activation" including the estimate,
 * 1.18 GiB of it the sampler), ~0.3 GiB for Qwen3-32B at TP 2 (v0.2x: 1.66 GiB of overhead in all),
 * 0.36 GiB in a v0.27 log; captured graphs measured 0.23-0.72 GiB for 7-8B dense models (v0.10-v0.31).
 * With `--max-num-seqs` below 256 fewer, smaller graphs are captured (0.32 GiB at 32 sequences).
 */
export const CUDA_GRAPH_BASE_GIB = 0.1;
export const CUDA_GRAPH_PER_LAYER_GIB = 0.005;

/**
 * Largest CUDA-graph capture size: `min(2 × max_num_seqs, 512)`.
 * Source: vllm/config/vllm.py `_set_cudagraph_sizes` (`max_num_seqs * 2`, capped at 512).
 */
export const MAX_CUDA_GRAPH_CAPTURE = 512;

/**
 * Tokens one fused-MoE call processes at once.
 * Source: vllm/envs.py `VLLM_FUSED_MOE_CHUNK_SIZE` default 32768 (32 × 1024).
 */
export const FUSED_MOE_CHUNK_TOKENS = 32768;

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

/** Peak activation bytes of the profiling forward pass on one GPU (attention skipped, as in vLLM). */
export function forwardActivationBytes(model: ModelArchitecture, tokens: number, tensorParallelSize: number): number {
  const h = model.hiddenSize;
  const tp = tensorParallelSize;
  const qWidth = (model.numAttentionHeads * model.headDim) / tp;
  const kvWidth = Math.max(1, model.numKeyValueHeads / tp) * model.headDim;
  const attention = tokens * (2 * h + 2 * qWidth + 2 * kvWidth);
  let ffn: number;
  if (model.moe) {
    const chunk = Math.min(tokens, FUSED_MOE_CHUNK_TOKENS);
    const expertWidth = (model.moe.expertIntermediateSize ?? model.intermediateSize) / tp;
    // fused_moe caches: gate/up output (2×), activation (1×) and down output (hidden) per routed copy.
    const routed = chunk * model.moe.expertsPerToken * (3 * expertWidth + h);
    const shared = (model.moe.numSharedExperts ?? 0) > 0 ? tokens * MLP_INTERMEDIATE_FACTOR * expertWidth : 0;
    ffn = tokens * 2 * h + routed + shared;
  } else {
    ffn = tokens * (2 * h + (MLP_INTERMEDIATE_FACTOR * model.intermediateSize) / tp);
  }
  return Math.max(attention, ffn) * ACTIVATION_BYTES;
}

/** Peak bytes of the sampler warm-up in the profiling run (last pipeline stage only). */
export function samplerActivationBytes(model: ModelArchitecture, config: ServingConfig): number {
  const requests = Math.min(config.maxNumSeqs, config.maxNumBatchedTokens);
  const perLogit = config.flashInferSampler ? SAMPLER_FLASHINFER_BYTES_PER_LOGIT : SAMPLER_NATIVE_BYTES_PER_LOGIT;
  // The profiling run's hidden states (all tokens) stay alive while the sampler runs.
  const hidden = config.maxNumBatchedTokens * model.hiddenSize * ACTIVATION_BYTES;
  return requests * model.vocabSize * perLogit + hidden;
}

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

/** Non-torch memory that tensor/pipeline parallelism adds on one GPU (see the constants above). */
export function distributedNonTorchGiB(config: ServingConfig, version: string): number {
  const hopper = config.accelerator.architecture.toLowerCase() === 'hopper';
  const steady = hopper ? NON_TORCH_DISTRIBUTED_HOPPER_GIB : NON_TORCH_DISTRIBUTED_GIB;
  const setUp = ncclInitCountedInBudget(version) ? (hopper ? NCCL_INIT_HOPPER_GIB : NCCL_INIT_OTHER_GIB) : 0;
  const pipeline = config.pipelineParallelSize > 1 ? NON_TORCH_PIPELINE_GIB : 0;
  return steady + setUp + pipeline;
}

/** One pipeline stage's budget, KV bytes and capacity. */
interface StageEstimate {
  readonly breakdown: GpuMemoryBreakdown;
  readonly kvInput: KvCapacityInput;
  readonly capacity: ReturnType<typeof kvCacheCapacity>;
}

/**
 * Sizes one {@link ServingConfig} the way vLLM's V1 engine does at startup (per GPU; all tensor-parallel
 * ranks of a stage are identical and every stage gets the smallest stage's block count).
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
  const distributed = tp * pp > 1;

  const stages: StageEstimate[] = weights.stages.map((stage, i) => {
    const forward = forwardActivationBytes(model, config.maxNumBatchedTokens, tp);
    const isLast = i === weights.stages.length - 1;
    const activation = Math.max(forward, isLast ? samplerActivationBytes(model, config) : 0);
    const nonTorch = (NON_TORCH_BASE_GIB + (distributed ? distributedNonTorchGiB(config, version) : 0) +
      (cudaContextCountedInBudget(version) ? CUDA_CONTEXT_GIB : 0)) * GIB;
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

  // vLLM gives every worker the smallest worker's block count (get_kv_cache_configs).
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
