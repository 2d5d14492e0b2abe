/**
 * Names of the AWS resources of a serverless inference deployment, decided once for all three engines so
 * that environment variables, alarms and dashboards hold the same literal strings on CDK, cdktf and Pulumi.
 */

/** S3 bucket names: 3–63 characters (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html, read 2025-06). */
const MAX_BUCKET_NAME = 63;
/** Lambda function names: at most 64 characters (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html, read 2025-06). */
const MAX_FUNCTION_NAME = 64;

function trimTo(value: string, max: number): string {
  return value.length <= max ? value : value.slice(0, max).replace(/-+$/, '');
}

/** `<deployment>-<purpose>-<account>-<region>`, the deployment part trimmed to fit 63 characters. */
export function regionalBucketName(deployment: string, purpose: string, account: string, region: string): string {
  const suffix = `-${purpose}-${account}-${region}`;
  return `${trimTo(deployment, MAX_BUCKET_NAME - suffix.length)}${suffix}`;
}

/** Names derived from the deployment name, account and region. */
export interface ServerlessResourceNames {
  readonly functionName: string;
  /** Alias clients and event sources call; CodeDeploy shifts its traffic between versions. */
  readonly aliasName: string;
  readonly modelBucket: string;
  /** Input, output and run-manifest prefixes of batch scoring. */
  readonly dataBucket: string;
  readonly accessLogsBucket: string;
  readonly logGroup: string;
  readonly alarmTopic: string;
  readonly dashboard: string;
  readonly codeDeployApplication: string;
  readonly deploymentGroup: string;
  readonly stateMachine: string;
  readonly inputStream: string;
  readonly inputQueue: string;
  readonly resultStream: string;
  readonly resultQueue: string;
  readonly resultBus: string;
  readonly asyncDeadLetterQueue: string;
  readonly failedRecordsQueue: string;
  readonly api: string;
}

export function serverlessResourceNames(deployment: string, account: string, region: string): ServerlessResourceNames {
  return {
    functionName: trimTo(`${deployment}-inference`, MAX_FUNCTION_NAME),
    aliasName: 'live',
    modelBucket: regionalBucketName(deployment, 'models', account, region),
    dataBucket: regionalBucketName(deployment, 'data', account, region),
    accessLogsBucket: regionalBucketName(deployment, 'logs', account, region),
    logGroup: `/aws/lambda/${trimTo(`${deployment}-inference`, MAX_FUNCTION_NAME)}`,
    alarmTopic: `${deployment}-alarms`,
    dashboard: `${deployment}-inference`,
    codeDeployApplication: `${deployment}-inference`,
    deploymentGroup: `${deployment}-live`,
    stateMachine: `${deployment}-batch-scoring`,
    inputStream: `${deployment}-requests`,
    inputQueue: `${deployment}-requests`,
    resultStream: `${deployment}-results`,
    resultQueue: `${deployment}-results`,
    resultBus: `${deployment}-results`,
    asyncDeadLetterQueue: `${deployment}-async-dlq`,
    failedRecordsQueue: `${deployment}-failed-records`,
    api: `${deployment}-inference`,
  };
}

/** Default key of the model in the deployment's model bucket: `models/<model id>/model.onnx`. */
export function defaultModelKey(modelId: string): string {
  return `models/${modelId.replace(/[^A-Za-z0-9._/-]/g, '-')}/model.onnx`;
}
