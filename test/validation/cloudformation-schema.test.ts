import * as fs from 'node:fs';
import { App, CfnOutput, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { validateCdkStacks } from '../../lib/validation/cdk-assembly';
import { validateCloudFormationTemplate } from '../../lib/validation/cloudformation-schema';
import { ValidationFinding } from '../../lib/validation/types';

/** One app shared by the CDK tests: synthesizing is the slow part. */
function buildApp() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Serving', { env: { account: '123456789012', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['us-east-1a', 'us-east-1b'], natGateways: 1 });
  const bucket = new s3.Bucket(stack, 'Models', { versioned: true, enforceSSL: true, lifecycleRules: [{ expiration: Duration.days(30) }] });
  const queue = new sqs.Queue(stack, 'Requests', { visibilityTimeout: Duration.seconds(90) });
  const fn = new lambda.Function(stack, 'Handler', {
    vpc,
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code: lambda.Code.fromInline('def handler(event, context): return {}'),
    memorySize: 1024,
    timeout: Duration.seconds(30),
    environment: { MODEL_BUCKET: bucket.bucketName },
  });
  bucket.grantRead(fn);
  queue.grantConsumeMessages(fn);
  const role = new iam.Role(stack, 'SageMakerRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  const model = new sagemaker.CfnModel(stack, 'Model', {
    executionRoleArn: role.roleArn,
    primaryContainer: { image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/x:1', modelDataUrl: bucket.s3UrlForObject('model.tar.gz') },
  });
  const config = new sagemaker.CfnEndpointConfig(stack, 'EndpointConfig', {
    productionVariants: [{ modelName: model.attrModelName, variantName: 'all', initialInstanceCount: 1, instanceType: 'ml.g5.xlarge' }],
  });
  new sagemaker.CfnEndpoint(stack, 'Endpoint', { endpointConfigName: config.attrEndpointConfigName });
  const nested = new NestedStack(stack, 'Monitoring');
  new sqs.Queue(nested, 'DeadLetters');
  new CfnOutput(stack, 'BucketArn', { value: bucket.bucketArn });
  return { app, stack };
}

function rulesAndMessages(findings: readonly ValidationFinding[]): string[] {
  return findings.map((f) => `${f.resource} ${f.rule}: ${f.message}`);
}

/** A template with one resource, the way CDK would write it. */
function templateWith(resource: object, extra: object = {}): object {
  return { Resources: { Subject: resource, Key: { Type: 'AWS::KMS::Key', Properties: {} } }, ...extra };
}

describe('validateCloudFormationTemplate', () => {
  const { app, stack } = buildApp();
  const assembly = app.synth();
  afterAll(() => fs.rmSync(assembly.directory, { recursive: true, force: true }));

  test('a stack of common L2 constructs (VPC, Lambda, S3, SQS, IAM, SageMaker) has no findings', () => {
    // GIVEN the synthesized template of the shared stack
    const template = assembly.getStackByName('Serving').template;

    // WHEN
    const findings = validateCloudFormationTemplate(template, { stackName: 'Serving' });

    // THEN
    expect(Object.keys(template.Resources).length).toBeGreaterThan(30);
    expect(rulesAndMessages(findings)).toEqual([]);
  });

  test('validateCdkStacks covers stacks and nested stacks, from Stack objects or from the assembly', () => {
    // WHEN
    const fromStacks = validateCdkStacks([stack]);
    const fromAssembly = validateCdkStacks(assembly);

    // THEN
    expect(rulesAndMessages(fromStacks)).toEqual([]);
    expect(rulesAndMessages(fromAssembly)).toEqual([]);
    expect(fs.readdirSync(assembly.directory).some((f) => f.endsWith('.nested.template.json'))).toBe(true);
  });

  test('validateCdkStacks reports a broken escape-hatch override with stack, logical id and construct path', () => {
    // GIVEN a property override CloudFormation would reject at deploy time
    const broken = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const brokenStack = new Stack(broken, 'Broken');
    const bucket = new s3.Bucket(brokenStack, 'Data');
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('VersioningConfiguration.Status', 'On');

    // WHEN
    const findings = validateCdkStacks([brokenStack]);
    fs.rmSync(broken.outdir, { recursive: true, force: true });

    // THEN
    expect(rulesAndMessages(findings)).toEqual([
      expect.stringMatching(/^Broken\/Data[0-9A-F]{8} cfn-schema\/allowed-values: Properties\.VersioningConfiguration\.Status: "On" is not one of 'Enabled', 'Suspended' \[Broken\/Data\/Resource\]$/),
    ]);
  });

  test.each([
    ['an unknown resource type, with the closest real one', { Type: 'AWS::S3::Buckets' }, 'cfn-schema/unknown-resource-type', /Type: 'AWS::S3::Buckets' is not a CloudFormation resource type \(did you mean 'AWS::S3::Bucket'\?\)/],
    ['a misspelt property', { Type: 'AWS::S3::Bucket', Properties: { BucketNam: 'models' } }, 'cfn-schema/unknown-property', /Properties\.BucketNam: AWS::S3::Bucket has no property 'BucketNam' \(did you mean 'BucketName'\?\)/],
    ['a missing required property', { Type: 'AWS::SageMaker::Endpoint', Properties: {} }, 'cfn-schema/missing-property', /Properties\.EndpointConfigName: required by AWS::SageMaker::Endpoint but missing/],
    ['a string where an integer is expected', { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn', Code: { ZipFile: 'x' }, Timeout: 'thirty' } }, 'cfn-schema/type-mismatch', /Properties\.Timeout: expected an integer, got "thirty"/],
    ['a fraction where an integer is expected', { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: 1.5 } }, 'cfn-schema/type-mismatch', /Properties\.DelaySeconds: expected an integer, got 1.5/],
    ['an object where a list is expected', { Type: 'AWS::SQS::Queue', Properties: { Tags: { Key: 'a', Value: 'b' } } }, 'cfn-schema/type-mismatch', /Properties\.Tags: expected a list of a tag, got \{"Key":"a","Value":"b"\}/],
    ['a tag without Value', { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'team' }] } }, 'cfn-schema/missing-property', /Properties\.Tags\[0\]\.Value: required by a tag but missing/],
    ['a wrong type in a nested property type', { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 'ten' }] } } }, 'cfn-schema/type-mismatch', /Properties\.LifecycleConfiguration\.Rules\[0\]\.ExpirationInDays: expected an integer, got "ten"/],
    ['an unknown property in a nested property type', { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled', Mode: 'x' } } }, 'cfn-schema/unknown-property', /Properties\.VersioningConfiguration\.Mode: VersioningConfiguration has no property 'Mode'/],
    ['a value outside the allowed values', { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'On' } } }, 'cfn-schema/allowed-values', /Properties\.VersioningConfiguration\.Status: "On" is not one of 'Enabled', 'Suspended'/],
    ['a non-boolean in an Fn::If branch', { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: { 'Fn::If': ['IsProd', 'yes', { Ref: 'AWS::NoValue' }] } } }, 'cfn-schema/type-mismatch', /Properties\.ObjectLockEnabled\.Fn::If\[1\]: expected a boolean, got "yes"/],
    ['a Ref to nothing', { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'QueueNameParameter' } } }, 'cfn-schema/dangling-reference', /Properties\.QueueName: Ref 'QueueNameParameter' names no resource, parameter or pseudo parameter/],
    ['a GetAtt of an attribute the type does not have', { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'KeyArn'] } } }, 'cfn-schema/unknown-attribute', /Properties\.KmsMasterKeyId: AWS::KMS::Key has no attribute 'KeyArn' \(it has: .*Arn/],
    ['an Fn::Sub variable that names nothing', { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${AWS::StackName}-${Missing.Arn}' } } }, 'cfn-schema/dangling-reference', /Properties\.QueueName: Fn::Sub variable '\$\{Missing\.Arn\}' names nothing declared/],
    ['an unresolved CDK string token', { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q-${Token[TOKEN.42]}' } }, 'cfn-schema/unresolved-token', /Properties\.QueueName: unresolved token in "q-\$\{Token\[TOKEN\.42\]\}"/],
    ['an unresolved CDK number token', { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: -1.8881545897087626e289 } }, 'cfn-schema/unresolved-token', /Properties\.DelaySeconds: unresolved number token/],
    ['an unknown intrinsic function', { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Concat': ['a', 'b'] } } }, 'cfn-schema/unknown-intrinsic', /Properties\.QueueName: 'Fn::Concat' is not a CloudFormation intrinsic function/],
    ['an illegal DeletionPolicy', { Type: 'AWS::SQS::Queue', DeletionPolicy: 'Keep' }, 'cfn-schema/invalid-policy', /DeletionPolicy: "Keep" is not one of Delete, Retain, RetainExceptOnCreate, Snapshot/],
    ['RetainExceptOnCreate as UpdateReplacePolicy', { Type: 'AWS::SQS::Queue', UpdateReplacePolicy: 'RetainExceptOnCreate' }, 'cfn-schema/invalid-policy', /UpdateReplacePolicy: "RetainExceptOnCreate" is not one of Delete, Retain, Snapshot/],
    ['a DependsOn on a missing resource', { Type: 'AWS::SQS::Queue', DependsOn: ['Nope'] }, 'cfn-schema/dangling-reference', /DependsOn: "Nope" names no resource of this template/],
    ['a Condition that is not declared', { Type: 'AWS::SQS::Queue', Condition: 'IsDev' }, 'cfn-schema/dangling-reference', /Condition: "IsDev" names no condition of this template/],
    ['a misspelt resource attribute', { Type: 'AWS::SQS::Queue', Propertys: {} }, 'cfn-schema/unknown-resource-attribute', /Propertys: not a resource attribute \(did you mean 'Properties'\?\)/],
    ['a custom resource without ServiceToken', { Type: 'Custom::ModelDownload', Properties: { ModelId: 'x' } }, 'cfn-schema/missing-property', /Properties\.ServiceToken: required by Custom::ModelDownload/],
  ])('reports %s, naming the property path and the value', (_case, resource, rule, message) => {
    // GIVEN a template whose only interesting resource is broken in one way
    const template = templateWith(resource, { Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } });

    // WHEN
    const findings = validateCloudFormationTemplate(template, { stackName: 'S' });

    // THEN exactly that problem is reported, as an error on S/Subject
    expect(findings).toEqual([{ engine: 'cdk', resource: 'S/Subject', rule, severity: 'error', message: expect.stringMatching(message) }]);
  });

  test('accepts every intrinsic function wherever a value is expected', () => {
    // GIVEN intrinsics in string, integer, boolean, list and object positions
    const template = templateWith(
      {
        Type: 'AWS::SQS::Queue',
        DeletionPolicy: 'RetainExceptOnCreate',
        UpdateReplacePolicy: 'Snapshot',
        DependsOn: 'Key',
        Condition: 'IsProd',
        Metadata: { anything: { goes: ['here'] } },
        Properties: {
          QueueName: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }]] },
          DelaySeconds: { 'Fn::FindInMap': ['Delays', { Ref: 'AWS::Region' }, 'seconds'] },
          FifoQueue: { 'Fn::If': ['IsProd', true, { Ref: 'AWS::NoValue' }] },
          KmsMasterKeyId: { 'Fn::ImportValue': 'shared-key' },
          RedrivePolicy: { 'Fn::If': ['IsProd', { deadLetterTargetArn: { 'Fn::GetAtt': ['Key', 'Arn'] } }, { Ref: 'AWS::NoValue' }] },
          Tags: { 'Fn::Split': [',', { 'Fn::Base64': { 'Fn::Sub': ['${Name}', { Name: { Ref: 'Stage' } }] } }] },
        },
      },
      { Parameters: { Stage: { Type: 'String' } }, Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } }, Mappings: { Delays: {} } },
    );

    // WHEN
    const findings = validateCloudFormationTemplate(template);

    // THEN
    expect(rulesAndMessages(findings)).toEqual([]);
  });

  test('checks only ServiceToken on custom resources, and references in outputs', () => {
    // GIVEN a custom resource with free-form properties and an output that refers to a missing resource
    const template = {
      Resources: {
        Download: { Type: 'AWS::CloudFormation::CustomResource', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:1:function:f', AnyShape: [{ nested: 1 }] } },
      },
      Outputs: { Endpoint: { Value: { 'Fn::GetAtt': ['Gone', 'Url'] } } },
    };

    // WHEN
    const findings = validateCloudFormationTemplate(template, { stackName: 'S' });

    // THEN
    expect(rulesAndMessages(findings)).toEqual([
      "S/Outputs.Endpoint cfn-schema/dangling-reference: Output.Value: Fn::GetAtt names resource 'Gone', which the template does not declare",
    ]);
  });

  test('reports a template without Resources instead of throwing', () => {
    expect(validateCloudFormationTemplate({})).toEqual([
      { engine: 'cdk', resource: 'Resources', rule: 'cfn-schema/template', severity: 'error', message: 'Resources: a template needs a Resources object, got undefined' },
    ]);
  });
});
