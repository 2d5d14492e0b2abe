/**
 * The CDK stack of the `serverless-onnx` blueprint: real-time ONNX inference on Lambda behind an
 * IAM-authorized HTTP API, released by CodeDeploy canaries with automatic rollback.
 */
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DnsFailoverRecord } from '../../constructs/cdk/disaster-recovery/dns-failover-record';
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
    ({ inference: this.inference, api: this.api } = addServerlessOnnx(this, props.config));
  }
}

/** Adds real-time ONNX inference on Lambda behind an IAM-authorized HTTP API (with tags and outputs) to a stack. */
export function addServerlessOnnx(stack: Stack, config: ServerlessDeploymentConfig): { inference: ServerlessInference; api: InferenceHttpApi } {
  const inference = new ServerlessInference(stack, 'Inference', { config });
  const api = new InferenceHttpApi(stack, 'Api', { config, alias: inference.inference.alias, encryptionKey: inference.key.key });
  for (const [key, value] of Object.entries(config.tags)) Tags.of(stack).add(key, value);
  new CfnOutput(stack, 'ApiUrl', { value: api.url, description: 'POST /predict {"instances": [...]} and GET /schema, signed with SigV4 (service execute-api)' });
  addServerlessOutputs(stack, config);
  if (config.dnsFailover) {
    if (!api.httpApi || !api.stage) throw new Error(`${config.name}: DNS failover needs the HTTP API (a custom domain); a function URL has none`);
    const failover = new DnsFailoverRecord(stack, 'Failover', { failover: config.dnsFailover, httpApi: api.httpApi, stage: api.stage, alarmTopic: inference.monitoring.alarmTopic });
    new CfnOutput(stack, 'FailoverUrl', { value: `https://${failover.domainName.name}`, description: `${config.dnsFailover.role} of the Route 53 failover name; sign requests with this host` });
  }
  return { inference, api };
}
