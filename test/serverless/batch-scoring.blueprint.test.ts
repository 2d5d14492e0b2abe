/**
 * `batch-scoring` on CDK, Terraform and Pulumi: valid under the validation harness; the state machine's
 * error handling (Retry in the item processor, Catch on the map, failure manifest) is the same on every
 * engine; runs start on new input objects; the data bucket is retained on destroy.
 */
import { BATCH_SCORING } from '../../blueprints/serverless';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { expectDriftDetection } from './support/drift';
import { cfn, cfnProps, pulumiInputs, pulumiRetainedResources, tf } from './support/rendered';

let r: RenderedBlueprint;
beforeAll(async () => {
  r = await renderBlueprint(BATCH_SCORING);
});

const DATA_BUCKET = 'batch-scoring-data-123456789012-us-east-1';

test('GIVEN the blueprint WHEN rendered on all three engines THEN the validation harness reports no errors', () => {
  expect(formatFindings(errorsOf(r.findings))).toBe('');
});

describe('state machine', () => {
  function cdkDefinition(): any {
    return JSON.parse(cfnProps(r, 'AWS::StepFunctions::StateMachine')[0].DefinitionString);
  }

  test('GIVEN the CDK state machine WHEN inspected THEN items are retried in the processor and the map catches every error into a failure notification', () => {
    const definition = cdkDefinition();
    const map = definition.States.ScoreObjects;
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor.States.ScoreObject.Retry.map((x: { ErrorEquals: string[] }) => x.ErrorEquals[0])).toEqual(['Lambda.ServiceException', 'ModelExecutionError']);
    expect(map.Catch[0]).toEqual({ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'NotifyFailure' });
    expect(map.ResultWriter.Parameters).toEqual({ Bucket: DATA_BUCKET, Prefix: 'runs/' });
    expect(map.MaxConcurrency).toBe(20);
  });

  test('GIVEN one plan WHEN rendered by each engine THEN the state machine definition is the same document', () => {
    const definition = cdkDefinition();
    expect(JSON.parse(tf(r, 'aws_sfn_state_machine')[0].definition)).toEqual(definition);
    expect(JSON.parse(pulumiInputs(r, 'aws:sfn/stateMachine:StateMachine')[0].definition)).toEqual(definition);
  });

  test('GIVEN the state machine WHEN synthesized THEN every event is logged and traced', () => {
    expect(cfnProps(r, 'AWS::StepFunctions::StateMachine')[0]).toMatchObject({ LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true }, TracingConfiguration: { Enabled: true } });
    expect(tf(r, 'aws_sfn_state_machine')[0]).toMatchObject({ logging_configuration: { level: 'ALL' }, tracing_configuration: { enabled: true } });
  });

  test('GIVEN the state machine role WHEN synthesized THEN it may invoke only the live alias and write only run manifests', () => {
    const role = cfnProps(r, 'AWS::IAM::Role').find((x) => x.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'states.amazonaws.com')!;
    const statements = role.Policies[0].PolicyDocument.Statement as { Sid: string; Resource: unknown }[];
    expect(statements.find((s) => s.Sid === 'InvokeScorer')?.Resource).toBe('arn:aws:lambda:us-east-1:123456789012:function:batch-scoring-inference:live');
    expect(statements.find((s) => s.Sid === 'WriteRunManifests')?.Resource).toBe(`arn:aws:s3:::${DATA_BUCKET}/runs/*`);
  });
});

describe('trigger and data', () => {
  test('GIVEN no schedule WHEN synthesized THEN the data bucket sends events to EventBridge and a rule starts a run per new input object', () => {
    const data = cfn(r, 'AWS::S3::Bucket').find((b) => b.Properties.BucketName === DATA_BUCKET)!;
    expect(data.Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    const rule = cfnProps(r, 'AWS::Events::Rule').find((x) => x.EventPattern !== undefined)!;
    expect(rule.EventPattern.detail).toEqual({ bucket: { name: [DATA_BUCKET] }, object: { key: [{ prefix: 'input/' }] } });
    expect(rule.Targets[0].InputTransformer).toEqual({ InputPathsMap: { key: '$.detail.object.key' }, InputTemplate: '{"prefix": <key>}' });
    expect(tf(r, 'aws_s3_bucket_notification')[0]).toMatchObject({ eventbridge: true });
  });

  test('GIVEN the batch function WHEN synthesized THEN it reads the input prefix and writes the output prefix of the data bucket only', () => {
    const [fn] = cfnProps(r, 'AWS::Lambda::Function');
    expect(fn.Environment.Variables).toMatchObject({ INFERENCE_MODE: 'batch', BATCH_INPUT_BUCKET: DATA_BUCKET, BATCH_INPUT_PREFIX: 'input/', BATCH_OUTPUT_URI: `s3://${DATA_BUCKET}/output/` });
    expect(fn).toMatchObject({ MemorySize: 3008, Timeout: 300, ReservedConcurrentExecutions: 20 });
  });

  test('GIVEN the data bucket WHEN destroyed on any engine THEN it is retained', async () => {
    expect(cfn(r, 'AWS::S3::Bucket').find((b) => b.Properties.BucketName === DATA_BUCKET)?.DeletionPolicy).toBe('Retain');
    expect(tf(r, 'aws_s3_bucket').find((b) => b.bucket === DATA_BUCKET)?.lifecycle).toEqual({ prevent_destroy: true });
    const retained = await pulumiRetainedResources(BATCH_SCORING);
    expect(retained.map((x) => x.name)).toEqual(expect.arrayContaining(['batch-scoring-storage-data', 'batch-scoring-storage-models']));
  });
});

expectDriftDetection(() => r, 'batch-scoring');
