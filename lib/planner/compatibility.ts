/**
 * What vLLM's CUDA kernels support on a GPU generation. A configuration the hardware cannot run is
 * rejected by the planner, never planned.
 */
import type { ServingConfig } from './types';

/**
 * Lowest CUDA compute capability per weight format. Sources (vLLM docs "Supported Hardware" for
 * quantization kernels, docs.vllm.ai/en/latest/features/quantization, read 2026-11-24): FP8 W8A8 needs
 * Ada/Hopper (8.9); on Ampere (8.0/8.6) vLLM runs FP8 checkpoints weight-only through FP8 Marlin; Turing
 * (7.5) has neither. AWQ and GPTQ run from Turing (7.5) up. MXFP4 (gpt-oss) runs through Marlin from
 * Ampere (8.0) up. INT8 W8A8 runs from Turing (7.5).
 */
const MIN_COMPUTE_CAPABILITY: Readonly<Record<ServingConfig['quantization'], number>> = {
  none: 7.0,
  fp8: 8.0,
  int8: 7.5,
  awq: 7.5,
  gptq: 6.0,
  mxfp4: 8.0,
};

/** FP8 KV cache needs FP8 conversion kernels: Ampere and later (same source). */
const MIN_COMPUTE_CAPABILITY_FP8_KV = 8.0;

/** Reasons the GPU cannot run the configuration; empty when it can. */
export function compatibilityProblems(config: ServingConfig): string[] {
  const { accelerator } = config;
  if (!accelerator.cudaCapable || accelerator.computeCapability === undefined) {
    return [`${accelerator.id} does not run vLLM's CUDA kernels (it needs the vLLM Neuron backend)`];
  }
  const capability = Number(accelerator.computeCapability);
  const problems: string[] = [];
  const needed = MIN_COMPUTE_CAPABILITY[config.quantization];
  if (capability < needed) {
    problems.push(`${config.quantization} weights need CUDA compute capability ${needed} or newer; ${accelerator.id} has ${accelerator.computeCapability}`);
  }
  if (config.kvCacheDtype !== 'auto' && capability < MIN_COMPUTE_CAPABILITY_FP8_KV) {
    problems.push(`an fp8 KV cache needs CUDA compute capability ${MIN_COMPUTE_CAPABILITY_FP8_KV} or newer; ${accelerator.id} has ${accelerator.computeCapability}`);
  }
  return problems;
}
