/**
 * Every architecture the planner must size from a Hugging Face repository, read from the published
 * config.json and the Hub's safetensors counts (test/fixtures/hub): parameters and KV bytes per token
 * against hand-computed values.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { architectureFromHub } from '../../lib/catalogue/hub-cache';
import { countParameters } from '../../lib/catalogue/parameter-count';
import { countsFromApi } from '../../lib/catalogue/safetensors';
import type { ModelArchitecture } from '../../lib/catalogue/types';
import { defaultQuantization, servingConfigFor } from '../../lib/planner/candidates';
import { vllmEngineArgs } from '../../lib/planner/engine-args';
import { kvBytesPerToken, kvCacheGroups } from '../../lib/planner/kv-cache';
import { weightBytesPerGpu } from '../../lib/planner/weights';
import { getAccelerator } from '../../lib/catalogue';
import { checkpointGiB } from '../../lib/kubernetes/layout';
import type { LlmServingPlan } from '../../lib/planner/types';
import { HUB_FIXTURES } from './hub-server';

/** The architecture the Hub client would cache for a fixture repository. */
function fromHub(repo: string): ModelArchitecture {
  const apiFile = join(HUB_FIXTURES, repo, 'api.json');
  const api = existsSync(apiFile) ? JSON.parse(readFileSync(apiFile, 'utf8')) : undefined;
  const checkpoint = countsFromApi(api);
  return architectureFromHub(join(HUB_FIXTURES, repo, 'config.json'), {
    id: repo, revision: 'main', endpoint: 'https://huggingface.co', retrieved: '2026-12-02', gated: false, license: 'test',
    ...(checkpoint ? { checkpoint } : {}),
  });
}

describe('architectures read from Hugging Face repositories', () => {
  test('Llama 3.1 8B: GQA 32 heads / 8 KV heads, parameters exact', () => {
    const m = fromHub('meta-llama/Llama-3.1-8B');
    // 32 × (q,o 2·4096² + k,v 2·4096·1024 + MLP 3·4096·14336 + 2 norms of 4096) + embed & lm_head 2·128256·4096 + final norm 4096
    const byHand = 32 * (2 * 4096 ** 2 + 2 * 4096 * 1024 + 3 * 4096 * 14336 + 2 * 4096) + 2 * 128256 * 4096 + 4096;
    expect(byHand).toBe(8_030_261_248);
    expect(countParameters(m).total).toBe(byHand);
    expect(m.parameters).toBe(8_030_261_248); // the Hub's exact count agrees
    // KV per token: 32 layers × (K and V) 2 × 8 KV heads × 128 head dim × 2 bytes (bf16)
    expect(kvBytesPerToken(m, 'auto')).toBe(32 * 2 * 8 * 128 * 2);
    expect(kvBytesPerToken(m, 'fp8')).toBe(32 * 2 * 8 * 128 * 1);
  });

  test('Qwen2.5 7B: q/k/v biases counted', () => {
    const m = fromHub('Qwen/Qwen2.5-7B-Instruct');
    // per layer: q,o 2·3584² + k,v 2·3584·512 + biases (3584 + 2·512) + MLP 3·3584·18944 + norms 2·3584
    const perLayer = 2 * 3584 ** 2 + 2 * 3584 * 512 + (3584 + 2 * 512) + 3 * 3584 * 18944 + 2 * 3584;
    expect(countParameters(m).total).toBe(28 * perLayer + 2 * 152064 * 3584 + 3584);
    expect(m.parameters).toBe(7_615_616_512);
    expect(kvBytesPerToken(m, 'auto')).toBe(28 * 2 * 4 * 128 * 2);
  });

  test('Qwen3 30B-A3B (MoE): 128 experts of 768, 8 routed per token, QK-norm', () => {
    const m = fromHub('Qwen/Qwen3-30B-A3B');
    expect(m.moe).toEqual({ numExperts: 128, expertsPerToken: 8, expertIntermediateSize: 768 });
    const expert = 3 * 2048 * 768;
    // per layer: q 2048·4096, k,v 2·2048·512, o 4096·2048, QK-norm 2·128, norms 2·2048, router 2048·128, experts 128 × expert
    const perLayer = 2048 * 4096 + 2 * 2048 * 512 + 4096 * 2048 + 2 * 128 + 2 * 2048 + 2048 * 128 + 128 * expert;
    const total = 48 * perLayer + 2 * 151936 * 2048 + 2048;
    expect(countParameters(m).total).toBe(total);
    expect(m.parameters).toBe(30_532_122_624);
    expect(m.activeParameters).toBe(total - 48 * (128 - 8) * expert); // 3,353,032,704
    expect(kvBytesPerToken(m, 'auto')).toBe(48 * 2 * 4 * 128 * 2);
  });

  test('Mixtral 8x7B: 8 experts of 14336, top-2', () => {
    const m = fromHub('mistralai/Mixtral-8x7B-v0.1');
    expect(countParameters(m).total).toBe(46_702_792_704);
    expect(m.activeParameters).toBe(46_702_792_704 - 32 * 6 * 3 * 4096 * 14336);
    expect(kvBytesPerToken(m, 'auto')).toBe(32 * 2 * 8 * 128 * 2);
  });

  test('Gemma 2 9B: every other layer windowed (4096), 4 norms per layer, tied embeddings', () => {
    const m = fromHub('google/gemma-2-9b-it');
    expect(countParameters(m).total).toBe(9_241_705_984);
    expect([m.slidingWindow, m.slidingWindowLayers, m.tieWordEmbeddings]).toEqual([4096, 21, true]);
    expect(kvBytesPerToken(m, 'auto')).toBe(42 * 2 * 8 * 256 * 2);
    // vLLM groups 21 full + 21 sliding layers into two groups of 21.
    expect(kvCacheGroups(m, 42, true)).toEqual({ groupSize: 21, fullGroups: 1, slidingGroups: 1 });
  });

  test('Gemma 3 12B: text_config with the family defaults, 5 of 6 layers windowed (1024), the vision tower counted exactly', () => {
    const m = fromHub('google/gemma-3-12b-it');
    // Left out of text_config, filled as Gemma3TextConfig does: vocab 262208, head_dim 256, 131072 positions.
    expect(m).toMatchObject({ modelType: 'gemma3_text', vocabSize: 262_208, headDim: 256, maxContextLength: 131_072, numKeyValueHeads: 8 });
    // 48 layers, every 6th global: 48 − 8 = 40 windowed.
    expect([m.slidingWindow, m.slidingWindowLayers]).toEqual([1024, 40]);
    expect(kvCacheGroups(m, 48, true)).toEqual({ groupSize: 8, fullGroups: 1, slidingGroups: 5 });
    expect(kvBytesPerToken(m, 'auto')).toBe(48 * 2 * 8 * 256 * 2);
    // SigLIP (896 px, patch 14): patch conv 3·14²·1152 + 1152, positions (896/14)²·1152, 27 layers of
    // (attention 4·(1152² + 1152) + MLP 2·1152·4304 + 4304 + 1152 + 2 layer norms 2·2·1152), post norm 2·1152;
    // projector 1152·3840 + soft-embedding norm 1152.
    const vision = 3 * 14 * 14 * 1152 + 1152 + (896 / 14) ** 2 * 1152 + 27 * (4 * (1152 ** 2 + 1152) + 2 * 1152 * 4304 + 4304 + 1152 + 4 * 1152) + 2 * 1152;
    const projector = 1152 * 3840 + 1152;
    expect(vision + projector).toBe(421_290_864);
    expect(m.additionalParameters).toBe(vision + projector);
    expect(countParameters(m).total + vision + projector).toBe(12_187_325_040);
    expect(m.parameters).toBe(12_187_325_040);
    // The vision tower is loaded too: 2 bytes each on the first stage.
    const withoutVision = weightBytesPerGpu({ ...m, additionalParameters: 0 }, { quantization: 'none', tensorParallelSize: 1, pipelineParallelSize: 1 });
    expect(weightBytesPerGpu(m, { quantization: 'none', tensorParallelSize: 1, pipelineParallelSize: 1 }) - withoutVision).toBe(2 * 421_290_864);
  });

  test('Phi-3 mini: MHA with a 2047-token window on every layer; Phi-4: GQA 40/10', () => {
    const phi3 = fromHub('microsoft/Phi-3-mini-4k-instruct');
    expect(countParameters(phi3).total).toBe(3_821_079_552);
    expect([phi3.slidingWindow, phi3.slidingWindowLayers]).toEqual([2047, 32]);
    expect(kvBytesPerToken(phi3, 'auto')).toBe(32 * 2 * 32 * 96 * 2);
    const phi4 = fromHub('microsoft/phi-4');
    expect(countParameters(phi4).total).toBe(14_659_507_200);
    expect(kvBytesPerToken(phi4, 'auto')).toBe(40 * 2 * 10 * 128 * 2);
  });

  test('DeepSeek V2 Lite: MLA latent cache, first layer dense, 2 shared + 64 routed experts', () => {
    const m = fromHub('deepseek-ai/DeepSeek-V2-Lite');
    expect(m.mla).toEqual({ kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
    expect(m.moe).toEqual({ numExperts: 64, expertsPerToken: 6, expertIntermediateSize: 1408, numSharedExperts: 2, firstDenseLayers: 1 });
    // attention per layer: q 2048·16·(128+64) + kv_a 2048·(512+64) + kv_b 512·16·(128+128) + o 16·128·2048;
    // norms 2·2048 + kv_a_layernorm 512
    const attention = 2048 * 16 * 192 + 2048 * 576 + 512 * 16 * 256 + 16 * 128 * 2048 + 2 * 2048 + 512;
    const expert = 3 * 2048 * 1408;
    // layer 0: dense MLP 3·2048·10944; layers 1-26: 64 routed + 2 shared experts + router 2048·64
    const total = 27 * attention + 3 * 2048 * 10944 + 26 * (64 * expert + 2 * expert + 2048 * 64) + 2 * 102400 * 2048 + 2048;
    expect(total).toBe(15_706_484_224);
    expect(countParameters(m).total).toBe(total);
    expect(m.parameters).toBe(15_706_484_224);
    // KV per token: 27 layers × (kv_lora_rank 512 + qk_rope_head_dim 64) × 2 bytes, the same on every TP rank
    expect(kvBytesPerToken(m, 'auto')).toBe(27 * 576 * 2);
  });

  test('DeepSeek V3: block-wise FP8 checkpoint, MLA with query compression, 3 dense layers', () => {
    const m = fromHub('deepseek-ai/DeepSeek-V3');
    expect(m.mla).toEqual({ qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
    expect(m.preQuantized).toEqual({ method: 'fp8', bits: 8, servedAs: 'fp8' });
    expect(defaultQuantization(m)).toBe('fp8');
    expect(kvBytesPerToken(m, 'auto')).toBe(61 * 576 * 2);
    // The checkpoint also holds the multi-token-prediction layer (and FP8 scales), which plain serving does
    // not load: a pre-quantized model keeps its architecture count, the exact counts are reported beside it.
    expect(m.parameters).toBe(countParameters(m).total);
    expect(m.checkpoint?.total).toBe(684_531_386_000);
    expect(m.parameters).toBe(671_026_419_200);
    // The download is what the checkpoint holds: BF16 × 2 + F8_E4M3 × 1 + F32 × 4 bytes.
    const plan = { weightsGiB: 600, quantization: 'fp8' } as LlmServingPlan;
    expect(checkpointGiB(plan, m)).toBeCloseTo((3_918_786_560 * 2 + 680_571_043_840 + 41_555_600 * 4) / 2 ** 30, 6);
  });

  test('gpt-oss 20B: MXFP4 experts, 12 of 24 layers windowed (128)', () => {
    const m = fromHub('openai/gpt-oss-20b');
    expect(countParameters(m).total).toBe(20_914_757_184);
    expect(m.preQuantized).toEqual({ method: 'mxfp4', bits: 4, servedAs: 'mxfp4' });
    expect([m.slidingWindow, m.slidingWindowLayers]).toEqual([128, 12]);
    expect(kvBytesPerToken(m, 'auto')).toBe(24 * 2 * 8 * 64 * 2);
  });

  test('Granite 3.1 8B: tied embeddings', () => {
    const m = fromHub('ibm-granite/granite-3.1-8b-instruct');
    expect(countParameters(m)).toMatchObject({ lmHead: 0, total: 40 * (2 * 4096 ** 2 + 2 * 4096 * 1024 + 3 * 4096 * 12800 + 2 * 4096) + 49155 * 4096 + 4096 });
    expect(kvBytesPerToken(m, 'auto')).toBe(40 * 2 * 8 * 128 * 2);
  });

  test('CodeLlama 7B: no GQA (32 KV heads)', () => {
    const m = fromHub('codellama/CodeLlama-7b-hf');
    expect(m.numKeyValueHeads).toBe(32);
    expect(countParameters(m).total).toBe(32 * (4 * 4096 ** 2 + 3 * 4096 * 11008 + 2 * 4096) + 2 * 32016 * 4096 + 4096);
    expect(kvBytesPerToken(m, 'auto')).toBe(32 * 2 * 32 * 128 * 2);
  });

  test('an AWQ repository is recognised and sized as 4-bit groups; vLLM picks its kernel from the config', () => {
    const m = fromHub('hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4');
    expect(m.preQuantized).toEqual({ method: 'awq', bits: 4, servedAs: 'awq' });
    expect(m.nativeWeightFormat).toBe('int4');
    expect(m.parameters).toBe(8_030_261_248); // the architecture's, not the packed int32 words
    // linear weights 32 × 218,103,808 at 0.5 + 2.5/128 bytes; embed + lm_head 2·128256·4096 and norms
    // (32·2 + 1)·4096 at 2 bytes; rotary cache 131072 × 128 × 2 bytes
    const linear = 32 * (2 * 4096 ** 2 + 2 * 4096 * 1024 + 3 * 4096 * 14336);
    const expected = linear * (0.5 + 2.5 / 128) + 2 * 128256 * 4096 * 2 + 65 * 4096 * 2 + 131072 * 128 * 2;
    expect(weightBytesPerGpu(m, { quantization: defaultQuantization(m), tensorParallelSize: 1, pipelineParallelSize: 1 })).toBeCloseTo(expected, 0);
    const args = vllmEngineArgs(servingConfigFor(m, getAccelerator('l4'), { tensorParallelSize: 1, pipelineParallelSize: 1 }, { model: m }));
    expect(args).not.toContain('--quantization');
  });

  test('a compressed-tensors FP8 repository is sized as fp8 and served without a --quantization override', () => {
    const m = fromHub('RedHatAI/Meta-Llama-3.1-8B-Instruct-FP8');
    expect(m.preQuantized).toEqual({ method: 'compressed-tensors', bits: 8, servedAs: 'fp8' });
    expect(defaultQuantization(m)).toBe('fp8');
    expect(m.checkpoint?.parametersByDtype).toEqual({ BF16: 1_050_939_392, F8_E4M3: 6_979_321_856, F32: 448 });
    const args = vllmEngineArgs(servingConfigFor(m, getAccelerator('l40s'), { tensorParallelSize: 1, pipelineParallelSize: 1 }, { model: m }));
    expect(args).not.toContain('--quantization');
  });
});
