/**
 * The `vllm serve` arguments of a pod. Flags are never decided here: they are the plan's `engineArgs`, which
 * `vllmEngineArgs(config)` produced with the model id in first position. Putting the local path there gives
 * exactly `vllmEngineArgs(config, { modelPath })`; LoRA adapters add their `--lora-modules`.
 */
import type { LlmServingPlan } from '../planner/types';
import { loraModuleArgs } from './model-source';
import type { LoraAdapterSource } from './options';

export function vllmServeArgs(plan: LlmServingPlan, modelPath: string, adapters: readonly LoraAdapterSource[] = []): string[] {
  const [, ...flags] = plan.engineArgs;
  return [modelPath, ...flags, ...loraModuleArgs(adapters)];
}

/** True when the plan's flags enable LoRA serving (`--enable-lora`). */
export function planEnablesLora(plan: LlmServingPlan): boolean {
  return plan.engineArgs.includes('--enable-lora');
}
