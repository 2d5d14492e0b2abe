/**
 * ARNs of a deployment's resources, built from literal names so that state machine definitions, IAM
 * policies and alarm dimensions are identical on every engine. Supported regions are all in the `aws`
 * partition (lib/spec/resolve.ts SUPPORTED_REGIONS).
 * ARN formats: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html (read 2025-06).
 */
import type { ServerlessDeploymentConfig } from './config';

const PARTITION = 'aws';

export function lambdaFunctionArn(config: ServerlessDeploymentConfig): string {
  return `arn:${PARTITION}:lambda:${config.region}:${config.account}:function:${config.names.functionName}`;
}

/** The alias every caller (API, event source, state machine) invokes. */
export function lambdaAliasArn(config: ServerlessDeploymentConfig): string {
  return `${lambdaFunctionArn(config)}:${config.names.aliasName}`;
}

export function stateMachineArn(config: ServerlessDeploymentConfig): string {
  return `arn:${PARTITION}:states:${config.region}:${config.account}:stateMachine:${config.names.stateMachine}`;
}

export function snsTopicArn(config: ServerlessDeploymentConfig, topic = config.names.alarmTopic): string {
  return `arn:${PARTITION}:sns:${config.region}:${config.account}:${topic}`;
}

export function s3BucketArn(bucket: string): string {
  return `arn:${PARTITION}:s3:::${bucket}`;
}

export function s3ObjectArn(bucket: string, keyPattern: string): string {
  return `arn:${PARTITION}:s3:::${bucket}/${keyPattern}`;
}

export function sqsQueueArn(config: ServerlessDeploymentConfig, queue: string): string {
  return `arn:${PARTITION}:sqs:${config.region}:${config.account}:${queue}`;
}

export function kinesisStreamArn(config: ServerlessDeploymentConfig, stream: string): string {
  return `arn:${PARTITION}:kinesis:${config.region}:${config.account}:stream/${stream}`;
}

export function eventBusArn(config: ServerlessDeploymentConfig, bus: string): string {
  return `arn:${PARTITION}:events:${config.region}:${config.account}:event-bus/${bus}`;
}

export function logGroupArn(config: Pick<ServerlessDeploymentConfig, 'region' | 'account'>, logGroup: string): string {
  return `arn:${PARTITION}:logs:${config.region}:${config.account}:log-group:${logGroup}`;
}
