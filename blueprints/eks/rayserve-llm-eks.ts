/**
 * `rayserve-llm-eks`: Llama 3.1 8B Instruct served by Ray Serve LLM (vLLM engine) on KubeRay. The planner sizes the
 * engine; a RayService runs a CPU head on the system nodes and GPU workers that Karpenter brings up as Serve scales
 * between 1 and 4 replicas, with zero-downtime NewCluster upgrades.
 */
import { llmEksBlueprint } from './llm-eks-blueprint';

export const RAYSERVE_LLM_EKS = llmEksBlueprint({
  name: 'rayserve-llm-eks',
  description: 'Llama 3.1 8B Instruct on Ray Serve LLM (KubeRay RayService), EKS + Karpenter GPU nodes, Serve autoscaling 1..4',
  spec: {
    name: 'rayserve-llm-eks',
    description: 'Llama 3.1 8B Instruct, OpenAI-compatible API from Ray Serve on EKS',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
    runtime: { engine: 'ray-serve' },
    target: { kind: 'eks', capacity: 'karpenter' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
  },
});
