/**
 * `sagemaker-serverless`: a DistilBERT sentiment classifier on SageMaker Serverless Inference with the
 * Hugging Face transformers container: no instances to run, two provisioned concurrency slots against
 * cold starts, linear traffic shifting on updates.
 */
import { sageMakerBlueprint } from './sagemaker-blueprint';

export const SAGEMAKER_SERVERLESS = sageMakerBlueprint({
  name: 'sagemaker-serverless',
  description: 'DistilBERT classifier on SageMaker Serverless (HF transformers): 3 GB, 20 concurrent, 2 provisioned',
  spec: {
    name: 'sagemaker-serverless',
    description: 'DistilBERT SST-2 sentiment classifier on SageMaker Serverless Inference',
    region: 'us-east-1',
    model: { id: 'distilbert/distilbert-base-uncased-finetuned-sst-2-english', task: 'classification' },
    runtime: { engine: 'huggingface' },
    target: { kind: 'sagemaker', mode: 'serverless', serverlessMemoryMb: 3072, serverlessMaxConcurrency: 20, serverlessProvisionedConcurrency: 2 },
    traffic: { requestsPerSecond: 5, p95LatencyMs: 300, maxPayloadKb: 64 },
    rollout: { strategy: 'linear', linearStepPercent: 25, intervalMinutes: 5, rollbackAlarms: ['latency-p95', 'errors-5xx'] },
    // Serverless endpoints run outside customer VPCs and cannot isolate the container's network.
    security: { networkIsolation: false },
    tags: { blueprint: 'sagemaker-serverless' },
  },
});
