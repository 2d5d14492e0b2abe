/**
 * Event-driven inference (Pulumi): the request stream (Kinesis, on-demand, KMS) or queue, the event source
 * mapping on the `live` alias with partial batch failure reporting, bisect-on-error, retries and the
 * on-failure destination, and the results stream, queue or event bus.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { secureQueue } from './private/resources';

export interface StreamingInferenceSourceArgs {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The `live` alias of the inference function. */
  readonly alias: aws.lambda.Alias;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** The function role's policy: the mapping is validated against it at creation. @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
}

export class StreamingInferenceSource extends pulumi.ComponentResource {
  public readonly requestsArn: pulumi.Output<string>;
  public readonly resultsArn: pulumi.Output<string>;
  public readonly failedRecords: aws.sqs.Queue;
  public readonly eventSourceMapping: aws.lambda.EventSourceMapping;

  constructor(name: string, args: StreamingInferenceSourceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:StreamingInferenceSource', name, {}, opts);
    const { config, kmsKeyArn } = args;
    const streaming = config.streaming;
    if (!streaming) throw new Error(`StreamingInferenceSource '${name}': deployment '${config.name}' is not a streaming deployment`);
    const parent = { parent: this };
    const stream = (id: string, streamName: string) => new aws.kinesis.Stream(`${name}-${id}`, {
      name: streamName, streamModeDetails: { streamMode: 'ON_DEMAND' }, encryptionType: 'KMS', kmsKeyId: kmsKeyArn, retentionPeriod: 24,
    }, parent);
    const common = {
      functionName: args.alias.arn,
      batchSize: streaming.batchSize,
      maximumBatchingWindowInSeconds: streaming.maxBatchingWindowSeconds,
      functionResponseTypes: ['ReportBatchItemFailures'],
    };
    const mappingOpts = { parent: this, dependsOn: [...(args.dependsOn ?? [])] };
    if (streaming.source === 'kinesis') {
      const requests = stream('requests', config.names.inputStream);
      this.failedRecords = secureQueue(`${name}-failed-records`, { name: config.names.failedRecordsQueue, kmsKeyArn, deadLetter: true }, this);
      this.requestsArn = requests.arn;
      this.eventSourceMapping = new aws.lambda.EventSourceMapping(`${name}-mapping`, {
        ...common,
        eventSourceArn: requests.arn,
        startingPosition: 'TRIM_HORIZON',
        bisectBatchOnFunctionError: true,
        maximumRetryAttempts: streaming.retryAttempts,
        maximumRecordAgeInSeconds: streaming.maxRecordAgeSeconds,
        destinationConfig: { onFailure: { destinationArn: this.failedRecords.arn } },
      }, mappingOpts);
    } else {
      this.failedRecords = secureQueue(`${name}-failed-records`, { name: `${config.names.inputQueue}-dlq`, kmsKeyArn, deadLetter: true }, this);
      const requests = secureQueue(`${name}-requests`, {
        name: config.names.inputQueue, kmsKeyArn, visibilityTimeoutSeconds: streaming.visibilityTimeoutSeconds,
        redrive: { deadLetterArn: this.failedRecords.arn, maxReceiveCount: streaming.maxReceiveCount },
      }, this);
      this.requestsArn = requests.arn;
      this.eventSourceMapping = new aws.lambda.EventSourceMapping(`${name}-mapping`, { ...common, eventSourceArn: requests.arn }, mappingOpts);
    }
    switch (streaming.sink) {
      case 'kinesis':
        this.resultsArn = stream('results', config.names.resultStream).arn;
        break;
      case 'sqs': {
        const dlq = secureQueue(`${name}-results-dlq`, { name: `${config.names.resultQueue}-dlq`, kmsKeyArn, deadLetter: true }, this);
        this.resultsArn = secureQueue(`${name}-results`, { name: config.names.resultQueue, kmsKeyArn, redrive: { deadLetterArn: dlq.arn, maxReceiveCount: streaming.maxReceiveCount } }, this).arn;
        break;
      }
      case 'eventbridge':
        this.resultsArn = new aws.cloudwatch.EventBus(`${name}-results`, { name: config.names.resultBus }, parent).arn;
        break;
    }
    this.registerOutputs({ requestsArn: this.requestsArn, resultsArn: this.resultsArn });
  }
}
