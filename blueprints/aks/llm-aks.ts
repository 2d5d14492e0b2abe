/**
 * `llm-aks`: Llama 3.1 8B Instruct behind vLLM on a private AKS cluster. The planner picks the VM size;
 * the cluster autoscaler scales the GPU pool between the spec's replica bounds.
 */
import { llmAksBlueprint } from './llm-aks-blueprint';

export const LLM_AKS = llmAksBlueprint({
  name: 'llm-aks',
  description: 'Llama 3.1 8B Instruct on vLLM, private AKS with a GPU pool, weights in Blob Storage via workload identity, 1..4',
  spec: {
    name: 'llm-aks',
    description: 'Llama 3.1 8B Instruct, OpenAI-compatible API on AKS',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
    runtime: { engine: 'vllm' },
    target: { kind: 'aks' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
  },
});
