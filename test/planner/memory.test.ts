/**
 * estimateMemory: vLLM's per-GPU budget, what it subtracts, and when it refuses to start.
 */
import { findModel, getAccelerator } from '../../lib/catalogue';
import {
  CUDA_CONTEXT_GIB, NON_TORCH_BASE_GIB, NON_TORCH_V0_BASE_GIB, SAMPLER_NATIVE_BYTES_PER_LOGIT, SAMPLER_TRITON_BYTES_PER_LOGIT,
  ServingConfigError, estimateMemory, forwardActivationBytes, samplerActivationBytes, v0ForwardActivationBytes,
} from '../../lib/planner/memory';
import type { ServingConfig } from '../../lib/planner/types';
import { GIB } from '../../lib/planner/weights';

const llama8b = findModel('meta-llama/Llama-3.1-8B-Instruct');
const llama70b = findModel('meta-llama/Llama-3.1-70B-Instruct');

function config(overrides: Partial<ServingConfig> = {}): ServingConfig {
  return {
    model: llama8b,
    accelerator: getAccelerator('h100-80gb'),
    tensorParallelSize: 1,
    pipelineParallelSize: 1,
    maxModelLen: 8192,
    gpuMemoryUtilization: 0.9,
    dtype: 'auto',
    quantization: 'none',
    kvCacheDtype: 'auto',
    maxNumSeqs: 1024,
    maxNumBatchedTokens: 8192,
    blockSize: 16,
    enforceEager: false,
    // The release these checks were written against; the default release has its own test
    // (memory-vllm-defaults.test.ts).
    vllmVersion: '0.19.0',
    ...overrides,
  };
}

describe('the budget', () => {
  test('is gpu_memory_utilization × total GPU memory, and the KV cache gets what the rest leaves', () => {
    const { perGpu } = estimateMemory(config());
    expect(perGpu.budgetGiB).toBeCloseTo(0.9 * perGpu.totalGiB, 10);
    // before v0.21: CUDA graphs are captured after the KV cache, outside the budget
    expect(perGpu.cudaGraphInBudget).toBe(false);
    expect(perGpu.kvCacheGiB).toBeCloseTo(
      perGpu.budgetGiB - perGpu.weightsGiB - perGpu.loraGiB - perGpu.activationPeakGiB - perGpu.nonTorchGiB, 10);
  });

  test('reports vLLM 14.99 GiB of weights for Llama-3.1-8B', () => {
    expect(estimateMemory(config()).perGpu.weightsGiB.toFixed(2)).toBe('14.99');
  });

  test('turns KV bytes into whole blocks of 16 tokens', () => {
    const estimate = estimateMemory(config());
    expect(estimate.kvCacheBytesPerToken).toBe(131_072);
    expect(estimate.kvCacheTokens).toBe(estimate.numGpuBlocks * 16);
    expect(estimate.numGpuBlocks).toBe(Math.floor(estimate.perGpu.kvCacheGiB * GIB / (16 * 131_072)));
    expect(estimate.maxConcurrency).toBeCloseTo(estimate.numGpuBlocks / (8192 / 16), 10);
  });

  test('from v0.21 also reserves the CUDA-graph estimate, and --enforce-eager frees it', () => {
    // the same sampler in both (v0.21 also turned FlashInfer's back on)
    const v020 = estimateMemory(config({ vllmVersion: '0.20.0', flashInferSampler: false }));
    const v021 = estimateMemory(config({ vllmVersion: '0.21.0', flashInferSampler: false }));
    const eager = estimateMemory(config({ vllmVersion: '0.21.0', flashInferSampler: false, enforceEager: true }));
    expect(v021.perGpu.cudaGraphInBudget).toBe(true);
    expect(v021.perGpu.kvCacheGiB).toBeCloseTo(v020.perGpu.kvCacheGiB - v021.perGpu.cudaGraphGiB, 10);
    expect(eager.perGpu.cudaGraphGiB).toBe(0);
    expect(eager.perGpu.kvCacheGiB).toBeCloseTo(v020.perGpu.kvCacheGiB, 10);
  });

  test('before v0.9 also charges the CUDA context', () => {
    const old = estimateMemory(config({ vllmVersion: '0.8.5' }));
    expect(old.perGpu.nonTorchGiB).toBeCloseTo(NON_TORCH_BASE_GIB + CUDA_CONTEXT_GIB, 10);
  });

  test('an fp8 KV cache doubles the tokens that fit', () => {
    const bf16 = estimateMemory(config());
    const fp8 = estimateMemory(config({ kvCacheDtype: 'fp8' }));
    expect(fp8.kvCacheTokens / bf16.kvCacheTokens).toBeCloseTo(2, 3);
  });
});

describe('the profiling run (V1)', () => {
  test('peaks at the larger of the widest layer and the sampler warm-up', () => {
    // Llama-8B, 8192 tokens: (2 × 4096 + 4 × 14336) × 2 B per token = 1.00 GiB (measured on an H200, 2026-11-24)
    expect(forwardActivationBytes(llama8b, 8192, 1) / GIB).toBeCloseTo(1.0, 6);
    // 1024 dummy requests × 128,256 vocab × 15 B with the Triton top-k/top-p kernels (v0.17+), plus the hidden states
    const sampler = samplerActivationBytes(llama8b, config(), 1024, 8192);
    expect(sampler).toBe(1024 * 128_256 * SAMPLER_TRITON_BYTES_PER_LOGIT + 8192 * 4096 * 2);
    expect(estimateMemory(config()).perGpu.activationPeakGiB).toBeCloseTo(sampler / GIB, 10);
  });

  test('samples min(max_num_seqs, max_num_batched_tokens) dummy requests', () => {
    const fewTokens = estimateMemory(config({ maxNumBatchedTokens: 512, vllmVersion: '0.11.0', flashInferSampler: false })).perGpu.activationPeakGiB;
    expect(fewTokens * GIB).toBeCloseTo(512 * 128_256 * SAMPLER_NATIVE_BYTES_PER_LOGIT + 512 * 4096 * 2, 0);
  });

  test('costs 38 B per logit with the sort-based sampler before v0.17 (vLLM logged 5.64 GiB for Qwen3-14B with v0.16)', () => {
    const v016 = estimateMemory(config({ vllmVersion: '0.16.0' }));
    const v017 = estimateMemory(config({ vllmVersion: '0.17.0' }));
    expect(v016.perGpu.activationPeakGiB).toBeCloseTo((1024 * 128_256 * 38 + 8192 * 4096 * 2) / GIB, 10);
    expect(v017.perGpu.activationPeakGiB).toBeLessThan(v016.perGpu.activationPeakGiB / 2);
  });

  test('uses FlashInfer by default where the official image\'s release does (v0.9.0-v0.11.0, from v0.21.0)', () => {
    // vllm/v1/sample/ops/topk_topp_sampler.py: VLLM_USE_FLASHINFER_SAMPLER unset means on (PR #11394),
    // off by default from v0.11.1 (PR #26859), on again (PR #40376).
    const peak = (vllmVersion: string) => estimateMemory(config({ vllmVersion })).perGpu.activationPeakGiB;
    const flashInfer = (1024 * 128_256 * 14 + 8192 * 4096 * 2) / GIB;
    expect(peak('0.10.1')).toBeCloseTo(flashInfer, 10);
    expect(peak('0.11.0')).toBeCloseTo(flashInfer, 10);
    expect(peak('0.11.1')).toBeCloseTo((1024 * 128_256 * SAMPLER_NATIVE_BYTES_PER_LOGIT + 8192 * 4096 * 2) / GIB, 10);
    expect(peak('0.29.0')).toBeCloseTo(flashInfer, 10);
    expect(peak('0.8.5')).toBeGreaterThan(flashInfer * 2);
  });

  test('needs less with the FlashInfer sampler', () => {
    const native = estimateMemory(config({ vllmVersion: '0.11.0', flashInferSampler: false }));
    const flashInfer = estimateMemory(config({ vllmVersion: '0.11.0', flashInferSampler: true }));
    expect(flashInfer.perGpu.activationPeakGiB).toBeLessThan(native.perGpu.activationPeakGiB / 2);
  });
});

describe('the V0 engine (releases before v0.8)', () => {
  const l4 = getAccelerator('l4');
  const v0 = (overrides: Partial<ServingConfig>) =>
    estimateMemory(config({ accelerator: l4, maxNumSeqs: 256, maxNumBatchedTokens: 2048, vllmVersion: '0.7.3', ...overrides }));

  test('profiles max(max_model_len, 2048) tokens eagerly without chunked prefill, and the sampler on 256 prompts', () => {
    // 20,000 tokens of Llama-3.1-8B: 3 × (4096 + 14336) × 2 B = 110,592 B per token; vLLM v0.6.4 logged 2.07 GiB
    expect(v0ForwardActivationBytes(llama8b, 20_000, 1) / GIB).toBeCloseTo(2.06, 2);
    const estimate = v0({ maxModelLen: 20_000 });
    expect(estimate.perGpu.activationPeakGiB).toBeCloseTo(2.06, 2);
    // at 8,192 tokens the sampler on 256 dummy prompts (1.22 GiB) is the larger
    expect(v0({ maxModelLen: 8192 }).perGpu.activationPeakGiB).toBeCloseTo((256 * 128_256 * 38 + 8192 * 4096 * 2) / GIB, 6);
  });

  test('above 32K context turns chunked prefill on: one 2,048-token chunk and no sampler peak (A10 log: 0.22 GiB)', () => {
    const estimate = v0({ maxModelLen: 131_072 });
    expect(estimate.perGpu.activationPeakGiB).toBeCloseTo(0.21, 2);
    expect(estimate.perGpu.nonTorchGiB).toBeCloseTo(NON_TORCH_V0_BASE_GIB, 10);
    // 4.6 GiB of blocks of 16 × 128 KiB: what vLLM logs as "# GPU blocks: N"
    expect(estimate.kvCacheTokens).toBe(estimate.numGpuBlocks * 16);
  });

  test('releases up to v0.6.4 chunk 512 tokens', () => {
    const old = estimateMemory(config({ accelerator: l4, maxModelLen: 131_072, maxNumSeqs: 256, maxNumBatchedTokens: 512, vllmVersion: '0.6.3' }));
    expect(old.perGpu.activationPeakGiB).toBeCloseTo(0.05, 2);
  });

  test('differs from V1 most for long contexts on small GPUs', () => {
    const v1 = estimateMemory(config({ accelerator: l4, maxModelLen: 131_072, maxNumSeqs: 256, maxNumBatchedTokens: 2048, vllmVersion: '0.11.0', flashInferSampler: false }));
    expect(v0({ maxModelLen: 131_072 }).kvCacheTokens).toBeGreaterThan(v1.kvCacheTokens * 1.2);
  });
});

describe('parallelism', () => {
  test('tensor parallelism shrinks the weights per GPU and grows the KV cache', () => {
    const tp4 = estimateMemory(config({ model: llama70b, tensorParallelSize: 4 }));
    const tp8 = estimateMemory(config({ model: llama70b, tensorParallelSize: 8 }));
    expect(tp4.fits).toBe(true);
    expect(tp8.perGpu.weightsGiB).toBeLessThan(tp4.perGpu.weightsGiB / 1.9);
    expect(tp8.kvCacheTokens).toBeGreaterThan(tp4.kvCacheTokens);
    expect(tp4.kvCacheBytesPerTokenPerGpu).toBe(80 * 2 * 2 * 128 * 2);
    expect(tp4.weightsGiBTotal).toBeCloseTo(tp4.perGpu.weightsGiB * 4, 6);
  });

  test('pipeline parallelism gives every stage the smallest stage block count', () => {
    const pp2 = estimateMemory(config({ pipelineParallelSize: 2 }));
    const tp1 = estimateMemory(config());
    expect(pp2.kvCacheTokens).toBeGreaterThan(tp1.kvCacheTokens);
    expect(pp2.kvCacheBytesPerTokenPerGpu).toBe(16 * 4096);
  });
});

describe('when vLLM refuses to start', () => {
  test('weights larger than the budget: Llama-3.1-70B in bf16 on one H100', () => {
    const estimate = estimateMemory(config({ model: llama70b }));
    expect(estimate.fits).toBe(false);
    expect(estimate.problems.join('\n')).toMatch(/the weights need 131\.\d+ GiB per GPU but gpu_memory_utilization 0\.9/);
  });

  test('one max_model_len request does not fit: Llama-3.1-8B at 131,072 tokens on an L4', () => {
    const estimate = estimateMemory(config({
      accelerator: getAccelerator('l4'), maxModelLen: 131_072, maxNumSeqs: 256, maxNumBatchedTokens: 2048,
    }));
    expect(estimate.fits).toBe(false);
    expect(estimate.problems.join('\n')).toMatch(/to serve at least one request with max_model_len 131072, 16 GiB of KV cache is needed/);
    expect(estimate.problems.join('\n')).toMatch(/estimated maximum model length is \d+/);
  });

  test('no memory left for blocks at all', () => {
    const estimate = estimateMemory(config({ accelerator: getAccelerator('l4'), gpuMemoryUtilization: 0.7 }));
    expect(estimate.fits).toBe(false);
    expect(estimate.problems.join('\n')).toMatch(/No available memory for the cache blocks/);
  });

  test('a utilization above what is free once the CUDA context exists', () => {
    const estimate = estimateMemory(config({ accelerator: getAccelerator('a10g'), gpuMemoryUtilization: 0.99 }));
    expect(estimate.problems.join('\n')).toMatch(/Free memory on device .* is less than desired GPU memory utilization/);
  });
});

describe('input validation', () => {
  test('names every invalid setting at once', () => {
    expect(() => estimateMemory(config({ tensorParallelSize: 0, gpuMemoryUtilization: 1.5, maxModelLen: -1 })))
      .toThrow(ServingConfigError);
    try {
      estimateMemory(config({ tensorParallelSize: 0, gpuMemoryUtilization: 1.5, maxModelLen: -1 }));
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toMatch(/'tensorParallelSize' \(0\) must be a positive integer/);
      expect(message).toMatch(/'gpuMemoryUtilization' \(1\.5\) must be in \(0, 1\]/);
      expect(message).toMatch(/'maxModelLen' \(-1\) must be a positive integer/);
    }
  });
});

describe('LoRA', () => {
  test('adapter slots come out of the KV cache', () => {
    const plain = estimateMemory(config());
    const lora = estimateMemory(config({ lora: { maxLoras: 4, maxLoraRank: 64 } }));
    expect(lora.perGpu.loraGiB).toBeGreaterThan(0.5);
    expect(lora.perGpu.kvCacheGiB).toBeCloseTo(plain.perGpu.kvCacheGiB - lora.perGpu.loraGiB, 10);
  });
});
