/**
 * Drift detection as every serverless blueprint must render it on CDK, Terraform and Pulumi: capture
 * settings in the inference function's environment, the drift job with its environment, hourly schedule,
 * least-privilege role, and the drift alarm, and the capture lifecycle rule. Shared by the blueprint tests
 * so each renders its blueprint once.
 */
import type { RenderedBlueprint } from '../../../lib/synth/render-blueprint';
import { cfn, cfnProps, pulumiInputs, tf } from './rendered';

const ACCOUNT_REGION = '123456789012-us-east-1';

export function expectDriftDetection(r: () => RenderedBlueprint, name: string): void {
  const drift = `${name}-drift`;
  const dataBucket = `${name}-data-${ACCOUNT_REGION}`;
  const expectedEnv = {
    DRIFT_DEPLOYMENT: name,
    DRIFT_CAPTURE_URI: `s3://${dataBucket}/capture/`,
    DRIFT_BASELINE_URI: `s3://${name}-models-${ACCOUNT_REGION}/baseline/profile.json`,
    DRIFT_WINDOW_HOURS: '24',
    DRIFT_METRICS_NAMESPACE: 'aimd/Drift',
  };

  describe('drift detection', () => {
    test('GIVEN the serverless defaults THEN the inference function captures 20 % of rows under capture/ of the data bucket, on every engine', () => {
      const capture = { CAPTURE_URI: `s3://${dataBucket}/capture/`, CAPTURE_SAMPLING_PERCENT: '20' };
      expect(cfnProps(r(), 'AWS::Lambda::Function').find((f) => f.FunctionName === `${name}-inference`)!.Environment.Variables).toMatchObject(capture);
      expect(tf(r(), 'aws_lambda_function').find((f) => f.function_name === `${name}-inference`)!.environment.variables).toMatchObject(capture);
      expect(pulumiInputs(r(), 'aws:lambda/function:Function').find((f) => f.name === `${name}-inference`)!.environment.variables).toMatchObject(capture);
    });

    test('THEN the drift job runs hourly in the VPC, one run at a time, with the same environment on every engine', () => {
      const cdkFn = cfnProps(r(), 'AWS::Lambda::Function').find((f) => f.FunctionName === drift)!;
      expect(cdkFn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], ReservedConcurrentExecutions: 1, Handler: 'index.handler', Environment: { Variables: expect.objectContaining(expectedEnv) } });
      expect(cdkFn.VpcConfig.SubnetIds).toHaveLength(2);
      const tfFn = tf(r(), 'aws_lambda_function').find((f) => f.function_name === drift)!;
      expect(tfFn.environment.variables).toEqual(cdkFn.Environment.Variables);
      expect(tfFn.vpc_config).toBeDefined();
      const puFn = pulumiInputs(r(), 'aws:lambda/function:Function').find((f) => f.name === drift)!;
      expect(puFn.environment.variables).toEqual(cdkFn.Environment.Variables);
      expect(cfnProps(r(), 'AWS::Events::Rule').find((x) => x.Name === `${name}-drift-schedule`)).toMatchObject({ ScheduleExpression: 'rate(1 hour)', State: 'ENABLED' });
      expect(tf(r(), 'aws_cloudwatch_event_rule').find((x) => x.name === `${name}-drift-schedule`)).toMatchObject({ schedule_expression: 'rate(1 hour)' });
      expect(pulumiInputs(r(), 'aws:cloudwatch/eventRule:EventRule').find((x) => x.name === `${name}-drift-schedule`)).toMatchObject({ scheduleExpression: 'rate(1 hour)' });
      expect(tf(r(), 'aws_lambda_permission').some((p) => p.principal === 'events.amazonaws.com')).toBe(true);
      expect(pulumiInputs(r(), 'aws:lambda/permission:Permission').some((p) => p.principal === 'events.amazonaws.com')).toBe(true);
    });

    test('THEN the drift role only lists and reads capture/, reads the baseline, decrypts, and publishes in aimd/Drift', () => {
      const role = cfnProps(r(), 'AWS::IAM::Role').find((x) => x.Description === `Drift job of ${name}`)!;
      const statements = role.Policies[0].PolicyDocument.Statement as { Sid: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[];
      const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
      expect(bySid.ListCapturedHours).toMatchObject({ Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': ['capture/*'] } } });
      expect(bySid.ReadCapturedRequests).toMatchObject({ Action: 's3:GetObject', Resource: `arn:aws:s3:::${dataBucket}/capture/*` });
      expect(bySid.ReadBaselineProfile).toMatchObject({ Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}-models-${ACCOUNT_REGION}/baseline/profile.json` });
      expect(bySid.DecryptWithDeploymentKey).toMatchObject({ Action: 'kms:Decrypt' });
      expect(bySid.PublishDriftMetrics).toMatchObject({ Action: 'cloudwatch:PutMetricData', Condition: { StringEquals: { 'cloudwatch:namespace': 'aimd/Drift' } } });
      expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => /^s3:(Put|Delete)/.test(a))).toEqual([]);
    });

    test('THEN the drift alarm watches the overall score (> 0.25), a second one failed runs, and both notify the alarm topic, on every engine', () => {
      const alarm = cfnProps(r(), 'AWS::CloudWatch::Alarm').find((a) => a.AlarmName === drift)!;
      expect(alarm).toMatchObject({ Namespace: 'aimd/Drift', MetricName: 'OverallDriftScore', Dimensions: [{ Name: 'Deployment', Value: name }], Statistic: 'Maximum', Period: 3600, Threshold: 0.25 });
      expect(alarm.AlarmActions).toHaveLength(1);
      expect(tf(r(), 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === drift)).toMatchObject({ namespace: 'aimd/Drift', threshold: 0.25 });
      expect(pulumiInputs(r(), 'aws:cloudwatch/metricAlarm:MetricAlarm').find((a) => a.name === drift)).toMatchObject({ namespace: 'aimd/Drift', threshold: 0.25 });
      const jobErrors = cfnProps(r(), 'AWS::CloudWatch::Alarm').find((a) => a.AlarmName === `${drift}-job-errors`)!;
      expect(jobErrors).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: drift }], Threshold: 0 });
      expect(jobErrors.AlarmActions).toHaveLength(1);
    });

    test('THEN captured requests expire after 30 days (lifecycle rule on capture/) on every engine', () => {
      const bucket = cfn(r(), 'AWS::S3::Bucket').find((b) => b.Properties.BucketName === dataBucket)!;
      expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(expect.arrayContaining([expect.objectContaining({ Id: 'expire-captured-requests', Prefix: 'capture/', ExpirationInDays: 30, Status: 'Enabled' })]));
      const tfRules = tf(r(), 'aws_s3_bucket_lifecycle_configuration').flatMap((c) => c.rule as Record<string, any>[]);
      expect(tfRules).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'expire-captured-requests', filter: [{ prefix: 'capture/' }], expiration: [{ days: 30 }] })]));
      const puRules = pulumiInputs(r(), 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration').flatMap((c) => c.rules as Record<string, any>[]);
      expect(puRules).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'expire-captured-requests', filter: { prefix: 'capture/' }, expiration: { days: 30 } })]));
    });
  });
}
