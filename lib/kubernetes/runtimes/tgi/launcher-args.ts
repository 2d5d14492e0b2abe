/**
 * The one place where a serving plan becomes `text-generation-launcher` flags. The planner sizes vLLM; TGI has
 * its own names and rules for the same budget (docs/source/reference/launcher.md and launcher/src/main.rs,
 * backends/v3/src/main.rs of huggingface/text-generation-inference v3.3.7, read 2026-12-03):
 *
 * | plan                    | TGI flag                      | rule TGI enforces at start                         |
 * |-------------------------|-------------------------------|----------------------------------------------------|
 * | maxModelLen             | `--max-total-tokens`          | prompt + new tokens of one request                 |
 * | maxModelLen − 1         | `--max-input-tokens`          | `max_input_tokens` must be < `max_total_tokens`    |
 * | maxNumBatchedTokens     | `--max-batch-prefill-tokens`  | must be >= `max_input_tokens` (raised to it)       |
 * | gpuMemoryUtilization    | `--cuda-memory-fraction`      | share of each GPU's memory TGI may use             |
 * | tensorParallelSize      | `--num-shard`                 | one process per GPU of one node                    |
 * | quantization            | `--quantize` (awq, gptq, fp8) | omitted when the checkpoint declares its method    |
 * | dtype (bf16/fp16)       | `--dtype`                     | "cannot be used with `--quantize`"                 |
 * | kvCacheDtype            | `--kv-cache-dtype`            | `fp8_e4m3fn` or `fp8_e5m2`                         |
 *
 * `--max-batch-total-tokens` (the KV cache) is left to TGI, which measures it after loading the weights within
 * `--cuda-memory-fraction`, as vLLM does within `--gpu-memory-utilization`.
 */
import type { ModelArchitecture } from '../../../catalogue/types';
import type { InputProblem } from '../../../errors';
import type { LlmServingPlan } from '../../../planner/types';
import { HTTP_PORT } from '../../labels';
import type { LlmServingObjectsOptions, TracingOptions } from '../../options';
import { planEnablesLora } from '../../serving-args';
import { TGI_GRACEFUL_TERMINATION_SECONDS } from './versions';

/**
 * The plan's quantization methods TGI accepts under `--quantize` (launcher.md, QUANTIZE: awq, compressed-tensors,
 * eetq, exl2, gptq, marlin, bitsandbytes*, fp8). `int8` (vLLM's W8A8) and `mxfp4` have no TGI method of that name.
 */
export const TGI_QUANTIZE: Readonly<Partial<Record<LlmServingPlan['quantization'], string>>> = { awq: 'awq', gptq: 'gptq', fp8: 'fp8' };

/** vLLM's KV-cache dtypes in TGI's names (launcher.md, KV_CACHE_DTYPE: `fp8_e4m3fn`, `fp8_e5m2`). */
export const TGI_KV_CACHE_DTYPE: Readonly<Record<Exclude<LlmServingPlan['kvCacheDtype'], 'auto'>, string>> = {
  fp8: 'fp8_e4m3fn',
  fp8_e4m3: 'fp8_e4m3fn',
  fp8_e5m2: 'fp8_e5m2',
};

/** The token limits TGI is started with, derived from the plan. */
export interface TgiTokenLimits {
  /** `--max-total-tokens`: the plan's context length. */
  readonly maxTotalTokens: number;
  /** `--max-input-tokens`: one token fewer, so that every prompt may generate at least one. */
  readonly maxInputTokens: number;
  /** `--max-batch-prefill-tokens`: the plan's batched tokens, at least one full prompt. */
  readonly maxBatchPrefillTokens: number;
}

export function tgiTokenLimits(plan: LlmServingPlan): TgiTokenLimits {
  const maxTotalTokens = plan.maxModelLen;
  const maxInputTokens = maxTotalTokens - 1;
  return { maxTotalTokens, maxInputTokens, maxBatchPrefillTokens: Math.max(plan.maxNumBatchedTokens, maxInputTokens) };
}

/** Every `text-generation-launcher` argument of a pod (the image's entrypoint execs the launcher with them). */
export function tgiLauncherArgs(plan: LlmServingPlan, model: ModelArchitecture, modelPath: string): string[] {
  const limits = tgiTokenLimits(plan);
  const args = [
    '--model-id', modelPath,
    '--port', String(HTTP_PORT),
    '--num-shard', String(plan.tensorParallelSize),
    '--max-total-tokens', String(limits.maxTotalTokens),
    '--max-input-tokens', String(limits.maxInputTokens),
    '--max-batch-prefill-tokens', String(limits.maxBatchPrefillTokens),
    '--cuda-memory-fraction', String(plan.gpuMemoryUtilization),
    '--graceful-termination-timeout', String(TGI_GRACEFUL_TERMINATION_SECONDS),
    '--usage-stats', 'off',
    '--json-output',
  ];
  // A pre-quantized checkpoint declares its method in config.json, which TGI reads ("It is not necessary to
  // specify this option for pre-quantized models"); an fp8 conversion of a 16-bit checkpoint must be asked for.
  const declaredByCheckpoint = model.preQuantized?.servedAs === plan.quantization;
  const quantize = TGI_QUANTIZE[plan.quantization];
  if (quantize !== undefined && !declaredByCheckpoint) args.push('--quantize', quantize);
  else if (plan.dtype !== 'auto' && plan.quantization === 'none') args.push('--dtype', plan.dtype);
  if (plan.kvCacheDtype !== 'auto') args.push('--kv-cache-dtype', TGI_KV_CACHE_DTYPE[plan.kvCacheDtype]);
  return args;
}

/** What a plan asks that TGI cannot run, each with the field, the value and the fix. */
export function tgiPlanProblems(options: LlmServingObjectsOptions): InputProblem[] {
  const { plan } = options;
  const problems: InputProblem[] = [];
  const add = (field: string, value: unknown, message: string, fix: string) => problems.push({ field, value, message, fix });
  if (plan.nodes > 1) {
    add('plan.nodes', plan.nodes, 'TGI shards a model across the GPUs of one node only (--num-shard); it has no multi-node serving',
      "use runtime.engine 'vllm' (LeaderWorkerSet across nodes), or a model / quantization that fits one node");
  }
  if (plan.pipelineParallelSize > 1) {
    add('plan.pipelineParallelSize', plan.pipelineParallelSize, 'TGI has tensor parallelism only (--num-shard), no pipeline parallelism',
      "plan with pipelineParallelSize 1 (tensorParallelSize = the node's GPUs), or use runtime.engine 'vllm'");
  }
  if (plan.quantization !== 'none' && TGI_QUANTIZE[plan.quantization] === undefined) {
    add('plan.quantization', plan.quantization, `TGI has no --quantize method named '${plan.quantization}' (it accepts ${Object.keys(TGI_QUANTIZE).join(', ')} among the planner's methods)`,
      "use runtime.quantization awq, gptq or fp8, or runtime.engine 'vllm'");
  }
  const adapters = options.loraAdapters ?? [];
  if (adapters.length > 0 || planEnablesLora(plan)) {
    add('loraAdapters', adapters.map((a) => a.name), "TGI's LoRA serving (--lora-adapters, the request's adapter_id) is not mapped by this runtime",
      "remove runtime.lora, or use runtime.engine 'vllm' for multi-LoRA serving");
  }
  return problems;
}

/**
 * Request traces to the in-cluster OpenTelemetry collector: `--otlp-endpoint` ("The grpc endpoint for opentelemetry.
 * Telemetry is sent to this endpoint as OTLP over gRPC", with its http:// scheme) and `--otlp-service-name`
 * (launcher.md of TGI v3.3.7, read 2026-12-03). The NetworkPolicy already opens egress to the collector.
 */
export function tgiTracingArgs(tracing: TracingOptions | undefined, deploymentName: string): string[] {
  return tracing ? ['--otlp-endpoint', tracing.otlpEndpoint, '--otlp-service-name', tracing.serviceName ?? deploymentName] : [];
}
