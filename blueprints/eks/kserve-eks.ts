/**
 * `kserve-eks`: KServe on EKS in raw (`Standard`) mode. Llama 3.1 8B Instruct as an InferenceService on KServe's
 * Hugging Face runtime (vLLM inside, sized by the planner, on Karpenter GPU nodes, KEDA scaling 1..4 on vLLM's queue
 * depth and KV cache), and a scikit-learn iris classifier as a second InferenceService on KServe's sklearn runtime,
 * on CPU, from the same model bucket. The cluster installs cert-manager and KServe's charts (lib/eks/kserve-operator.ts).
 */
import { llmEksBlueprint } from './llm-eks-blueprint';

export const KSERVE_EKS = llmEksBlueprint({
  name: 'kserve-eks',
  description: 'KServe on EKS: Llama 3.1 8B Instruct on the Hugging Face (vLLM) runtime + a sklearn model on CPU',
  spec: {
    name: 'kserve-eks',
    description: 'Llama 3.1 8B Instruct and a scikit-learn classifier as KServe InferenceServices on EKS',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct', task: 'text-generation' },
    runtime: { engine: 'kserve' },
    target: { kind: 'eks', capacity: 'karpenter' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
  },
  // Upload the model as `model.joblib` under this prefix of the blueprint's model bucket (KServe's sklearn server
  // loads the one .joblib/.pkl/.pickle file it finds in /mnt/models).
  classicModels: [{ name: 'iris', format: 'sklearn', prefix: 'models/sklearn-iris/' }],
});
