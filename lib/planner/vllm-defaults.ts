/**
 * The vLLM release the memory model follows by default, the release-by-release switches of its accounting
 * (V0 / V1 engine, sampler, non-torch, CUDA graphs), and the defaults `vllm serve` fills in when a flag is
 * not given. Every number names the vLLM source file, pull request or public log it was read from
 * (github.com/vllm-project/vllm, read 2026-11-24/25) so that a later release can be checked line by line.
 *
 * Pure data and tiny lookups; no engine imports.
 */
import type { AcceleratorSpec } from '../catalogue/types';
import { VLLM_IMAGE_TAG } from '../kubernetes/versions';

/**
 * The vLLM release whose memory accounting `estimateMemory` reproduces when none is given: the release of
 * the image the constructs deploy (`VLLM_IMAGE_TAG` in lib/kubernetes/versions.ts), so that a plan and a
 * deployment never disagree (issue 16). Its accounting is that of every release from v0.21 (CUDA-graph
 * estimate in the budget, calibrated on v0.26 and v0.31 logs) with the FlashInfer sampler of the official
 * image (see {@link flashInferSamplerByDefault}). Every other release stays selectable through
 * `ServingConfig.vllmVersion` / `--vllm-version`; the switches below say what changes.
 */
export const MODELLED_VLLM_VERSION: string = VLLM_IMAGE_TAG.replace(/^v/, '');

/**
 * `--gpu-memory-utilization` default.
 * Source: vllm/config/cache.py `CacheConfig.gpu_memory_utilization: float = 0.9`.
 */
export const DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;

/**
 * `--block-size` default on CUDA: tokens per paged-KV block.
 * Source: vllm/platforms/cuda.py `check_and_update_config`: `cache_config.block_size = 16` when unset.
 */
export const DEFAULT_BLOCK_SIZE = 16;

/** Which entry point started vLLM: its batch defaults differ (`UsageContext` in vllm/usage/usage_lib.py). */
export type UsageContext = 'serve' | 'llm-class';

/**
 * GPUs with at least this much memory (and not an A100) get the large batch defaults.
 * Source: vllm/engine/arg_utils.py `EngineArgs._set_default_args` (v0.10/v0.11; `get_batch_defaults` later):
 * `if device_memory >= 70 * GiB_bytes and "a100" not in device_name` — "For GPUs like H100 and MI300x, use
 * larger default values"; A100 is excluded because a large budget lowered its throughput (vLLM PR #17885).
 */
export const LARGE_BATCH_DEFAULT_MIN_MEMORY_GIB = 70;

/**
 * First release with the large-GPU batch defaults (vLLM PR #17885, merged May 2025; v0.9.0). Before it the
 * V1 engine used 256 sequences and 2,048 (`serve`) / 8,192 (`LLM` class) tokens on every GPU.
 * Source: vllm/engine/arg_utils.py v0.8.5 `_set_default_args_v1` (`default_max_num_batched_tokens`).
 */
export const LARGE_BATCH_DEFAULTS_SINCE = '0.9.0';

/** Batch defaults of one GPU class and entry point. */
export interface BatchDefaults {
  /** `--max-num-seqs`. */
  readonly maxNumSeqs: number;
  /** `--max-num-batched-tokens` (chunked prefill is always on in V1). */
  readonly maxNumBatchedTokens: number;
}

/**
 * Source: vllm/engine/arg_utils.py (v0.11.0), the two `default_max_num_batched_tokens` /
 * `default_max_num_seqs` tables keyed by `UsageContext.LLM_CLASS` and `UsageContext.OPENAI_API_SERVER`.
 */
const LARGE_GPU_DEFAULTS: Readonly<Record<UsageContext, BatchDefaults>> = {
  serve: { maxNumSeqs: 1024, maxNumBatchedTokens: 8192 },
  'llm-class': { maxNumSeqs: 1024, maxNumBatchedTokens: 16384 },
};
const OTHER_GPU_DEFAULTS: Readonly<Record<UsageContext, BatchDefaults>> = {
  serve: { maxNumSeqs: 256, maxNumBatchedTokens: 2048 },
  'llm-class': { maxNumSeqs: 256, maxNumBatchedTokens: 8192 },
};

/** The V0 scheduler's `max_num_seqs` default. Source: vllm/config.py (v0.6) `SchedulerConfig`, 256. */
export const V0_DEFAULT_MAX_NUM_SEQS = 256;

/** Whether vLLM gives this GPU the large batch defaults (H100, H200: yes; A100-80GB, L40S, L4: no). */
export function hasLargeBatchDefaults(accelerator: AcceleratorSpec): boolean {
  const isA100 = /a100/i.test(accelerator.id) || /a100/i.test(accelerator.name);
  return accelerator.memoryGiBReported >= LARGE_BATCH_DEFAULT_MIN_MEMORY_GIB && !isA100;
}

/** The release and context length defaults depend on; both optional so that older callers keep working. */
export interface DefaultsContext {
  /** @default MODELLED_VLLM_VERSION */
  readonly vllmVersion?: string;
  /** `--max-model-len`; V0 sizes its batch from it. @default - unknown: V0's chunk budget */
  readonly maxModelLen?: number;
}

/** `--max-num-seqs` / `--max-num-batched-tokens` that vLLM picks on this GPU for this entry point and release. */
export function defaultBatchLimits(accelerator: AcceleratorSpec, usage: UsageContext = 'serve', context: DefaultsContext = {}): BatchDefaults {
  const version = context.vllmVersion ?? MODELLED_VLLM_VERSION;
  if (!usesV1Engine(version)) {
    // Without the context length, the chunk budget: the V0 profile then takes max(max_model_len, it).
    const chunk = v0ChunkedPrefillBudget(version);
    const maxModelLen = context.maxModelLen;
    const unchunked = maxModelLen !== undefined && !v0ChunkedPrefill(maxModelLen);
    return {
      maxNumSeqs: V0_DEFAULT_MAX_NUM_SEQS,
      maxNumBatchedTokens: unchunked ? Math.max(maxModelLen, V0_MIN_BATCHED_TOKENS) : chunk,
    };
  }
  const large = hasLargeBatchDefaults(accelerator) && compareVersions(version, LARGE_BATCH_DEFAULTS_SINCE) >= 0;
  return (large ? LARGE_GPU_DEFAULTS : OTHER_GPU_DEFAULTS)[usage];
}

/** `--max-num-seqs` that `vllm serve` picks on this GPU. */
export function defaultMaxNumSeqs(accelerator: AcceleratorSpec, usage: UsageContext = 'serve', context: DefaultsContext = {}): number {
  return defaultBatchLimits(accelerator, usage, context).maxNumSeqs;
}

/** `--max-num-batched-tokens` that `vllm serve` picks on this GPU. */
export function defaultMaxNumBatchedTokens(accelerator: AcceleratorSpec, usage: UsageContext = 'serve', context: DefaultsContext = {}): number {
  return defaultBatchLimits(accelerator, usage, context).maxNumBatchedTokens;
}

/**
 * First release whose default engine is V1. Source: vLLM v0.8.0 release notes ("V1 is now enabled by
 * default"); `VLLM_USE_V1=0` kept V0 selectable until it was removed (v0.11.0). Releases before it size the
 * cache with the V0 worker (vllm/worker/worker.py `determine_num_available_blocks`) and log
 * "# GPU blocks: N, # CPU blocks: M" instead of "GPU KV cache size: N tokens".
 */
export const V1_ENGINE_DEFAULT_SINCE = '0.8.0';

/** Whether this release profiles and sizes the KV cache with the V1 engine. */
export function usesV1Engine(version: string): boolean {
  return compareVersions(version, V1_ENGINE_DEFAULT_SINCE) >= 0;
}

/**
 * V0 turns chunked prefill on by itself above this context length ("Chunked prefill is enabled by default
 * for models with max_model_len > 32K"). Source: vllm/engine/arg_utils.py v0.6-v0.7 `create_engine_config`
 * (`use_long_context = model_config.max_model_len > 32K`).
 */
export const V0_CHUNKED_PREFILL_ABOVE_MODEL_LEN = 32768;

/**
 * V0 without chunked prefill batches at least this many tokens: `max_num_batched_tokens = max(max_model_len,
 * 2048)`. Source: vllm/config.py v0.6 `SchedulerConfig.__init__` (`_DEFAULT_MAX_NUM_BATCHED_TOKENS = 2048`).
 */
export const V0_MIN_BATCHED_TOKENS = 2048;

/**
 * V0's chunk budget with chunked prefill: 512 tokens up to v0.6.4 (logged "Chunked prefill is enabled with
 * max_num_batched_tokens=512" by v0.6.4.dev), 2,048 later (v0.7 logs profile 2,048 tokens). The release of
 * the change was not pinned down; v0.6.5 is an assumption (docs/memory-model.md).
 */
export const V0_CHUNK_BUDGET_2048_SINCE = '0.6.5';

/** Whether V0 enables chunked prefill by itself for this context length. */
export function v0ChunkedPrefill(maxModelLen: number): boolean {
  return maxModelLen > V0_CHUNKED_PREFILL_ABOVE_MODEL_LEN;
}

/** V0's default chunk budget when chunked prefill is on. */
export function v0ChunkedPrefillBudget(version: string): number {
  return compareVersions(version, V0_CHUNK_BUDGET_2048_SINCE) >= 0 ? 2048 : 512;
}

/**
 * Tokens of V0's profiling run. Without chunked prefill V0 requires `max_num_batched_tokens >= max_model_len`
 * (it refuses to start otherwise), so the larger of the two is what it profiles; with chunked prefill it is
 * the chunk budget the configuration carries.
 */
export function v0ProfileTokens(maxModelLen: number, maxNumBatchedTokens: number): number {
  if (v0ChunkedPrefill(maxModelLen)) return maxNumBatchedTokens;
  return Math.max(maxModelLen, maxNumBatchedTokens, V0_MIN_BATCHED_TOKENS);
}

/**
 * Release from which V1 applies top-k/top-p with Triton kernels instead of the sort-based PyTorch path
 * (vLLM PR #33538, merged 2026-02; v0.17.0). Its sampler warm-up costs ~15 B per logit: vLLM v0.19 logged
 * 1.89 / 2.21 / 2.21 GiB of torch peak for Llama-3.1-8B / Qwen2.5-7B / Qwen3-8B with 1,024 dummy requests on
 * an H100 (14.9 B per logit once the hidden states are taken off), and Qwen3-14B dropped from 5.64 GiB
 * (v0.16, 38.4 B) to 2.23 GiB (v0.17) (llm-d-incubation/llm-d-planner accuracy/accuracy_report.md).
 */
export const TRITON_SAMPLER_SINCE = '0.17.0';

/**
 * Bytes per vocabulary entry per dummy request in the sampler warm-up.
 * - 38 B: PyTorch-native top-k/top-p (V0, and V1 before {@link TRITON_SAMPLER_SINCE}): bf16 logits (2) + fp32
 *   copy (4) + sorted values (4) + int64 sort indices (8) + softmax, cumulative sum, masks and the scattered
 *   result. Measured 38 B on an H200 (2026-11-24); vLLM logged 1.4 GiB for 256 × 151,936 (38.6 B, v0.10.2)
 *   and 1.26 GiB for 256 × 128,256 plus hidden states (V0, vllm-project/vllm#10511).
 * - 15 B: the Triton kernels from v0.17 (see {@link TRITON_SAMPLER_SINCE}).
 * - 14 B: FlashInfer's `top_k_top_p_sampling_from_logits` (`VLLM_USE_FLASHINFER_SAMPLER=1` with FlashInfer
 *   installed): bf16 + fp32 logits + masked logits + probabilities (measured 14 B for the sort-free path).
 */
export const SAMPLER_NATIVE_BYTES_PER_LOGIT = 38;
export const SAMPLER_TRITON_BYTES_PER_LOGIT = 15;
export const SAMPLER_FLASHINFER_BYTES_PER_LOGIT = 14;

/**
 * Releases whose V1 sampler uses FlashInfer's top-k/top-p kernels by default when FlashInfer is installed,
 * as it is in the official `vllm/vllm-openai` image ("We have installed flashinfer by default in the docker
 * image for a long time", vLLM PR #21389, 2025-07-22). Source: vllm/v1/sample/ops/topk_topp_sampler.py
 * `TopKTopPSampler.__init__` (`envs.VLLM_USE_FLASHINFER_SAMPLER is not False`: unset means on in V1).
 * - On from v0.9.0: v0.8.x turned it off for FlashInfer >= 0.2.3 (PR #14815, 2025-03-14) until the sampler
 *   was adapted to the 0.2.3 API (PR #15777, May 2025). Which FlashInfer the v0.8.x images carried was not
 *   checked, so v0.8.x is modelled without it.
 * - Off from v0.11.1: "Disable FlashInfer sampler by default" (PR #26859, merged 2025-10-15, after v0.11.0).
 * - On again from v0.21.0: "Enable FlashInfer top-k/top-p sampler by default" (PR #40376, opened
 *   2026-04-20, after v0.20's branch point; v0.21.0 is the first release assumed to carry it).
 * A `pip install vllm` before v0.11.1 usually had no FlashInfer (PR #21959 made it an optional extra;
 * PR #26443 a default dependency in October 2025): its logs set `flashInferSampler: false`.
 */
export const FLASHINFER_SAMPLER_DEFAULT_RELEASES: ReadonlyArray<readonly [from: string, until: string | null]> = [
  ['0.9.0', '0.11.1'],
  ['0.21.0', null],
];

/** Whether this release, run from the official image, samples with FlashInfer by default. */
export function flashInferSamplerByDefault(version: string): boolean {
  return FLASHINFER_SAMPLER_DEFAULT_RELEASES.some(([from, until]) =>
    compareVersions(version, from) >= 0 && (until === null || compareVersions(version, until) < 0));
}

/**
 * Bytes per logit of the sampler warm-up of this release. `flashInferSampler` undefined means the
 * release's default in the official image ({@link flashInferSamplerByDefault}).
 */
export function samplerBytesPerLogit(version: string | undefined, flashInferSampler?: boolean): number {
  const v = version ?? MODELLED_VLLM_VERSION;
  // V0 uses FlashInfer only when told to (VLLM_USE_FLASHINFER_SAMPLER=1).
  if (flashInferSampler ?? (usesV1Engine(v) && flashInferSamplerByDefault(v))) return SAMPLER_FLASHINFER_BYTES_PER_LOGIT;
  return compareVersions(v, TRITON_SAMPLER_SINCE) >= 0 ? SAMPLER_TRITON_BYTES_PER_LOGIT : SAMPLER_NATIVE_BYTES_PER_LOGIT;
}

/**
 * Release in which the CUDA-graph memory estimate became part of the KV budget by default.
 * Source: vllm PR #30515 (merged 2025-12-11) added `VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS`, off by
 * default; v0.21.0 turned it on (startup log: "CUDA graph memory profiling is enabled (default since
 * v0.21.0)"). Before that, graphs are captured after the KV cache is allocated and live in the
 * `1 - gpu_memory_utilization` headroom.
 */
export const CUDA_GRAPH_ESTIMATE_DEFAULT_SINCE = '0.21.0';

/**
 * Release from which the V1 worker measures memory with `memory_profiling` against a snapshot taken
 * after the CUDA context exists, so the context (~0.5 GiB) is no longer charged to the budget.
 * Source: vllm/v1/worker/gpu_worker.py v0.8.x `determine_available_memory` charged
 * `total - free - torch_allocated` (context included); v0.9.0 switched to `memory_profiling(self.init_snapshot)`.
 */
export const CONTEXT_EXCLUDED_SINCE = '0.9.0';

/**
 * Release from which V1 groups sliding-window and full-attention layers (hybrid KV-cache manager), so a
 * sliding-window layer only holds its window for each request.
 * Source: vllm/v1/core/kv_cache_utils.py `_get_kv_cache_groups_uniform_page_size` (vLLM PR #17996, v0.10.0).
 */
export const HYBRID_KV_CACHE_SINCE = '0.10.0';

/**
 * First release assumed to initialise NCCL before the memory snapshot, so that the communicators' own
 * buffers are no longer charged to the budget. Current vLLM says so in `Worker.init_device` ("Initialize
 * the distributed environment BEFORE taking memory snapshot. This ensures NCCL buffers are allocated
 * before we measure available memory"); v0.9.x initialised it after the snapshot. The exact release of
 * the change was not found; v0.11.0 is an assumption (docs/memory-model.md).
 */
export const NCCL_INIT_BEFORE_SNAPSHOT_SINCE = '0.11.0';

/** Compares two `major.minor.patch` versions (suffixes such as `rc1`, `.post1` are ignored). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => v.replace(/^v/, '').split(/[.+-]/).slice(0, 3).map((p) => parseInt(p, 10) || 0);
  const [pa, pb] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Whether this release subtracts its CUDA-graph estimate from the KV budget by default. */
export function cudaGraphMemoryReservedInBudget(version: string): boolean {
  return compareVersions(version, CUDA_GRAPH_ESTIMATE_DEFAULT_SINCE) >= 0;
}

/** Whether this release charges the CUDA context to the budget (V1 before v0.9.0). */
export function cudaContextCountedInBudget(version: string): boolean {
  return compareVersions(version, CONTEXT_EXCLUDED_SINCE) < 0;
}

/** Whether this release charges NCCL communicator set-up to the budget (see {@link NCCL_INIT_BEFORE_SNAPSHOT_SINCE}). */
export function ncclInitCountedInBudget(version: string): boolean {
  return compareVersions(version, NCCL_INIT_BEFORE_SNAPSHOT_SINCE) < 0;
}

/** Whether this release keeps only the window of sliding-window layers in the KV cache. */
export function hybridKvCacheManager(version: string): boolean {
  return compareVersions(version, HYBRID_KV_CACHE_SINCE) >= 0;
}
