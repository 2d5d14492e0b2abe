/**
 * The CloudFormation schema check as a CDK validation plugin: what the project's CDK app runs in place of
 * aws-cdk-lib's built-in template validation, so `cdk synth` fails on a template CloudFormation rejects.
 */
import * as fs from 'node:fs';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { synthWithSecurityChecks } from '../../lib/validation/cdk-security';
import { CloudFormationSchemaPlugin } from '../../lib/validation/cloudformation-schema-plugin';

describe('CloudFormationSchemaPlugin', () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  function synthWith(build: (stack: Stack) => void) {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    build(new Stack(app, 'S'));
    Validations.of(app).addPlugins(new CloudFormationSchemaPlugin());
    const result = synthWithSecurityChecks(app);
    outdirs.push(app.outdir);
    return result;
  }

  test('GIVEN a misspelt property WHEN synthesized THEN synth reports an error naming the construct, the property and the fix', () => {
    const { findings } = synthWith((stack) => new CfnResource(stack, 'Bucket', { type: 'AWS::S3::Bucket', properties: { BucketNmae: 'models' } }));
    expect(findings).toEqual([{
      engine: 'cdk',
      resource: 'S/Bucket',
      rule: 'aimd-cfn-schema::cfn-schema/unknown-property',
      severity: 'error',
      message: expect.stringMatching(/Properties\.BucketNmae: AWS::S3::Bucket has no property 'BucketNmae' \(did you mean 'BucketName'\?\).*\(aimd-cfn-schema\)$/),
    }]);
  });

  test('GIVEN valid L2 constructs WHEN synthesized THEN there is no finding', () => {
    expect(synthWith((stack) => new s3.Bucket(stack, 'Models', { enforceSSL: true })).findings).toEqual([]);
  });
});
