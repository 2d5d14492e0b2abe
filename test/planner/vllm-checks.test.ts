/**
 * The planner refuses what vLLM refuses at start-up. One test per check; each names the vLLM source it
 * mirrors (github.com/vllm-project/vllm, releases v0.10-v0.29).
 */
import { findModel, getAccelerator } from '../../lib/catalogue';
import type { ModelArchitecture } from '../../lib/catalogue/types';
import { expectedMemoryModelDoc } from '../../lib/cli/memory-model-doc';
import { InfeasiblePlanError } from '../../lib/errors';
import { compatibilityRows, generationRefusals, generationWarnings } from '../../lib/planner/compatibility';
import { planLlmServing } from '../../lib/planner/plan';
import type { ServingConfig } from '../../lib/planner/types';
import {
  LORA_MAX_RANKS, attentionHeadsRefusal, derivedMaxModelLen, kvHeadsRefusal, loraRefusals, maxModelLenRefusal, mlpShardRefusal,
  pipelineLayersRefusal, placementRefusals, quantizedShardRefusal, vllmRefusals,
} from '../../lib/planner/vllm-checks';

const llama8b = findModel('meta-llama/Llama-3.1-8B-Instruct');

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
    maxNumSeqs: 256,
    maxNumBatchedTokens: 2048,
    blockSize: 16,
    enforceEager: false,
    ...overrides,
  };
}

describe('parallel sizes against the model', () => {
  test('vllm/config/model.py ModelConfig.verify_with_parallel_config: GIVEN 32 attention heads WHEN TP=3 THEN refused, and the divisors that fit a node are offered', () => {
    const refusal = attentionHeadsRefusal(config({ tensorParallelSize: 3 }));
    expect(refusal?.reason).toMatch(/Total number of attention heads \(32\) must be divisible by tensor parallel size \(3\)/);
    expect(refusal?.fix).toBe('use --tensor-parallel-size 1, 2, 4 or 8');
    expect(attentionHeadsRefusal(config({ tensorParallelSize: 4 }))).toBeUndefined();
  });

  test('vllm/model_executor/layers/linear.py QKVParallelLinear: GIVEN 8 KV heads WHEN TP=16 THEN they are replicated (a warning), WHEN TP=12 THEN refused', () => {
    const wide: ModelArchitecture = { ...llama8b, numAttentionHeads: 48 };
    expect(kvHeadsRefusal(config({ model: wide, tensorParallelSize: 16 }))).toBeUndefined();
    expect(generationWarnings(config({ tensorParallelSize: 16 }))).toEqual(expect.arrayContaining([expect.stringMatching(/replicates each KV head on 2 GPUs/)]));
    expect(kvHeadsRefusal(config({ model: wide, tensorParallelSize: 12 }))?.reason).toMatch(/12 is not divisible by 8/);
  });

  test('vllm/model_executor/layers/linear.py RowParallelLinear: GIVEN an MLP of 14,336 WHEN TP=3 THEN refused; an MoE checks each expert\'s width', () => {
    expect(mlpShardRefusal(config({ tensorParallelSize: 3 }))?.reason).toMatch(/14336 is not divisible by 3/);
    const moe: ModelArchitecture = { ...findModel('openai/gpt-oss-20b'), moe: { numExperts: 32, expertsPerToken: 4, expertIntermediateSize: 2884 } };
    expect(mlpShardRefusal(config({ model: moe, tensorParallelSize: 8 }))?.reason).toMatch(/experts' intermediate size 2884/);
    expect(mlpShardRefusal(config({ model: findModel('openai/gpt-oss-20b'), tensorParallelSize: 8 }))).toBeUndefined();
  });

  test('quantization/utils/marlin_utils.py verify_marlin_supports_shape: GIVEN Qwen2.5-72B in AWQ WHEN TP=4 THEN 7,392 columns per rank are refused, TP=1 works', () => {
    // Why Qwen publishes its 72B AWQ checkpoint with the MLP padded to 29,696.
    const qwen72 = findModel('Qwen/Qwen2.5-72B-Instruct');
    const refusal = quantizedShardRefusal(config({ model: qwen72, quantization: 'awq', tensorParallelSize: 4 }));
    expect(refusal?.reason).toMatch(/input_size_per_partition = 7392 is not divisible by min_thread_k = 128/);
    expect(refusal?.fix).toMatch(/--tensor-parallel-size 1 \(or pipeline parallelism\)/);
    expect(quantizedShardRefusal(config({ model: qwen72, quantization: 'awq', tensorParallelSize: 1 }))).toBeUndefined();
    expect(quantizedShardRefusal(config({ model: findModel('Qwen/Qwen2.5-32B-Instruct'), quantization: 'gptq', tensorParallelSize: 8 }))).toBeUndefined();
    // 16-bit weights have no such granule
    expect(quantizedShardRefusal(config({ model: qwen72, tensorParallelSize: 4 }))).toBeUndefined();
  });

  test('vllm/distributed/utils.py get_pp_indices: GIVEN 32 layers WHEN PP=33 THEN refused', () => {
    expect(pipelineLayersRefusal(config({ pipelineParallelSize: 33 }))?.fix).toBe('use --pipeline-parallel-size 32 or fewer');
    expect(pipelineLayersRefusal(config({ pipelineParallelSize: 32 }))).toBeUndefined();
  });
});

describe('context length', () => {
  test('vllm/config/model.py _get_and_verify_max_len: GIVEN 131,072 positions WHEN max_model_len 200,000 THEN refused with vLLM\'s words', () => {
    expect(maxModelLenRefusal(config({ maxModelLen: 200_000 }))?.reason)
      .toMatch(/User-specified max_model_len \(200000\) is greater than the derived max_model_len/);
    expect(maxModelLenRefusal(config({ maxModelLen: 131_072 }))).toBeUndefined();
  });

  test('vllm/config/model.py _get_and_verify_max_len: RoPE scaling stretches the limit (YaRN from the original positions), llama3 scaling does not', () => {
    const qwen = findModel('Qwen/Qwen2.5-7B-Instruct');
    const yarn: ModelArchitecture = { ...qwen, ropeScaling: { type: 'yarn', factor: 4, originalMaxPositionEmbeddings: 32768 } };
    expect(derivedMaxModelLen(yarn)).toBe(131_072);
    expect(maxModelLenRefusal(config({ model: yarn, maxModelLen: 131_072 }))).toBeUndefined();
    expect(maxModelLenRefusal(config({ model: qwen, maxModelLen: 131_072 }))?.fix).toBe('use --max-model-len 32768 or less');
    expect(derivedMaxModelLen({ ...llama8b, ropeScaling: { type: 'llama3', factor: 8, originalMaxPositionEmbeddings: 8192 } })).toBe(131_072);
    expect(derivedMaxModelLen({ ...qwen, ropeScaling: { type: 'linear', factor: 2 } })).toBe(65_536);
  });
});

describe('the GPU generation (dtype, quantization, KV-cache dtype)', () => {
  const t4 = getAccelerator('t4');

  test('vllm/platforms/cuda.py check_if_supports_dtype: GIVEN a T4 WHEN --dtype bfloat16 THEN refused; WHEN auto THEN cast to float16 with a warning', () => {
    expect(generationRefusals(config({ accelerator: t4, dtype: 'bfloat16' })).map((r) => r.check)).toContain('dtype-bfloat16');
    expect(generationRefusals(config({ accelerator: t4 }))).toEqual([]);
    expect(generationWarnings(config({ accelerator: t4 }))).toEqual([expect.stringMatching(/casts the bfloat16 checkpoint to float16/)]);
  });

  test('vllm/config/model.py _FLOAT16_NOT_SUPPORTED_MODELS: GIVEN Gemma 2 WHEN float16 (or auto on a T4) THEN refused', () => {
    const gemma = findModel('google/gemma-2-9b-it');
    expect(generationRefusals(config({ model: gemma, dtype: 'float16' }))[0]?.reason).toMatch(/does not support float16/);
    expect(generationRefusals(config({ model: gemma, accelerator: t4 }))[0]?.reason).toMatch(/float32 at twice the memory/);
    expect(generationRefusals(config({ model: gemma }))).toEqual([]);
  });

  test('quantization/*.py get_min_capability: GIVEN a T4 (7.5) THEN fp8 and mxfp4 (8.0) are refused, awq (7.5) and gptq (6.0) run', () => {
    const checks = (quantization: ServingConfig['quantization']) => generationRefusals(config({ accelerator: t4, quantization })).map((r) => r.check);
    expect(checks('fp8')).toEqual(['quantization-capability']);
    expect(checks('mxfp4')).toEqual(['quantization-capability']);
    expect(checks('awq')).toEqual([]);
    expect(checks('gptq')).toEqual([]);
  });

  test('quantization/fp8.py Fp8LinearMethod: GIVEN an A100 (8.0) WHEN fp8 THEN weight-only FP8 Marlin with a warning; an L40S (8.9) runs it natively', () => {
    expect(generationRefusals(config({ accelerator: getAccelerator('a100-80gb'), quantization: 'fp8' }))).toEqual([]);
    expect(generationWarnings(config({ accelerator: getAccelerator('a100-80gb'), quantization: 'fp8' }))).toEqual([expect.stringMatching(/FP8 Marlin/)]);
    expect(generationWarnings(config({ accelerator: getAccelerator('l40s'), quantization: 'fp8' }))).toEqual([]);
  });

  test('quantized KV cache (docs.vllm.ai quantized_kvcache): GIVEN a T4 WHEN --kv-cache-dtype fp8 THEN refused', () => {
    expect(generationRefusals(config({ accelerator: t4, kvCacheDtype: 'fp8' })).map((r) => r.check)).toEqual(['kv-cache-dtype']);
  });

  test('GIVEN a Neuron chip THEN vLLM\'s CUDA path refuses it', () => {
    expect(generationRefusals(config({ accelerator: getAccelerator('inferentia2') })).map((r) => r.check)).toEqual(['cuda']);
  });

  test('the compatibility table is computed by the same checks: T4 refuses bfloat16 and fp8, A100 converts fp8, H100 runs everything', () => {
    const rows = Object.fromEntries(compatibilityRows().map((r) => [r.accelerator, r]));
    expect(rows.t4).toMatchObject({ dtype: { bfloat16: 'no', float16: 'yes' }, quantization: { fp8: 'no', awq: 'yes' }, fp8KvCache: 'no' });
    expect(rows['a100-80gb']?.quantization.fp8).toBe('converted');
    expect(rows['h100-80gb']).toMatchObject({ dtype: { bfloat16: 'yes' }, quantization: { fp8: 'yes', mxfp4: 'yes' }, fp8KvCache: 'yes' });
    expect(rows.inferentia2).toBeUndefined();
  });
});

describe('LoRA limits (vllm/config/lora.py LoRAConfig)', () => {
  test('GIVEN max_lora_rank 24 THEN refused and the next supported rank is offered', () => {
    const [refusal] = loraRefusals(config({ lora: { maxLoras: 4, maxLoraRank: 24 } }));
    expect(refusal?.reason).toMatch(/max_lora_rank \(24\) must be one of \(8, 16, 32, 64, 128, 256, 320, 512\)/);
    expect(refusal?.fix).toBe('use --max-lora-rank 32');
    expect(LORA_MAX_RANKS).toContain(320);
  });

  test('GIVEN max_cpu_loras below max_loras, or no LoRA slot THEN refused', () => {
    expect(loraRefusals(config({ lora: { maxLoras: 4, maxLoraRank: 16, maxCpuLoras: 2 } })).map((r) => r.check)).toEqual(['lora-cpu-count']);
    expect(loraRefusals(config({ lora: { maxLoras: 0, maxLoraRank: 16 } })).map((r) => r.check)).toEqual(['lora-count']);
    expect(loraRefusals(config({ lora: { maxLoras: 4, maxLoraRank: 16 } }))).toEqual([]);
  });
});

describe('placement (vllm/config/parallel.py world size; docs/deployment/frameworks/lws.md)', () => {
  test('GIVEN 8 GPUs per node THEN a world of 16 on one node is refused, and two nodes must use all their GPUs over EFA', () => {
    const c = config({ tensorParallelSize: 8, pipelineParallelSize: 2 });
    expect(placementRefusals(c, { gpusPerNode: 8, nodes: 1, efa: true }).map((r) => r.check)).toEqual(['world-size']);
    expect(placementRefusals(c, { gpusPerNode: 8, nodes: 2, efa: true })).toEqual([]);
    expect(placementRefusals(config({ tensorParallelSize: 4, pipelineParallelSize: 2 }), { gpusPerNode: 8, nodes: 2, efa: true }).map((r) => r.check))
      .toEqual(['multi-node-world-size']);
    expect(placementRefusals(c, { gpusPerNode: 8, nodes: 2, efa: false }).map((r) => r.check)).toEqual(['multi-node-efa']);
    expect(placementRefusals(c, { gpusPerNode: 8, nodes: 2, efa: true, maxNodesPerReplica: 1 }).map((r) => r.check)).toEqual(['multi-node-target']);
  });
});

describe('the planner refuses what vLLM refuses', () => {
  test('GIVEN Llama 3.1 8B on H100 at TP=3 (issue 17) WHEN planned THEN InfeasiblePlanError with vLLM\'s reason and what works', () => {
    const request = { model: llama8b, acceleratorId: 'h100-80gb', tensorParallelSize: 3 };
    expect(() => planLlmServing(request)).toThrow(InfeasiblePlanError);
    expect(() => planLlmServing(request)).toThrow(/must be divisible by tensor parallel size \(3\)[\s\S]*use --tensor-parallel-size 1, 2, 4 or 8/);
  });

  test('GIVEN any free choice THEN no candidate vLLM would refuse is ever chosen', () => {
    for (const id of ['Qwen/Qwen2.5-72B-Instruct', 'google/gemma-2-27b-it', 'openai/gpt-oss-20b']) {
      for (const quantization of ['none', 'awq'] as const) {
        if (id === 'openai/gpt-oss-20b' && quantization === 'awq') continue;
        const plan = planLlmServing({ model: findModel(id), quantization, requestsPerSecond: 3 });
        const chosen = config({
          model: findModel(id), accelerator: getAccelerator(plan.accelerator), tensorParallelSize: plan.tensorParallelSize,
          pipelineParallelSize: plan.pipelineParallelSize, quantization: plan.quantization, maxModelLen: plan.maxModelLen,
        });
        expect(vllmRefusals(chosen)).toEqual([]);
      }
    }
  });
});

describe('docs/memory-model.md', () => {
  test('GIVEN the compatibility checks WHEN the docs are read THEN their table is the one the checks compute (`npm run docs` regenerates it)', () => {
    const { current, expected } = expectedMemoryModelDoc();
    expect(current).toContain('<!-- compatibility-table:start -->');
    expect(current).toBe(expected);
  });
});
