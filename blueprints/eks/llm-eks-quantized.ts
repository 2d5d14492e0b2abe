/**
 * `llm-eks-quantized`: Llama 3.1 70B Instruct as a 4-bit AWQ checkpoint on the cheapest instance the
 * planner finds that holds its ~37 GiB of weights plus an 8k-token KV cache. Upload an AWQ checkpoint of
 * the model (e.g. produced with AutoAWQ) under the model prefix. GPU nodes are a managed node group on
 * the EKS-optimized AL2023 NVIDIA AMI, sized by the scaling bounds.
 */
import { llmEksBlueprint } from './llm-eks-blueprint';

export const LLM_EKS_QUANTIZED = llmEksBlueprint({
  name: 'llm-eks-quantized',
  description: 'Llama 3.1 70B Instruct AWQ 4-bit on the cheapest fitting GPU instance (EKS managed node group, NVIDIA AMI)',
  spec: {
    name: 'llm-eks-quantized',
    description: 'Quantized 70B model on EKS',
    model: { id: 'meta-llama/Llama-3.1-70B-Instruct' },
    runtime: { engine: 'vllm', quantization: 'awq', maxModelLen: 8192 },
    target: { kind: 'eks', capacity: 'managed-nodegroup' },
    traffic: { requestsPerSecond: 1, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 2 },
  },
});
