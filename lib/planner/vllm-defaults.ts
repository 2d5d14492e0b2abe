/**
 * The vLLM release the memory model follows, and the defaults `vllm serve` fills in when a flag is not
 * given. Every number names the vLLM source file it was read from (github.com/vllm-project/vllm, read
 * 2026-11-24) so that a later release can be checked line by line.
 *
 * Pure data and tiny lookups; no engine imports.
 */
import type { AcceleratorSpec } from '../catalogue/types';

/**
 * The vLLM release whose memory accounting {@link estimateMemory} reproduces by default: the V1 engine as
 * of v0.11.0 (October 2025). Later releases differ in two ways the model knows about (see
 * {@link cudaGraphMemoryReservedInBudget}); earlier V1 releases in one (see
 * {@link cudaContextCountedInBudget}).
 */
export const MODELLED_VLLM_VERSION = '0.11.0';

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

/** Whether vLLM gives this GPU the large batch defaults (H100, H200: yes; A100-80GB, L40S, L4: no). */
export function hasLargeBatchDefaults(accelerator: AcceleratorSpec): boolean {
  const isA100 = /a100/i.test(accelerator.id) || /a100/i.test(accelerator.name);
  return accelerator.memoryGiBReported >= LARGE_BATCH_DEFAULT_MIN_MEMORY_GIB && !isA100;
}

/** `--max-num-seqs` / `--max-num-batched-tokens` that vLLM picks on this GPU for this entry point. */
export function defaultBatchLimits(accelerator: AcceleratorSpec, usage: UsageContext = 'serve'): BatchDefaults {
  return (hasLargeBatchDefaults(accelerator) ? LARGE_GPU_DEFAULTS : OTHER_GPU_DEFAULTS)[usage];
}

/** `--max-num-seqs` that `vllm serve` picks on this GPU. */
export function defaultMaxNumSeqs(accelerator: AcceleratorSpec, usage: UsageContext = 'serve'): number {
  return defaultBatchLimits(accelerator, usage).maxNumSeqs;
}

/** `--max-num-batched-tokens` that `vllm serve` picks on this GPU. */
export function defaultMaxNumBatchedTokens(accelerator: AcceleratorSpec, usage: UsageContext = 'serve'): number {
  return defaultBatchLimits(accelerator, usage).maxNumBatchedTokens;
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
