/**
 * `streaming-inference` on CDK, Terraform and Pulumi: valid under the validation harness; the event source
 * mapping reports partial batch failures, bisects on error, retries a bounded number of times and sends
 * what still fails to the on-failure destination; results go to the EventBridge bus.
 */
import { STREAMING_INFERENCE } from '../../blueprints/serverless';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { expectDriftDetection } from './support/drift';
import { cfnProps, pulumiInputs, tf } from './support/rendered';

let r: RenderedBlueprint;
beforeAll(async () => {
  r = await renderBlueprint(STREAMING_INFERENCE);
});

test('GIVEN the blueprint WHEN rendered on all three engines THEN the validation harness reports no errors', () => {
  expect(formatFindings(errorsOf(r.findings))).toBe('');
});

test('GIVEN a Kinesis source WHEN synthesized by CDK THEN the mapping on the live alias reports partial failures, bisects, retries 3 times and has an on-failure destination', () => {
  const [mapping] = cfnProps(r, 'AWS::Lambda::EventSourceMapping');
  expect(mapping).toMatchObject({
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: 3,
    MaximumRecordAgeInSeconds: 3600,
    BatchSize: 100,
    MaximumBatchingWindowInSeconds: 2,
    StartingPosition: 'TRIM_HORIZON',
    DestinationConfig: { OnFailure: { Destination: expect.anything() } },
  });
  expect(JSON.stringify(mapping.FunctionName)).toContain('InferenceLive');
});

test('GIVEN one plan WHEN rendered by each engine THEN the mapping settings are the same', () => {
  const [terraform] = tf(r, 'aws_lambda_event_source_mapping');
  const [pulumi] = pulumiInputs(r, 'aws:lambda/eventSourceMapping:EventSourceMapping');
  const expected = { batch: 100, window: 2, retries: 3, bisect: true, types: ['ReportBatchItemFailures'] };
  expect({ batch: terraform.batch_size, window: terraform.maximum_batching_window_in_seconds, retries: terraform.maximum_retry_attempts, bisect: terraform.bisect_batch_on_function_error, types: terraform.function_response_types }).toEqual(expected);
  expect({ batch: pulumi.batchSize, window: pulumi.maximumBatchingWindowInSeconds, retries: pulumi.maximumRetryAttempts, bisect: pulumi.bisectBatchOnFunctionError, types: pulumi.functionResponseTypes }).toEqual(expected);
  expect(terraform.destination_config.on_failure.destination_arn).toContain('aws_sqs_queue');
});

test('GIVEN the request stream WHEN synthesized THEN it is on-demand and KMS-encrypted with the deployment key', () => {
  expect(cfnProps(r, 'AWS::Kinesis::Stream')[0]).toMatchObject({ Name: 'streaming-inference-requests', StreamModeDetails: { StreamMode: 'ON_DEMAND' }, StreamEncryption: { EncryptionType: 'KMS' } });
  expect(tf(r, 'aws_kinesis_stream')[0]).toMatchObject({ encryption_type: 'KMS', stream_mode_details: { stream_mode: 'ON_DEMAND' } });
});

test('GIVEN an EventBridge sink WHEN synthesized THEN the bus exists, the function may put events on it only, and reaches it through a VPC endpoint', () => {
  expect(cfnProps(r, 'AWS::Events::EventBus')[0]).toMatchObject({ Name: 'streaming-inference-results' });
  const [fn] = cfnProps(r, 'AWS::Lambda::Function');
  expect(fn.Environment.Variables).toMatchObject({ INFERENCE_MODE: 'stream', RESULT_SINK_KIND: 'eventbridge', RESULT_SINK_TARGET: 'streaming-inference-results' });
  const role = cfnProps(r, 'AWS::IAM::Role').find((x) => x.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'lambda.amazonaws.com')!;
  const publish = (role.Policies[0].PolicyDocument.Statement as { Sid: string }[]).find((s) => s.Sid === 'PublishResults');
  expect(publish).toMatchObject({ Action: 'events:PutEvents', Resource: 'arn:aws:events:us-east-1:123456789012:event-bus/streaming-inference-results' });
  expect(cfnProps(r, 'AWS::EC2::VPCEndpoint').map((e) => JSON.stringify(e.ServiceName))).toEqual(expect.arrayContaining([expect.stringContaining('events')]));
});

expectDriftDetection(() => r, 'streaming-inference');
