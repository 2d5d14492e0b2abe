/**
 * The `vllm serve` arguments of a pod. Flags are never decided here: they are the plan's `engineArgs`, which
 * `vllmEngineArgs(config)` produced with the model id in first position. Putting the local path there gives
 * exactly `vllmEngineArgs(config, { modelPath })`; LoRA adapters add their `--lora-modules`.
 */
import type { LlmServingPlan } from '../planner/types';
import { loraModuleArgs } from './model-source';
import type { LoraAdapterSource, TracingOptions } from './options';

export function vllmServeArgs(plan: LlmServingPlan, modelPath: string, adapters: readonly LoraAdapterSource[] = []): string[] {
  const [, ...flags] = plan.engineArgs;
  return [modelPath, ...flags, ...loraModuleArgs(adapters)];
}

/** True when the plan's flags enable LoRA serving (`--enable-lora`). */
export function planEnablesLora(plan: LlmServingPlan): boolean {
  return plan.engineArgs.includes('--enable-lora');
}

/**
 * The flags a deployment adds after the plan's: only tracing today. `vllm serve --otlp-traces-endpoint` is the flag
 * of vLLM's OpenTelemetry example (docs.vllm.ai/en/latest/examples/observability/opentelemetry, which also says the
 * core OpenTelemetry packages are bundled with vLLM, so the pinned vllm-openai image needs nothing extra; read
 * 2026-12-03).
 */
export function vllmDeploymentArgs(tracing: TracingOptions | undefined): string[] {
  return tracing ? ['--otlp-traces-endpoint', tracing.otlpEndpoint] : [];
}
