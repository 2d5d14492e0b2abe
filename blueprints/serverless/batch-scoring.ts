/**
 * `batch-scoring`: a churn model (ONNX) scores every JSON Lines file dropped under `input/` of the data
 * bucket: a Step Functions Distributed Map runs the inference function once per object (up to 20 at a
 * time), writes results under `output/` and a manifest per run under `runs/`.
 */
import { BatchScoringStack } from '../../stacks/cdk/batch-scoring-stack';
import { renderBatchScoringPulumi } from '../../stacks/pulumi/serverless-programs';
import { BatchScoringTerraformStack } from '../../stacks/terraform/batch-scoring-stack';
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
  cdk: (app, id, config, env) => new BatchScoringStack(app, id, { config, env }),
  terraform: (app, id, config) => new BatchScoringTerraformStack(app, id, { config }),
  pulumi: (config) => renderBatchScoringPulumi(config),
});
