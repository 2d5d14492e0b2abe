/**
 * Least-privilege IAM statements of a deployment, described once for every engine. The function reads
 * exactly one model object; batch mode reads its input prefix and writes its output prefix; stream mode
 * reads its source and writes its sink. Statements that need `*` say why in `wildcardReason` (the CDK
 * stack turns those into cdk-nag acknowledgements).
 */
import { eventBusArn, kinesisStreamArn, lambdaAliasArn, logGroupArn, s3BucketArn, s3ObjectArn, snsTopicArn, sqsQueueArn, stateMachineArn } from './arns';
import type { ServerlessDeploymentConfig } from './config';
import { captureWriteStatement } from './drift';

/** `R` is how an engine refers to resources it creates (a string token on CDK and cdktf, an Output on Pulumi). */
export interface PolicyStatementDefinition<R = string> {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly (string | R)[];
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
  /** Why a resource wildcard is unavoidable (required whenever a resource contains `*`). */
  readonly wildcardReason?: string;
}

export interface PolicyReferences<R = string> {
  /** The deployment's KMS key (a token or Output on engines that create it). */
  readonly kmsKeyArn: string | R;
}

const XRAY_REASON = 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions (Service Authorization Reference, AWS X-Ray: resource type *)';
const ENI_REASON = 'Lambda creates and deletes its VPC network interfaces itself; the EC2 network-interface actions do not support resource-level permissions (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html)';

/** Statements of the inference function's role. */
export function functionRoleStatements<R = string>(config: ServerlessDeploymentConfig, refs: PolicyReferences<R>): PolicyStatementDefinition<R>[] {
  const logGroup = logGroupArn(config, config.names.logGroup);
  const statements: PolicyStatementDefinition<R>[] = [
    { sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup}:log-stream:*`], wildcardReason: 'Lambda names a new log stream per execution environment at run time, inside the function\'s own log group' },
    { sid: 'ReadOneModelObject', actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [s3ObjectArn(config.model.bucket, config.model.key)] },
    { sid: 'UseDeploymentKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [refs.kmsKeyArn] },
    {
      sid: 'ManageVpcNetworkInterfaces',
      actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: ['*'],
      wildcardReason: ENI_REASON,
    },
  ];
  if (config.function.tracing === 'Active') {
    // What Lambda needs to send the function's trace segments (Lambda developer guide, "Visualize Lambda function
    // invocations using AWS X-Ray": the AWSXRayDaemonWriteAccess actions; read 2026-12-03).
    statements.push({ sid: 'WriteTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'], wildcardReason: XRAY_REASON });
  }
  statements.push(...captureWriteStatement<R>(config));
  if (config.workload === 'realtime') {
    statements.push({ sid: 'DeadLetterAsyncInvokes', actions: ['sqs:SendMessage'], resources: [sqsQueueArn(config, config.names.asyncDeadLetterQueue)] });
  }
  if (config.batch) {
    const data = config.names.dataBucket;
    statements.push(
      { sid: 'ReadBatchInput', actions: ['s3:GetObject'], resources: [s3ObjectArn(data, `${config.batch.inputPrefix}*`)], wildcardReason: 'Batch scoring reads every object under the input prefix; the objects are created by users after deployment' },
      { sid: 'WriteBatchOutput', actions: ['s3:GetObject', 's3:PutObject'], resources: [s3ObjectArn(data, `${config.batch.outputPrefix}*`)], wildcardReason: 'Results are written under the output prefix, one object per input object, named at run time' },
      { sid: 'ListBatchPrefixes', actions: ['s3:ListBucket'], resources: [s3BucketArn(data)], conditions: { StringLike: { 's3:prefix': [`${config.batch.inputPrefix}*`, `${config.batch.outputPrefix}*`] } } },
    );
  }
  const streaming = config.streaming;
  if (streaming) {
    if (streaming.source === 'kinesis') {
      statements.push(
        { sid: 'ReadRequestStream', actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:SubscribeToShard'], resources: [kinesisStreamArn(config, config.names.inputStream)] },
        { sid: 'SendFailedRecords', actions: ['sqs:SendMessage'], resources: [sqsQueueArn(config, config.names.failedRecordsQueue)] },
      );
    } else {
      statements.push({ sid: 'ReadRequestQueue', actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'], resources: [sqsQueueArn(config, config.names.inputQueue)] });
    }
    const sink = streaming.sink === 'kinesis'
      ? { sid: 'PublishResults', actions: ['kinesis:PutRecords', 'kinesis:PutRecord'], resources: [kinesisStreamArn(config, config.names.resultStream)] }
      : streaming.sink === 'sqs'
        ? { sid: 'PublishResults', actions: ['sqs:SendMessage'], resources: [sqsQueueArn(config, config.names.resultQueue)] }
        : { sid: 'PublishResults', actions: ['events:PutEvents'], resources: [eventBusArn(config, config.names.resultBus)] };
    statements.push(sink);
  }
  return statements;
}

/** Statements of the batch-scoring state machine's role. */
export function stateMachineRoleStatements<R = string>(config: ServerlessDeploymentConfig, refs: PolicyReferences<R> & { readonly transformModelName?: string }): PolicyStatementDefinition<R>[] {
  const batch = config.batch!;
  const data = config.names.dataBucket;
  const machine = stateMachineArn(config);
  const statements: PolicyStatementDefinition<R>[] = [
    { sid: 'ListInputObjects', actions: ['s3:ListBucket'], resources: [s3BucketArn(data)], conditions: { StringLike: { 's3:prefix': [`${batch.inputPrefix}*`] } } },
    { sid: 'WriteRunManifests', actions: ['s3:PutObject', 's3:GetObject'], resources: [s3ObjectArn(data, `${batch.runsPrefix}*`)], wildcardReason: 'The Distributed Map ResultWriter names each run\'s manifest and result files at run time, under the runs prefix' },
    { sid: 'UseDeploymentKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [refs.kmsKeyArn] },
    { sid: 'NotifyFailedRuns', actions: ['sns:Publish'], resources: [snsTopicArn(config)] },
    { sid: 'RunChildWorkflows', actions: ['states:StartExecution'], resources: [machine] },
    {
      sid: 'ManageChildWorkflows', actions: ['states:DescribeExecution', 'states:StopExecution'],
      resources: [`${machine.replace(':stateMachine:', ':execution:')}:*`],
      wildcardReason: 'Distributed Map child executions are named by Step Functions at run time (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html)',
    },
    {
      sid: 'DeliverLogsAndTraces',
      actions: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      resources: ['*'],
      wildcardReason: 'CloudWatch Logs delivery and X-Ray APIs used by Step Functions logging and tracing do not support resource-level permissions (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html)',
    },
  ];
  if (batch.executor === 'lambda') {
    statements.push({ sid: 'InvokeScorer', actions: ['lambda:InvokeFunction'], resources: [lambdaAliasArn(config)] });
  } else {
    statements.push(
      {
        sid: 'RunTransformJobs', actions: ['sagemaker:CreateTransformJob', 'sagemaker:DescribeTransformJob', 'sagemaker:StopTransformJob', 'sagemaker:AddTags'],
        resources: [`arn:aws:sagemaker:${config.region}:${config.account}:transform-job/*`, `arn:aws:sagemaker:${config.region}:${config.account}:model/${refs.transformModelName ?? '*'}`],
        wildcardReason: 'Transform jobs are named with a UUID per run',
      },
      {
        sid: 'TrackTransformJobs', actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [`arn:aws:events:${config.region}:${config.account}:rule/StepFunctionsGetEventsForSageMakerTransformJobsRule`],
      },
      { sid: 'WriteTransformOutput', actions: ['s3:GetObject', 's3:PutObject'], resources: [s3ObjectArn(data, `${batch.outputPrefix}*`), s3ObjectArn(data, `${batch.inputPrefix}*`)], wildcardReason: 'Transform jobs read every input object and write one output per input' },
    );
  }
  return statements;
}

/** The EventBridge role that starts batch runs (schedule or S3 trigger). */
export function batchTriggerRoleStatements(config: ServerlessDeploymentConfig): PolicyStatementDefinition[] {
  return [{ sid: 'StartBatchRuns', actions: ['states:StartExecution'], resources: [stateMachineArn(config)] }];
}

/** CodeDeploy's service role uses the AWS-managed policy made for Lambda traffic shifting. */
export const CODEDEPLOY_LAMBDA_MANAGED_POLICY = 'arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited';

/**
 * Key policy of the deployment's KMS key: the account administers it (IAM policies grant use), CloudWatch
 * Logs encrypts the deployment's log groups, and CloudWatch alarms publish to the encrypted alarm topic.
 * Logs: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html;
 * alarms to encrypted topics: https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger (read 2025-06).
 */
export function deploymentKeyPolicy(config: ServerlessDeploymentConfig): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${config.account}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'CloudWatchLogsEncryptsLogGroups', Effect: 'Allow', Principal: { Service: `logs.${config.region}.amazonaws.com` },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${config.region}:${config.account}:log-group:*` } },
      },
      {
        Sid: 'CloudWatchAlarmsPublishToEncryptedTopic', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*',
      },
      // Grants only for AWS resources (Lambda, SQS, Kinesis create grants on the caller's behalf): AWS Control Tower CT.KMS.PR.3.
      {
        Sid: 'DenyGrantsNotForAwsResources', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant', Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      },
    ],
  };
}
