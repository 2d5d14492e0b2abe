/**
 * The vLLM defaults the memory model fills in, per GPU class and release.
 */
import { getAccelerator } from '../../lib/catalogue';
import {
  DEFAULT_BLOCK_SIZE, DEFAULT_GPU_MEMORY_UTILIZATION, MODELLED_VLLM_VERSION, compareVersions, cudaContextCountedInBudget,
  cudaGraphMemoryReservedInBudget, defaultBatchLimits, defaultMaxNumBatchedTokens, defaultMaxNumSeqs, hybridKvCacheManager,
  ncclInitCountedInBudget,
} from '../../lib/planner/vllm-defaults';

describe('batch defaults of `vllm serve`', () => {
  test.each([
    ['h100-80gb', 1024, 8192],
    ['h200', 1024, 8192],
    ['a100-80gb', 256, 2048], // ≥ 70 GiB but an A100: vLLM keeps the small defaults (PR #17885)
    ['a100-40gb', 256, 2048],
    ['l40s', 256, 2048],
    ['l4', 256, 2048],
    ['a10g', 256, 2048],
    ['t4', 256, 2048],
  ])('%s: max_num_seqs %d, max_num_batched_tokens %d', (id, seqs, tokens) => {
    const accelerator = getAccelerator(id);
    expect(defaultMaxNumSeqs(accelerator)).toBe(seqs);
    expect(defaultMaxNumBatchedTokens(accelerator)).toBe(tokens);
  });

  test('the offline LLM class batches more tokens', () => {
    expect(defaultBatchLimits(getAccelerator('h100-80gb'), 'llm-class')).toEqual({ maxNumSeqs: 1024, maxNumBatchedTokens: 16384 });
    expect(defaultBatchLimits(getAccelerator('l40s'), 'llm-class')).toEqual({ maxNumSeqs: 256, maxNumBatchedTokens: 8192 });
  });

  test('utilization and block size', () => {
    expect(DEFAULT_GPU_MEMORY_UTILIZATION).toBe(0.9);
    expect(DEFAULT_BLOCK_SIZE).toBe(16);
  });
});

describe('release-dependent accounting', () => {
  test('the modelled release is the V1 engine of v0.11.0', () => {
    expect(MODELLED_VLLM_VERSION).toBe('0.11.0');
    expect(cudaGraphMemoryReservedInBudget(MODELLED_VLLM_VERSION)).toBe(false);
    expect(cudaContextCountedInBudget(MODELLED_VLLM_VERSION)).toBe(false);
    expect(ncclInitCountedInBudget(MODELLED_VLLM_VERSION)).toBe(false);
    expect(hybridKvCacheManager(MODELLED_VLLM_VERSION)).toBe(true);
  });

  test('versions compare numerically, ignoring suffixes', () => {
    expect(compareVersions('0.10.2', '0.9.0')).toBeGreaterThan(0);
    expect(compareVersions('v0.21.0rc1', '0.21.0')).toBe(0);
    expect(compareVersions('0.8.5.post1', '0.9.0')).toBeLessThan(0);
    expect(cudaGraphMemoryReservedInBudget('0.21.0')).toBe(true);
    expect(cudaContextCountedInBudget('0.8.5')).toBe(true);
    expect(ncclInitCountedInBudget('0.10.2')).toBe(true);
    expect(hybridKvCacheManager('0.9.2')).toBe(false);
  });
});
