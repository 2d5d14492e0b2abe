import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { validateTerraformJson } from '../../lib/validation/terraform';

/** A small cdktf stack: provider with an alias, resource, data source, variable, output, references between them. */
function synthesizedStack(): Record<string, any> {
  const stack = new TerraformStack(Testing.app(), 'serving');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const west = new AwsProvider(stack, 'west', { region: 'us-west-2', alias: 'west' });
  const prefix = new TerraformVariable(stack, 'prefix', { type: 'string', default: 'models-' });
  const bucket = new S3Bucket(stack, 'models', { bucketPrefix: prefix.stringValue, provider: west });
  const me = new DataAwsCallerIdentity(stack, 'me');
  new IamRole(stack, 'reader', {
    name: 'model-reader',
    assumeRolePolicy: JSON.stringify({ Statement: [{ Principal: { AWS: `arn:aws:iam::${me.accountId}:root` }, Resource: bucket.arn }] }),
    tags: { buckets: Fn.join(',', [bucket.id]) },
    dependsOn: [bucket],
  });
  new TerraformOutput(stack, 'bucket', { value: bucket.bucket });
  return JSON.parse(Testing.synth(stack));
}

describe('validateTerraformJson', () => {
  const valid = synthesizedStack();
  /** A deep copy of the valid stack, broken by `mutate`. */
  const broken = (mutate: (json: Record<string, any>) => void) => {
    const copy = JSON.parse(JSON.stringify(valid));
    mutate(copy);
    return copy;
  };

  test('a synthesized cdktf stack has no findings', () => {
    // GIVEN the stack uses references, a data source, a variable, an aliased provider and depends_on
    expect(valid.resource.aws_iam_role.reader.assume_role_policy).toContain('${data.aws_caller_identity.me.account_id}');
    expect(valid.resource.aws_s3_bucket.models.provider).toBe('aws.west');

    // THEN
    expect(validateTerraformJson(valid, 'serving')).toEqual([]);
  });

  test.each([
    ['a provider missing from required_providers', (j: any) => { delete j.terraform.required_providers.aws; }, 'serving/provider.aws', 'terraform/required-providers', /terraform\.required_providers is missing: provider 'aws' is used here/],
    ['a resource type whose provider is not declared', (j: any) => { j.resource.helm_release = { vllm: { name: 'vllm', chart: 'vllm' } }; }, 'serving/helm_release.vllm', 'terraform/required-providers', /terraform\.required_providers has no 'helm'/],
    ['a provider alias that is not configured', (j: any) => { j.resource.aws_s3_bucket.models.provider = 'aws.east'; }, 'serving/aws_s3_bucket.models', 'terraform/unknown-provider-alias', /provider = "aws\.east" names no provider block with that alias/],
    ['a reference to a missing resource', (j: any) => { j.resource.aws_iam_role.reader.description = 'reads ${aws_s3_bucket.datasets.arn}'; }, 'serving/aws_iam_role.reader', 'terraform/reference', /^description: \$\{aws_s3_bucket\.datasets\.arn\} refers to aws_s3_bucket\.datasets, which this stack does not declare$/],
    ['a reference to a missing data source inside a function call', (j: any) => { j.resource.aws_iam_role.reader.description = '${upper(data.aws_region.current.name)}'; }, 'serving/aws_iam_role.reader', 'terraform/reference', /refers to data\.aws_region\.current/],
    ['a reference to a missing variable', (j: any) => { j.output.bucket.value = '${var.bucket_name}'; }, 'serving/output', 'terraform/reference', /^bucket\.value: \$\{var\.bucket_name\} refers to var\.bucket_name/],
    ['a depends_on entry naming nothing', (j: any) => { j.resource.aws_iam_role.reader.depends_on = ['aws_s3_bucket.datasets']; }, 'serving/aws_iam_role.reader', 'terraform/reference', /depends_on: "aws_s3_bucket\.datasets" names nothing declared/],
    ['an unresolved cdktf string token', (j: any) => { j.resource.aws_iam_role.reader.name = '${TfToken[TOKEN.17]}'; }, 'serving/aws_iam_role.reader', 'terraform/unresolved-token', /^name: unresolved token in "\$\{TfToken\[TOKEN\.17\]\}"/],
    ['an unresolved cdktf number token', (j: any) => { j.resource.aws_iam_role.reader.max_session_duration = -8.10956221259138e298; }, 'serving/aws_iam_role.reader', 'terraform/unresolved-token', /^max_session_duration: unresolved number token/],
    ['an invalid resource name', (j: any) => { j.resource.aws_s3_bucket['model bucket'] = { bucket: 'x' }; }, 'serving/aws_s3_bucket.model bucket', 'terraform/invalid-address', /'model bucket' is not a valid Terraform name/],
    ['count combined with for_each', (j: any) => { Object.assign(j.resource.aws_s3_bucket.models, { count: 2, for_each: '${toset(["a"])}' }); }, 'serving/aws_s3_bucket.models', 'terraform/count-and-for-each', /count and for_each cannot both be set/],
  ])('reports %s', (_case, mutate, resource, rule, message) => {
    // WHEN
    const findings = validateTerraformJson(broken(mutate), 'serving');

    // THEN
    expect(findings).toEqual([{ engine: 'terraform', resource, rule, severity: 'error', message: expect.stringMatching(message) }]);
  });

  test('ignores escaped interpolations, string literals and iteration variables', () => {
    // GIVEN expressions that look like references but are not
    const json = broken((j) => {
      j.resource.aws_iam_role.reader.description = '$${aws_s3_bucket.literal.arn} ${join("aws_x.y", [each.value, count.index, path.module])}';
    });

    // THEN
    expect(validateTerraformJson(json, 'serving')).toEqual([]);
  });
});
