/**
 * Paged KV cache arithmetic: bytes per token, blocks, the logged token count and the concurrency line.
 */
import { findModel } from '../../lib/catalogue';
import {
  blocksPerRequest, estimateMaxModelLen, kvBytesPerToken, kvBytesPerTokenPerLayer, kvCacheCapacity, kvCacheGroups,
  type KvCapacityInput,
} from '../../lib/planner/kv-cache';
import { GIB } from '../../lib/planner/weights';

const llama8b = findModel('meta-llama/Llama-3.1-8B-Instruct');
const gptOss20b = findModel('openai/gpt-oss-20b');
const gemma2 = findModel('google/gemma-2-9b-it');

const capacityInput = (overrides: Partial<KvCapacityInput>): KvCapacityInput => ({
  model: llama8b,
  stageLayers: 32,
  tensorParallelSize: 1,
  kvCacheDtype: 'auto',
  availableBytes: 10 * GIB,
  hybridManager: true,
  maxModelLen: 8192,
  maxNumBatchedTokens: 2048,
  blockSize: 16,
  ...overrides,
});

describe('bytes per token', () => {
  test('Llama-3.1-8B in bf16 costs 128 KiB per token (32 layers × 8 KV heads × 128 × 2 × 2 B)', () => {
    expect(kvBytesPerToken(llama8b, 'auto')).toBe(32 * 8 * 128 * 2 * 2);
    expect(kvBytesPerToken(llama8b, 'auto')).toBe(128 * 1024);
  });

  test('an fp8 KV cache halves it', () => {
    for (const dtype of ['fp8', 'fp8_e4m3', 'fp8_e5m2'] as const) {
      expect(kvBytesPerToken(llama8b, dtype)).toBe(64 * 1024);
    }
  });

  test('tensor parallelism splits KV heads and replicates them below one head per rank', () => {
    const perLayer = (tp: number) => kvBytesPerTokenPerLayer(llama8b, 'auto', tp);
    expect(perLayer(1)).toBe(4096);
    expect(perLayer(2)).toBe(2048);
    expect(perLayer(8)).toBe(512);
    expect(perLayer(16)).toBe(512); // 8 KV heads cannot be split 16 ways
  });

  test('Qwen2.5-7B (4 KV heads, 28 layers) costs 56 KiB per token', () => {
    expect(kvBytesPerToken(findModel('Qwen/Qwen2.5-7B-Instruct'), 'auto')).toBe(57_344);
  });
});

describe('blocks and tokens', () => {
  test('a uniform model gets floor(available / (block × bytes per token)) blocks of 16 tokens', () => {
    // GIVEN room for exactly 1,000 blocks and a bit
    const input = capacityInput({ availableBytes: 1000 * 16 * 128 * 1024 + 12345 });
    const cap = kvCacheCapacity(input);
    expect(cap.numBlocks).toBe(1000);
    expect(cap.tokens).toBe(16_000);
    // max concurrency = blocks / ceil(max_model_len / block_size)
    expect(cap.maxConcurrency).toBeCloseTo(1000 / 512, 10);
    expect(cap.bytesForOneRequest).toBe(512 * 16 * 128 * 1024);
  });

  test('no memory means no blocks rather than a negative count', () => {
    expect(kvCacheCapacity(capacityInput({ availableBytes: -5 * GIB })).numBlocks).toBe(0);
  });
});

describe('sliding-window models (V1 hybrid KV-cache manager)', () => {
  test('gpt-oss-20b forms two groups of 12 layers (12 full + 12 sliding)', () => {
    expect(kvCacheGroups(gptOss20b, 24, true)).toEqual({ groupSize: 12, fullGroups: 1, slidingGroups: 1 });
    expect(kvCacheGroups(gemma2, 42, true)).toEqual({ groupSize: 21, fullGroups: 1, slidingGroups: 1 });
  });

  test('logs the same token count as if every layer kept full context', () => {
    const hybrid = kvCacheCapacity(capacityInput({ model: gptOss20b, stageLayers: 24, availableBytes: 20 * GIB }));
    const allFull = kvCacheCapacity(capacityInput({ model: gptOss20b, stageLayers: 24, availableBytes: 20 * GIB, hybridManager: false }));
    expect(Math.abs(hybrid.tokens - allFull.tokens)).toBeLessThanOrEqual(16);
  });

  test('but a request needs only its window in the sliding group, so concurrency is higher', () => {
    const shape = { maxModelLen: 131072, maxNumBatchedTokens: 2048, blockSize: 16 };
    const groups = kvCacheGroups(gptOss20b, 24, true);
    // full group: 131072 / 16 = 8192 blocks; sliding group: ceil((128 - 1 + 2048) / 16) + 1 = 137 blocks
    expect(blocksPerRequest(gptOss20b, groups, shape)).toBe(8192 + 137);
    const hybrid = kvCacheCapacity(capacityInput({ model: gptOss20b, stageLayers: 24, availableBytes: 20 * GIB, ...shape }));
    expect(hybrid.maxConcurrency).toBeGreaterThan(hybrid.tokens / 131072 * 1.9);
  });

  test('releases before the hybrid manager (v0.10) keep every layer at full context', () => {
    expect(kvCacheGroups(gptOss20b, 24, false)).toEqual({ groupSize: 24, fullGroups: 1, slidingGroups: 0 });
  });
});

describe('the longest request that fits', () => {
  test('is what the available memory holds, as vLLM estimates in its error message', () => {
    const input = capacityInput({ availableBytes: 2 * GIB, maxModelLen: 131072 });
    // 2 GiB / 128 KiB = 16,384 tokens
    expect(estimateMaxModelLen(input)).toBe(16_384);
    expect(estimateMaxModelLen(capacityInput({ availableBytes: 0 }))).toBe(0);
  });
});
