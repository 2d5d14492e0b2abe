/**
 * Whether a spec deploys an LLM: the one predicate behind the default `model.task`, the planner's choice to size
 * the deployment with the LLM planner (lib/plan/deployment-plan.ts) and the LLM-only spec fields.
 *
 * The LLM engines (vLLM, LMI, TGI, Ray Serve) always serve an LLM. KServe serves both: an LLM through its
 * Hugging Face runtime (vLLM inside), or a classic model (sklearn, XGBoost, ONNX) through its built-in runtimes,
 * so its model's task decides: `text-generation`, or no task and a model the catalogue knows as an LLM (a catalogue
 * id, or a Hugging Face `config.json`).
 */
import { findCatalogueModel } from '../catalogue';
import type { ModelSpec, RuntimeEngine } from './types';
import { LLM_ENGINES } from './types';

/** Engines that serve LLMs and classic models alike; the model's task says which. */
export const LLM_OR_CLASSIC_ENGINES: readonly RuntimeEngine[] = ['kserve'];

type ModelTask = NonNullable<ModelSpec['task']>;

/** The task a spec's model has when `model.task` is not given. */
export function defaultModelTask(engine: RuntimeEngine, model: Pick<ModelSpec, 'id' | 'configPath'>): ModelTask {
  if (LLM_ENGINES.includes(engine)) return 'text-generation';
  if (LLM_OR_CLASSIC_ENGINES.includes(engine) && isCatalogueLlm(model)) return 'text-generation';
  return 'tabular';
}

/** True when the spec's runtime serves its model as an LLM (sized by the LLM planner). */
export function servesLlm(engine: RuntimeEngine, model: Pick<ModelSpec, 'id' | 'configPath' | 'task'>): boolean {
  if (LLM_ENGINES.includes(engine)) return true;
  if (!LLM_OR_CLASSIC_ENGINES.includes(engine)) return false;
  return (model.task ?? defaultModelTask(engine, model)) === 'text-generation';
}

/** Every model of the catalogue is an LLM; a `config.json` describes one too. Hub ids need `task: text-generation`. */
function isCatalogueLlm(model: Pick<ModelSpec, 'id' | 'configPath'>): boolean {
  if (model.configPath !== undefined) return true;
  return typeof model.id === 'string' && findCatalogueModel(model.id) !== undefined;
}
