/** What the Ray Serve builder does not support yet, refused with the fix (in addition to the shared option checks). */
import { ProblemCollector } from '../../../errors';
import type { LlmServingObjectsOptions } from '../../options';

export function validateRayServeOptions(options: LlmServingObjectsOptions): void {
  const p = new ProblemCollector();
  const adapters = options.loraAdapters ?? [];
  p.check(adapters.length === 0, 'loraAdapters', adapters.map((a) => a.name).join(', '),
    'is not supported on ray-serve yet (Ray Serve LLM loads adapters through lora_config, not --lora-modules)', "serve LoRA adapters with runtime.engine 'vllm'");
  p.throwIfAny('Ray Serve options');
}
