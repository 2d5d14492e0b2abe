/** The Terraform (cdktf) stack of the `streaming-inference` blueprint. */
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ServerlessInference } from '../../constructs/terraform/serverless/serverless-inference';
import { StreamingInferenceSource } from '../../constructs/terraform/serverless/streaming-inference-source';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import { addServerlessOutputs } from './serverless-outputs';
import { serverlessProvider } from './serverless-provider';

export interface StreamingInferenceTerraformStackProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** @default - built and cached by `ensureInferenceBundle()` */
  readonly bundleDirectory?: string;
}

export class StreamingInferenceTerraformStack extends TerraformStack {
  public readonly inference: ServerlessInference;
  public readonly source: StreamingInferenceSource;

  constructor(scope: Construct, id: string, props: StreamingInferenceTerraformStackProps) {
    super(scope, id);
    ({ inference: this.inference, source: this.source } = addStreamingInferenceTerraform(this, props));
  }
}

/** Adds the AWS provider, stream inference (Kinesis/SQS -> Lambda -> results) and the outputs to a stack. */
export function addStreamingInferenceTerraform(stack: TerraformStack, props: StreamingInferenceTerraformStackProps): { inference: ServerlessInference; source: StreamingInferenceSource } {
  const { config } = props;
  serverlessProvider(stack, config);
  const inference = new ServerlessInference(stack, 'Inference', { config, bundleDirectory: props.bundleDirectory });
  const source = new StreamingInferenceSource(stack, 'Stream', {
    config, alias: inference.inference.alias, kmsKeyArn: inference.kmsKeyArn, dependsOn: [inference.inference.rolePolicy],
  });
  new TerraformOutput(stack, 'requests_arn', { value: source.requestsArn, description: 'Write {"id": "...", "instance": {...}} records here' });
  new TerraformOutput(stack, 'results_arn', { value: source.resultsArn });
  new TerraformOutput(stack, 'failed_records_queue', { value: source.failedRecords.name });
  addServerlessOutputs(stack, config);
  return { inference, source };
}
