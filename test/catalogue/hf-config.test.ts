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
