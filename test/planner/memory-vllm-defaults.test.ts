/**
 * The vLLM defaults the memory model fills in, per GPU class and release.
 */
import { getAccelerator } from '../../lib/catalogue';
import { VLLM_IMAGE_TAG } from '../../lib/kubernetes/versions';
import {
  DEFAULT_BLOCK_SIZE, DEFAULT_GPU_MEMORY_UTILIZATION, MODELLED_VLLM_VERSION, SAMPLER_FLASHINFER_BYTES_PER_LOGIT, SAMPLER_NATIVE_BYTES_PER_LOGIT,
  SAMPLER_TRITON_BYTES_PER_LOGIT, compareVersions, cudaContextCountedInBudget, cudaGraphMemoryReservedInBudget, defaultBatchLimits,
  defaultMaxNumBatchedTokens, defaultMaxNumSeqs, hybridKvCacheManager, ncclInitCountedInBudget, samplerBytesPerLogit, usesV1Engine,
  v0ChunkedPrefill, v0ProfileTokens,
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

  test('releases before the large-GPU defaults (v0.9) and the V0 engine batch 256 sequences everywhere', () => {
    expect(defaultBatchLimits(getAccelerator('h100-80gb'), 'serve', { vllmVersion: '0.8.5' })).toEqual({ maxNumSeqs: 256, maxNumBatchedTokens: 2048 });
    // V0 without chunked prefill: max(max_model_len, 2048); above 32K: the 2,048-token chunk (512 up to v0.6.4)
    expect(defaultBatchLimits(getAccelerator('h100-80gb'), 'serve', { vllmVersion: '0.7.3', maxModelLen: 8192 })).toEqual({ maxNumSeqs: 256, maxNumBatchedTokens: 8192 });
    expect(defaultMaxNumBatchedTokens(getAccelerator('l4'), 'serve', { vllmVersion: '0.7.3', maxModelLen: 131_072 })).toBe(2048);
    expect(defaultMaxNumBatchedTokens(getAccelerator('l4'), 'serve', { vllmVersion: '0.6.3', maxModelLen: 131_072 })).toBe(512);
  });

  test('utilization and block size', () => {
    expect(DEFAULT_GPU_MEMORY_UTILIZATION).toBe(0.9);
    expect(DEFAULT_BLOCK_SIZE).toBe(16);
  });
});

describe('release-dependent accounting', () => {
  test('the default release is the deployed image\'s: V1, FlashInfer sampler, CUDA graphs in the budget (issue 16)', () => {
    expect(`v${MODELLED_VLLM_VERSION}`).toBe(VLLM_IMAGE_TAG);
    expect(usesV1Engine(MODELLED_VLLM_VERSION)).toBe(true);
    expect(samplerBytesPerLogit(MODELLED_VLLM_VERSION)).toBe(SAMPLER_FLASHINFER_BYTES_PER_LOGIT);
    expect(samplerBytesPerLogit(MODELLED_VLLM_VERSION, false)).toBe(SAMPLER_TRITON_BYTES_PER_LOGIT);
    expect(cudaGraphMemoryReservedInBudget(MODELLED_VLLM_VERSION)).toBe(true);
    expect(cudaContextCountedInBudget(MODELLED_VLLM_VERSION)).toBe(false);
    expect(ncclInitCountedInBudget(MODELLED_VLLM_VERSION)).toBe(false);
    expect(hybridKvCacheManager(MODELLED_VLLM_VERSION)).toBe(true);
  });

  test('V0 before v0.8, with chunked prefill above 32K context', () => {
    expect(usesV1Engine('0.7.3')).toBe(false);
    expect(usesV1Engine('0.8.0')).toBe(true);
    expect(v0ChunkedPrefill(32_768)).toBe(false);
    expect(v0ChunkedPrefill(32_769)).toBe(true);
    expect(v0ProfileTokens(8192, 2048)).toBe(8192);
    expect(v0ProfileTokens(1024, 2048)).toBe(2048);
    expect(v0ProfileTokens(131_072, 2048)).toBe(2048);
    expect(samplerBytesPerLogit('0.7.3')).toBe(SAMPLER_NATIVE_BYTES_PER_LOGIT);
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
