/**
 * The batch-scoring state machine (Amazon States Language, built once for every engine): Distributed Map
 * over S3, retries, the failure manifest, failure notification, and the SageMaker Batch Transform option.
 */
import { batchScoringDefinition, LAMBDA_TRANSIENT_ERRORS } from '../../lib/inference/deployment/state-machine';
import { batchTrigger } from '../../lib/inference/deployment/triggers';
import { configFor } from './support/configs';

type States = Record<string, Record<string, any>>;

const config = configFor({ target: { kind: 'batch', maxConcurrency: 12 } });
const definition = batchScoringDefinition(config) as { StartAt: string; States: States };
const map = definition.States.ScoreObjects;
const task = map.ItemProcessor.States.ScoreObject;

describe('Distributed Map over the input prefix', () => {
  test('GIVEN a batch deployment WHEN defined THEN the map lists the data bucket under the run\'s prefix and runs child workflows in distributed mode', () => {
    expect(map.ItemReader).toEqual({ Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket: 'scoring-data-123456789012-us-east-1', 'Prefix.$': '$.prefix' } });
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(map.ItemSelector).toEqual({ 'key.$': '$$.Map.Item.Value.Key', 'etag.$': '$$.Map.Item.Value.Etag', 'size.$': '$$.Map.Item.Value.Size' });
    expect(map.MaxConcurrency).toBe(12);
  });

  test('GIVEN a run without a prefix WHEN started THEN it scores the whole input prefix', () => {
    expect(definition.StartAt).toBe('HasPrefix');
    expect(definition.States.UseInputPrefix).toEqual({ Type: 'Pass', Result: { prefix: 'input/' }, Next: 'ScoreObjects' });
  });

  test('GIVEN an object WHEN scored THEN the live alias is invoked with the item as payload', () => {
    expect(task.Parameters).toEqual({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:scoring-inference:live', 'Payload.$': '$' });
  });
});

describe('error handling', () => {
  test('GIVEN transient Lambda errors WHEN they occur THEN the item is retried six times with jittered backoff', () => {
    expect(task.Retry[0]).toEqual({ ErrorEquals: LAMBDA_TRANSIENT_ERRORS, IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, JitterStrategy: 'FULL' });
  });

  test('GIVEN a model error or a timeout WHEN it occurs THEN the item is retried twice; deterministic errors (invalid item, checksum) are not retried', () => {
    expect(task.Retry[1]).toMatchObject({ ErrorEquals: ['ModelExecutionError', 'States.Timeout'], MaxAttempts: 2 });
    const retried = task.Retry.flatMap((r: { ErrorEquals: string[] }) => r.ErrorEquals);
    expect(retried).not.toContain('InvalidInputError');
    expect(retried).not.toContain('ModelIntegrityError');
    expect(retried).not.toContain('States.ALL');
  });

  test('GIVEN items that still fail WHEN the run ends THEN the ResultWriter writes the manifest (with the failed items) under runs/, and up to 5% may fail', () => {
    expect(map.ResultWriter).toEqual({ Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'scoring-data-123456789012-us-east-1', Prefix: 'runs/' } });
    expect(map.ToleratedFailurePercentage).toBe(5);
  });

  test('GIVEN the map fails (too many failures, unreadable input) WHEN caught THEN the alarm topic is notified and the run fails with a named error', () => {
    expect(map.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'NotifyFailure' }]);
    expect(definition.States.NotifyFailure).toMatchObject({ Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:scoring-alarms' }, Next: 'RunFailed' });
    expect(definition.States.RunFailed).toMatchObject({ Type: 'Fail', Error: 'BatchScoringFailed' });
  });
});

describe('SageMaker Batch Transform executor', () => {
  test('GIVEN a model too large for Lambda WHEN the transform executor is chosen THEN one transform job scores the prefix, with retries and the same failure path', () => {
    const transformConfig = configFor({ target: { kind: 'batch', executor: 'sagemaker-batch-transform' } });
    const states = (batchScoringDefinition(transformConfig, { modelName: 'churn-xgb', instanceType: 'ml.m7i.xlarge', instanceCount: 2, kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k' }) as { States: States }).States;
    expect(states.Transform).toMatchObject({
      Resource: 'arn:aws:states:::sagemaker:createTransformJob.sync',
      Parameters: { ModelName: 'churn-xgb', TransformResources: { InstanceType: 'ml.m7i.xlarge', InstanceCount: 2 }, TransformInput: { SplitType: 'Line', ContentType: 'application/jsonlines' } },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'NotifyFailure' }],
    });
    expect(states.ScoreObjects).toBeUndefined();
    expect(() => batchScoringDefinition(transformConfig)).toThrow(/pass the transform model/);
  });
});

describe('run triggers', () => {
  test('GIVEN no schedule WHEN triggered THEN objects created under input/ start a run for their own key', () => {
    expect(batchTrigger(config)).toMatchObject({
      eventPattern: { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: ['scoring-data-123456789012-us-east-1'] }, object: { key: [{ prefix: 'input/' }] } } },
      inputTransformer: { inputPathsMap: { key: '$.detail.object.key' }, inputTemplate: '{"prefix": <key>}' },
    });
  });

  test('GIVEN a schedule WHEN triggered THEN runs start on it over the whole input prefix', () => {
    const scheduled = batchTrigger(configFor({ target: { kind: 'batch', schedule: 'cron(0 2 * * ? *)' } }));
    expect(scheduled).toMatchObject({ scheduleExpression: 'cron(0 2 * * ? *)', input: '{"prefix":"input/"}' });
    expect(scheduled.eventPattern).toBeUndefined();
  });
});
