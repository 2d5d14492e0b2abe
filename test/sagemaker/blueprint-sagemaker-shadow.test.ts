/**
 * `sagemaker-shadow`: production variant plus a shadow variant of the next version, with data capture
 * and a Model Monitor data-quality schedule wired to the same bucket, and a drift alarm; and model quality
 * from chargeback labels (test/sagemaker/model-quality.test.ts covers the options). Rendered once for both.
 */
import { MODEL_QUALITY_NAMESPACE } from '../../lib/sagemaker/model-quality';
import { flatten, s3Role } from './support/endpoint-parity';
import { cfnResources, renderSageMakerBlueprint, sharedBlueprintChecks, type RenderedSageMakerBlueprint } from './support/blueprint-checks';

let r: RenderedSageMakerBlueprint;
beforeAll(async () => { r = await renderSageMakerBlueprint('sagemaker-shadow'); });

/** The bucket token of an s3:// URI or ARN after flattening (`${StorageData...}`). */
const bucketOf = (value: unknown) => /\$\{([^}.]+)/.exec(String(flatten(value)))?.[1];

describe('GIVEN the sagemaker-shadow blueprint', () => {
  sharedBlueprintChecks(() => r);

  test('THEN the shadow variant serves v2 and receives a 20 % sample of production requests', () => {
    for (const engine of [r.cdk, r.terraform, r.pulumi]) {
      expect(engine.config.shadowVariants).toEqual([expect.objectContaining({ name: 'shadow-v2', weight: 0.2, initialInstanceCount: 1 })]);
      expect(engine.models.map((m) => m.artifacts)).toEqual(['s3://<artifacts>/models/fraud-xgboost/model.tar.gz', 's3://<artifacts>/models/fraud-xgboost/v2/model.tar.gz']);
    }
  });

  test('THEN data capture and the monitoring job use the same bucket: capture, baseline and reports', () => {
    const config = cfnResources(r.rendered, 'AWS::SageMaker::EndpointConfig')[0]!.resource.Properties;
    const job = cfnResources(r.rendered, 'AWS::SageMaker::DataQualityJobDefinition')[0]!.resource.Properties;
    const captureBucket = bucketOf(config.DataCaptureConfig.DestinationS3Uri);
    expect(captureBucket).toMatch(/^StorageData/);
    expect(bucketOf(job.DataQualityJobOutputConfig.MonitoringOutputs[0].S3Output.S3Uri)).toBe(captureBucket);
    expect(bucketOf(job.DataQualityBaselineConfig.ConstraintsResource.S3Uri)).toBe(captureBucket);
    expect(bucketOf(job.DataQualityBaselineConfig.StatisticsResource.S3Uri)).toBe(captureBucket);
    expect(job.DataQualityJobInput.EndpointInput.EndpointName).toBe('sagemaker-shadow');
    expect(job.DataQualityAppSpecification.Environment).toEqual({ publish_cloudwatch_metrics: 'Enabled' });
  });

  test('THEN the job role may read the captured requests of this endpoint in that bucket', () => {
    const job = cfnResources(r.rendered, 'AWS::SageMaker::DataQualityJobDefinition')[0]!.resource.Properties;
    const roleId = job.RoleArn['Fn::GetAtt'][0];
    const role = cfnResources(r.rendered, 'AWS::IAM::Role').find(({ id }) => id === roleId)!.resource;
    const read = role.Properties.Policies[0].PolicyDocument.Statement.find((s: any) => s.Sid === 'ReadCaptureAndBaseline');
    const resources = (read.Resource as unknown[]).map((x) => String(flatten(x)));
    expect(resources).toContainEqual(expect.stringMatching(/^arn:\$\{AWS::Partition\}:s3:::\$\{StorageData[^}]*\}\/capture\/sagemaker-shadow\/\*$/));
  });

  test('THEN the hourly schedule runs that job on the endpoint', () => {
    const schedule = cfnResources(r.rendered, 'AWS::SageMaker::MonitoringSchedule')[0]!.resource.Properties;
    expect(schedule).toMatchObject({ EndpointName: 'sagemaker-shadow', MonitoringScheduleConfig: { MonitoringJobDefinitionName: 'sagemaker-shadow-data-quality', MonitoringType: 'DataQuality', ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' } } });
  });

  test('THEN Terraform and Pulumi wire capture and monitoring to their data bucket too', () => {
    const tfJob = Object.values(r.rendered.terraform.json.resource.aws_sagemaker_data_quality_job_definition)[0] as any;
    expect(s3Role(tfJob.data_quality_job_output_config.monitoring_outputs.s3_output.s3_uri)).toBe('s3://<data>/monitoring/sagemaker-shadow/reports/');
    const pulumiJob = r.rendered.pulumi.resources.find((x) => x.type === 'aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition')!.inputs as any;
    expect(s3Role(pulumiJob.dataQualityBaselineConfig.constraintsResource.s3Uri)).toBe('s3://<data>/monitoring/sagemaker-shadow/baseline/constraints.json');
    for (const engine of [r.terraform, r.pulumi]) expect(engine.config.dataCapture!.destination).toBe('s3://<data>/capture/');
  });

  test('THEN a drift alarm fires when a monitored feature drifts past the violation threshold', () => {
    const alarm = cfnResources(r.rendered, 'AWS::CloudWatch::Alarm').find(({ resource }) => resource.Properties.AlarmName === 'sagemaker-shadow-drift')!.resource.Properties;
    expect(alarm.Threshold).toBe(0.1);
    const metrics = alarm.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.MetricName);
    expect(metrics).toEqual(['feature_baseline_drift_transaction_amount', 'feature_baseline_drift_merchant_category', 'feature_baseline_drift_account_age_days']);
    expect(alarm.Metrics.find((m: any) => m.Expression).Expression).toBe('MAX([m0, m1, m2])');
  });
});

describe('GIVEN the sagemaker-shadow blueprint (a fraud classifier with chargeback labels)', () => {
  test('THEN the CloudFormation job reads the same capture bucket as data capture, plus the ground-truth prefix', () => {
    const config = cfnResources(r.rendered, 'AWS::SageMaker::EndpointConfig')[0]!.resource.Properties;
    const job = cfnResources(r.rendered, 'AWS::SageMaker::ModelQualityJobDefinition')[0]!.resource.Properties;
    const captureBucket = bucketOf(config.DataCaptureConfig.DestinationS3Uri);
    expect(bucketOf(job.ModelQualityJobInput.GroundTruthS3Input.S3Uri)).toBe(captureBucket);
    expect(s3Role(flatten(job.ModelQualityJobInput.GroundTruthS3Input.S3Uri).replace(/^s3:\/\/\$\{[^}]+\}/, 's3://data'))).toBe('s3://<data>/ground-truth/sagemaker-shadow/');
    expect(job.ModelQualityJobInput.EndpointInput).toMatchObject({ EndpointName: 'sagemaker-shadow', ProbabilityAttribute: '0', ProbabilityThresholdAttribute: 0.5 });
    expect(job.ModelQualityAppSpecification).toMatchObject({ ProblemType: 'BinaryClassification', Environment: { publish_cloudwatch_metrics: 'Enabled' } });
    // The same Model Monitor analyzer image as the data-quality job.
    const dq = cfnResources(r.rendered, 'AWS::SageMaker::DataQualityJobDefinition')[0]!.resource.Properties;
    expect(job.ModelQualityAppSpecification.ImageUri).toBe(dq.DataQualityAppSpecification.ImageUri);
  });

  test('THEN the schedule is an hourly ModelQuality schedule of that job', () => {
    const schedule = cfnResources(r.rendered, 'AWS::SageMaker::MonitoringSchedule').map((x) => x.resource.Properties).find((p) => p.MonitoringScheduleConfig.MonitoringType === 'ModelQuality');
    expect(schedule).toMatchObject({ EndpointName: 'sagemaker-shadow', MonitoringScheduleConfig: { MonitoringJobDefinitionName: 'sagemaker-shadow-model-quality', ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' } } });
  });

  test('THEN the f1 alarm notifies the alarm topic', () => {
    const alarm = cfnResources(r.rendered, 'AWS::CloudWatch::Alarm').find(({ resource }) => resource.Properties.AlarmName === 'sagemaker-shadow-model-quality')!.resource.Properties;
    expect(alarm).toMatchObject({ Namespace: MODEL_QUALITY_NAMESPACE, MetricName: 'f1', Threshold: 0.8, ComparisonOperator: 'LessThanThreshold' });
    expect(alarm.Dimensions).toEqual(expect.arrayContaining([{ Name: 'Endpoint', Value: 'sagemaker-shadow' }, { Name: 'MonitoringSchedule', Value: 'sagemaker-shadow-model-quality' }]));
    const topics = cfnResources(r.rendered, 'AWS::SNS::Topic').filter(({ resource }) => /alarms/.test(resource.Properties.DisplayName ?? '')).map(({ id }) => id);
    expect(topics).toHaveLength(1);
    expect(alarm.AlarmActions).toEqual([{ Ref: topics[0] }]);
  });

  test('THEN Terraform (awscc job definition) and Pulumi (aws-native job definition) render the same job and schedule', () => {
    expect(r.cdk.modelQuality).toEqual({
      name: 'sagemaker-shadow-model-quality',
      problemType: 'BinaryClassification',
      environment: { publish_cloudwatch_metrics: 'Enabled' },
      endpoint: 'sagemaker-shadow',
      probabilityAttribute: '0',
      probabilityThreshold: 0.5,
      groundTruth: 's3://<data>/ground-truth/sagemaker-shadow/',
      baseline: 's3://<data>/monitoring/sagemaker-shadow/model-quality/baseline/constraints.json',
      reports: ['s3://<data>/monitoring/sagemaker-shadow/model-quality/reports/'],
      encrypted: true,
      schedule: { name: 'sagemaker-shadow-model-quality', job: 'sagemaker-shadow-model-quality', expression: 'cron(0 * ? * * *)' },
    });
    expect(r.terraform.modelQuality).toEqual(r.cdk.modelQuality);
    expect(r.pulumi.modelQuality).toEqual(r.cdk.modelQuality);
    expect(r.rendered.terraform.json.terraform.required_providers.awscc).toMatchObject({ source: 'hashicorp/awscc' });
  });
});
