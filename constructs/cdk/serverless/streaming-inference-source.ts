/**
 * Event-driven inference: a KMS-encrypted Kinesis data stream (on-demand) or SQS queue feeds the `live`
 * alias through an event source mapping with batch size and window, partial batch failure reporting
 * (`ReportBatchItemFailures`), and — for Kinesis — bisect-on-error, bounded retries and an on-failure
 * destination (for SQS, the queue's own dead-letter queue). Results go to a Kinesis stream, an SQS queue
 * or an EventBridge bus.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';

export interface IStreamingInferenceSource {
  /** Stream or queue producers write requests to. */
  readonly requestsArn: string;
  readonly eventSourceMapping: lambda.IEventSourceMapping;
}

export interface StreamingInferenceSourceProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The `live` alias of the inference function. */
  readonly alias: lambda.IAlias;
  /** The deployment's customer-managed KMS key. */
  readonly encryptionKey: kms.IKey;
}

/**
 * The on-failure destination without CDK's automatic grant (`SqsDlq` grants `kms:GenerateDataKey*` to the
 * function role): the role's engine-neutral statements already allow sending to exactly this queue.
 */
function onFailureQueue(queue: sqs.IQueue): lambda.IEventSourceDlq {
  return { bind: () => ({ destination: queue.queueArn }) };
}

export class StreamingInferenceSource extends Construct implements IStreamingInferenceSource {
  public readonly requestsArn: string;
  public readonly eventSourceMapping: lambda.EventSourceMapping;
  /** Kinesis batches that exhausted their retries (Kinesis source) or messages received too often (SQS source). */
  public readonly failedRecords: sqs.Queue;
  /** Stream, queue or bus the results are published to. */
  public readonly resultsArn: string;

  constructor(scope: Construct, id: string, props: StreamingInferenceSourceProps) {
    super(scope, id);
    const { config, alias, encryptionKey } = props;
    const streaming = config.streaming;
    if (!streaming) throw new Error(`StreamingInferenceSource '${id}': deployment '${config.name}' is not a streaming deployment`);
    const deadLetterQueue = (queueId: string, queueName: string) => new sqs.Queue(this, queueId, {
      queueName,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    });
    const common = {
      target: alias,
      batchSize: streaming.batchSize,
      maxBatchingWindow: Duration.seconds(streaming.maxBatchingWindowSeconds),
      reportBatchItemFailures: true,
    };
    if (streaming.source === 'kinesis') {
      const stream = new kinesis.Stream(this, 'Requests', {
        streamName: config.names.inputStream,
        streamMode: kinesis.StreamMode.ON_DEMAND,
        encryption: kinesis.StreamEncryption.KMS,
        encryptionKey,
        retentionPeriod: Duration.hours(24),
        // A 24-hour transit buffer, not a record: an on-demand stream left behind would keep billing.
        removalPolicy: RemovalPolicy.DESTROY,
      });
      this.failedRecords = deadLetterQueue('FailedRecords', config.names.failedRecordsQueue);
      acknowledgeFinding(this.failedRecords, 'AwsSolutions-SQS3',
        'this queue is the dead-letter destination of the Kinesis event source mapping (on-failure destination); cdk-nag only recognises queues named in another queue\'s redrive policy');
      acknowledgeFinding(stream, 'AwsSolutions-KDS3',
        'the stream is encrypted with the deployment\'s customer-managed key on purpose: its key policy and rotation are controlled by the deployment, unlike aws/kinesis');
      this.requestsArn = stream.streamArn;
      this.eventSourceMapping = new lambda.EventSourceMapping(this, 'Mapping', {
        ...common,
        eventSourceArn: stream.streamArn,
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        bisectBatchOnError: true,
        retryAttempts: streaming.retryAttempts,
        maxRecordAge: Duration.seconds(streaming.maxRecordAgeSeconds),
        onFailure: onFailureQueue(this.failedRecords),
      });
    } else {
      this.failedRecords = deadLetterQueue('FailedRecords', `${config.names.inputQueue}-dlq`);
      const queue = new sqs.Queue(this, 'Requests', {
        queueName: config.names.inputQueue,
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: encryptionKey,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(streaming.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: this.failedRecords, maxReceiveCount: streaming.maxReceiveCount },
      });
      this.requestsArn = queue.queueArn;
      this.eventSourceMapping = new lambda.EventSourceMapping(this, 'Mapping', { ...common, eventSourceArn: queue.queueArn });
    }
    this.resultsArn = this.createSink(config, encryptionKey, deadLetterQueue);
  }

  private createSink(config: ServerlessDeploymentConfig, encryptionKey: kms.IKey, deadLetterQueue: (id: string, name: string) => sqs.Queue): string {
    switch (config.streaming!.sink) {
      case 'kinesis': {
        const results = new kinesis.Stream(this, 'Results', {
          streamName: config.names.resultStream,
          streamMode: kinesis.StreamMode.ON_DEMAND,
          encryption: kinesis.StreamEncryption.KMS,
          encryptionKey,
          retentionPeriod: Duration.hours(24),
          removalPolicy: RemovalPolicy.DESTROY,
        });
        acknowledgeFinding(results, 'AwsSolutions-KDS3', 'the stream is encrypted with the deployment\'s customer-managed key on purpose: its key policy and rotation are controlled by the deployment');
        return results.streamArn;
      }
      case 'sqs':
        return new sqs.Queue(this, 'Results', {
          queueName: config.names.resultQueue,
          encryption: sqs.QueueEncryption.KMS,
          encryptionMasterKey: encryptionKey,
          enforceSSL: true,
          deadLetterQueue: { queue: deadLetterQueue('ResultsDeadLetters', `${config.names.resultQueue}-dlq`), maxReceiveCount: config.streaming!.maxReceiveCount },
        }).queueArn;
      case 'eventbridge':
        return new events.EventBus(this, 'Results', { eventBusName: config.names.resultBus, description: `Inference results of ${config.name} (detail-type InferenceResult)` }).eventBusArn;
    }
  }
}
