/**
 * The Pulumi programs of the serverless blueprints (`serverless-onnx`, `batch-scoring`,
 * `streaming-inference`): the same deployments as the CDK and Terraform stacks, from the same
 * engine-neutral configuration; `opts` (e.g. `{ parent }`) go to every component they create. The AWS provider comes from the stack's `aws:region` configuration.
 */
import type * as pulumi from '@pulumi/pulumi';
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

/** `serverless-onnx`: real-time inference behind an IAM-authorized HTTP API. */
export function renderServerlessOnnxPulumi(config: ServerlessDeploymentConfig, options: ServerlessPulumiOptions = {}, opts: pulumi.ComponentResourceOptions = {}) {
  const inference = new ServerlessInference(config.name, { config, bundleDirectory: options.bundleDirectory }, opts);
  const api = new InferenceHttpApi(`${config.name}-api`, { config, alias: inference.inference.alias, kmsKeyArn: inference.storage.kmsKeyArn }, opts);
  return { inference, api, apiUrl: api.url };
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
