import type { Blueprint } from '../blueprint';
import { LLM_AKS } from './llm-aks';

/** Blueprints of this area (Azure Kubernetes Service), in the order `aimd synth` renders them. */
export const AKS_BLUEPRINTS: readonly Blueprint[] = [LLM_AKS];

export { llmAksBlueprint } from './llm-aks-blueprint';
