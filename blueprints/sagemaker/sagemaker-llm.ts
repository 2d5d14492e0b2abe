/**
 * `sagemaker-llm`: Llama 3.1 8B Instruct on a SageMaker real-time endpoint with the LMI container
 * (vLLM), on the instance the planner chooses, with a canary rollout guarded by rollback alarms and
 * request/response capture.
 */
import { sageMakerBlueprint } from './sagemaker-blueprint';

export const SAGEMAKER_LLM = sageMakerBlueprint({
  name: 'sagemaker-llm',
  description: 'Llama 3.1 8B on SageMaker LMI/vLLM: planner-chosen ml.* GPU, canary with auto-rollback, data capture',
  spec: {
    name: 'sagemaker-llm',
    description: 'Llama 3.1 8B Instruct on SageMaker LMI (vLLM)',
    region: 'us-east-1',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct', servedName: 'llama-3.1-8b-instruct' },
    runtime: { engine: 'lmi' },
    target: { kind: 'sagemaker', mode: 'realtime' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4, scaleInCooldownSeconds: 600 },
    rollout: { strategy: 'canary', canaryPercent: 10, intervalMinutes: 10, rollbackAlarms: ['latency-p95', 'errors-5xx', 'model-errors'] },
    // Prompts may hold personal data: capture a sample, encrypted, and expire it with the data bucket.
    monitoring: { dataCapture: { enabled: true, samplingPercent: 10 } },
    tags: { blueprint: 'sagemaker-llm' },
  },
  endpointOptions: { modelRegistry: true },
});
