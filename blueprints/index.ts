/** The registry of every blueprint `aimd synth` renders. */
import { AKS_BLUEPRINTS } from './aks';
import type { Blueprint } from './blueprint';
import { EDGE_BLUEPRINTS } from './edge';
import { EKS_BLUEPRINTS } from './eks';
import { MANAGED_BLUEPRINTS } from './managed';
import { GKE_BLUEPRINTS } from './gke';
import { LLM_KUBERNETES } from './kubernetes/llm-kubernetes';
import { HUGGING_FACE_BLUEPRINTS } from './huggingface';
import { SAGEMAKER_BLUEPRINTS } from './sagemaker';
import { SERVERLESS_BLUEPRINTS } from './serverless';

export const ALL_BLUEPRINTS: readonly Blueprint[] = [
  ...EKS_BLUEPRINTS,
  ...GKE_BLUEPRINTS,
  LLM_KUBERNETES,
  ...SAGEMAKER_BLUEPRINTS,
  ...SERVERLESS_BLUEPRINTS,
  ...EDGE_BLUEPRINTS,
  ...MANAGED_BLUEPRINTS,
  ...AKS_BLUEPRINTS,
  ...HUGGING_FACE_BLUEPRINTS,
];

/** Finds a blueprint by name, with the list of valid names in the error. */
export function getBlueprint(name: string): Blueprint {
  const found = ALL_BLUEPRINTS.find((b) => b.name === name);
  if (!found) {
    throw new Error(`Unknown blueprint '${name}'. Known: ${ALL_BLUEPRINTS.map((b) => b.name).join(', ') || '(none)'}.`);
  }
  return found;
}

export type { Blueprint, BlueprintContext, BlueprintEngine, BlueprintEnvironment } from './blueprint';
export { rendersOn } from './blueprint';
