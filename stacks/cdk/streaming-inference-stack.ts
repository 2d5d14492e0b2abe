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
    const { config } = props;
    this.inference = new ServerlessInference(this, 'Inference', { config });
    this.source = new StreamingInferenceSource(this, 'Stream', { config, alias: this.inference.inference.alias, encryptionKey: this.inference.key.key });
    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);
    new CfnOutput(this, 'RequestsArn', { value: this.source.requestsArn, description: 'Write {"id": "...", "instance": {...}} records here' });
    new CfnOutput(this, 'ResultsArn', { value: this.source.resultsArn });
    new CfnOutput(this, 'FailedRecordsQueue', { value: this.source.failedRecords.queueName });
    addServerlessOutputs(this, config);
  }
}
