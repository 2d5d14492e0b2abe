/**
 * The CDK stack of the `streaming-inference` blueprint: Kinesis (or SQS) -> the inference function in
 * stream mode with partial batch failure reporting -> results on EventBridge, Kinesis or SQS.
 */
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ServerlessInference } from '../../constructs/cdk/serverless/serverless-inference';
import { StreamingInferenceSource } from '../../constructs/cdk/serverless/streaming-inference-source';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import { addServerlessOutputs } from './serverless-outputs';

export interface StreamingInferenceStackProps extends StackProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
}

export class StreamingInferenceStack extends Stack {
  public readonly inference: ServerlessInference;
  public readonly source: StreamingInferenceSource;

  constructor(scope: Construct, id: string, props: StreamingInferenceStackProps) {
    super(scope, id, { ...props, description: props.description ?? `Event-driven ONNX inference on Lambda for ${props.config.name} (ai-model-deployment)` });
    ({ inference: this.inference, source: this.source } = addStreamingInference(this, props.config));
  }
}

/** Adds stream inference (Kinesis/SQS -> the function in stream mode -> results), tags and outputs to a stack. */
export function addStreamingInference(stack: Stack, config: ServerlessDeploymentConfig): { inference: ServerlessInference; source: StreamingInferenceSource } {
  const inference = new ServerlessInference(stack, 'Inference', { config });
  const source = new StreamingInferenceSource(stack, 'Stream', { config, alias: inference.inference.alias, encryptionKey: inference.key.key });
  for (const [key, value] of Object.entries(config.tags)) Tags.of(stack).add(key, value);
  new CfnOutput(stack, 'RequestsArn', { value: source.requestsArn, description: 'Write {"id": "...", "instance": {...}} records here' });
  new CfnOutput(stack, 'ResultsArn', { value: source.resultsArn });
  new CfnOutput(stack, 'FailedRecordsQueue', { value: source.failedRecords.queueName });
  addServerlessOutputs(stack, config);
  return { inference, source };
}
