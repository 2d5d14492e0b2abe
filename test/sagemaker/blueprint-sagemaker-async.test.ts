/**
 * `sagemaker-async`: Whisper on an asynchronous endpoint — S3 output and failure paths, SNS success and
 * error notifications, backlog autoscaling down to zero with a wake-up policy.
 */
import { cfnResources, renderSageMakerBlueprint, sharedBlueprintChecks, type RenderedSageMakerBlueprint } from './support/blueprint-checks';
import { pulumiRetainedStorage } from './support/pulumi-options';

let r: RenderedSageMakerBlueprint;
beforeAll(async () => { r = await renderSageMakerBlueprint('sagemaker-async'); });

describe('GIVEN the sagemaker-async blueprint', () => {
  sharedBlueprintChecks(() => r);

  test('THEN results and failures are written, encrypted, to the data bucket and both topics are notified on every engine', () => {
    const expected = { output: 's3://<data>/async/sagemaker-async/output/', failure: 's3://<data>/async/sagemaker-async/failure/', maxConcurrent: 2, notifies: [true, true], encrypted: true };
    for (const engine of [r.cdk, r.terraform, r.pulumi]) expect(engine.config.async).toEqual(expected);
  });

  test('THEN the notification topics are KMS-encrypted and the execution role may publish to exactly them', () => {
    const config = cfnResources(r.rendered, 'AWS::SageMaker::EndpointConfig')[0]!.resource.Properties;
    const notification = config.AsyncInferenceConfig.OutputConfig.NotificationConfig;
    const topics = cfnResources(r.rendered, 'AWS::SNS::Topic');
    for (const ref of [notification.SuccessTopic, notification.ErrorTopic]) {
      const topic = topics.find(({ id }) => id === ref.Ref)!;
      expect(topic.resource.Properties.KmsMasterKeyId).toBeDefined();
    }
    const role = cfnResources(r.rendered, 'AWS::IAM::Role').find(({ resource }) => /Execution role/.test(resource.Properties.Description))!.resource;
    const publish = role.Properties.Policies[0].PolicyDocument.Statement.find((s: any) => s.Sid === 'NotifyAsyncResults');
    expect(publish.Resource).toHaveLength(2);
    expect(publish.Resource).toEqual(expect.arrayContaining([notification.SuccessTopic, notification.ErrorTopic]));
  });

  test('THEN the GPU fleet scales on the backlog down to zero, and a backlog without capacity wakes it', () => {
    expect(r.cdk.scalableTargets).toEqual([{ resourceId: 'endpoint/sagemaker-async/variant/primary', dimension: 'sagemaker:variant:DesiredInstanceCount', min: 0, max: 4 }]);
    expect(r.cdk.scalingPolicies.map((p) => [p.type, p.metric ?? null])).toEqual(expect.arrayContaining([['TargetTrackingScaling', 'ApproximateBacklogSizePerInstance'], ['StepScaling', null]]));
    const wake = cfnResources(r.rendered, 'AWS::CloudWatch::Alarm').find(({ resource }) => resource.Properties.AlarmName === 'sagemaker-async-backlog-without-capacity')!.resource.Properties;
    expect(wake).toMatchObject({ MetricName: 'HasBacklogWithoutCapacity', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(wake.AlarmActions).toHaveLength(1);
  });

  test('THEN a queue that stops draining raises the oldest-request-age alarm', () => {
    expect(r.cdk.alarms.map((a) => a.name)).toContain('sagemaker-async-oldest-request-age');
  });

  test('THEN the Pulumi storage keeps the buckets and key on pulumi destroy (retainOnDelete)', async () => {
    const retained = await pulumiRetainedStorage();
    expect(retained.filter((type) => type === 'aws:s3/bucket:Bucket')).toHaveLength(3);
    expect(retained).toContain('aws:kms/key:Key');
  });
});
