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
    const { config } = props;
    serverlessProvider(this, config);
    this.inference = new ServerlessInference(this, 'Inference', { config, bundleDirectory: props.bundleDirectory });
    this.source = new StreamingInferenceSource(this, 'Stream', {
      config, alias: this.inference.inference.alias, kmsKeyArn: this.inference.kmsKeyArn, dependsOn: [this.inference.inference.rolePolicy],
    });
    new TerraformOutput(this, 'requests_arn', { value: this.source.requestsArn, description: 'Write {"id": "...", "instance": {...}} records here' });
    new TerraformOutput(this, 'results_arn', { value: this.source.resultsArn });
    new TerraformOutput(this, 'failed_records_queue', { value: this.source.failedRecords.name });
    addServerlessOutputs(this, config);
  }
}
