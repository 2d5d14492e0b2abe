/** The Terraform (cdktf) stack of the `serverless-onnx` blueprint: the same deployment as the CDK stack. */
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { DnsFailoverRecord } from '../../constructs/terraform/disaster-recovery/dns-failover-record';
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
    ({ inference: this.inference, api: this.api } = addServerlessOnnxTerraform(this, props));
  }
}

/** Adds the AWS provider, real-time ONNX inference on Lambda behind an HTTP API, and the outputs to a stack. */
export function addServerlessOnnxTerraform(stack: TerraformStack, props: ServerlessOnnxTerraformStackProps): { inference: ServerlessInference; api: InferenceHttpApi } {
  const { config } = props;
  serverlessProvider(stack, config);
  const inference = new ServerlessInference(stack, 'Inference', { config, bundleDirectory: props.bundleDirectory });
  const api = new InferenceHttpApi(stack, 'Api', { config, alias: inference.inference.alias, kmsKeyArn: inference.kmsKeyArn });
  new TerraformOutput(stack, 'api_url', { value: api.url, description: 'POST /predict and GET /schema, signed with SigV4 (service execute-api)' });
  addServerlessOutputs(stack, config);
  if (config.dnsFailover) {
    if (!api.httpApi || !api.stage) throw new Error(`${config.name}: DNS failover needs the HTTP API (a custom domain); a function URL has none`);
    new DnsFailoverRecord(stack, 'Failover', { failover: config.dnsFailover, httpApi: api.httpApi, stage: api.stage, alarmTopicArn: inference.monitoring.alarmTopic.arn });
    new TerraformOutput(stack, 'failover_url', { value: `https://${config.dnsFailover.domainName}`, description: `${config.dnsFailover.role} of the Route 53 failover name; sign requests with this host` });
  }
  return { inference, api };
}
