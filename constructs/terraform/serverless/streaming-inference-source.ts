/**
 * Event-driven inference (cdktf): the request stream (Kinesis, on-demand, KMS) or queue, the event source
 * mapping on the `live` alias with partial batch failure reporting, bisect-on-error, retries and the
 * on-failure destination, and the results stream, queue or event bus.
 */
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import type { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { secureQueue } from './private/secure-queue';

export interface StreamingInferenceSourceProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The `live` alias of the inference function. */
  readonly alias: LambdaAlias;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: string;
  /** The function role's policy: the mapping is validated against it at creation. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export class StreamingInferenceSource extends Construct {
  public readonly requestsArn: string;
  public readonly resultsArn: string;
  public readonly failedRecords: SqsQueue;
  public readonly eventSourceMapping: LambdaEventSourceMapping;

  constructor(scope: Construct, id: string, props: StreamingInferenceSourceProps) {
    super(scope, id);
    const { config, kmsKeyArn } = props;
    const streaming = config.streaming;
    if (!streaming) throw new Error(`StreamingInferenceSource '${id}': deployment '${config.name}' is not a streaming deployment`);
    const deadLetterQueue = (queueId: string, name: string) => secureQueue(this, queueId, { name, kmsKeyArn, deadLetter: true });
    const stream = (streamId: string, name: string) => new KinesisStream(this, streamId, {
      name, streamModeDetails: { streamMode: 'ON_DEMAND' }, encryptionType: 'KMS', kmsKeyId: kmsKeyArn, retentionPeriod: 24,
    });
    const common = {
      functionName: props.alias.arn,
      batchSize: streaming.batchSize,
      maximumBatchingWindowInSeconds: streaming.maxBatchingWindowSeconds,
      functionResponseTypes: ['ReportBatchItemFailures'],
      dependsOn: [...(props.dependsOn ?? [])],
    };
    if (streaming.source === 'kinesis') {
      const requests = stream('Requests', config.names.inputStream);
      this.failedRecords = deadLetterQueue('FailedRecords', config.names.failedRecordsQueue);
      this.requestsArn = requests.arn;
      this.eventSourceMapping = new LambdaEventSourceMapping(this, 'Mapping', {
        ...common,
        eventSourceArn: requests.arn,
        startingPosition: 'TRIM_HORIZON',
        bisectBatchOnFunctionError: true,
        maximumRetryAttempts: streaming.retryAttempts,
        maximumRecordAgeInSeconds: streaming.maxRecordAgeSeconds,
        destinationConfig: { onFailure: { destinationArn: this.failedRecords.arn } },
      });
    } else {
      this.failedRecords = deadLetterQueue('FailedRecords', `${config.names.inputQueue}-dlq`);
      const requests = secureQueue(this, 'Requests', {
        name: config.names.inputQueue, kmsKeyArn, visibilityTimeoutSeconds: streaming.visibilityTimeoutSeconds,
        redrive: { deadLetterArn: this.failedRecords.arn, maxReceiveCount: streaming.maxReceiveCount },
      });
      this.requestsArn = requests.arn;
      this.eventSourceMapping = new LambdaEventSourceMapping(this, 'Mapping', { ...common, eventSourceArn: requests.arn });
    }
    switch (streaming.sink) {
      case 'kinesis':
        this.resultsArn = stream('Results', config.names.resultStream).arn;
        break;
      case 'sqs': {
        const dlq = deadLetterQueue('ResultsDeadLetters', `${config.names.resultQueue}-dlq`);
        this.resultsArn = secureQueue(this, 'Results', { name: config.names.resultQueue, kmsKeyArn, redrive: { deadLetterArn: dlq.arn, maxReceiveCount: streaming.maxReceiveCount } }).arn;
        break;
      }
      case 'eventbridge':
        this.resultsArn = new CloudwatchEventBus(this, 'Results', { name: config.names.resultBus }).arn;
        break;
    }
  }
}
