/**
 * What the Pulumi mocks answer: plausible ids, ARNs and outputs for resources, and results for the
 * provider functions programs commonly call. Values are fake but shaped like the real ones, so that
 * outputs read by other resources (`role.arn`, `cluster.endpoint`) resolve instead of becoming undefined.
 */
import type * as pulumi from '@pulumi/pulumi';

/** The fake AWS environment every capture runs in. */
export interface MockEnvironment {
  readonly region: string;
  readonly account: string;
}

/** Outputs a few resource types have that are not among their inputs (shapes from @pulumi/aws 7.x docs, read 2026-11-24). */
const EXTRA_OUTPUTS: Readonly<Record<string, (name: string, env: MockEnvironment) => Record<string, unknown>>> = {
  'aws:s3/bucket:Bucket': (name) => ({ bucket: name, bucketDomainName: `${name}.s3.amazonaws.com` }),
  'aws:s3/bucketV2:BucketV2': (name) => ({ bucket: name, bucketDomainName: `${name}.s3.amazonaws.com` }),
  'aws:eks/cluster:Cluster': (name, env) => ({
    endpoint: `https://${name}.gr7.${env.region}.eks.amazonaws.com`,
    certificateAuthority: { data: 'bW9jay1jYQ==' },
    identities: [{ oidcs: [{ issuer: `https://oidc.eks.${env.region}.amazonaws.com/id/MOCK${name.toUpperCase()}` }] }],
    vpcConfig: { clusterSecurityGroupId: `sg-${name}` },
    version: '1.33',
  }),
  'aws:iam/openIdConnectProvider:OpenIdConnectProvider': (name, env) => ({ url: `oidc.eks.${env.region}.amazonaws.com/id/${name}` }),
  'aws:lambda/function:Function': (name, env) => ({
    invokeArn: `arn:aws:apigateway:${env.region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${env.region}:${env.account}:function:${name}/invocations`,
    qualifiedArn: `arn:aws:lambda:${env.region}:${env.account}:function:${name}:1`,
    version: '1',
  }),
  'aws:ec2/vpc:Vpc': () => ({ defaultSecurityGroupId: 'sg-default' }),
  // azure-native 3.x output names (types/output.d.ts, read 2026-12-03).
  'azure-native:containerservice:ManagedCluster': (name) => ({ oidcIssuerProfile: { enabled: true, issuerURL: `https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/${name}/` } }),
  'azure-native:managedidentity:UserAssignedIdentity': (name) => ({ principalId: `${name}-principal`, clientId: `${name}-client` }),
  'azure-native:keyvault:Vault': (name) => ({ properties: { vaultUri: `https://${name}.vault.azure.net/` } }),
  'azure-native:monitor:AzureMonitorWorkspace': (name) => ({ metrics: { prometheusQueryEndpoint: `https://${name}.eastus.prometheus.monitor.azure.com` } }),
};

/** State for a newly registered resource: the inputs echoed back, plus id, ARN, name and known extras. */
export function mockResourceState(args: pulumi.runtime.MockResourceArgs, env: MockEnvironment): { id: string | undefined; state: Record<string, unknown> } {
  const inputs = (args.inputs ?? {}) as Record<string, unknown>;
  if (args.custom === false) return { id: undefined, state: inputs };
  const [pkg, module = ''] = args.type.split(':');
  if (pkg === 'kubernetes') {
    const metadata = { name: args.name, ...((inputs.metadata as object | undefined) ?? {}) };
    return { id: args.name, state: { ...inputs, metadata } };
  }
  if (pkg === 'azure-native') return { id: `${args.name}-id`, state: { ...inputs, name: azureNameOf(args.type, inputs) ?? args.name, ...(EXTRA_OUTPUTS[args.type]?.(args.name, env) ?? {}) } };
  if (pkg !== 'aws') return { id: `${args.name}-id`, state: { name: args.name, ...inputs } };
  const service = module.split('/')[0];
  const kind = module.split('/')[1] ?? 'resource';
  const arn = arnFor(service, kind, args.name, env);
  const extras = EXTRA_OUTPUTS[args.type]?.(args.name, env) ?? {};
  return { id: `${args.name}-id`, state: { arn, name: args.name, ...extras, ...inputs } };
}

/** S3 ARNs carry neither region nor account, IAM ARNs no region; everything else both. */
function arnFor(service: string, kind: string, name: string, env: MockEnvironment): string {
  if (service === 's3') return `arn:aws:s3:::${name}`;
  if (service === 'iam') return `arn:aws:iam::${env.account}:${kind}/${name}`;
  return `arn:aws:${service}:${env.region}:${env.account}:${kind}/${name}`;
}

/**
 * The Azure name an azure-native resource is given: its `<type>Name` input (`virtualNetworkName`, `vaultName`),
 * else the few other spellings azure-native uses (`containerName`, `accountName`, `resourceName`), as `name` is in Azure.
 */
function azureNameOf(type: string, inputs: Record<string, unknown>): string | undefined {
  const kind = type.split(':')[2] ?? '';
  const camel = kind.charAt(0).toLowerCase() + kind.slice(1);
  for (const key of [`${camel}Name`, `${camel}ResourceName`, 'containerName', 'accountName', 'resourceName']) {
    if (typeof inputs[key] === 'string') return inputs[key] as string;
  }
  return undefined;
}

/** Results for common provider functions; unknown functions echo their inputs. */
export function mockCallResult(args: pulumi.runtime.MockCallArgs, env: MockEnvironment): Record<string, unknown> {
  const { region, account } = env;
  switch (args.token) {
    case 'aws:index/getRegion:getRegion':
      return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return { id: account, accountId: account, arn: `arn:aws:iam::${account}:user/aimd-test`, userId: 'AIDAAIMDTEST' };
    case 'aws:index/getAvailabilityZones:getAvailabilityZones':
      return { id: region, names: ['a', 'b', 'c'].map((z) => `${region}${z}`), zoneIds: [1, 2, 3].map((n) => `az${n}`), groupNames: [region] };
    case 'aws:index/getPartition:getPartition':
      return { id: 'aws', partition: 'aws', dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws' };
    case 'aws:secretsmanager/getRandomPassword:getRandomPassword':
      // A placeholder: a preview must never hold a real generated secret.
      return { id: 'random-password', randomPassword: '<generated-at-deploy-time>' };
    case 'azure-native:authorization:getClientConfig':
      return { clientId: 'aimd-deployer', objectId: '00000000-0000-0000-0000-0000000000d0', subscriptionId: '00000000-0000-0000-0000-000000000001', tenantId: '00000000-0000-0000-0000-0000000000a0' };
    case 'aws:iam/getPolicyDocument:getPolicyDocument':
      return { id: 'policy', json: JSON.stringify(policyDocument(args.inputs as Record<string, unknown>)) };
    // Google Cloud: a review project (number and id are placeholders, as the AWS account is).
    case 'gcp:organizations/getProject:getProject':
      return { id: 'projects/aimd-review', projectId: 'aimd-review', number: '123456789012', name: 'aimd-review' };
    case 'gcp:storage/getProjectServiceAccount:getProjectServiceAccount':
      return { id: 'gcs-agent', emailAddress: 'service-123456789012@gs-project-accounts.iam.gserviceaccount.com' };
    case 'gcp:secretmanager/getSecretVersion:getSecretVersion':
      // A placeholder: a preview must never hold a real secret (the PagerDuty key is read at deploy time).
      return { id: `${String(args.inputs.secret)}/versions/latest`, secret: args.inputs.secret, version: 'latest', secretData: '<read-at-deploy-time>' };
    // Azure: a review subscription and tenant (placeholders).
    case 'azure-native:authorization:getClientConfig':
      return { id: 'client-config', subscriptionId: '00000000-0000-0000-0000-000000000000', tenantId: '11111111-1111-1111-1111-111111111111', objectId: '22222222-2222-2222-2222-222222222222', clientId: '33333333-3333-3333-3333-333333333333' };
    default:
      return { id: `${args.token}-result`, ...(args.inputs as Record<string, unknown>) };
  }
}

/** A JSON IAM policy from `aws.iam.getPolicyDocument` inputs, enough for tests to inspect. */
function policyDocument(inputs: Record<string, unknown>): object {
  const statements = (inputs.statements as Array<Record<string, unknown>> | undefined) ?? [];
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: s.effect ?? 'Allow',
      Action: s.actions,
      Resource: s.resources,
      Principal: (s.principals as Array<{ type: string; identifiers: string[] }> | undefined)?.reduce(
        (all, p) => ({ ...all, [p.type]: p.identifiers }),
        {} as Record<string, string[]>,
      ),
      Condition: s.conditions,
    })),
  };
}
