/**
 * `serverless-onnx`: a scikit-learn iris classifier exported to ONNX, served by ONNX Runtime on Lambda
 * (arm64, Node.js 22) behind an IAM-authorized HTTP API, with two provisioned environments and CodeDeploy
 * canary releases (10% for 10 minutes) that roll back on errors, p95 latency or model errors; a daily job scores the
 * captured predictions against ground-truth labels and alarms below 90 % accuracy.
 */
import { SERVERLESS_ONNX_RENDERERS } from './renderers';
import { serverlessBlueprint } from './serverless-blueprint';

export const SERVERLESS_ONNX = serverlessBlueprint({
  name: 'serverless-onnx',
  description: 'Iris classifier (ONNX) on Lambda arm64 + HTTP API (IAM auth), canary releases with rollback',
  spec: {
    name: 'serverless-onnx',
    description: 'Real-time tabular classification with ONNX Runtime on Lambda',
    model: { id: 'iris-classifier', task: 'classification' },
    runtime: { engine: 'onnxruntime' },
    target: { kind: 'lambda', memoryMb: 2048, timeoutSeconds: 10, architecture: 'arm64', reservedConcurrency: 50, provisionedConcurrency: 2 },
    traffic: { requestsPerSecond: 20, p95LatencyMs: 250, maxPayloadKb: 256 },
    rollout: { strategy: 'canary', canaryPercent: 10, intervalMinutes: 10 },
    // One year: AWS Control Tower CT.CLOUDWATCH.PR.2 asks log groups to keep at least 365 days.
    // Labels that arrive later (ground-truth/<yyyy>/<mm>/<dd>/<hh>/*.jsonl in the data bucket) are scored daily.
    monitoring: { logRetentionDays: 365, quality: { metric: 'accuracy', threshold: 0.9, predictionField: 'label' } },
  },
  ...SERVERLESS_ONNX_RENDERERS,
});
