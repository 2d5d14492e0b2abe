/**
 * Options beyond the three blueprints: an SQS source with an SQS sink, a scheduled batch, an existing VPC
 * and key, a function URL, the SageMaker Batch Transform executor and a container image. Each renders
 * without error findings where the harness runs.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { serverlessBlueprint } from '../../blueprints/serverless';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { BatchScoringStack } from '../../stacks/cdk/batch-scoring-stack';
import { ServerlessOnnxStack } from '../../stacks/cdk/serverless-onnx-stack';
import { StreamingInferenceStack } from '../../stacks/cdk/streaming-inference-stack';
import { renderStreamingInferencePulumi } from '../../stacks/pulumi/serverless-programs';
import { StreamingInferenceTerraformStack } from '../../stacks/terraform/streaming-inference-stack';
import { configFor, TEST_ENV } from './support/configs';
import { cfnProps, tf } from './support/rendered';

const SQS_STREAMING = serverlessBlueprint({
  name: 'sqs-scoring',
  description: 'SQS in, SQS out, existing VPC and key',
  spec: {
    name: 'sqs-scoring',
    model: { id: 'fraud' },
    runtime: { engine: 'onnxruntime' },
    target: { kind: 'streaming', source: 'sqs', batchSize: 50, maxBatchingWindowSeconds: 5, sink: 'sqs' },
    monitoring: { logRetentionDays: 365 },
    security: {
      vpc: { vpcId: 'vpc-0123456789abcdef0', privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'] },
      kmsKey: { keyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    },
  },
  cdk: (app, id, config, env) => new StreamingInferenceStack(app, id, { config, env }),
  terraform: (app, id, config) => new StreamingInferenceTerraformStack(app, id, { config }),
  pulumi: (config) => renderStreamingInferencePulumi(config),
});

describe('SQS source and sink, existing VPC and key', () => {
  let r: RenderedBlueprint;
  beforeAll(async () => {
    r = await renderBlueprint(SQS_STREAMING);
  });

  test('GIVEN the variant WHEN rendered on all three engines THEN the validation harness reports no errors', () => {
    expect(formatFindings(errorsOf(r.findings))).toBe('');
  });

  test('GIVEN an SQS source WHEN synthesized THEN the queue redrives to its dead-letter queue and the mapping reports partial failures', () => {
    const queues = cfnProps(r, 'AWS::SQS::Queue');
    const requests = queues.find((q) => q.QueueName === 'sqs-scoring-requests')!;
    expect(requests).toMatchObject({ VisibilityTimeout: 360, RedrivePolicy: { maxReceiveCount: 5 } });
    expect(cfnProps(r, 'AWS::Lambda::EventSourceMapping')[0]).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'], BatchSize: 50, MaximumBatchingWindowInSeconds: 5 });
    expect(tf(r, 'aws_lambda_event_source_mapping')[0]).toMatchObject({ function_response_types: ['ReportBatchItemFailures'], batch_size: 50 });
  });

  test('GIVEN an existing VPC and key WHEN synthesized THEN no VPC or key is created and the function uses the given subnets', () => {
    expect(cfnProps(r, 'AWS::EC2::VPC')).toHaveLength(0);
    expect(cfnProps(r, 'AWS::KMS::Key')).toHaveLength(0);
    expect(tf(r, 'aws_vpc')).toHaveLength(0);
    expect(cfnProps(r, 'AWS::Lambda::Function')[0].VpcConfig.SubnetIds).toEqual(['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210']);
  });
});

describe('CDK-only options', () => {
  // aws-cdk-lib's built-in template validation (warnings only, seconds per app) is left to `aimd synth`.
  function synth(build: (app: App) => void) {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    build(app);
    return app;
  }

  test('GIVEN api kind function-url WHEN synthesized THEN the live alias gets a function URL with IAM auth and no HTTP API is created', () => {
    const base = configFor({ target: { kind: 'lambda' } });
    const app = synth((a) => new ServerlessOnnxStack(a, 'url', { env: TEST_ENV, config: { ...base, api: { ...base.api!, kind: 'function-url' } } }));
    const template = Template.fromStack(app.node.findChild('url') as ServerlessOnnxStack);
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', Qualifier: 'live' });
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
  });

  test('GIVEN a schedule and the Batch Transform executor WHEN synthesized THEN a rule on the schedule starts a transform job run', () => {
    const config = configFor({ target: { kind: 'batch', executor: 'sagemaker-batch-transform', schedule: 'rate(1 day)' } });
    const app = synth((a) => new BatchScoringStack(a, 'transform', { env: TEST_ENV, config, transform: { modelName: 'churn-xgb', instanceType: 'ml.m7i.xlarge', instanceCount: 1 } }));
    const template = Template.fromStack(app.node.findChild('transform') as BatchScoringStack);
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 day)' });
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as { Properties: { DefinitionString: unknown } }[];
    expect(JSON.stringify(machine.Properties.DefinitionString)).toContain('createTransformJob.sync');
  });

  test('GIVEN runtime.image WHEN synthesized THEN the function is deployed from the ECR image', () => {
    const config = configFor({ target: { kind: 'lambda' }, runtime: { engine: 'onnxruntime', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/onnx-inference:1.4.0' } });
    const app = synth((a) => new ServerlessOnnxStack(a, 'image', { env: TEST_ENV, config }));
    const template = Template.fromStack(app.node.findChild('image') as ServerlessOnnxStack);
    template.hasResourceProperties('AWS::Lambda::Function', { PackageType: 'Image', Code: { ImageUri: { 'Fn::Join': ['', ['123456789012.dkr.ecr.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/onnx-inference:1.4.0']] } } });
  });
});
