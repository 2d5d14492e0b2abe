/**
 * The `github-deploy-role` stack: GitHub OIDC provider + deploy/plan roles of one account, with their
 * ARNs as outputs (set them as the AWS_DEPLOY_ROLE_ARN / AWS_PLAN_ROLE_ARN variables, docs/delivery.md).
 *
 *   npx cdk deploy github-deploy-role -c github-repository=my-org/my-models -c github-deploys=llm-eks
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { GithubOidcDeployRoles } from '../../constructs/cdk/delivery/github-oidc-deploy-role';
import type { GithubDeployAccessInputs } from '../../lib/pipeline/github-oidc';

/** Stack name on every engine. */
export const GITHUB_DEPLOY_ROLE_STACK = 'github-deploy-role';

export interface GithubDeployRoleStackProps extends StackProps {
  /** Repository, account, region, engine, stacks and environments the roles serve. */
  readonly access: GithubDeployAccessInputs;
}

export class GithubDeployRoleStack extends Stack {
  public readonly roles: GithubOidcDeployRoles;

  constructor(scope: Construct, id: string, props: GithubDeployRoleStackProps) {
    super(scope, id, { ...props, env: props.env ?? { account: props.access.account, region: props.access.region }, description: `GitHub OIDC deploy roles for ${props.access.repository}` });
    this.roles = new GithubOidcDeployRoles(this, 'GitHub', props.access);
    new CfnOutput(this, 'PlanRoleArn', { value: this.roles.planRole.roleArn, description: 'Repository variable AWS_PLAN_ROLE_ARN' });
    for (const [env, role] of this.roles.deployRoles) {
      new CfnOutput(this, `DeployRoleArn${env.replace(/[^A-Za-z0-9]/g, '')}`, { value: role.roleArn, description: `Variable AWS_DEPLOY_ROLE_ARN of the GitHub environment ${env}` });
    }
  }
}
