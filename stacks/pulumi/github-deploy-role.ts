/**
 * The `github-deploy-role` stack as a Pulumi program body: GitHub OIDC provider + deploy/plan roles
 * (docs/delivery.md). Call it from a Pulumi program with the same inputs as the CDK and cdktf stacks.
 */
import { GithubOidcDeployRoles } from '../../constructs/pulumi/delivery/github-oidc-deploy-role';
import type { GithubDeployAccessInputs } from '../../lib/pipeline/github-oidc';

export function renderGithubDeployRolePulumi(access: GithubDeployAccessInputs): GithubOidcDeployRoles {
  return new GithubOidcDeployRoles('github-deploy-role', access);
}
