/**
 * `serverless-onnx` on CDK, Terraform and Pulumi: valid under the validation harness, and the essentials of
 * the issue: Lambda arm64/Node 22 with the spec's memory and timeout, reserved and provisioned concurrency,
 * the live alias with CodeDeploy canary releases and rollback alarms, the IAM-authorized throttled HTTP API,
 * least privilege, and the model bucket retained on destroy.
 */
import { SERVERLESS_ONNX } from '../../blueprints/serverless';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { expectDriftDetection } from './support/drift';
import { cfn, cfnProps, pulumiInputs, pulumiRetainedResources, tf } from './support/rendered';

let r: RenderedBlueprint;
beforeAll(async () => {
  r = await renderBlueprint(SERVERLESS_ONNX);
});

const FUNCTION = 'serverless-onnx-inference';
const MODEL_OBJECT = 'arn:aws:s3:::serverless-onnx-models-123456789012-us-east-1/models/iris-classifier/model.onnx';

test('GIVEN the blueprint WHEN rendered on all three engines THEN the validation harness reports no errors', () => {
  expect(formatFindings(errorsOf(r.findings))).toBe('');
});

describe('CDK', () => {
  test('GIVEN the spec WHEN synthesized THEN the function is arm64 Node.js 22 with the spec\'s memory, timeout and reserved concurrency, in the VPC', () => {
    const [fn] = cfnProps(r, 'AWS::Lambda::Function');
    expect(fn).toMatchObject({ FunctionName: FUNCTION, Runtime: 'nodejs22.x', Architectures: ['arm64'], MemorySize: 2048, Timeout: 10, ReservedConcurrentExecutions: 50, Handler: 'index.handler' });
    expect(fn.VpcConfig.SubnetIds).toHaveLength(2);
    expect(fn.DeadLetterConfig.TargetArn).toBeDefined();
    expect(fn.KmsKeyArn).toBeDefined();
  });

  test('GIVEN active tracing WHEN synthesized THEN the function records X-Ray segments and its role may write them (no second policy)', () => {
    const [fn] = cfnProps(r, 'AWS::Lambda::Function');
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    const role = cfnProps(r, 'AWS::IAM::Role').find((x) => x.Description === 'Inference function of serverless-onnx')!;
    expect(role.Policies[0].PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Sid: 'WriteTraces', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' }));
    const xrayPolicies = cfnProps(r, 'AWS::IAM::Policy').filter((p) => JSON.stringify(p.PolicyDocument).includes('xray:'));
    expect(xrayPolicies).toEqual([]);
  });

  test('GIVEN canary releases WHEN synthesized THEN the live alias (2 provisioned environments) is updated through the CodeDeploy deployment group', () => {
    const [alias] = cfn(r, 'AWS::Lambda::Alias');
    expect(alias.Properties).toMatchObject({ Name: 'live', ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 } });
    expect(alias.UpdatePolicy.CodeDeployLambdaAliasUpdate).toEqual({ ApplicationName: expect.anything(), DeploymentGroupName: expect.anything() });
    expect(cfnProps(r, 'AWS::CodeDeploy::DeploymentConfig')).toEqual([expect.objectContaining({ ComputePlatform: 'Lambda', TrafficRoutingConfig: { Type: 'TimeBasedCanary', TimeBasedCanary: { CanaryPercentage: 10, CanaryInterval: 10 } } })]);
  });

  test('GIVEN the rollback alarms WHEN synthesized THEN the deployment group rolls back on failure, stop and alarm, watching the four rollback alarms', () => {
    const [group] = cfnProps(r, 'AWS::CodeDeploy::DeploymentGroup');
    expect(group.AutoRollbackConfiguration).toEqual({ Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'] });
    expect(group.AlarmConfiguration.Enabled).toBe(true);
    expect(group.AlarmConfiguration.Alarms).toHaveLength(4);
    const alarms = cfnProps(r, 'AWS::CloudWatch::Alarm');
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual(['serverless-onnx-drift', 'serverless-onnx-drift-job-errors', 'serverless-onnx-duration-p95', 'serverless-onnx-errors', 'serverless-onnx-model-errors', 'serverless-onnx-model-latency-p95', 'serverless-onnx-model-quality', 'serverless-onnx-quality-job-errors', 'serverless-onnx-throttles']);
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
  });

  test('GIVEN the API WHEN synthesized THEN both routes require IAM auth and the stage throttles at 2x the expected rate', () => {
    const routes = cfnProps(r, 'AWS::ApiGatewayV2::Route');
    expect(routes.map((x) => [x.RouteKey, x.AuthorizationType]).sort()).toEqual([['GET /schema', 'AWS_IAM'], ['POST /predict', 'AWS_IAM']]);
    expect(cfnProps(r, 'AWS::ApiGatewayV2::Stage')[0]).toMatchObject({ StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: 40, ThrottlingBurstLimit: 80 }, AccessLogSettings: expect.anything() });
  });

  test('GIVEN least privilege WHEN synthesized THEN the function role reads exactly one model object, writes only under capture/ and has no managed policies', () => {
    const role = cfnProps(r, 'AWS::IAM::Role').find((x) => x.Description === 'Inference function of serverless-onnx')!;
    expect(role.ManagedPolicyArns).toBeUndefined();
    const statements = role.Policies[0].PolicyDocument.Statement as { Sid: string; Action: string | string[]; Resource: unknown }[];
    const s3 = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([
      expect.objectContaining({ Sid: 'ReadOneModelObject', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: MODEL_OBJECT }),
      expect.objectContaining({ Sid: 'WriteCapturedRequests', Action: 's3:PutObject', Resource: 'arn:aws:s3:::serverless-onnx-data-123456789012-us-east-1/capture/*' }),
    ]);
  });

  test('GIVEN the model bucket WHEN the stack is destroyed THEN it is retained (versioned, KMS-encrypted)', () => {
    const model = cfn(r, 'AWS::S3::Bucket').find((b) => b.Properties.BucketName === 'serverless-onnx-models-123456789012-us-east-1')!;
    expect(model.DeletionPolicy).toBe('Retain');
    expect(model.UpdateReplacePolicy).toBe('Retain');
    expect(model.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(model.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
  });

  test('GIVEN the log group WHEN synthesized THEN it keeps logs 365 days, encrypted with the deployment key', () => {
    const logs = cfnProps(r, 'AWS::Logs::LogGroup').find((l) => l.LogGroupName === `/aws/lambda/${FUNCTION}`)!;
    expect(logs).toMatchObject({ RetentionInDays: 365, KmsKeyId: expect.anything() });
  });
});

describe('Terraform', () => {
  test('GIVEN the spec WHEN synthesized THEN the function, the ignored-by-Terraform alias versions, provisioned concurrency and the deployment group match', () => {
    const fn = tf(r, 'aws_lambda_function').find((f) => f.function_name === FUNCTION)!;
    expect(fn).toMatchObject({ function_name: FUNCTION, runtime: 'nodejs22.x', architectures: ['arm64'], memory_size: 2048, timeout: 10, reserved_concurrent_executions: 50, publish: true });
    expect(fn.filename).toMatch(/archive\.zip$/);
    expect(fn.tracing_config).toEqual({ mode: 'Active' });
    expect(tf(r, 'aws_lambda_alias')[0].lifecycle).toEqual({ ignore_changes: ['function_version', 'routing_config'] });
    expect(tf(r, 'aws_lambda_provisioned_concurrency_config')[0]).toMatchObject({ qualifier: expect.stringContaining('aws_lambda_alias'), provisioned_concurrent_executions: 2 });
    expect(tf(r, 'aws_codedeploy_deployment_group')[0]).toMatchObject({
      auto_rollback_configuration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'] },
      alarm_configuration: { enabled: true, alarms: ['serverless-onnx-errors', 'serverless-onnx-duration-p95', 'serverless-onnx-model-errors', 'serverless-onnx-model-latency-p95'] },
    });
  });

  test('GIVEN the buckets WHEN synthesized THEN terraform destroy is prevented', () => {
    const buckets = tf(r, 'aws_s3_bucket');
    expect(buckets.map((b) => b.bucket).sort()).toEqual(['serverless-onnx-data-123456789012-us-east-1', 'serverless-onnx-logs-123456789012-us-east-1', 'serverless-onnx-models-123456789012-us-east-1']);
    for (const bucket of buckets) expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('GIVEN the API WHEN synthesized THEN routes use AWS_IAM and the invoke permission is scoped to the API and account', () => {
    expect(tf(r, 'aws_apigatewayv2_route').map((x) => x.authorization_type)).toEqual(['AWS_IAM', 'AWS_IAM']);
    expect(tf(r, 'aws_lambda_permission')[0]).toMatchObject({ principal: 'apigateway.amazonaws.com', source_account: '123456789012', source_arn: expect.stringContaining('execution_arn') });
  });
});

describe('Pulumi', () => {
  test('GIVEN the spec WHEN run under mocks THEN the function, alias, provisioned concurrency and deployment group match', () => {
    expect(pulumiInputs(r, 'aws:lambda/function:Function').find((f) => f.name === FUNCTION)).toMatchObject({ name: FUNCTION, runtime: 'nodejs22.x', architectures: ['arm64'], memorySize: 2048, timeout: 10, reservedConcurrentExecutions: 50, publish: true, tracingConfig: { mode: 'Active' } });
    expect(pulumiInputs(r, 'aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig')[0]).toMatchObject({ qualifier: 'live', provisionedConcurrentExecutions: 2 });
    expect(pulumiInputs(r, 'aws:codedeploy/deploymentGroup:DeploymentGroup')[0]).toMatchObject({
      autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'] },
      alarmConfiguration: { enabled: true },
    });
  });

  test('GIVEN the buckets and key WHEN pulumi destroy runs THEN they are retained (retainOnDelete)', async () => {
    const retained = await pulumiRetainedResources(SERVERLESS_ONNX);
    expect(retained.filter((x) => x.type === 'aws:s3/bucket:Bucket').map((x) => x.name).sort()).toEqual(['serverless-onnx-storage-data', 'serverless-onnx-storage-logs', 'serverless-onnx-storage-models']);
    expect(retained.map((x) => x.type)).toContain('aws:kms/key:Key');
  });
});

describe('parity', () => {
  test('GIVEN one plan WHEN rendered by each engine THEN the function environment is identical', () => {
    for (const name of [FUNCTION, 'serverless-onnx-drift']) {
      const cdkEnv = cfnProps(r, 'AWS::Lambda::Function').find((f) => f.FunctionName === name)!.Environment.Variables;
      expect(tf(r, 'aws_lambda_function').find((f) => f.function_name === name)!.environment.variables).toEqual(cdkEnv);
      expect(pulumiInputs(r, 'aws:lambda/function:Function').find((f) => f.name === name)!.environment.variables).toEqual(cdkEnv);
    }
  });

  test('GIVEN one plan WHEN rendered by each engine THEN the alarms have the same names, metrics and thresholds', () => {
    const essentials = (a: Record<string, any>) => [a.name ?? a.alarm_name ?? a.AlarmName, a.metricName ?? a.metric_name ?? a.MetricName, a.threshold ?? a.Threshold].join('|');
    const cdk = cfnProps(r, 'AWS::CloudWatch::Alarm').map(essentials).sort();
    expect(tf(r, 'aws_cloudwatch_metric_alarm').map(essentials).sort()).toEqual(cdk);
    expect(pulumiInputs(r, 'aws:cloudwatch/metricAlarm:MetricAlarm').map(essentials).sort()).toEqual(cdk);
  });

  test('GIVEN monitoring.quality WHEN rendered by each engine THEN a daily quality job scores the labels and its alarm fires below 90 % accuracy', () => {
    const [cdkJob] = cfnProps(r, 'AWS::Lambda::Function').filter((f) => f.FunctionName === 'serverless-onnx-quality');
    expect(cdkJob.Environment.Variables).toMatchObject({ AIMD_JOB: 'quality', QUALITY_METRIC: 'accuracy', QUALITY_PREDICTION_FIELD: 'label' });
    expect(cdkJob.Environment.Variables.QUALITY_LABELS_URI).toMatch(/^s3:\/\/.+\/ground-truth\/$/);
    const [alarm] = cfnProps(r, 'AWS::CloudWatch::Alarm').filter((a) => a.AlarmName === 'serverless-onnx-model-quality');
    expect(alarm).toMatchObject({ MetricName: 'ModelQuality', Namespace: 'aimd/Quality', Threshold: 0.9, ComparisonOperator: 'LessThanThreshold' });
    const [tfJob] = tf(r, 'aws_lambda_function').filter((f) => f.function_name === 'serverless-onnx-quality');
    expect(tfJob.environment.variables.AIMD_JOB).toBe('quality');
    expect(tf(r, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === 'serverless-onnx-model-quality')).toMatchObject({ comparison_operator: 'LessThanThreshold', threshold: 0.9 });
    const [pulumiJob] = pulumiInputs(r, 'aws:lambda/function:Function').filter((f) => f.name === 'serverless-onnx-quality');
    expect(pulumiJob.environment.variables.AIMD_JOB).toBe('quality');
    expect(pulumiInputs(r, 'aws:cloudwatch/metricAlarm:MetricAlarm').find((a) => a.name === 'serverless-onnx-model-quality')).toMatchObject({ comparisonOperator: 'LessThanThreshold' });
  });

  test('GIVEN one plan WHEN rendered by each engine THEN the canary configuration is the same', () => {
    const [tfConfig] = tf(r, 'aws_codedeploy_deployment_config');
    const [pulumiConfig] = pulumiInputs(r, 'aws:codedeploy/deploymentConfig:DeploymentConfig');
    expect(tfConfig.traffic_routing_config).toEqual({ type: 'TimeBasedCanary', time_based_canary: { interval: 10, percentage: 10 } });
    expect(pulumiConfig.trafficRoutingConfig).toEqual({ type: 'TimeBasedCanary', timeBasedCanary: { interval: 10, percentage: 10 } });
    expect(tfConfig.deployment_config_name).toBe(cfnProps(r, 'AWS::CodeDeploy::DeploymentConfig')[0].DeploymentConfigName);
  });
});

expectDriftDetection(() => r, 'serverless-onnx');
