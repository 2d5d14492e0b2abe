/**
 * The CDK stack of the `serverless-onnx` blueprint: real-time ONNX inference on Lambda behind an
 * IAM-authorized HTTP API, released by CodeDeploy canaries with automatic rollback.
 */
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { InferenceHttpApi } from '../../constructs/cdk/serverless/inference-http-api';
import { ServerlessInference } from '../../constructs/cdk/serverless/serverless-inference';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import { addServerlessOutputs } from './serverless-outputs';

export interface ServerlessOnnxStackProps extends StackProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
}

export class ServerlessOnnxStack extends Stack {
  public readonly inference: ServerlessInference;
  public readonly api: InferenceHttpApi;

  constructor(scope: Construct, id: string, props: ServerlessOnnxStackProps) {
    super(scope, id, { ...props, description: props.description ?? `Real-time ONNX inference on Lambda for ${props.config.name} (ai-model-deployment)` });
    const { config } = props;
    this.inference = new ServerlessInference(this, 'Inference', { config });
    this.api = new InferenceHttpApi(this, 'Api', { config, alias: this.inference.inference.alias, encryptionKey: this.inference.key.key });
    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'POST /predict {"instances": [...]} and GET /schema, signed with SigV4 (service execute-api)' });
    addServerlessOutputs(this, config);
  }
}
