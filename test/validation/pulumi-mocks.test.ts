import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { RecordedPulumiResource, UNKNOWN_OUTPUT, capturePulumiProgram, validatePulumiResources } from '../../lib/validation/pulumi-mocks';

/** A small blueprint-shaped component: a model bucket and a role that may read it. */
class ModelStore extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:test:ModelStore', name, {}, opts);
    const bucket = new aws.s3.Bucket(`${name}-models`, {}, { parent: this, retainOnDelete: true });
    const role = new aws.iam.Role(`${name}-reader`, {
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }, { parent: this });
    const region = aws.getRegionOutput({}, { parent: this });
    new aws.iam.RolePolicy(`${name}-read`, {
      role: role.name,
      policy: pulumi.jsonStringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: pulumi.interpolate`${bucket.arn}/*`, Condition: { StringEquals: { 'aws:RequestedRegion': region.name } } }] }),
    }, { parent: this });
    // Created only once the bucket's ARN is known: capture must wait for it.
    bucket.arn.apply((arn) => new aws.s3.BucketPolicy(`${name}-policy`, { bucket: bucket.bucket, policy: JSON.stringify({ arn }) }, { parent: this }));
    this.roleArn = role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}

function servingProgram(): void {
  new ModelStore('store');
  const cluster = new k8s.Provider('cluster', { kubeconfig: '{}', namespace: 'serving' });
  const labels = { app: 'vllm' };
  new k8s.apps.v1.Deployment('vllm', {
    metadata: { name: 'vllm', namespace: 'serving' },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'server', image: 'vllm/vllm-openai:v0.11.0' }] } } },
  }, { provider: cluster });
}

function byName(resources: readonly RecordedPulumiResource[], name: string): RecordedPulumiResource {
  const found = resources.find((r) => r.name === name);
  if (!found) throw new Error(`no resource named ${name}; have ${resources.map((r) => r.name).join(', ')}`);
  return found;
}

describe('capturePulumiProgram', () => {
  let resources: RecordedPulumiResource[];
  beforeAll(async () => {
    resources = await capturePulumiProgram(servingProgram, { stack: 'dev' });
  });

  test('records every registration with type, URN, parent and plain-JSON inputs with outputs resolved', () => {
    // THEN the component and its children, including the one created inside apply(), are all there
    expect(resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aimd:test:ModelStore store',
      'aws:iam/role:Role store-reader',
      'aws:iam/rolePolicy:RolePolicy store-read',
      'aws:s3/bucket:Bucket store-models',
      'aws:s3/bucketPolicy:BucketPolicy store-policy',
      'kubernetes:apps/v1:Deployment vllm',
      'pulumi:providers:kubernetes cluster',
    ]);
    const store = byName(resources, 'store');
    expect(store).toMatchObject({ custom: false, urn: 'urn:pulumi:dev::aimd::aimd:test:ModelStore::store' });
    expect(byName(resources, 'store-read')).toMatchObject({
      parent: store.urn,
      urn: 'urn:pulumi:dev::aimd::aimd:test:ModelStore$aws:iam/rolePolicy:RolePolicy::store-read',
      inputs: { role: 'store-reader' },
    });
    // AND outputs of other resources and of provider functions are resolved into the inputs
    expect(JSON.parse(byName(resources, 'store-read').inputs.policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::store-models/*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }],
    });
    expect(byName(resources, 'store-policy').inputs).toEqual({ bucket: 'store-models', policy: '{"arn":"arn:aws:s3:::store-models"}' });
  });

  test('records the resource options that keep data on destroy', () => {
    expect(byName(resources, 'store-models')).toMatchObject({ retainOnDelete: true, protect: false });
    expect(byName(resources, 'store-reader')).toMatchObject({ retainOnDelete: false });
  });

  test('records the explicit provider of Kubernetes resources', () => {
    const deployment = byName(resources, 'vllm');
    expect(deployment.provider).toMatch(/^urn:pulumi:dev::aimd::pulumi:providers:kubernetes::cluster::/);
    expect(deployment.inputs).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'vllm', namespace: 'serving' } });
  });

  test('runs several programs in one process, each returning only its own resources', async () => {
    // WHEN two more programs run, even concurrently
    const [first, second] = await Promise.all([
      capturePulumiProgram(() => new aws.s3.Bucket('only-bucket'), { stack: 'a' }),
      capturePulumiProgram(async () => {
        const me = await aws.getCallerIdentity();
        const zones = await aws.getAvailabilityZones();
        const partition = await aws.getPartition();
        new aws.ssm.Parameter('account', { type: 'String', value: `${partition.partition}:${me.accountId}:${zones.names.join(',')}` });
      }, { stack: 'b', environment: { region: 'eu-west-1', account: '111122223333' } }),
    ]);

    // THEN
    expect(first.map((r) => r.urn)).toEqual(['urn:pulumi:a::aimd::aws:s3/bucket:Bucket::only-bucket']);
    expect(second.map((r) => [r.name, r.inputs.value])).toEqual([['account', 'aws:111122223333:eu-west-1a,eu-west-1b,eu-west-1c']]);
  });
});

describe('validatePulumiResources', () => {
  test('a program with resolved inputs has no findings', async () => {
    const resources = await capturePulumiProgram(servingProgram);
    expect(validatePulumiResources(resources)).toEqual([]);
  });

  test('reports an Output interpolated into a string and a duplicate URN', async () => {
    // GIVEN the classic mistakes
    const resources = await capturePulumiProgram(() => {
      const bucket = new aws.s3.Bucket('models');
      new aws.iam.Role('reader', { assumeRolePolicy: '{}', description: `reads ${bucket.arn}` });
      new aws.s3.Bucket('models');
    });

    // WHEN
    const findings = validatePulumiResources(resources);

    // THEN
    expect(findings).toEqual([
      { engine: 'pulumi', resource: 'urn:pulumi:test::aimd::aws:iam/role:Role::reader', rule: 'pulumi/output-in-string', severity: 'error', message: 'description: an Output was put into a string with `${}`; use pulumi.interpolate or .apply()' },
      { engine: 'pulumi', resource: 'urn:pulumi:test::aimd::aws:s3/bucket:Bucket::models', rule: 'pulumi/duplicate-urn', severity: 'error', message: 'two resources share the URN urn:pulumi:test::aimd::aws:s3/bucket:Bucket::models; give them different names or parents' },
    ]);
  });

  test('reports unresolved outputs and empty identifiers, naming the input path', () => {
    // GIVEN recorded resources as a preview would produce them
    const resources: RecordedPulumiResource[] = [
      { type: 'aws:iam/rolePolicy:RolePolicy', name: 'p', urn: 'urn:p', custom: true, dependencies: [], retainOnDelete: false, protect: false, inputs: { role: UNKNOWN_OUTPUT, policy: '{}' } },
      { type: 'aws:lambda/function:Function', name: 'f', urn: 'urn:f', custom: true, dependencies: [], retainOnDelete: false, protect: false, inputs: { vpcConfig: { subnetIds: ['subnet-1'], securityGroupIds: [''] }, roleArn: null } },
    ];

    // THEN
    expect(validatePulumiResources(resources).map((f) => `${f.resource} ${f.rule}: ${f.message}`)).toEqual([
      'urn:p pulumi/unresolved-output: role: the output this input reads never resolved',
      'urn:f pulumi/empty-input: vpcConfig.securityGroupIds[0]: "" where an identifier is expected',
      'urn:f pulumi/empty-input: roleArn: null where an identifier is expected',
    ]);
  });
});
