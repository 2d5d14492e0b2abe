/** The Terraform (cdktf) stack of the `serverless-onnx` blueprint: the same deployment as the CDK stack. */
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { InferenceHttpApi } from '../../constructs/terraform/serverless/inference-http-api';
import { ServerlessInference } from '../../constructs/terraform/serverless/serverless-inference';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import { addServerlessOutputs } from './serverless-outputs';
import { serverlessProvider } from './serverless-provider';

export interface ServerlessOnnxTerraformStackProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** Handler bundle directory. @default - built and cached by `ensureInferenceBundle()` */
  readonly bundleDirectory?: string;
}

export class ServerlessOnnxTerraformStack extends TerraformStack {
  public readonly inference: ServerlessInference;
  public readonly api: InferenceHttpApi;

  constructor(scope: Construct, id: string, props: ServerlessOnnxTerraformStackProps) {
    super(scope, id);
    const { config } = props;
    serverlessProvider(this, config);
    this.inference = new ServerlessInference(this, 'Inference', { config, bundleDirectory: props.bundleDirectory });
    this.api = new InferenceHttpApi(this, 'Api', { config, alias: this.inference.inference.alias, kmsKeyArn: this.inference.kmsKeyArn });
    new TerraformOutput(this, 'api_url', { value: this.api.url, description: 'POST /predict and GET /schema, signed with SigV4 (service execute-api)' });
    addServerlessOutputs(this, config);
  }
}
