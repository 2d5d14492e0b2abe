/**
 * `llm-eks`: Llama 3.1 8B Instruct behind vLLM on EKS. The planner picks the instance; Karpenter brings
 * GPU nodes up and down as KEDA scales the replicas between 1 and 4 on queue depth and KV-cache usage. The collector
 * captures a fifth of the requests' summaries and an hourly job watches them for drift (docs/drift.md).
 */
import { llmEksBlueprint } from './llm-eks-blueprint';

export const LLM_EKS = llmEksBlueprint({
  name: 'llm-eks',
  description: 'Llama 3.1 8B Instruct on vLLM, EKS + Karpenter GPU nodes, KEDA scaling 1..4',
  spec: {
    name: 'llm-eks',
    description: 'Llama 3.1 8B Instruct, OpenAI-compatible API on EKS',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
    runtime: { engine: 'vllm' },
    target: { kind: 'eks', capacity: 'karpenter' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
    // Sampled request summaries (token counts, latency, finish reason; never the prompt) and the hourly drift job;
    // the cluster's metrics also go to a new, KMS-encrypted Amazon Managed Service for Prometheus workspace.
    monitoring: { dataCapture: { enabled: true, samplingPercent: 20 }, driftDetection: true, managedPrometheus: true },
  },
});
