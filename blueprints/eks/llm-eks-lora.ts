/**
 * `llm-eks-lora`: one Llama 3.1 8B Instruct base model serving a LoRA adapter per tenant. Clients pick
 * their adapter in the request's `model` field; the planner reserves GPU memory for the resident adapters.
 * GPU nodes come from EKS Auto Mode. The adapter URIs point at a bucket you own (replace `acme-llm-adapters`).
 */
import { llmEksBlueprint } from './llm-eks-blueprint';

const TENANTS = ['support', 'legal', 'marketing'] as const;

export const LLM_EKS_LORA = llmEksBlueprint({
  name: 'llm-eks-lora',
  description: `Llama 3.1 8B Instruct + ${TENANTS.length} tenant LoRA adapters on one vLLM deployment (EKS Auto Mode)`,
  spec: {
    name: 'llm-eks-lora',
    description: 'Multi-tenant LoRA serving on EKS',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
    runtime: {
      engine: 'vllm',
      lora: {
        adapters: TENANTS.map((tenant) => ({ name: `${tenant}-assistant`, uri: `s3://acme-llm-adapters/tenants/${tenant}/`, tenant })),
        maxLoraRank: 16,
      },
    },
    target: { kind: 'eks', capacity: 'auto-mode' },
    traffic: { requestsPerSecond: 3, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 3 },
  },
});
