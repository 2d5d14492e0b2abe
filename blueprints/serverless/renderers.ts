/**
 * The renderers of the three serverless shapes (real-time Lambda, batch scoring, stream scoring), shared
 * by the built-in blueprints and by `blueprintForSpec`. Each engine's stack module is loaded only when
 * that engine renders (../engine-modules.ts).
 */
import { engineModule } from '../engine-modules';
import type { ServerlessBlueprintDefinition } from './serverless-blueprint';

/** What a serverless blueprint renders with, per engine. */
export type ServerlessRenderers = Pick<ServerlessBlueprintDefinition, 'cdk' | 'terraform' | 'pulumi'>;

/** Real-time inference: Lambda behind an HTTP API. */
export const SERVERLESS_ONNX_RENDERERS: ServerlessRenderers = {
  cdk: (app, id, config, env) => new (engineModule('cdk/serverless-onnx-stack').ServerlessOnnxStack)(app, id, { config, env }),
  terraform: (app, id, config) => new (engineModule('terraform/serverless-onnx-stack').ServerlessOnnxTerraformStack)(app, id, { config }),
  pulumi: (config, standby) => (standby
    ? engineModule('pulumi/serverless-programs').renderServerlessOnnxWithStandbyPulumi(config, standby)
    : engineModule('pulumi/serverless-programs').renderServerlessOnnxPulumi(config)),
};

/** Batch scoring: a Step Functions Distributed Map over S3 objects. */
export const BATCH_SCORING_RENDERERS: ServerlessRenderers = {
  cdk: (app, id, config, env) => new (engineModule('cdk/batch-scoring-stack').BatchScoringStack)(app, id, { config, env }),
  terraform: (app, id, config) => new (engineModule('terraform/batch-scoring-stack').BatchScoringTerraformStack)(app, id, { config }),
  pulumi: (config) => engineModule('pulumi/serverless-programs').renderBatchScoringPulumi(config),
};

/** Stream scoring: Kinesis or SQS records through Lambda to a sink. */
export const STREAMING_INFERENCE_RENDERERS: ServerlessRenderers = {
  cdk: (app, id, config, env) => new (engineModule('cdk/streaming-inference-stack').StreamingInferenceStack)(app, id, { config, env }),
  terraform: (app, id, config) => new (engineModule('terraform/streaming-inference-stack').StreamingInferenceTerraformStack)(app, id, { config }),
  pulumi: (config) => engineModule('pulumi/serverless-programs').renderStreamingInferencePulumi(config),
};
