/**
 * `llm-eks-multinode`: Llama 3.1 405B Instruct in bf16 with a 16k context. One p5.48xlarge (8 × H100
 * 80 GB) cannot hold the 756 GiB of weights plus the KV cache, so the planner spreads each replica over
 * two nodes: tensor parallelism inside a node, pipeline parallelism across nodes over EFA, one
 * LeaderWorkerSet group per replica.
 */
import { llmEksBlueprint } from './llm-eks-blueprint';

export const LLM_EKS_MULTINODE = llmEksBlueprint({
  name: 'llm-eks-multinode',
  description: 'Llama 3.1 405B Instruct bf16 on 2 × p5.48xlarge per replica (LeaderWorkerSet, TP=8 PP=2, EFA)',
  spec: {
    name: 'llm-eks-multinode',
    description: 'Llama 3.1 405B Instruct, multi-node vLLM on EKS',
    model: { id: 'meta-llama/Llama-3.1-405B-Instruct' },
    runtime: { engine: 'vllm', dtype: 'bfloat16', maxModelLen: 16384 },
    target: { kind: 'eks', capacity: 'karpenter', instanceType: 'p5.48xlarge' },
    traffic: { requestsPerSecond: 1, promptTokens: 4096, outputTokens: 512 },
    scaling: { minReplicas: 1, maxReplicas: 2 },
  },
});
