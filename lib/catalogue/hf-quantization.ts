/**
 * Reads the `quantization_config` of a pre-quantized Hugging Face checkpoint into the precision the
 * planner sizes and the method vLLM serves it with.
 *
 * Recognised (each as its config.json writes it; vLLM reads the same keys):
 * - `awq` (AutoAWQ: `bits`/`w_bit` 4, `group_size`) and `gptq` (AutoGPTQ/GPTQModel: `bits` 4): 4-bit
 *   integer weights with a scale and zero point per group, sized as vLLM's awq/gptq (Marlin) layout;
 * - `compressed-tensors` (llm-compressor): `config_groups.*.weights` with `num_bits` 8 and `type`
 *   `float` (FP8 W8A8), `num_bits` 8 `int` (INT8 W8A8), or `num_bits` 4 `int` (W4A16, sized like GPTQ);
 * - `fp8` / `fbgemm_fp8` (e.g. DeepSeek V3's block-wise FP8) and `mxfp4` (gpt-oss experts).
 * Anything else (bitsandbytes, NVFP4, 2/3/8-bit GPTQ ...) is refused with the list above, never guessed.
 */
import { ConfigFields, describe, isObject } from './hf-config-fields';
import type { NativeWeightFormat, PreQuantization } from './types';

/** What `quantization_config` says about the stored weights. */
export interface CheckpointQuantization {
  readonly format: NativeWeightFormat;
  readonly preQuantized: PreQuantization;
}

const SUPPORTED = 'awq (4-bit), gptq (4-bit), compressed-tensors (fp8, int8, w4a16), fp8, fbgemm_fp8, mxfp4';

/**
 * The checkpoint's quantization, or undefined when the config declares none.
 * Problems (unsupported method or bits) are recorded on `fields`.
 */
export function readQuantization(fields: ConfigFields): CheckpointQuantization | undefined {
  const quant = fields.raw('quantization_config');
  if (quant === undefined || quant === null) return undefined;
  if (!isObject(quant) || typeof quant.quant_method !== 'string') {
    fields.problem(`'quantization_config' must be an object with a 'quant_method' string (got ${describe(quant)})`);
    return undefined;
  }
  const method = quant.quant_method.toLowerCase();
  const refuse = (why: string): undefined => {
    fields.problem(`'quantization_config' ${why}; the planner sizes: ${SUPPORTED}. Size the checkpoint from its base model with --quantization instead`);
    return undefined;
  };
  switch (method) {
    case 'mxfp4':
      return { format: 'mxfp4', preQuantized: { method, bits: 4, servedAs: 'mxfp4' } };
    case 'fp8':
    case 'fbgemm_fp8':
      return { format: 'fp8', preQuantized: { method, bits: 8, servedAs: 'fp8' } };
    case 'awq':
    case 'gptq': {
      const bits = quant.bits ?? quant.w_bit;
      if (bits !== 4) return refuse(`quant_method "${quant.quant_method}" with ${describe(bits)} bits is not supported`);
      return { format: 'int4', preQuantized: { method, bits: 4, servedAs: method } };
    }
    case 'compressed-tensors':
      return compressedTensors(quant, refuse);
    default:
      return refuse(`quant_method "${quant.quant_method}" is not supported`);
  }
}

/** The weight scheme of a compressed-tensors config (every group must agree). */
function compressedTensors(quant: Record<string, unknown>, refuse: (why: string) => undefined): CheckpointQuantization | undefined {
  const groups = isObject(quant.config_groups) ? Object.values(quant.config_groups) : [];
  const schemes = groups
    .map((g) => (isObject(g) && isObject(g.weights) ? `${String(g.weights.type)}${String(g.weights.num_bits)}` : 'none'));
  if (schemes.length === 0) return refuse(`quant_method "compressed-tensors" has no 'config_groups' with 'weights'`);
  if (new Set(schemes).size > 1) return refuse(`mixes weight schemes across config_groups (${schemes.join(', ')})`);
  const method = 'compressed-tensors';
  switch (schemes[0]) {
    case 'float8': return { format: 'fp8', preQuantized: { method, bits: 8, servedAs: 'fp8' } };
    case 'int8': return { format: 'int8', preQuantized: { method, bits: 8, servedAs: 'int8' } };
    case 'int4': return { format: 'int4', preQuantized: { method, bits: 4, servedAs: 'gptq' } };
    default: return refuse(`compressed-tensors weight scheme "${schemes[0]}" (type + num_bits) is not supported`);
  }
}
