/**
 * The `github-deploy-role` stack: the GitHub OIDC provider and the deploy/plan roles, least-privilege and
 * validated on CDK (cdk-nag, cfn-guard, CloudFormation schema), cdktf and Pulumi like every other stack.
 */
import { formatFindings } from '../../lib/validation/types';
import { describeGithubDeployAccess, type GithubDeployAccessInputs, type PolicyStatement } from '../../lib/pipeline/github-oidc';
import { renderGithubDeployRole, type RenderedGithubDeployRole } from '../../lib/synth/render-github-deploy-role';

const ACCOUNT = '123456789012';
const BASE = {
  repository: 'example-org/models', account: ACCOUNT, region: 'us-east-1',
  stacks: ['llm-eks', 'sagemaker-llm', 'serverless-onnx'], targetKinds: ['eks', 'sagemaker', 'lambda'],
} as const satisfies Partial<GithubDeployAccessInputs>;
const CDK: GithubDeployAccessInputs = { ...BASE, engine: 'cdk' };
const TERRAFORM: GithubDeployAccessInputs = { ...BASE, engine: 'terraform', stateBucket: 'example-org-iac-state' };

const statementsOf = (policy: { Statement: PolicyStatement[] }) => policy.Statement;
const actionsOf = (statements: readonly PolicyStatement[]) => statements.flatMap((s) => s.Action);

describe('GIVEN the github-deploy-role stack for CDK deploys', () => {
  let rendered: RenderedGithubDeployRole;
  beforeAll(async () => { rendered = await renderGithubDeployRole(CDK); });

  test('THEN CDK (cdk-nag, cfn-guard, CloudFormation schema), cdktf and Pulumi report zero findings', () => {
    expect(formatFindings(rendered.findings)).toBe('');
  });

  test('THEN the account gets one GitHub OIDC provider for the STS audience', () => {
    const providers = Object.values(rendered.cdk.template.Resources).filter((r: any) => r.Type === 'AWS::IAM::OIDCProvider') as any[];
    expect(providers).toHaveLength(1);
    expect(providers[0].Properties).toMatchObject({ Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
  });

  test('THEN each deploy role trusts only its repository environment, and the plan role only pull requests and main', () => {
    const roles = Object.values(rendered.cdk.template.Resources).filter((r: any) => r.Type === 'AWS::IAM::Role') as any[];
    const subjects = Object.fromEntries(roles.map((r) => [r.Properties.RoleName, r.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals]));
    expect(subjects).toEqual({
      'github-deployments-deploy-staging': { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:example-org/models:environment:staging' },
      'github-deployments-deploy-production': { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:example-org/models:environment:production' },
      'github-deployments-plan': { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': ['repo:example-org/models:pull_request', 'repo:example-org/models:ref:refs/heads/main'] },
    });
  });

  test('THEN deploy roles may only assume the CDK bootstrap roles of this account and region and smoke-check their own deployments, and the plan role only the lookup role', () => {
    const access = describeGithubDeployAccess(CDK);
    const deploy = statementsOf(access.roles[0]!.policy);
    expect(deploy).toEqual([{
      Sid: 'AssumeCdkBootstrapRoles', Effect: 'Allow', Action: ['sts:AssumeRole'],
      Resource: ['deploy', 'file-publishing', 'image-publishing', 'lookup'].map((k) => `arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-${k}-role-${ACCOUNT}-us-east-1`),
    }, {
      Sid: 'SmokeLambda', Effect: 'Allow', Action: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'],
      Resource: BASE.stacks.map((s) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${s}-*`),
    }, {
      Sid: 'SmokeSageMaker', Effect: 'Allow', Action: ['sagemaker:DescribeEndpoint', 'sagemaker:InvokeEndpoint'],
      Resource: BASE.stacks.map((s) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/${s}`),
    }, {
      Sid: 'SmokeEks', Effect: 'Allow', Action: ['eks:DescribeCluster'], Resource: BASE.stacks.map((s) => `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/${s}`),
    }, {
      Sid: 'LoadTestMetrics', Effect: 'Allow', Action: ['cloudwatch:PutMetricData'], Resource: ['*'], Condition: { StringEquals: { 'cloudwatch:namespace': 'AIMD/LoadTest' } },
    }, {
      Sid: 'LoadTestResults', Effect: 'Allow', Action: ['s3:PutObject'], Resource: BASE.stacks.map((s) => `arn:aws:s3:::${s}-*/load-tests/*`),
    }]);
    expect(statementsOf(access.roles[2]!.policy)).toEqual([{ Sid: 'AssumeCdkLookupRole', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: [`arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-lookup-role-${ACCOUNT}-us-east-1`] }]);
  });

  test('THEN cdktf and Pulumi render the same provider and roles', () => {
    const tf = rendered.terraform.json.resource;
    expect(Object.keys(tf.aws_iam_role)).toHaveLength(3);
    expect(Object.values(tf.aws_iam_openid_connect_provider)).toEqual([expect.objectContaining({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] })]);
    const pulumiRoles = rendered.pulumi.resources.filter((r) => r.type === 'aws:iam/role:Role');
    expect(pulumiRoles.map((r) => r.inputs.name).sort()).toEqual(['github-deployments-deploy-production', 'github-deployments-deploy-staging', 'github-deployments-plan']);
    const trust = JSON.parse(pulumiRoles.find((r) => r.inputs.name === 'github-deployments-deploy-production')!.inputs.assumeRolePolicy as string);
    expect(trust.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe('repo:example-org/models:environment:production');
  });
});

describe('GIVEN the github-deploy-role stack for Terraform deploys', () => {
  let rendered: RenderedGithubDeployRole;
  beforeAll(async () => { rendered = await renderGithubDeployRole(TERRAFORM); });

  test('THEN every engine reports zero findings (wildcards acknowledged with a reason)', () => {
    expect(formatFindings(rendered.findings)).toBe('');
  });

  test('THEN no statement allows every action, and service actions are scoped to the account and region', () => {
    const access = describeGithubDeployAccess(TERRAFORM);
    for (const role of access.roles) {
      for (const s of statementsOf(role.policy)) {
        expect(s.Action).not.toContain('*');
        expect(s.Action).not.toContain('*:*');
        if (s.Effect === 'Allow' && s.Resource.includes('*')) expect(s.Action.every((a) => /:(Describe|List|Get)/.test(a))).toBe(true);
      }
    }
    const services = statementsOf(access.roles[0]!.policy).find((s) => s.Sid === 'DeployServices')!;
    expect(services.Resource.every((r) => r.includes(':us-east-1:'))).toBe(true);
    expect(services.Action).toEqual(expect.arrayContaining(['sagemaker:Create*', 'eks:Create*', 'lambda:Create*', 'lambda:InvokeFunction']));
    expect(actionsOf(statementsOf(access.roles[0]!.policy)).filter((a) => /^[a-z0-9-]+:\*$/.test(a))).toEqual(['iam:*']); // only in the Deny
  });

  test('THEN the deploy roles cannot change the GitHub roles or the OIDC provider', () => {
    const deny = statementsOf(describeGithubDeployAccess(TERRAFORM).roles[1]!.policy).find((s) => s.Effect === 'Deny')!;
    expect(deny.Action).toEqual(['iam:*']);
    expect(deny.Resource).toEqual(expect.arrayContaining([
      `arn:aws:iam::${ACCOUNT}:role/github-deployments-deploy-production`, `arn:aws:iam::${ACCOUNT}:role/github-deployments-plan`, `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    ]));
  });

  test('THEN the plan role reads configuration and the state, not object data or secret values', () => {
    const plan = statementsOf(describeGithubDeployAccess(TERRAFORM).roles[2]!.policy);
    const actions = actionsOf(plan);
    expect(actions).not.toContain('s3:GetObject*');
    expect(actions.filter((a) => /Put|Create|Delete|Update|\*$/.test(a) && !/:(Describe|List|Get)\w*\*$/.test(a))).toEqual([]);
    expect(actions).not.toContain('secretsmanager:GetSecretValue');
    expect(plan.find((s) => s.Sid === 'StateRead')).toEqual({
      Sid: 'StateRead', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['llm-eks', 'sagemaker-llm', 'serverless-onnx'].map((s) => `arn:aws:s3:::example-org-iac-state/${s}/*`),
    });
  });
});

describe('GitHub deploy access inputs', () => {
  test('GIVEN a wildcard repository, a bad account and Terraform without a state bucket THEN one error names every field', () => {
    expect(() => describeGithubDeployAccess({ ...BASE, repository: 'example-org/*', account: '12345', engine: 'terraform' }))
      .toThrow(/repository \('example-org\/\*'\).*\n.*account \('12345'\).*\n.*stateBucket/);
  });

  test('GIVEN an existing OIDC provider THEN none is created and the roles trust the given ARN', () => {
    const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    const access = describeGithubDeployAccess({ ...CDK, existingProviderArn: arn, stacks: ['llm-eks'] });
    expect(access.provider.create).toBe(false);
    expect(access.trustPolicy(access.roles[0]!, access.provider.arn).Statement[0]!.Principal).toEqual({ Federated: arn });
    expect(access.roles.map((r) => r.roleName)).toEqual(['github-llm-eks-deploy-staging', 'github-llm-eks-deploy-production', 'github-llm-eks-plan']);
  });
});
