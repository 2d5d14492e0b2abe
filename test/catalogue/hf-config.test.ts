/**
 * modelFromHuggingFaceConfig turns a real config.json into the same architecture the catalogue holds,
 * and a broken one into a single error that lists every problem.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  HuggingFaceConfigError,
  ModelArchitecture,
  findModel,
  modelFromHuggingFaceConfig,
  readHuggingFaceConfig,
} from '../../lib/catalogue';

const FIXTURES = join(__dirname, '..', 'fixtures', 'hf-configs');

/** The architecture fields config.json determines (not the card's parameter count, licence or aliases). */
function architectureOf(m: ModelArchitecture) {
  return {
    modelType: m.modelType,
    numLayers: m.numLayers,
    hiddenSize: m.hiddenSize,
    intermediateSize: m.intermediateSize,
    numAttentionHeads: m.numAttentionHeads,
    numKeyValueHeads: m.numKeyValueHeads,
    headDim: m.headDim,
    vocabSize: m.vocabSize,
    maxContextLength: m.maxContextLength,
    tieWordEmbeddings: m.tieWordEmbeddings,
    slidingWindow: m.slidingWindow,
    slidingWindowLayers: m.slidingWindowLayers,
    moe: m.moe,
    nativeWeightFormat: m.nativeWeightFormat,
    nativeWeightFormatScope: m.nativeWeightFormatScope,
  };
}

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof HuggingFaceConfigError) {
      return err.problems;
    }
    throw err;
  }
  throw new Error('expected a HuggingFaceConfigError');
}

describe('modelFromHuggingFaceConfig', () => {
  test.each([
    ['llama-3.1-8b-instruct.json', 'meta-llama/Llama-3.1-8B-Instruct'],
    ['gemma-2-9b-it.json', 'google/gemma-2-9b-it'],
    ['qwen2.5-7b-instruct.json', 'Qwen/Qwen2.5-7B-Instruct'],
    ['gpt-oss-20b.json', 'openai/gpt-oss-20b'],
  ])('GIVEN the real %s THEN it round-trips to the catalogue entry %s', (file, id) => {
    const entry = findModel(id);
    const parsed = readHuggingFaceConfig(join(FIXTURES, file), {
      id, aliases: entry.aliases, gated: entry.gated, license: entry.license,
    });
    expect(architectureOf(parsed)).toEqual(architectureOf(entry));
    expect(parsed).toMatchObject({ id, aliases: entry.aliases, gated: entry.gated, license: entry.license });
    expect(Math.abs(parsed.parameters - entry.parameters) / entry.parameters).toBeLessThan(0.02);
  });

  test('GIVEN the Llama 3.1 8B config THEN parameters are counted from the architecture, not guessed', () => {
    const parsed = readHuggingFaceConfig(join(FIXTURES, 'llama-3.1-8b-instruct.json'), { id: 'x/y' });
    expect(parsed.parameters).toBe(8_030_261_248);
    expect(parsed.activeParameters).toBe(parsed.parameters);
    expect(parsed.source.url).toBe('https://huggingface.co/x/y/blob/main/config.json');
    expect(parsed.source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('GIVEN a broken config THEN one error lists every missing or invalid key with its expected type', () => {
    const problems = problemsOf(() => modelFromHuggingFaceConfig({
      model_type: 'llama',
      hidden_size: 4096,
      num_hidden_layers: 32.5,
      num_attention_heads: 32,
      num_key_value_heads: '8',
      vocab_size: -1,
      tie_word_embeddings: 'no',
    }, { id: 'broken/model' }));
    expect(problems).toEqual([
      `config.json: 'num_hidden_layers' must be a positive integer (got 32.5)`,
      `config.json: 'intermediate_size' is missing (expected a positive integer)`,
      `config.json: 'vocab_size' must be a positive integer (got -1)`,
      `config.json: 'max_position_embeddings' is missing (expected a positive integer)`,
      `config.json: 'num_key_value_heads' must be a positive integer (got "8")`,
      `config.json: 'tie_word_embeddings' must be a boolean (got "no")`,
    ]);
  });

  test('GIVEN a broken config THEN the message carries every problem too', () => {
    expect(() => modelFromHuggingFaceConfig({ model_type: 'llama' }, { id: 'a/b' }))
      .toThrow(/6 problems[\s\S]*'hidden_size' is missing[\s\S]*'max_position_embeddings' is missing/);
  });

  test('GIVEN something that is not an object THEN the error says so', () => {
    expect(problemsOf(() => modelFromHuggingFaceConfig([1, 2], { id: 'a/b' })))
      .toEqual(['config.json: must be a JSON object (got [1,2])']);
  });

  test('GIVEN inconsistent head counts or an MoE without top-k THEN those are reported', () => {
    const problems = problemsOf(() => modelFromHuggingFaceConfig({
      model_type: 'mixtral', hidden_size: 4096, num_hidden_layers: 2, num_attention_heads: 32,
      num_key_value_heads: 5, intermediate_size: 14336, vocab_size: 32000, max_position_embeddings: 32768,
      num_local_experts: 8,
    }, { id: 'a/b' }));
    expect(problems).toEqual([
      `config.json: 'num_experts_per_tok' is missing (expected a positive integer: experts routed per token)`,
      `config.json: 'num_attention_heads' (32) must be a multiple of 'num_key_value_heads' (5)`,
    ]);
  });

  test('GIVEN an unsupported pre-quantized checkpoint THEN it is refused with the supported methods', () => {
    const problems = problemsOf(() => modelFromHuggingFaceConfig({
      ...baseLlama(), quantization_config: { quant_method: 'bitsandbytes', load_in_4bit: true },
    }, { id: 'a/b' }));
    expect(problems).toEqual([expect.stringMatching(/'quantization_config' quant_method "bitsandbytes" is not supported; the planner sizes: awq \(4-bit\), gptq \(4-bit\), compressed-tensors/)]);
  });

  test('GIVEN a 3-bit GPTQ checkpoint THEN the bits are named, not rounded to a supported format', () => {
    const problems = problemsOf(() => modelFromHuggingFaceConfig({
      ...baseLlama(), quantization_config: { quant_method: 'gptq', bits: 3, group_size: 128 },
    }, { id: 'a/b' }));
    expect(problems).toEqual([expect.stringMatching(/quant_method "gptq" with 3 bits is not supported/)]);
  });

  test('GIVEN a model_type outside the known families THEN it is refused by name, never sized as a Llama', () => {
    const problems = problemsOf(() => modelFromHuggingFaceConfig({ ...baseLlama(), model_type: 'falcon' }, { id: 'a/b' }));
    expect(problems).toEqual([expect.stringMatching(/'model_type' "falcon" is not an architecture the planner can size without guessing \(known: llama, mistral/)]);
  });

  test('GIVEN an unknown architecture with missing keys THEN one error names every missing field', () => {
    const problems = problemsOf(() => modelFromHuggingFaceConfig({ model_type: 'mamba', hidden_size: 2560, vocab_size: 50280, d_state: 16 }, { id: 'a/b' }));
    expect(problems).toEqual([
      expect.stringMatching(/'model_type' "mamba" is not an architecture/),
      `config.json: 'num_hidden_layers' is missing (expected a positive integer)`,
      `config.json: 'intermediate_size' is missing (expected a positive integer)`,
      `config.json: 'num_attention_heads' is missing (expected a positive integer)`,
      `config.json: 'max_position_embeddings' is missing (expected a positive integer)`,
    ]);
  });

  test('GIVEN Qwen1.5-MoE THEN its shared expert (own size, sigmoid gate) is counted: 14.3B total, 2.7B active', () => {
    const model = modelFromHuggingFaceConfig({
      model_type: 'qwen2_moe', hidden_size: 2048, intermediate_size: 5632, moe_intermediate_size: 1408,
      shared_expert_intermediate_size: 5632, num_experts: 60, num_experts_per_tok: 4, num_hidden_layers: 24,
      num_attention_heads: 16, num_key_value_heads: 16, vocab_size: 151936, max_position_embeddings: 8192,
      tie_word_embeddings: false, decoder_sparse_step: 1, mlp_only_layers: [], torch_dtype: 'bfloat16',
    }, { id: 'Qwen/Qwen1.5-MoE-A2.7B' });
    // per layer: q,k,v,o 4·2048² + qkv biases 3·2048 + norms 2·2048 + router 2048·60 + shared gate 2048
    //   + shared expert 3·2048·5632 + 60 experts × 3·2048·1408; embed + lm_head 2·151936·2048; final norm 2048
    const expert = 3 * 2048 * 1408;
    const perLayer = 4 * 2048 ** 2 + 3 * 2048 + 2 * 2048 + 2048 * 60 + 2048 + 3 * 2048 * 5632 + 60 * expert;
    expect(model.parameters).toBe(24 * perLayer + 2 * 151936 * 2048 + 2048);
    expect(model.parameters).toBe(14_315_784_192); // the Hub's safetensors count
    expect(model.activeParameters).toBe(model.parameters - 24 * 56 * expert);
  });

  test('GIVEN MoE on only some layers THEN the layout is refused rather than miscounted', () => {
    const problems = problemsOf(() => modelFromHuggingFaceConfig({
      ...baseLlama(), model_type: 'qwen2_moe', num_experts: 8, num_experts_per_tok: 2, moe_intermediate_size: 1024,
      decoder_sparse_step: 2, mlp_only_layers: [0, 1],
    }, { id: 'a/b' }));
    expect(problems).toEqual([
      `config.json: 'decoder_sparse_step' 2 (MoE on only some layers) is not supported; only 1 (every layer) is`,
      `config.json: 'mlp_only_layers' [0,1] (dense layers among MoE layers) is not supported`,
    ]);
  });

  test('GIVEN a DeepSeek config without its MLA sizes THEN each missing one is named', () => {
    const problems = problemsOf(() => modelFromHuggingFaceConfig({ ...baseLlama(), model_type: 'deepseek_v2', kv_lora_rank: 512 }, { id: 'a/b' }));
    expect(problems).toEqual([
      `config.json: 'qk_nope_head_dim' is missing (expected a positive integer)`,
      `config.json: 'qk_rope_head_dim' is missing (expected a positive integer)`,
      `config.json: 'v_head_dim' is missing (expected a positive integer)`,
    ]);
  });

  test.each([
    [{ quant_method: 'gptq', bits: 4, group_size: 128, desc_act: false }, 'int4', { method: 'gptq', bits: 4, servedAs: 'gptq' }],
    [{ quant_method: 'awq', w_bit: 4, q_group_size: 128 }, 'int4', { method: 'awq', bits: 4, servedAs: 'awq' }],
    [{ quant_method: 'fbgemm_fp8' }, 'fp8', { method: 'fbgemm_fp8', bits: 8, servedAs: 'fp8' }],
    [{ quant_method: 'compressed-tensors', config_groups: { group_0: { weights: { num_bits: 8, type: 'int', strategy: 'channel' }, targets: ['Linear'] } } }, 'int8', { method: 'compressed-tensors', bits: 8, servedAs: 'int8' }],
    [{ quant_method: 'compressed-tensors', config_groups: { group_0: { weights: { num_bits: 4, type: 'int', strategy: 'group', group_size: 128 }, targets: ['Linear'] } } }, 'int4', { method: 'compressed-tensors', bits: 4, servedAs: 'gptq' }],
  ])('GIVEN quantization_config %j THEN the checkpoint is %s, served as recorded', (quantization_config, format, preQuantized) => {
    const model = modelFromHuggingFaceConfig({ ...baseLlama(), quantization_config }, { id: 'a/b' });
    expect(model.nativeWeightFormat).toBe(format);
    expect(model.preQuantized).toEqual(preQuantized);
  });

  test('GIVEN compressed-tensors NVFP4 or mixed schemes THEN they are refused by name', () => {
    const nvfp4 = { quant_method: 'compressed-tensors', config_groups: { group_0: { weights: { num_bits: 4, type: 'float' }, targets: ['Linear'] } } };
    expect(problemsOf(() => modelFromHuggingFaceConfig({ ...baseLlama(), quantization_config: nvfp4 }, { id: 'a/b' })))
      .toEqual([expect.stringMatching(/compressed-tensors weight scheme "float4" \(type \+ num_bits\) is not supported/)]);
    const mixed = { quant_method: 'compressed-tensors', config_groups: { a: { weights: { num_bits: 8, type: 'float' } }, b: { weights: { num_bits: 4, type: 'int' } } } };
    expect(problemsOf(() => modelFromHuggingFaceConfig({ ...baseLlama(), quantization_config: mixed }, { id: 'a/b' })))
      .toEqual([expect.stringMatching(/mixes weight schemes across config_groups \(float8, int4\)/)]);
  });

  test('GIVEN a multimodal config with a nested text_config THEN the language model is read', () => {
    const model = modelFromHuggingFaceConfig({
      model_type: 'llava',
      torch_dtype: 'float16',
      tie_word_embeddings: false,
      text_config: { ...baseLlama(), torch_dtype: undefined },
    }, { id: 'a/vision' });
    expect(model).toMatchObject({ modelType: 'llama', numLayers: 32, hiddenSize: 4096, nativeWeightFormat: 'float16' });
  });

  test('GIVEN a config without head_dim or kv heads THEN they default to MHA with hidden/heads', () => {
    const { num_key_value_heads: _kv, ...mha } = baseLlama();
    const model = modelFromHuggingFaceConfig(mha, { id: 'a/b' });
    expect(model).toMatchObject({ numKeyValueHeads: 32, headDim: 128, tieWordEmbeddings: false, nativeWeightFormat: 'bfloat16' });
  });

  test('GIVEN Qwen with use_sliding_window true THEN only layers from max_window_layers on are windowed', () => {
    const model = modelFromHuggingFaceConfig({
      ...baseLlama(), model_type: 'qwen2', sliding_window: 4096, use_sliding_window: true, max_window_layers: 28,
    }, { id: 'a/b' });
    expect([model.slidingWindow, model.slidingWindowLayers]).toEqual([4096, 4]);
  });

  test('GIVEN a Mistral-style window on every layer THEN all layers are windowed', () => {
    const model = modelFromHuggingFaceConfig({ ...baseLlama(), model_type: 'mistral', sliding_window: 4096 }, { id: 'a/b' });
    expect([model.slidingWindow, model.slidingWindowLayers]).toEqual([4096, 32]);
  });
});

describe('readHuggingFaceConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hf-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN a model directory THEN its config.json is read and the directory names the model', () => {
    const modelDir = join(dir, 'my-llama');
    mkdirSync(modelDir);
    writeFileSync(join(modelDir, 'config.json'), JSON.stringify(baseLlama()));
    expect(readHuggingFaceConfig(modelDir).id).toBe('my-llama');
  });

  test('GIVEN a missing file or invalid JSON THEN the error names the file', () => {
    const missing = join(dir, 'nope.json');
    expect(problemsOf(() => readHuggingFaceConfig(missing))).toEqual([`${missing}: cannot be read (ENOENT)`]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "hidden_size": ');
    expect(problemsOf(() => readHuggingFaceConfig(bad))).toEqual([expect.stringContaining(`${bad}: is not valid JSON`)]);
  });

  test('GIVEN a broken file THEN problems name the file path', () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ ...baseLlama(), vocab_size: '128256' }));
    expect(problemsOf(() => readHuggingFaceConfig(file, { id: 'a/b' })))
      .toEqual([`${file}: 'vocab_size' must be a positive integer (got "128256")`]);
  });
});

function baseLlama(): Record<string, unknown> {
  return {
    model_type: 'llama', hidden_size: 4096, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 8,
    intermediate_size: 14336, vocab_size: 128256, max_position_embeddings: 131072, tie_word_embeddings: false,
    torch_dtype: 'bfloat16',
  };
}
