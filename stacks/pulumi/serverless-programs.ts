/**
 * The Pulumi programs of the serverless blueprints (`serverless-onnx`, `batch-scoring`,
 * `streaming-inference`): the same deployments as the CDK and Terraform stacks, from the same
 * engine-neutral configuration; `opts` (e.g. `{ parent }`) go to every component they create. The AWS provider comes from the stack's `aws:region` configuration.
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { DnsFailoverRecord } from '../../constructs/pulumi/disaster-recovery/dns-failover-record';
import { BatchScoringWorkflow } from '../../constructs/pulumi/serverless/batch-scoring-workflow';
import { InferenceHttpApi } from '../../constructs/pulumi/serverless/inference-http-api';
import { ServerlessInference } from '../../constructs/pulumi/serverless/serverless-inference';
import { StreamingInferenceSource } from '../../constructs/pulumi/serverless/streaming-inference-source';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import type { BatchTransformSettings } from '../../lib/inference/deployment/state-machine';

export interface ServerlessPulumiOptions {
  /** Handler bundle directory. @default - built and cached by `ensureInferenceBundle()` */
  readonly bundleDirectory?: string;
}

export interface ServerlessOnnxPulumiOptions extends ServerlessPulumiOptions {
  /** Prefix of the components' logical names (two deployments of one spec in one program need two). @default config.name */
  readonly componentName?: string;
  /** The standby deployment whose buckets and key are the replicas, for a primary with `config.replication`. @default - none */
  readonly standby?: ServerlessInference;
}

/** `serverless-onnx`: real-time inference behind an IAM-authorized HTTP API (and its half of DNS failover with `config.dnsFailover`). */
export function renderServerlessOnnxPulumi(config: ServerlessDeploymentConfig, options: ServerlessOnnxPulumiOptions = {}, opts: pulumi.ComponentResourceOptions = {}) {
  const name = options.componentName ?? config.name;
  const inference = new ServerlessInference(name, { config, bundleDirectory: options.bundleDirectory, standby: options.standby }, opts);
  const api = new InferenceHttpApi(`${name}-api`, { config, alias: inference.inference.alias, kmsKeyArn: inference.storage.kmsKeyArn }, opts);
  if (config.dnsFailover) {
    if (!api.httpApi || !api.stage) throw new Error(`${config.name}: DNS failover needs the HTTP API (a custom domain); a function URL has none`);
    new DnsFailoverRecord(`${name}-failover`, { failover: config.dnsFailover, httpApi: api.httpApi, stage: api.stage, alarmTopicArn: inference.monitoring.alarmTopic.arn }, opts);
  }
  return { inference, api, apiUrl: api.url };
}

/**
 * `serverless-onnx` in two regions from one program: the standby deployment through an `aws.Provider` of the
 * standby region (its components inherit it), then the primary, which replicates to the standby's buckets.
 */
export function renderServerlessOnnxWithStandbyPulumi(primary: ServerlessDeploymentConfig, standby: ServerlessDeploymentConfig, options: ServerlessPulumiOptions = {}) {
  const provider = new aws.Provider(`${primary.name}-standby-region`, {
    region: standby.region as aws.Region, allowedAccountIds: [standby.account], defaultTags: { tags: { ...standby.tags, 'managed-by': 'ai-model-deployment' } },
  });
  const standbyDeployment = renderServerlessOnnxPulumi(standby, { ...options, componentName: `${primary.name}-standby` }, { providers: { aws: provider } });
  const primaryDeployment = renderServerlessOnnxPulumi(primary, { ...options, standby: standbyDeployment.inference });
  return { primary: primaryDeployment, standby: standbyDeployment, standbyProvider: provider };
}

/** `batch-scoring`: S3 prefix -> Distributed Map -> the function in batch mode -> S3 prefix. */
export function renderBatchScoringPulumi(config: ServerlessDeploymentConfig, options: ServerlessPulumiOptions & { readonly transform?: BatchTransformSettings } = {}, opts: pulumi.ComponentResourceOptions = {}) {
  const inference = new ServerlessInference(config.name, { config, bundleDirectory: options.bundleDirectory }, opts);
  const dataBucket = inference.storage.dataBucket;
  const workflow = new BatchScoringWorkflow(`${config.name}-workflow`, {
    config,
    kmsKeyArn: inference.storage.kmsKeyArn,
    transform: options.transform,
    dependsOn: [inference.inference.alias, inference.monitoring.alarmTopic, ...(dataBucket ? [dataBucket] : [])],
  }, opts);
  return { inference, workflow, stateMachineArn: workflow.stateMachine.arn };
}

/** `streaming-inference`: Kinesis or SQS -> the function in stream mode -> EventBridge, Kinesis or SQS. */
export function renderStreamingInferencePulumi(config: ServerlessDeploymentConfig, options: ServerlessPulumiOptions = {}, opts: pulumi.ComponentResourceOptions = {}) {
  const inference = new ServerlessInference(config.name, { config, bundleDirectory: options.bundleDirectory }, opts);
  const source = new StreamingInferenceSource(`${config.name}-stream`, {
    config, alias: inference.inference.alias, kmsKeyArn: inference.storage.kmsKeyArn, dependsOn: [inference.inference.rolePolicy],
  }, opts);
  return { inference, source, requestsArn: source.requestsArn, resultsArn: source.resultsArn };
}
