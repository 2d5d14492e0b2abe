/**
 * Weight memory per GPU, checked against hand arithmetic and vLLM's "Model loading took N GiB".
 */
import { countParameters, findModel } from '../../lib/catalogue';
import type { ModelArchitecture } from '../../lib/catalogue/types';
import {
  GIB, QUANTIZED_BYTES_PER_PARAM, kvHeadsPerRank, layersPerStage, rotaryCacheBytes, weightBytesPerGpu, weightLayout,
} from '../../lib/planner/weights';
import fixture from '../fixtures/vllm-startup-logs.json';

const single = { tensorParallelSize: 1, pipelineParallelSize: 1 } as const;
const llama8b = findModel('meta-llama/Llama-3.1-8B-Instruct');
const llama70b = findModel('meta-llama/Llama-3.1-70B-Instruct');
const inline = (id: string) => (fixture.models as unknown as ModelArchitecture[]).find((m) => m.id === id)!;
const gib = (bytes: number) => bytes / GIB;

describe('Llama-3.1-8B in bf16', () => {
  test('has 8,030,261,248 parameters = 16,060,522,496 bytes = 14.96 GiB', () => {
    // GIVEN 32 layers × (q 4096² + k,v 2×4096×1024 + o 4096² + MLP 3×4096×14336 + 2 norms) + 2 × 128256 × 4096 + final norm
    const params = 32 * (4096 * 4096 * 2 + 2 * 4096 * 1024 + 3 * 4096 * 14336 + 2 * 4096) + 2 * 128256 * 4096 + 4096;
    // THEN the catalogue's count agrees, and two bytes each is 14.96 GiB
    expect(countParameters(llama8b).total).toBe(params);
    expect(params * 2).toBe(16_060_522_496);
    expect(gib(params * 2).toFixed(2)).toBe('14.96');
  });

  test('loads as 14.99 GiB, as vLLM reports, because of the 32 MiB rotary cos/sin cache', () => {
    // WHEN sized for one GPU
    const bytes = weightBytesPerGpu(llama8b, { quantization: 'none', ...single });
    // THEN parameters + 131072 positions × 128 × 2 B
    expect(rotaryCacheBytes(llama8b)).toBe(131072 * 128 * 2);
    expect(bytes).toBe(16_060_522_496 + 33_554_432);
    expect(gib(bytes).toFixed(2)).toBe('14.99');
  });

  test('fp8 halves the linear layers but keeps embeddings and lm_head in bf16', () => {
    const fp8 = weightBytesPerGpu(llama8b, { quantization: 'fp8', ...single });
    const parts = countParameters(llama8b);
    const linear = parts.attention + parts.mlp;
    const embeddings = (parts.embedding + parts.lmHead) * 2;
    expect(fp8).toBeGreaterThan(linear + embeddings);
    expect(fp8).toBeLessThan(linear * 1.001 + embeddings + parts.norms * 2 + rotaryCacheBytes(llama8b));
    expect(gib(fp8)).toBeCloseTo(8.49, 1);
  });
});

describe('published "Model loading took" figures', () => {
  test.each([
    ['Qwen/Qwen3-8B', 'none', 15.27, 0.001], // vLLM 0.15-0.24 logs, several GPUs
    ['Qwen/Qwen2.5-7B-Instruct', 'none', 14.25, 0.01], // vLLM logs show 14.25; parameters + rope give 14.19
    ['openai/gpt-oss-20b', 'mxfp4', 13.72, 0.001], // vLLM 0.10-0.19 (Marlin mxfp4 MoE on A100)
  ])('%s (%s) loads as %s GiB', (id, quantization, observed, tolerance) => {
    const bytes = weightBytesPerGpu(findModel(id), { quantization: quantization as 'none' | 'mxfp4', ...single });
    expect(Math.abs(gib(bytes) / observed - 1)).toBeLessThan(tolerance);
  });

  test('Llama-3.1-70B AWQ int4 (group 128) loads as 37.09 GiB', () => {
    // hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4 on vLLM 0.14: "Model loading took 37.09 GiB memory".
    const bytes = weightBytesPerGpu(llama70b, { quantization: 'awq', ...single });
    expect(QUANTIZED_BYTES_PER_PARAM.awq).toBeCloseTo(0.5 + 2.5 / 128, 10);
    expect(Math.abs(gib(bytes) / 37.09 - 1)).toBeLessThan(0.005);
  });

  test('granite-4.0-micro with on-the-fly fp8 loads as 3.42 GiB (vLLM 0.11.0 on L40S)', () => {
    const bytes = weightBytesPerGpu(inline('ibm-granite/granite-4.0-micro'), { quantization: 'fp8', ...single });
    expect(Math.abs(gib(bytes) / 3.4244 - 1)).toBeLessThan(0.005);
  });

  test('mxfp4 applies to experts only: a dense model is unchanged by it', () => {
    expect(weightBytesPerGpu(llama8b, { quantization: 'mxfp4', ...single }))
      .toBe(weightBytesPerGpu(llama8b, { quantization: 'none', ...single }));
  });
});

describe('tensor parallelism', () => {
  test('splits Llama-3.1-70B four ways, keeping norms and the rotary cache on every rank', () => {
    const one = weightBytesPerGpu(llama70b, { quantization: 'none', ...single });
    const four = weightBytesPerGpu(llama70b, { quantization: 'none', tensorParallelSize: 4, pipelineParallelSize: 1 });
    const replicated = countParameters(llama70b).norms * 2 + rotaryCacheBytes(llama70b);
    expect(four).toBeCloseTo((one - replicated) / 4 + replicated, -3);
    expect(gib(four)).toBeCloseTo(32.9, 1);
  });

  test('replicates KV heads when there are fewer than ranks', () => {
    // GIVEN 8 KV heads
    expect(kvHeadsPerRank(llama8b, 4)).toBe(2);
    expect(kvHeadsPerRank(llama8b, 8)).toBe(1);
    // WHEN split 16 ways THEN every rank still holds one whole KV head
    expect(kvHeadsPerRank(llama8b, 16)).toBe(1);
    const tp8 = weightBytesPerGpu(llama70b, { quantization: 'none', tensorParallelSize: 8, pipelineParallelSize: 1 });
    const tp16 = weightBytesPerGpu(llama70b, { quantization: 'none', tensorParallelSize: 16, pipelineParallelSize: 1 });
    const kvPerLayerPerRank = 2 * 8192 * 128 * 2; // k and v of one head
    expect(tp16).toBeGreaterThan(tp8 / 2 + (80 * kvPerLayerPerRank) / 2 - 1);
  });

  test('pads the vocabulary to a multiple of 64 before splitting it', () => {
    const model: ModelArchitecture = { ...llama8b, vocabSize: 128_257 };
    const delta = weightBytesPerGpu(model, { quantization: 'none', ...single }) - weightBytesPerGpu(llama8b, { quantization: 'none', ...single });
    expect(delta).toBe(2 * 64 * 4096 * 2); // one extra padded row block of 64, in embedding and lm_head
  });
});

describe('pipeline parallelism', () => {
  test('splits layers like vLLM get_pp_indices: the remainder goes to the stages before the last', () => {
    expect(layersPerStage(32, 1)).toEqual([32]);
    // the last stage, which also holds lm_head, keeps the smaller share
    expect(layersPerStage(32, 3)).toEqual([11, 11, 10]);
    expect(layersPerStage(80, 3)).toEqual([27, 27, 26]);
    expect(layersPerStage(10, 4)).toEqual([2, 3, 3, 2]);
  });

  test('puts the embedding on the first stage and lm_head on the last', () => {
    const layout = weightLayout(llama8b, { quantization: 'none', tensorParallelSize: 1, pipelineParallelSize: 2 });
    const table = 128256 * 4096 * 2;
    expect(layout.stages).toHaveLength(2);
    expect(Math.abs(layout.stages[0].bytesPerGpu - layout.stages[1].bytesPerGpu)).toBeLessThan(table * 0.01);
    expect(layout.totalBytes).toBeCloseTo(weightBytesPerGpu(llama8b, { quantization: 'none', ...single }) + rotaryCacheBytes(llama8b), -3);
  });

  test('a tied lm_head costs nothing on one stage but is loaded again on the last of several', () => {
    const gemma = findModel('google/gemma-2-9b-it');
    const one = weightLayout(gemma, { quantization: 'none', ...single }).totalBytes;
    const two = weightLayout(gemma, { quantization: 'none', tensorParallelSize: 1, pipelineParallelSize: 2 }).totalBytes;
    expect(two - one).toBeCloseTo(256000 * 3584 * 2 + rotaryCacheBytes(gemma), -3);
  });
});
