/**
 * What vLLM's CUDA kernels support on a GPU generation: the weights' dtype, the quantization method and
 * the KV-cache dtype against the GPU's compute capability. A configuration the hardware cannot run is
 * refused, one vLLM runs only after converting it is planned with a warning, and
 * docs/memory-model.md's compatibility table is generated from the same data ({@link compatibilityTable}).
 */
import { ACCELERATORS } from '../catalogue';
import type { AcceleratorSpec, ModelArchitecture } from '../catalogue/types';
import type { KvCacheDtype, Quantization, ServingConfig, ServingDtype } from './types';
import type { VllmRefusal } from './vllm-checks';

/**
 * Lowest CUDA compute capability of each quantization method: `get_min_capability()` of its config
 * class in vllm/model_executor/layers/quantization/ — fp8.py `Fp8Config` 80 (weight-only through FP8
 * Marlin below 89), awq.py `AWQConfig` 75, gptq.py `GPTQConfig` 60, mxfp4.py `Mxfp4Config` 80,
 * compressed-tensors W8A8 INT8 75. vLLM stops with "The quantization method X is not supported for the
 * current GPU. Minimum capability: N. Current capability: M." (vllm/config/vllm.py `_get_quantization_config`).
 */
export const MIN_COMPUTE_CAPABILITY: Readonly<Record<Quantization, number>> = {
  none: 7.0,
  fp8: 8.0,
  int8: 7.5,
  awq: 7.5,
  gptq: 6.0,
  mxfp4: 8.0,
};

/**
 * FP8 W8A8 matmuls need Ada or Hopper (8.9); on Ampere vLLM keeps FP8 weights and dequantizes them in the
 * FP8 Marlin kernel, warning "Your GPU does not have native support for FP8 computation but FP8
 * quantization is being used. Weight-only FP8 compression will be used leveraging the Marlin kernel."
 * Source: vllm/model_executor/layers/quantization/fp8.py `Fp8LinearMethod.__init__`
 * (`current_platform.has_device_capability(89)`).
 */
export const NATIVE_FP8_COMPUTE_CAPABILITY = 8.9;

/**
 * bfloat16 needs Ampere (8.0). Explicit `--dtype bfloat16` below it stops vLLM ("Bfloat16 is only supported
 * on GPUs with compute capability of at least 8.0", vllm/platforms/cuda.py `check_if_supports_dtype`);
 * `--dtype auto` on a bfloat16 checkpoint falls back to float16 with a warning (vllm/config/model.py
 * `_resolve_auto_dtype`: the first of the platform's supported dtypes the model accepts).
 */
export const BFLOAT16_COMPUTE_CAPABILITY = 8.0;

/**
 * Model types vLLM refuses to run in float16 ("Numerical instability. Please use bfloat16 or float32
 * instead."). Source: vllm/config/model.py `_FLOAT16_NOT_SUPPORTED_MODELS`.
 */
export const FLOAT16_NOT_SUPPORTED_MODEL_TYPES: readonly string[] = ['gemma2', 'gemma3', 'gemma3_text', 'plamo2', 'glm4'];

/**
 * An FP8 KV cache needs the FP8 conversion kernels of Ampere and newer (vLLM docs "Quantized KV Cache",
 * docs.vllm.ai/en/latest/features/quantization/quantized_kvcache, read 2026-11-24).
 */
export const MIN_COMPUTE_CAPABILITY_FP8_KV = 8.0;

const capabilityOf = (accelerator: AcceleratorSpec) => Number(accelerator.computeCapability);

/** The dtype vLLM runs the activations (and unquantized weights) in on this GPU. */
export function effectiveDtype(model: ModelArchitecture, dtype: ServingDtype, accelerator: AcceleratorSpec): 'bfloat16' | 'float16' | 'float32' {
  if (dtype !== 'auto') return dtype;
  const native = model.nativeWeightFormat === 'float16' ? 'float16' : 'bfloat16';
  if (native === 'bfloat16' && capabilityOf(accelerator) < BFLOAT16_COMPUTE_CAPABILITY) {
    return FLOAT16_NOT_SUPPORTED_MODEL_TYPES.includes(model.modelType) ? 'float32' : 'float16';
  }
  return native;
}

/** Reasons the GPU generation cannot run the configuration (dtype, quantization, KV-cache dtype). */
export function generationRefusals(config: ServingConfig): VllmRefusal[] {
  const { accelerator, model } = config;
  if (!accelerator.cudaCapable || accelerator.computeCapability === undefined) {
    return [{ check: 'cuda', reason: `${accelerator.id} does not run vLLM's CUDA kernels (it needs the vLLM Neuron backend)`, fix: 'use an NVIDIA GPU', source: 'vllm/platforms/__init__.py' }];
  }
  const capability = capabilityOf(accelerator);
  const cc = accelerator.computeCapability;
  const out: VllmRefusal[] = [];
  if (config.dtype === 'bfloat16' && capability < BFLOAT16_COMPUTE_CAPABILITY) {
    out.push({ check: 'dtype-bfloat16', reason: `bfloat16 needs compute capability 8.0; ${accelerator.id} has ${cc} ("Bfloat16 is only supported on GPUs with compute capability of at least 8.0")`, fix: 'use --dtype float16 (or auto), or an Ampere or newer GPU', source: 'vllm/platforms/cuda.py check_if_supports_dtype' });
  }
  const dtype = effectiveDtype(model, config.dtype, accelerator);
  if (FLOAT16_NOT_SUPPORTED_MODEL_TYPES.includes(model.modelType) && dtype !== 'bfloat16') {
    out.push({
      check: 'dtype-float16-model',
      reason: dtype === 'float16'
        ? `${model.id} (${model.modelType}) does not run in float16 ("The model type '${model.modelType}' does not support float16. Reason: Numerical instability.")`
        : `${model.id} (${model.modelType}) cannot run in float16 and ${accelerator.id} (compute capability ${cc}) has no bfloat16, so vLLM would load it in float32 at twice the memory, which the planner does not plan`,
      fix: 'use an Ampere or newer GPU with --dtype bfloat16 (or auto)',
      source: 'vllm/config/model.py _FLOAT16_NOT_SUPPORTED_MODELS',
    });
  }
  const needed = MIN_COMPUTE_CAPABILITY[config.quantization];
  if (capability < needed) {
    out.push({ check: 'quantization-capability', reason: `${config.quantization} weights need CUDA compute capability ${needed} or newer; ${accelerator.id} has ${cc} ("The quantization method ${config.quantization} is not supported for the current GPU. Minimum capability: ${needed * 10}. Current capability: ${capability * 10}.")`, fix: `use a GPU with compute capability ${needed} or newer, or ${config.quantization === 'fp8' ? 'awq/gptq weights' : 'another quantization'}`, source: `vllm/model_executor/layers/quantization/${config.quantization === 'int8' ? 'compressed_tensors' : config.quantization}.py get_min_capability` });
  }
  if (config.kvCacheDtype !== 'auto' && capability < MIN_COMPUTE_CAPABILITY_FP8_KV) {
    out.push({ check: 'kv-cache-dtype', reason: `an fp8 KV cache needs CUDA compute capability ${MIN_COMPUTE_CAPABILITY_FP8_KV} or newer; ${accelerator.id} has ${cc}`, fix: 'use --kv-cache-dtype auto', source: 'docs.vllm.ai features/quantization/quantized_kvcache' });
  }
  return out;
}

/** What vLLM converts with a warning on this GPU: it runs, but not as written. */
export function generationWarnings(config: ServingConfig): string[] {
  const { accelerator, model } = config;
  if (!accelerator.cudaCapable || accelerator.computeCapability === undefined) return [];
  const capability = capabilityOf(accelerator);
  const out: string[] = [];
  if (config.dtype === 'auto' && effectiveDtype(model, 'auto', accelerator) === 'float16' && model.nativeWeightFormat !== 'float16') {
    out.push(`${accelerator.id} (compute capability ${accelerator.computeCapability}) has no bfloat16: vLLM casts the bfloat16 checkpoint to float16`);
  }
  if (config.quantization === 'fp8' && capability >= MIN_COMPUTE_CAPABILITY.fp8 && capability < NATIVE_FP8_COMPUTE_CAPABILITY) {
    out.push(`${accelerator.id} has no FP8 tensor cores: vLLM runs fp8 weights weight-only through the FP8 Marlin kernel (slower prefill)`);
  }
  if (config.tensorParallelSize > model.numKeyValueHeads) {
    out.push(`tensor-parallel-size ${config.tensorParallelSize} exceeds the ${model.numKeyValueHeads} KV heads: vLLM replicates each KV head on ${config.tensorParallelSize / model.numKeyValueHeads} GPUs`);
  }
  return out;
}

/** One cell of the compatibility table: runs, runs after a conversion, or refused. */
export type Verdict = 'yes' | 'converted' | 'no';

export interface CompatibilityRow {
  readonly accelerator: string;
  readonly computeCapability: string;
  readonly dtype: Record<'bfloat16' | 'float16', Verdict>;
  readonly quantization: Record<Exclude<Quantization, 'none'>, Verdict>;
  readonly fp8KvCache: Verdict;
}

/** Verdicts per CUDA GPU of the catalogue, computed by the same checks the planner runs. */
export function compatibilityRows(accelerators: readonly AcceleratorSpec[] = ACCELERATORS): CompatibilityRow[] {
  // A float16 checkpoint, so that each column shows only its own setting's verdict (a bfloat16 checkpoint
  // with `--dtype auto` on a GPU without bfloat16 is cast to float16: see generationWarnings).
  const probe: ModelArchitecture = {
    id: 'probe', aliases: [], modelType: 'llama', parameters: 1e9, activeParameters: 1e9, numLayers: 16, hiddenSize: 2048,
    intermediateSize: 8192, numAttentionHeads: 32, numKeyValueHeads: 8, headDim: 64, vocabSize: 32000, maxContextLength: 8192,
    tieWordEmbeddings: false, nativeWeightFormat: 'float16', gated: false, license: '-', source: { url: '-', retrieved: '-' },
  };
  const verdict = (config: ServingConfig): Verdict =>
    generationRefusals(config).length > 0 ? 'no' : generationWarnings(config).length > 0 ? 'converted' : 'yes';
  return accelerators.filter((a) => a.cudaCapable && a.computeCapability !== undefined).map((accelerator) => {
    const base: ServingConfig = {
      model: probe, accelerator, tensorParallelSize: 1, pipelineParallelSize: 1, maxModelLen: 4096, gpuMemoryUtilization: 0.9,
      dtype: 'auto', quantization: 'none', kvCacheDtype: 'auto', maxNumSeqs: 256, maxNumBatchedTokens: 2048, blockSize: 16, enforceEager: false,
    };
    const withDtype = (dtype: ServingDtype) => verdict({ ...base, dtype });
    const withQuant = (quantization: Quantization) => verdict({ ...base, quantization });
    const withKv = (kvCacheDtype: KvCacheDtype) => verdict({ ...base, kvCacheDtype });
    return {
      accelerator: accelerator.id,
      computeCapability: accelerator.computeCapability as string,
      dtype: { bfloat16: withDtype('bfloat16'), float16: withDtype('float16') },
      quantization: { fp8: withQuant('fp8'), int8: withQuant('int8'), awq: withQuant('awq'), gptq: withQuant('gptq'), mxfp4: withQuant('mxfp4') },
      fp8KvCache: withKv('fp8'),
    };
  });
}

/** The table docs/memory-model.md shows (a test keeps the two in sync). */
export function compatibilityTable(accelerators: readonly AcceleratorSpec[] = ACCELERATORS): string {
  const mark: Record<Verdict, string> = { yes: '✓', converted: '✓ (converted)', no: '✗' };
  const header = '| GPU | CC | bfloat16 | float16 | fp8 | int8 | awq | gptq | mxfp4 | fp8 KV cache |';
  const rule = '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const rows = compatibilityRows(accelerators).map((r) => `| ${r.accelerator} | ${r.computeCapability} | ${mark[r.dtype.bfloat16]} | ${mark[r.dtype.float16]} | ` +
    `${mark[r.quantization.fp8]} | ${mark[r.quantization.int8]} | ${mark[r.quantization.awq]} | ${mark[r.quantization.gptq]} | ` +
    `${mark[r.quantization.mxfp4]} | ${mark[r.fp8KvCache]} |`);
  return [header, rule, ...rows].join('\n');
}
