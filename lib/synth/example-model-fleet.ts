/**
 * A fleet of model deployment specs for the multi-model app's tests and scale benchmark: alternately a
 * SageMaker real-time endpoint (LMI/vLLM, canary rollout, data capture) and a vLLM service on the shared
 * EKS cluster, the shapes of the `sagemaker-llm` and `llm-eks` blueprints. Engine-free.
 */
import type { DeploymentSpecInput } from '../spec/types';

/** `count` specs named `sm-001`, `llm-002`, `sm-003`, ... (odd positions SageMaker, even ones EKS). */
export function exampleModelFleet(count: number, region = 'us-east-1'): DeploymentSpecInput[] {
  return Array.from({ length: count }, (_, i) => {
    const position = String(i + 1).padStart(3, '0');
    return i % 2 === 0 ? sageMakerModel(`sm-${position}`, region) : vllmModel(`llm-${position}`, region);
  });
}

function sageMakerModel(name: string, region: string): DeploymentSpecInput {
  return {
    name,
    description: `Llama 3.1 8B Instruct on SageMaker LMI (${name})`,
    region,
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct', servedName: 'llama-3.1-8b-instruct' },
    runtime: { engine: 'lmi' },
    target: { kind: 'sagemaker', mode: 'realtime' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4, scaleInCooldownSeconds: 600 },
    rollout: { strategy: 'canary', canaryPercent: 25, intervalMinutes: 10, rollbackAlarms: ['latency-p95', 'errors-5xx', 'model-errors'] },
    monitoring: { dataCapture: { enabled: true, samplingPercent: 10 } },
  } as DeploymentSpecInput;
}

function vllmModel(name: string, region: string): DeploymentSpecInput {
  return {
    name,
    description: `Llama 3.1 8B Instruct on vLLM, shared EKS cluster (${name})`,
    region,
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
    runtime: { engine: 'vllm' },
    target: { kind: 'eks', capacity: 'karpenter' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
  } as DeploymentSpecInput;
}
