/**
 * `batch-scoring`: a churn model (ONNX) scores every JSON Lines file dropped under `input/` of the data
 * bucket: a Step Functions Distributed Map runs the inference function once per object (up to 20 at a
 * time), writes results under `output/` and a manifest per run under `runs/`.
 */
import { BATCH_SCORING_RENDERERS } from './renderers';
import { serverlessBlueprint } from './serverless-blueprint';

export const BATCH_SCORING = serverlessBlueprint({
  name: 'batch-scoring',
  description: 'Churn model (ONNX) over S3 JSON Lines: Step Functions Distributed Map -> Lambda, results to S3',
  spec: {
    name: 'batch-scoring',
    description: 'Batch scoring of S3 objects with ONNX Runtime on Lambda',
    model: { id: 'churn-model', task: 'tabular' },
    runtime: { engine: 'onnxruntime' },
    target: { kind: 'batch', executor: 'lambda', maxConcurrency: 20 },
    monitoring: { logRetentionDays: 365 },
  },
  ...BATCH_SCORING_RENDERERS,
});
