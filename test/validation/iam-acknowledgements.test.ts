import * as fs from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addSecurityChecks, synthWithSecurityChecks } from '../../lib/validation/cdk-security';
import { acknowledgeIamFindings } from '../../lib/validation/iam-acknowledgements';

/** A role with an AWS-managed policy and two wildcard statements; a grant adds a default policy later. */
function appWithRole() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Iam');
  const bucket = new s3.Bucket(stack, 'Models', { enforceSSL: true });
  const role = new iam.Role(stack, 'Reader', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    inlinePolicies: {
      Read: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ sid: 'ReadModels', actions: ['s3:GetObject'], resources: [bucket.arnForObjects('models/*')] }),
          new iam.PolicyStatement({ sid: 'ReadAdapters', actions: ['s3:GetObject'], resources: [bucket.arnForObjects('adapters/*')] }),
        ],
      }),
    },
  });
  return { app, bucket, role };
}

/** The IAM findings cdk-nag still reports after synthesis. */
function iamFindingsOf(app: App): string[] {
  addSecurityChecks(app, { cfnGuard: false });
  const { findings } = synthWithSecurityChecks(app);
  fs.rmSync(app.outdir, { recursive: true, force: true });
  return findings.map((f) => f.rule).filter((rule) => rule.startsWith('AwsSolutions-IAM')).sort();
}

describe('acknowledgeIamFindings', () => {
  test('with statement reasons, acknowledges only the wildcard resources of those statements', () => {
    // GIVEN a reason for the ReadModels statement only
    const { app, role } = appWithRole();
    acknowledgeIamFindings(role, { wildcardsByStatement: new Map([['ReadModels', 'model files are named per release at upload time']]) });

    // WHEN
    const remaining = iamFindingsOf(app);

    // THEN the managed policy and the other statement's wildcard are still reported, each by its exact id
    expect(remaining).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<Models\w+\.Arn>\/adapters\/\*\]$/),
    ]);
  });

  test('with scope-wide reasons, acknowledges managed policies and every wildcard, including grants added later', () => {
    // GIVEN scope-wide reasons, registered before a grant adds a default policy with wildcard actions
    const { app, bucket, role } = appWithRole();
    acknowledgeIamFindings(role, {
      managedPolicies: 'AWSLambdaBasicExecutionRole only lets the function write its own logs',
      wildcards: 'reads are limited to the model bucket that this role exists to serve',
    });
    bucket.grantRead(role);

    // WHEN / THEN nothing IAM-related is left
    expect(iamFindingsOf(app)).toEqual([]);
  });

  test('without reasons, acknowledges nothing', () => {
    const { app, role } = appWithRole();
    acknowledgeIamFindings(role, {});
    expect(iamFindingsOf(app)).toHaveLength(3);
  });
});
