/**
 * The batch-scoring state machine, in Amazon States Language, built once for all engines.
 *
 * A Distributed Map lists the objects under the input prefix (S3 ListObjectsV2 item reader) and invokes
 * the inference function's alias once per object (batch mode of the handler). Transient Lambda errors and
 * model errors are retried with backoff; items that still fail are listed in the run's failure manifest,
 * which the ResultWriter puts under `runs/`. A run fails (and notifies the alarm topic) when more than the
 * tolerated share of objects fail. Re-running is safe: the handler skips objects already scored with the
 * same model.
 *
 * For models too large for Lambda, the `sagemaker-batch-transform` executor runs a SageMaker Batch
 * Transform job over the same prefix instead.
 * Distributed Map: https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html;
 * retry guidance: https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html (read 2025-06).
 */
import type { ServerlessDeploymentConfig } from './config';
import { lambdaAliasArn, snsTopicArn } from './arns';

/** Errors Lambda's API raises for transient conditions; the handler's own transient error is `ModelExecutionError`. */
export const LAMBDA_TRANSIENT_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];
/** Handler errors worth another attempt (a deterministic error such as InvalidInputError is not retried). */
export const RETRIED_HANDLER_ERRORS = ['ModelExecutionError', 'States.Timeout'];

/** Where a SageMaker Batch Transform run finds its model and compute. */
export interface BatchTransformSettings {
  /** An existing SageMaker model whose container serves the ONNX model. */
  readonly modelName: string;
  readonly instanceType: string;
  readonly instanceCount: number;
  /** KMS key for output and volumes. */
  readonly kmsKeyArn: string;
}

type State = Record<string, unknown>;

function prefixStates(config: ServerlessDeploymentConfig, next: string): Record<string, State> {
  const batch = config.batch!;
  return {
    HasPrefix: {
      Type: 'Choice',
      Comment: 'Runs started by the S3 trigger name the new object; scheduled and manual runs may omit it.',
      Choices: [{ Variable: '$.prefix', IsPresent: true, Next: next }],
      Default: 'UseInputPrefix',
    },
    UseInputPrefix: { Type: 'Pass', Result: { prefix: batch.inputPrefix }, Next: next },
  };
}

function failureStates(config: ServerlessDeploymentConfig): Record<string, State> {
  return {
    NotifyFailure: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: {
        TopicArn: snsTopicArn(config),
        Subject: `Batch scoring run of ${config.name} failed`,
        'Message.$': 'States.JsonToString($)',
      },
      ResultPath: null,
      Next: 'RunFailed',
    },
    RunFailed: {
      Type: 'Fail',
      Error: 'BatchScoringFailed',
      Cause: `The run failed; failed objects are listed in the failure manifest under s3://${config.names.dataBucket}/${config.batch!.runsPrefix}`,
    },
    Done: { Type: 'Succeed' },
  };
}

function lambdaMap(config: ServerlessDeploymentConfig): State {
  const batch = config.batch!;
  const data = config.names.dataBucket;
  return {
    Type: 'Map',
    ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: data, 'Prefix.$': '$.prefix' } },
    ItemSelector: { 'key.$': '$$.Map.Item.Value.Key', 'etag.$': '$$.Map.Item.Value.Etag', 'size.$': '$$.Map.Item.Value.Size' },
    ItemProcessor: {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: 'ScoreObject',
      States: {
        ScoreObject: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: lambdaAliasArn(config), 'Payload.$': '$' },
          ResultSelector: { 'result.$': '$.Payload' },
          TimeoutSeconds: config.function.timeoutSeconds + 60,
          Retry: [
            { ErrorEquals: LAMBDA_TRANSIENT_ERRORS, IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: 'FULL' },
            { ErrorEquals: RETRIED_HANDLER_ERRORS, IntervalSeconds: 10, MaxAttempts: 2, BackoffRate: 2 },
          ],
          End: true,
        },
      },
    },
    MaxConcurrency: batch.maxConcurrency,
    ToleratedFailurePercentage: batch.toleratedFailurePercentage,
    ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: data, Prefix: batch.runsPrefix } },
    ResultPath: '$.run',
    Retry: [{ ErrorEquals: ['States.ItemReaderFailed', 'States.ResultWriterFailed'], IntervalSeconds: 5, MaxAttempts: 2, BackoffRate: 2 }],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'NotifyFailure' }],
    Next: 'Done',
  };
}

function transformTask(config: ServerlessDeploymentConfig, transform: BatchTransformSettings): State {
  const batch = config.batch!;
  const data = config.names.dataBucket;
  // Transform job names: at most 63 characters; an execution name is up to 80, so the job gets a UUID.
  const base = config.name.slice(0, 26);
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::sagemaker:createTransformJob.sync',
    Parameters: {
      'TransformJobName.$': `States.Format('${base}-{}', States.UUID())`,
      ModelName: transform.modelName,
      BatchStrategy: 'MultiRecord',
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', 'S3Uri.$': `States.Format('s3://${data}/{}', $.prefix)` } },
        ContentType: 'application/jsonlines',
        SplitType: 'Line',
      },
      TransformOutput: { S3OutputPath: `s3://${data}/${batch.outputPrefix}`, AssembleWith: 'Line', KmsKeyId: transform.kmsKeyArn },
      TransformResources: { InstanceType: transform.instanceType, InstanceCount: transform.instanceCount, VolumeKmsKeyId: transform.kmsKeyArn },
    },
    ResultPath: '$.run',
    Retry: [{ ErrorEquals: ['SageMaker.AmazonSageMakerException', 'ThrottlingException'], IntervalSeconds: 30, MaxAttempts: 3, BackoffRate: 2 }],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'NotifyFailure' }],
    Next: 'Done',
  };
}

/**
 * The state machine definition of a batch-scoring deployment.
 * @param transform required when the executor is `sagemaker-batch-transform`
 */
export function batchScoringDefinition(config: ServerlessDeploymentConfig, transform?: BatchTransformSettings): Record<string, unknown> {
  const batch = config.batch;
  if (!batch) throw new Error(`deployment '${config.name}' is not a batch deployment`);
  const useTransform = batch.executor === 'sagemaker-batch-transform';
  if (useTransform && !transform) throw new Error(`deployment '${config.name}' uses SageMaker Batch Transform: pass the transform model and instance settings`);
  const work = useTransform ? 'Transform' : 'ScoreObjects';
  return {
    Comment: `Batch scoring of ${config.name}: objects under s3://${config.names.dataBucket}/${batch.inputPrefix} -> s3://${config.names.dataBucket}/${batch.outputPrefix}`,
    StartAt: 'HasPrefix',
    States: {
      ...prefixStates(config, work),
      [work]: useTransform ? transformTask(config, transform!) : lambdaMap(config),
      ...failureStates(config),
    },
  };
}
