/**
 * Paged KV cache arithmetic of the vLLM V1 engine: bytes per token, blocks, the token count vLLM logs as
 * "GPU KV cache size: N tokens" and the "Maximum concurrency for M tokens per request: Cx" line. The V0
 * engine (before v0.8) is the same arithmetic with one group of all layers (`hybridManager: false`): its
 * "# GPU blocks: N" is `numBlocks`, N × 16 the tokens (vllm/worker/worker.py `determine_num_available_blocks`:
 * `available // cache_block_size`, the block size of all layers together).
 *
 * Sliding-window models (Gemma 2, gpt-oss) follow V1's hybrid KV-cache manager: layers are grouped by
 * attention type into groups of equal size, every group shares one pool of blocks, and a sliding-window
 * group only keeps `window - 1 + max_num_batched_tokens` tokens of a request. The logged token count is
 * `num_blocks // num_groups * block_size`, so it equals the count of a model whose layers were all full
 * attention; the concurrency is higher.
 * Source: vllm/v1/core/kv_cache_utils.py (v0.11.0) `_get_kv_cache_groups_uniform_page_size`,
 * `get_kv_cache_config_from_groups`, `_report_kv_cache_config`, `get_max_concurrency_for_kv_cache_config`;
 * vllm/v1/kv_cache_interface.py `SlidingWindowSpec.max_memory_usage_bytes`.
 *
 * Pure functions; no engine imports.
 */
import type { ModelArchitecture } from '../catalogue/types';
import type { KvCacheDtype } from './types';
import { ACTIVATION_BYTES, kvHeadsPerRank } from './weights';

/** Bytes of one cached K or V element. */
export function kvElementBytes(kvCacheDtype: KvCacheDtype): number {
  return kvCacheDtype === 'auto' ? ACTIVATION_BYTES : 1;
}

/**
 * K and V of one token in one layer on one tensor-parallel rank: 2 × KV heads × head dim × dtype bytes.
 * Multi-head latent attention (DeepSeek V2/V3) caches one latent of `kv_lora_rank + qk_rope_head_dim`
 * values per token and layer instead (the compressed `kv_c` and the shared rotary key `k_pe`), whole on
 * every rank. Source: vllm/v1/attention/backends/mla/common.py module notes ("a single latent vector to
 * represent the per-token entry of the KV cache", Lkv 512 + R 64 in DeepSeek V3), read 2026-12-02.
 */
export function kvBytesPerTokenPerLayer(model: ModelArchitecture, kvCacheDtype: KvCacheDtype, tensorParallelSize = 1): number {
  if (model.mla) return (model.mla.kvLoraRank + model.mla.qkRopeHeadDim) * kvElementBytes(kvCacheDtype);
  return 2 * kvHeadsPerRank(model, tensorParallelSize) * model.headDim * kvElementBytes(kvCacheDtype);
}

/** KV bytes of one token for the whole model (all layers, all KV heads). */
export function kvBytesPerToken(model: ModelArchitecture, kvCacheDtype: KvCacheDtype): number {
  return model.numLayers * kvBytesPerTokenPerLayer(model, kvCacheDtype, 1);
}

/** How the layers of one GPU are grouped for block allocation. */
export interface KvCacheGroups {
  /** Layers per group (padded groups count as full). */
  readonly groupSize: number;
  /** Number of groups of full-attention layers. */
  readonly fullGroups: number;
  /** Number of groups of sliding-window layers. */
  readonly slidingGroups: number;
}

/** Layers of a stage that use the sliding window; the rest attend to the full context. */
export function slidingLayersOf(model: ModelArchitecture, stageLayers: number): number {
  if (model.slidingWindow === undefined) return 0;
  const windowed = model.slidingWindowLayers ?? model.numLayers;
  return Math.round((windowed / model.numLayers) * stageLayers);
}

/**
 * Groups the `stageLayers` layers of a GPU the way V1 does: one group when every layer has the same kind
 * of attention (or the hybrid manager is off), otherwise groups of the smaller kind's size, or of the
 * larger kind's size when it is less than 1.5× the smaller (e.g. gpt-oss: 12 + 12 → two groups of 12).
 */
export function kvCacheGroups(model: ModelArchitecture, stageLayers: number, hybridManager: boolean): KvCacheGroups {
  const sliding = slidingLayersOf(model, stageLayers);
  const full = stageLayers - sliding;
  if (!hybridManager || sliding === 0) return { groupSize: stageLayers, fullGroups: 1, slidingGroups: 0 };
  if (full === 0) return { groupSize: stageLayers, fullGroups: 0, slidingGroups: 1 };
  const smaller = Math.min(full, sliding);
  const larger = Math.max(full, sliding);
  const groupSize = larger < smaller * 1.5 ? larger : smaller;
  return { groupSize, fullGroups: Math.ceil(full / groupSize), slidingGroups: Math.ceil(sliding / groupSize) };
}

/** The scheduler settings that decide how many blocks one request may need. */
export interface KvRequestShape {
  readonly maxModelLen: number;
  readonly maxNumBatchedTokens: number;
  readonly blockSize: number;
}

/**
 * Blocks (per group) one request of `maxModelLen` tokens needs: a full-attention group needs
 * `ceil(max_model_len / block_size)`; a sliding-window group needs the window plus one scheduled chunk,
 * `ceil(min(window - 1 + max_num_batched_tokens, max_model_len) / block_size) + 1`.
 */
export function blocksPerRequest(model: ModelArchitecture, groups: KvCacheGroups, shape: KvRequestShape): number {
  const full = Math.ceil(shape.maxModelLen / shape.blockSize);
  if (groups.slidingGroups === 0) return groups.fullGroups * full;
  const window = model.slidingWindow ?? shape.maxModelLen;
  const slidingTokens = Math.min(window - 1 + shape.maxNumBatchedTokens, shape.maxModelLen);
  const sliding = Math.ceil(slidingTokens / shape.blockSize) + 1;
  return groups.fullGroups * full + groups.slidingGroups * sliding;
}

/** The KV cache one GPU can hold. */
export interface KvCacheCapacity {
  /** Blocks in the shared pool (`num_blocks` of the KV cache config). */
  readonly numBlocks: number;
  /** "GPU KV cache size: N tokens". */
  readonly tokens: number;
  /** "Maximum concurrency for max_model_len tokens per request: Cx". */
  readonly maxConcurrency: number;
  /** KV bytes one full-length request needs on this GPU (vLLM's "X GiB KV cache is needed"). */
  readonly bytesForOneRequest: number;
  /** KV bytes one token costs on this GPU across its layers. */
  readonly bytesPerToken: number;
}

/** Inputs of {@link kvCacheCapacity}. */
export interface KvCapacityInput extends KvRequestShape {
  readonly model: ModelArchitecture;
  /** Layers this GPU runs (its pipeline stage). */
  readonly stageLayers: number;
  readonly tensorParallelSize: number;
  readonly kvCacheDtype: KvCacheDtype;
  /** Bytes left for the KV cache on this GPU ("Available KV cache memory"). */
  readonly availableBytes: number;
  /** Whether the release groups sliding-window layers (V1 ≥ 0.10). */
  readonly hybridManager: boolean;
}

/**
 * Blocks, tokens and concurrency of one GPU: `num_blocks = available // page_size // group_size`, where
 * `page_size = block_size × bytes per token per layer`; tokens = `num_blocks // groups × block_size`.
 */
export function kvCacheCapacity(input: KvCapacityInput): KvCacheCapacity {
  const perLayer = kvBytesPerTokenPerLayer(input.model, input.kvCacheDtype, input.tensorParallelSize);
  const pageBytes = input.blockSize * perLayer;
  const groups = kvCacheGroups(input.model, input.stageLayers, input.hybridManager);
  const groupCount = groups.fullGroups + groups.slidingGroups;
  const numBlocks = Math.max(0, Math.floor(Math.max(0, input.availableBytes) / pageBytes / groups.groupSize));
  const perRequest = blocksPerRequest(input.model, groups, input);
  return {
    numBlocks,
    tokens: Math.floor(numBlocks / groupCount) * input.blockSize,
    maxConcurrency: numBlocks / perRequest,
    bytesForOneRequest: perRequest * pageBytes * groups.groupSize,
    bytesPerToken: perLayer * input.stageLayers,
  };
}

/**
 * The longest request the available memory could hold: vLLM's "the estimated maximum model length is N"
 * (a binary search over max_model_len in `_estimate_max_model_len_from_groups`).
 */
export function estimateMaxModelLen(input: KvCapacityInput): number {
  const fits = (len: number) => kvCacheCapacity({ ...input, maxModelLen: len }).bytesForOneRequest <= input.availableBytes;
  if (!fits(1)) return 0;
  let [lo, hi] = [1, input.maxModelLen];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
