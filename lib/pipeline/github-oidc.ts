/**
 * The AWS side of GitHub OIDC, described once for CDK, cdktf and Pulumi: the account's OIDC provider for
 * `token.actions.githubusercontent.com` and the roles the generated workflow assumes.
 *
 * - one deploy role per GitHub environment, trusted only for `repo:<owner>/<repo>:environment:<env>`
 *   (a job gets that subject only when it runs in that environment, after its protection rules passed);
 * - one read-only plan role for pull requests and main (`:pull_request`, `:ref:refs/heads/main`).
 *
 * Permissions depend on the engine. CDK: assume the bootstrap roles of the account and region only (the
 * CloudFormation execution role does the work; scope it with `cdk bootstrap --cloudformation-execution-policies`).
 * Terraform and Pulumi call AWS APIs themselves: the role gets the services the deployment's target kinds
 * use, on ARNs of its account and region (S3: the deployments' own buckets), read-only calls that support no
 * resource-level permissions, the state objects of its stacks, and IAM in its account with an explicit deny
 * on the OIDC provider and the GitHub roles themselves (no self-escalation). Never `*:*`.
 * Claims as documented in https://docs.github.com/en/actions/reference/security/oidc (read 2026-12-02).
 */
import { ProblemCollector } from '../errors';
import type { TargetKind } from '../spec/types';
import { PIPELINE_ENGINES, type PipelineEngine } from './engine-steps';
import { LOAD_TEST_METRIC_NAMESPACE } from './load-test-verdict';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience configure-aws-credentials requests. */
export const STS_AUDIENCE = 'sts.amazonaws.com';
/** The CDK bootstrap qualifier every project uses unless it bootstraps with `--qualifier`. */
export const CDK_DEFAULT_QUALIFIER = 'hnb659fds';

export interface GithubDeployAccessInputs {
  /** `owner/repo` whose workflows may assume the roles. */
  readonly repository: string;
  readonly account: string;
  readonly region: string;
  /** @default 'aws' */
  readonly partition?: string;
  readonly engine: PipelineEngine;
  /** Names of the stacks (deployments) the roles deploy. */
  readonly stacks: readonly string[];
  /** Target kinds of those deployments (Terraform/Pulumi permissions follow them). */
  readonly targetKinds: readonly TargetKind[];
  /** GitHub environments that deploy into this account, one deploy role each. @default ['staging', 'production'] */
  readonly environments?: readonly string[];
  /** Branch whose runs may assume the plan role besides pull requests. @default 'main' */
  readonly mainBranch?: string;
  /** S3 bucket of the Terraform/Pulumi state (required for those engines). @default - none (CDK) */
  readonly stateBucket?: string;
  /** CDK bootstrap qualifier. @default 'hnb659fds' */
  readonly cdkQualifier?: string;
  /** Use the account's existing GitHub OIDC provider (there can be one per account). @default - create it */
  readonly existingProviderArn?: string;
  /** Prefix of the role names. @default 'github' */
  readonly roleNamePrefix?: string;
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/** A role's trust policy: who may assume it (the OIDC provider) and under which claims. */
export interface TrustPolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: Array<{
    readonly Sid: string;
    readonly Effect: 'Allow';
    readonly Principal: { readonly Federated: string };
    readonly Action: string[];
    readonly Condition: { readonly StringEquals: Record<string, string | string[]> };
  }>;
}

export interface GithubRoleDescription {
  /** Construct id / resource name suffix, e.g. `DeployStaging`. */
  readonly id: string;
  readonly roleName: string;
  readonly description: string;
  /** OIDC subjects (`sub` claims) allowed to assume the role. */
  readonly subjects: readonly string[];
  readonly policy: PolicyDocument;
  /** Why the policy's wildcards are acceptable (for cdk-nag acknowledgements). @default - no wildcards */
  readonly wildcardReason?: string;
  /** One hour: the longest a deploy job is expected to hold a session before re-assuming. */
  readonly maxSessionDurationSeconds: number;
}

export interface GithubDeployAccess {
  readonly provider: { readonly create: boolean; readonly url: string; readonly clientIds: readonly string[]; readonly arn: string };
  readonly roles: readonly GithubRoleDescription[];
  /** Trust policy of a role, for engines that take it as JSON. */
  trustPolicy(role: GithubRoleDescription, providerArn: string): TrustPolicyDocument;
}

/** Services each target kind's stacks create resources in (Terraform/Pulumi deploy roles). */
const SERVICES_BY_TARGET: Readonly<Record<TargetKind, readonly string[]>> = {
  lambda: ['lambda', 'apigateway', 'codedeploy', 'sqs', 'ec2'],
  batch: ['lambda', 'states', 'events', 'scheduler', 'sqs', 'sagemaker'],
  streaming: ['lambda', 'kinesis', 'sqs', 'events'],
  sagemaker: ['sagemaker', 'application-autoscaling', 'ec2', 'ecr'],
  eks: ['eks', 'ec2', 'sqs', 'events', 'ssm', 'secretsmanager', 'aps'],
  greengrass: ['greengrass', 'iot'],
  // Targets on other clouds create no AWS resources; the hosted Hugging Face endpoint keeps its token in Secrets
  // Manager and is driven by a Lambda-backed custom resource.
  gke: [], aks: [], kubernetes: [], 'vertex-ai': [], azureml: [],
  'huggingface-endpoint': ['secretsmanager', 'lambda'],
};
/** Every deployment has logs, alarms, a topic and a KMS key. */
const COMMON_SERVICES = ['logs', 'cloudwatch', 'sns', 'kms'];
/** Services whose ARNs have no account (API Gateway) and take `arn:<p>:apigateway:<region>::/*`. */
const NO_ACCOUNT_IN_ARN = new Set(['apigateway']);

const ROLE_NAME_MAX = 64;

function validate(inputs: GithubDeployAccessInputs): void {
  const p = new ProblemCollector();
  p.check(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(inputs.repository), 'repository', inputs.repository, 'must be owner/repo (no wildcards: the trust must name one repository)', 'pass e.g. my-org/my-models');
  p.check(/^\d{12}$/.test(inputs.account), 'account', inputs.account, 'must be a 12-digit AWS account id', 'pass the account the roles live in');
  p.check(/^[a-z]{2}(-[a-z]+)+-\d$/.test(inputs.region), 'region', inputs.region, 'must be an AWS region', 'pass e.g. us-east-1');
  p.check(PIPELINE_ENGINES.includes(inputs.engine), 'engine', inputs.engine, `must be one of ${PIPELINE_ENGINES.join(', ')}`, 'pass the engine the workflow deploys with');
  p.check(inputs.stacks.length > 0, 'stacks', inputs.stacks, 'must name at least one stack', 'pass the deployment names the workflow deploys');
  for (const stack of inputs.stacks) p.check(/^[a-z0-9-]{1,40}$/.test(stack), 'stacks', stack, 'must be a deployment name (lower-case letters, digits, -)', 'use the spec name');
  p.check(inputs.engine === 'cdk' || inputs.stateBucket !== undefined, 'stateBucket', inputs.stateBucket, `is required for ${inputs.engine} (the state lives in S3)`, 'pass the bucket named by the TF_STATE_BUCKET / PULUMI_STATE_BUCKET variable');
  p.check(inputs.engine === 'cdk' || inputs.targetKinds.length > 0, 'targetKinds', inputs.targetKinds, 'must list the target kinds the stacks deploy', 'pass e.g. [\'sagemaker\']');
  for (const env of inputs.environments ?? []) p.check(/^[A-Za-z0-9_.-]{1,255}$/.test(env), 'environments', env, 'must be a GitHub environment name without spaces or wildcards', 'use e.g. staging');
  p.throwIfAny('GitHub deploy access');
}

function cdkBootstrapRoles(i: GithubDeployAccessInputs, kinds: readonly string[]): string[] {
  const q = i.cdkQualifier ?? CDK_DEFAULT_QUALIFIER;
  return kinds.map((k) => `arn:${i.partition ?? 'aws'}:iam::${i.account}:role/cdk-${q}-${k}-role-${i.account}-${i.region}`);
}

function stateStatements(i: GithubDeployAccessInputs, write: boolean): PolicyStatement[] {
  const p = i.partition ?? 'aws';
  const bucket = `arn:${p}:s3:::${i.stateBucket}`;
  const objects = i.stacks.map((s) => `${bucket}/${s}/*`);
  // Terraform writes `<stack>/<env>.tfstate` (+ `.tflock`); Pulumi's diy backend `<stack>/.pulumi/...`,
  // including lock files even for a preview.
  const readOnly: PolicyStatement[] = [
    { Sid: 'StateList', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [bucket], Condition: { StringLike: { 's3:prefix': i.stacks.map((s) => `${s}/*`) } } },
    { Sid: 'StateRead', Effect: 'Allow', Action: ['s3:GetObject'], Resource: objects },
  ];
  if (write) return [...readOnly, { Sid: 'StateWrite', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: objects }];
  if (i.engine === 'pulumi') return [...readOnly, { Sid: 'StateLocks', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: i.stacks.map((s) => `${bucket}/${s}/.pulumi/locks/*`) }];
  return readOnly;
}

/** Read-only actions of a service, without the ones that read data (objects, secret values). */
function readActions(service: string): string[] {
  switch (service) {
    case 's3': return ['s3:GetBucket*', 's3:GetEncryptionConfiguration', 's3:GetLifecycleConfiguration', 's3:GetReplicationConfiguration', 's3:GetAccelerateConfiguration', 's3:GetIntelligentTieringConfiguration', 's3:GetInventoryConfiguration', 's3:GetMetricsConfiguration', 's3:GetAnalyticsConfiguration', 's3:ListBucket', 's3:ListAllMyBuckets'];
    case 'secretsmanager': return ['secretsmanager:DescribeSecret', 'secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy'];
    default: return [`${service}:Describe*`, `${service}:List*`, `${service}:Get*`];
  }
}

function servicesOf(i: GithubDeployAccessInputs): string[] {
  return [...new Set([...COMMON_SERVICES, ...i.targetKinds.flatMap((k) => SERVICES_BY_TARGET[k])])].sort();
}

/** Verbs a stack's create/update/delete needs on any service (never `service:*`: AWS Control Tower CT.IAM.PR.5). */
const LIFECYCLE_VERBS = ['Create*', 'Delete*', 'Update*', 'Put*', 'Set*', 'Tag*', 'Untag*', 'Add*', 'Remove*', 'Attach*', 'Detach*', 'Associate*', 'Disassociate*', 'Modify*', 'Register*', 'Deregister*', 'Enable*', 'Disable*', 'Publish*', 'Describe*', 'List*', 'Get*'];
/** Service-specific actions outside those verbs: the smoke checks' requests, key and network lifecycle, API Gateway's HTTP verbs. */
const EXTRA_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  apigateway: ['apigateway:GET', 'apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE'],
  codedeploy: ['codedeploy:StopDeployment', 'codedeploy:ContinueDeployment'],
  ec2: ['ec2:Authorize*', 'ec2:Revoke*', 'ec2:Allocate*', 'ec2:Release*', 'ec2:Replace*'],
  eks: ['eks:AccessKubernetesApi'],
  greengrass: ['greengrass:CancelDeployment'],
  kms: ['kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*', 'kms:RetireGrant', 'kms:RevokeGrant'],
  lambda: ['lambda:InvokeFunction'],
  sagemaker: ['sagemaker:InvokeEndpoint'],
  sns: ['sns:Subscribe', 'sns:Unsubscribe'],
};
/** What the stacks do in IAM: their own service roles, policies and node instance profiles. */
const IAM_ACTIONS = [
  'iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateRole', 'iam:UpdateRoleDescription', 'iam:UpdateAssumeRolePolicy', 'iam:TagRole', 'iam:UntagRole',
  'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:GetRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole', 'iam:ListRoleTags',
  'iam:CreatePolicy', 'iam:DeletePolicy', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:ListPolicyVersions', 'iam:TagPolicy', 'iam:UntagPolicy',
  'iam:CreateInstanceProfile', 'iam:DeleteInstanceProfile', 'iam:GetInstanceProfile', 'iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:TagInstanceProfile', 'iam:UntagInstanceProfile',
  'iam:CreateServiceLinkedRole',
];
/** Bucket lifecycle and object access, on the deployments' own buckets only. */
const S3_ACTIONS = ['s3:CreateBucket', 's3:DeleteBucket*', 's3:PutBucket*', 's3:GetBucket*', 's3:Put*Configuration', 's3:Get*Configuration', 's3:ListBucket*', 's3:GetObject*', 's3:PutObject*', 's3:DeleteObject*'];
/** Services our stacks pass roles to (iam:PassedToService). */
const PASS_ROLE_TO: Readonly<Record<string, readonly string[]>> = {
  lambda: ['lambda.amazonaws.com'], codedeploy: ['codedeploy.amazonaws.com'], states: ['states.amazonaws.com'], events: ['events.amazonaws.com'], scheduler: ['scheduler.amazonaws.com'],
  sagemaker: ['sagemaker.amazonaws.com'], eks: ['eks.amazonaws.com', 'pods.eks.amazonaws.com'], ec2: ['ec2.amazonaws.com', 'vpc-flow-logs.amazonaws.com'], greengrass: ['greengrass.amazonaws.com'], iot: ['iot.amazonaws.com', 'credentials.iot.amazonaws.com'],
};

function engineDeployStatements(i: GithubDeployAccessInputs, roleNames: readonly string[]): PolicyStatement[] {
  const p = i.partition ?? 'aws';
  const services = servicesOf(i);
  const regional = services.map((s) => (NO_ACCOUNT_IN_ARN.has(s) ? `arn:${p}:${s}:${i.region}::/*` : `arn:${p}:${s}:${i.region}:${i.account}:*`));
  const iam = `arn:${p}:iam::${i.account}`;
  const actions = services.flatMap((s) => (s === 'apigateway' ? [] : LIFECYCLE_VERBS.map((v) => `${s}:${v}`)).concat(EXTRA_ACTIONS[s] ?? []));
  return [
    { Sid: 'DeployServices', Effect: 'Allow', Action: actions, Resource: regional },
    // Describe/List/Get calls of these services that support no resource-level permissions.
    { Sid: 'ReadUnscoped', Effect: 'Allow', Action: services.flatMap(readActions), Resource: ['*'] },
    { Sid: 'DeploymentBuckets', Effect: 'Allow', Action: S3_ACTIONS, Resource: i.stacks.flatMap((s) => [`arn:${p}:s3:::${s}-*`, `arn:${p}:s3:::${s}-*/*`]) },
    // The stacks create service and node roles with engine-generated names, so IAM is scoped to the account.
    { Sid: 'DeploymentRoles', Effect: 'Allow', Action: IAM_ACTIONS, Resource: [`${iam}:role/*`, `${iam}:policy/*`, `${iam}:instance-profile/*`] },
    { Sid: 'PassRolesToServices', Effect: 'Allow', Action: ['iam:PassRole'], Resource: [`${iam}:role/*`], Condition: { StringEquals: { 'iam:PassedToService': [...new Set(services.flatMap((s) => PASS_ROLE_TO[s] ?? []))].sort() } } },
    { Sid: 'NoSelfEscalation', Effect: 'Deny', Action: ['iam:*'], Resource: [...roleNames.map((n) => `${iam}:role/${n}`), `${iam}:oidc-provider/${GITHUB_OIDC_HOST}`] },
    ...stateStatements(i, true),
  ];
}

/**
 * What the workflow's smoke checks call with the deploy role (lib/pipeline/smoke-checks.ts), on the
 * deployments' own resources. CDK deploy roles need it: everything else they do goes through CDK's roles.
 */
function smokeCheckStatements(i: GithubDeployAccessInputs): PolicyStatement[] {
  const p = i.partition ?? 'aws';
  const arn = (service: string, resource: string) => `arn:${p}:${service}:${i.region}:${i.account}:${resource}`;
  const kinds = new Set(i.targetKinds);
  const statements: PolicyStatement[] = [];
  if (kinds.has('lambda') || kinds.has('batch') || kinds.has('streaming')) {
    statements.push({ Sid: 'SmokeLambda', Effect: 'Allow', Action: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'], Resource: i.stacks.map((s) => arn('lambda', `function:${s}-*`)) });
  }
  if (kinds.has('sagemaker')) {
    statements.push({ Sid: 'SmokeSageMaker', Effect: 'Allow', Action: ['sagemaker:DescribeEndpoint', 'sagemaker:InvokeEndpoint'], Resource: i.stacks.map((s) => arn('sagemaker', `endpoint/${s}`)) });
  }
  if (kinds.has('eks')) {
    statements.push({ Sid: 'SmokeEks', Effect: 'Allow', Action: ['eks:DescribeCluster'], Resource: i.stacks.map((s) => arn('eks', `cluster/${s}`)) });
    // The load test stage (lib/pipeline/load-test-steps.ts). PutMetricData has no resources, only a namespace condition
    // key (Service Authorization Reference, Amazon CloudWatch, `cloudwatch:namespace`); result buckets are named after a stack.
    statements.push(
      { Sid: 'LoadTestMetrics', Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: ['*'], Condition: { StringEquals: { 'cloudwatch:namespace': LOAD_TEST_METRIC_NAMESPACE } } },
      { Sid: 'LoadTestResults', Effect: 'Allow', Action: ['s3:PutObject'], Resource: i.stacks.map((s) => `arn:${p}:s3:::${s}-*/load-tests/*`) },
    );
  }
  if (kinds.has('greengrass')) {
    // ListDeployments supports no resource-level permissions.
    statements.push({ Sid: 'SmokeGreengrass', Effect: 'Allow', Action: ['greengrass:ListDeployments'], Resource: ['*'] });
  }
  return statements;
}

function planStatements(i: GithubDeployAccessInputs): PolicyStatement[] {
  if (i.engine === 'cdk') {
    // `cdk diff --method=template` reads the deployed template through the lookup role only.
    return [{ Sid: 'AssumeCdkLookupRole', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: cdkBootstrapRoles(i, ['lookup']) }];
  }
  const services = [...servicesOf(i), 's3', 'iam'];
  return [
    // Object data and secret values stay out (see readActions); the state objects are granted below.
    { Sid: 'ReadForPlan', Effect: 'Allow', Action: services.flatMap(readActions), Resource: ['*'] },
    ...stateStatements(i, false),
  ];
}

function trim(name: string): string {
  return name.length <= ROLE_NAME_MAX ? name : name.slice(0, ROLE_NAME_MAX).replace(/-+$/, '');
}

/** Describes the provider and roles; validates inputs first. @throws InputValidationError */
export function describeGithubDeployAccess(inputs: GithubDeployAccessInputs): GithubDeployAccess {
  validate(inputs);
  const prefix = inputs.roleNamePrefix ?? 'github';
  const environments = inputs.environments ?? ['staging', 'production'];
  const scope = inputs.stacks.length === 1 ? inputs.stacks[0]! : 'deployments';
  const deployNames = environments.map((env) => trim(`${prefix}-${scope}-deploy-${env}`));
  const planName = trim(`${prefix}-${scope}-plan`);
  const sub = (suffix: string) => `repo:${inputs.repository}:${suffix}`;
  const pascal = (s: string) => s.replace(/(^|[-_.])(\w)/g, (_, __, c: string) => c.toUpperCase());
  const deployPolicy: PolicyDocument = {
    Version: '2012-10-17',
    Statement: inputs.engine === 'cdk'
      ? [{ Sid: 'AssumeCdkBootstrapRoles', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: cdkBootstrapRoles(inputs, ['deploy', 'file-publishing', 'image-publishing', 'lookup']) }, ...smokeCheckStatements(inputs)]
      : engineDeployStatements(inputs, [...deployNames, planName]),
  };
  const roles: GithubRoleDescription[] = [
    ...environments.map((env, n) => ({
      id: `Deploy${pascal(env)}`,
      roleName: deployNames[n]!,
      description: `GitHub Actions deploys of ${inputs.stacks.join(', ')} from ${inputs.repository}, environment ${env} (${inputs.engine})`,
      subjects: [sub(`environment:${env}`)],
      policy: deployPolicy,
      ...(inputs.engine === 'cdk' && { wildcardReason: `smoke checks reach the deployments' functions by name prefix (${inputs.stacks.map((st) => `${st}-*`).join(', ')}: the alias or version is a suffix), and Greengrass ListDeployments has no resource-level permissions` }),
      ...(inputs.engine !== 'cdk' && { wildcardReason: `${inputs.engine} creates the stacks' resources itself: service actions are limited to the services of ${inputs.targetKinds.join(', ')} on ARNs of account ${inputs.account} in ${inputs.region}, S3 to the deployments' buckets and state prefix, IAM to this account with the GitHub roles and OIDC provider denied; unscoped entries are read-only Describe/List/Get calls` }),
      maxSessionDurationSeconds: 3600,
    })),
    {
      id: 'Plan',
      roleName: planName,
      description: `GitHub Actions read-only plans of ${inputs.stacks.join(', ')} from ${inputs.repository} (pull requests, ${inputs.mainBranch ?? 'main'})`,
      subjects: [sub('pull_request'), sub(`ref:refs/heads/${inputs.mainBranch ?? 'main'}`)],
      policy: { Version: '2012-10-17', Statement: planStatements(inputs) },
      ...(inputs.engine !== 'cdk' && { wildcardReason: 'read-only Describe/List/Get calls for the plan (most support no resource-level permissions), state objects under the stacks\' prefixes' }),
      maxSessionDurationSeconds: 3600,
    },
  ];
  const providerArn = inputs.existingProviderArn ?? `arn:${inputs.partition ?? 'aws'}:iam::${inputs.account}:oidc-provider/${GITHUB_OIDC_HOST}`;
  return {
    provider: { create: inputs.existingProviderArn === undefined, url: GITHUB_OIDC_URL, clientIds: [STS_AUDIENCE], arn: providerArn },
    roles,
    trustPolicy: (role, arn) => ({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'GitHubOidc',
        Effect: 'Allow',
        Principal: { Federated: arn },
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: role.subjects.length === 1 ? role.subjects[0]! : [...role.subjects] } },
      }],
    }),
  };
}
