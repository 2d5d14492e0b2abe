/**
 * The one place where vLLM's command-line flags are decided from a serving configuration.
 * Every renderer (Kubernetes, SageMaker LMI) takes these arguments as they are.
 */
import type { ServingConfig } from './types';

export interface EngineArgOptions {
  /** Where vLLM loads the model from (a local path or a Hugging Face id). @default - the model id */
  readonly modelPath?: string;
  /** `--served-model-name`. @default - the model id */
  readonly servedModelName?: string;
  /** Port of the OpenAI-compatible server. @default 8000 */
  readonly port?: number;
}

/** `vllm serve` arguments for a configuration (model first, then flags in a stable order). */
export function vllmEngineArgs(config: ServingConfig, options: EngineArgOptions = {}): string[] {
  const args = [
    options.modelPath ?? config.model.id,
    '--served-model-name', options.servedModelName ?? config.model.id,
    '--port', String(options.port ?? 8000),
    '--tensor-parallel-size', String(config.tensorParallelSize),
    '--pipeline-parallel-size', String(config.pipelineParallelSize),
    '--max-model-len', String(config.maxModelLen),
    '--gpu-memory-utilization', String(config.gpuMemoryUtilization),
    '--max-num-seqs', String(config.maxNumSeqs),
    '--max-num-batched-tokens', String(config.maxNumBatchedTokens),
    '--dtype', config.dtype,
    '--block-size', String(config.blockSize),
    // Shared system prompts and multi-turn chats reuse their KV blocks.
    '--enable-prefix-caching',
  ];
  // Pre-quantized checkpoints (AWQ/GPTQ/mxfp4) declare their method in config.json; fp8/int8 of a
  // 16-bit checkpoint is an on-the-fly conversion that must be asked for.
  // A checkpoint's own method is detected from its config.json (vLLM then picks the fastest kernel, e.g.
  // awq_marlin); compressed-tensors checkpoints even refuse any other method name.
  const declaredByCheckpoint = config.model.preQuantized?.servedAs === config.quantization;
  if (config.quantization !== 'none' && !declaredByCheckpoint) args.push('--quantization', config.quantization);
  if (config.kvCacheDtype !== 'auto') args.push('--kv-cache-dtype', config.kvCacheDtype);
  if (config.enforceEager) args.push('--enforce-eager');
  if (config.lora) {
    args.push('--enable-lora', '--max-loras', String(config.lora.maxLoras), '--max-lora-rank', String(config.lora.maxLoraRank));
    if (config.lora.maxCpuLoras !== undefined) args.push('--max-cpu-loras', String(config.lora.maxCpuLoras));
  }
  return args;
}
