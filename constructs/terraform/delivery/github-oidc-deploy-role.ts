/**
 * `GithubOidcDeployRoles` on Terraform (cdktf): the GitHub OIDC provider and the deploy/plan roles from
 * the same engine-neutral {@link describeGithubDeployAccess} as the CDK and Pulumi versions.
 */
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { describeGithubDeployAccess, type GithubDeployAccess, type GithubDeployAccessInputs } from '../../../lib/pipeline/github-oidc';

export type GithubOidcDeployRolesProps = GithubDeployAccessInputs;

export class GithubOidcDeployRoles extends Construct {
  public readonly providerArn: string;
  /** Roles by description id (`DeployStaging`, `DeployProduction`, `Plan`). */
  public readonly roles: ReadonlyMap<string, IamRole>;
  public readonly description: GithubDeployAccess;

  constructor(scope: Construct, id: string, props: GithubOidcDeployRolesProps) {
    super(scope, id);
    this.description = describeGithubDeployAccess(props);
    const { provider } = this.description;
    this.providerArn = provider.create
      ? new IamOpenidConnectProvider(this, 'Provider', { url: provider.url, clientIdList: [...provider.clientIds] }).arn
      : provider.arn;
    this.roles = new Map(this.description.roles.map((role) => {
      const created = new IamRole(this, role.id, {
        name: role.roleName,
        description: role.description,
        assumeRolePolicy: JSON.stringify(this.description.trustPolicy(role, this.providerArn)),
        maxSessionDuration: role.maxSessionDurationSeconds,
      });
      new IamRolePolicy(this, `${role.id}Policy`, { name: 'Deploy', role: created.id, policy: JSON.stringify(role.policy) });
      return [role.id, created] as const;
    }));
  }
}
