/**
 * countParameters recomputes a model's size from its architecture alone; agreement with the model card
 * is the evidence that the catalogue's architecture numbers are right.
 */
import { MODELS, ModelArchitecture, countParameters, findModel } from '../../lib/catalogue';

const TOLERANCE = 0.02;

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / expected;
}

describe('countParameters', () => {
  test.each(MODELS.map((m) => [m.id, m] as const))(
    'GIVEN %s THEN the computed total is within 2%% of the model card',
    (_id, model) => {
      const counted = countParameters(model);
      expect(relativeError(counted.total, model.parameters)).toBeLessThan(TOLERANCE);
    },
  );

  test('GIVEN any model THEN the parts add up to the total and embeddings are reported apart', () => {
    for (const model of MODELS) {
      const c = countParameters(model);
      expect(c.embedding + c.lmHead + c.attention + c.mlp + c.experts + c.router + c.norms).toBe(c.total);
      expect(c.embedding).toBe(model.vocabSize * model.hiddenSize);
      expect(c.lmHead).toBe(model.tieWordEmbeddings ? 0 : c.embedding);
    }
  });

  test('GIVEN Llama 3.1 8B THEN every part matches the published tensor shapes exactly', () => {
    const c = countParameters(findModel('llama-3.1-8b-instruct'));
    expect(c).toEqual({
      embedding: 525_336_576, // 128256 x 4096
      lmHead: 525_336_576,
      attention: 1_342_177_280, // 32 x (4096x4096 x2 + 4096x1024 x2)
      mlp: 5_637_144_576, // 32 x 3 x 4096 x 14336
      experts: 0,
      router: 0,
      norms: 266_240, // 32 x 2 x 4096 + 4096
      total: 8_030_261_248,
      activePerToken: 8_030_261_248,
    });
  });

  test('GIVEN Mixtral 8x7B THEN the total is 46.7B and 12.9B are active per token', () => {
    const c = countParameters(findModel('mixtral-8x7b-instruct'));
    expect(relativeError(c.total, 46.7e9)).toBeLessThan(TOLERANCE);
    expect(relativeError(c.activePerToken, 12.9e9)).toBeLessThan(TOLERANCE);
    expect(c.router).toBe(32 * 4096 * 8); // no router bias
    expect(c.mlp).toBe(0);
  });

  test.each([
    ['gpt-oss-20b', 20.91e9, 3.61e9],
    ['gpt-oss-120b', 116.83e9, 5.13e9],
  ])('GIVEN %s THEN the totals match OpenAI (%d total, %d active without the embedding table)', (alias, total, active) => {
    const model = findModel(alias);
    const c = countParameters(model);
    expect(relativeError(c.total, total)).toBeLessThan(0.005);
    // OpenAI leaves the input embedding lookup out of "active"; the breakdown keeps it in.
    expect(relativeError(c.activePerToken - c.embedding, active)).toBeLessThan(0.005);
    expect(relativeError(c.activePerToken - c.embedding, model.activeParameters)).toBeLessThan(TOLERANCE);
  });

  test('GIVEN gpt-oss-20b THEN attention carries q/k/v/o biases and one sink per head', () => {
    const c = countParameters(findModel('gpt-oss-20b'));
    const perLayer = 2880 * 4096 + 2 * 2880 * 512 + 4096 * 2880 + (4096 + 2 * 512) + 2880 + 64;
    expect(c.attention).toBe(24 * perLayer);
    const expert = 3 * 2880 * 2880 + 2 * 2880 + 2880; // gate_up + down, with biases
    expect(c.experts).toBe(24 * 32 * expert);
    expect(c.router).toBe(24 * (2880 * 32 + 32));
  });

  test('GIVEN Qwen2 THEN q/k/v biases are counted and nothing else changes', () => {
    const qwen = findModel('qwen2.5-7b-instruct');
    const asLlama: ModelArchitecture = { ...qwen, modelType: 'llama' };
    const biases = 28 * (28 * 128 + 2 * 4 * 128);
    expect(countParameters(qwen).attention - countParameters(asLlama).attention).toBe(biases);
  });

  test('GIVEN Gemma 2 THEN four norms per layer are counted and the lm_head is tied', () => {
    const c = countParameters(findModel('gemma-2-9b-it'));
    expect(c.norms).toBe(42 * 4 * 3584 + 3584);
    expect(c.lmHead).toBe(0);
  });

  test('GIVEN Qwen3 THEN the per-head q/k norms are counted', () => {
    const c = countParameters(findModel('qwen3-8b'));
    expect(c.norms).toBe(36 * (2 * 4096 + 2 * 128) + 4096);
  });
});
