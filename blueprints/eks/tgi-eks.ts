/**
 * `tgi-eks`: Llama 3.1 8B Instruct behind Hugging Face Text Generation Inference on EKS. The same plan as
 * `llm-eks` (instance, context length, prefill budget, memory fraction) becomes TGI's launcher flags; Karpenter
 * brings GPU nodes up and down as KEDA scales on TGI's queue and batch-token gauges.
 */
import { llmEksBlueprint } from './llm-eks-blueprint';

export const TGI_EKS = llmEksBlueprint({
  name: 'tgi-eks',
  description: 'Llama 3.1 8B Instruct on Text Generation Inference, EKS + Karpenter GPU nodes, KEDA scaling 1..4',
  spec: {
    name: 'tgi-eks',
    description: 'Llama 3.1 8B Instruct on TGI (OpenAI-compatible Messages API) on EKS',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
    runtime: { engine: 'tgi' },
    target: { kind: 'eks', capacity: 'karpenter' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
  },
});
