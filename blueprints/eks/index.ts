import type { Blueprint } from '../blueprint';
import { KSERVE_EKS } from './kserve-eks';
import { LLM_EKS } from './llm-eks';
import { LLM_EKS_LORA } from './llm-eks-lora';
import { LLM_EKS_MULTINODE } from './llm-eks-multinode';
import { LLM_EKS_QUANTIZED } from './llm-eks-quantized';
import { TGI_EKS } from './tgi-eks';

/** Blueprints of this area, in the order `aimd synth` renders them. */
import { RAYSERVE_LLM_EKS } from './rayserve-llm-eks';

/** Blueprints of this area, in the order `aimd synth` renders them. */
import { TRITON_EKS } from './triton-eks';
import { LLM_PLATFORM_EKS } from './llm-platform-eks';

/** Blueprints of this area, in the order `aimd synth` renders them. */
export const EKS_BLUEPRINTS: readonly Blueprint[] = [LLM_EKS, LLM_EKS_MULTINODE, LLM_EKS_LORA, LLM_EKS_QUANTIZED, TGI_EKS, KSERVE_EKS, RAYSERVE_LLM_EKS, TRITON_EKS, LLM_PLATFORM_EKS];

export { llmEksBlueprint } from './llm-eks-blueprint';
export { llmEksDeploymentConfig } from './deployment-config';
