/**
 * `sagemaker-async`: Whisper large-v3 speech recognition on an asynchronous SageMaker endpoint: audio
 * up to 100 MB is read from S3, results land in S3 with SNS success/error notifications, and the GPU
 * fleet scales on the queue down to zero instances when idle.
 */
import { sageMakerBlueprint } from './sagemaker-blueprint';

export const SAGEMAKER_ASYNC = sageMakerBlueprint({
  name: 'sagemaker-async',
  description: 'Whisper large-v3 on an async SageMaker endpoint (ml.g5.xlarge): S3 results, SNS notifications, scale to zero',
  spec: {
    name: 'sagemaker-async',
    description: 'Whisper large-v3 transcription on an asynchronous SageMaker endpoint',
    region: 'us-east-1',
    model: { id: 'openai/whisper-large-v3', task: 'speech' },
    runtime: { engine: 'huggingface' },
    target: { kind: 'sagemaker', mode: 'async', instanceType: 'ml.g5.xlarge' },
    traffic: { requestsPerSecond: 0.2, p95LatencyMs: 120_000, maxPayloadKb: 102_400 },
    scaling: { minReplicas: 0, maxReplicas: 4, scaleToZero: true, scaleInCooldownSeconds: 900 },
    rollout: { strategy: 'all-at-once', intervalMinutes: 10, rollbackAlarms: ['errors-5xx', 'model-errors'] },
    tags: { blueprint: 'sagemaker-async' },
  },
  endpointOptions: { asyncMaxConcurrentInvocationsPerInstance: 2, asyncBacklogPerInstanceTarget: 4 },
});
