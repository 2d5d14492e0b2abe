/**
 * The `github-deploy-role` stack on Terraform (cdktf): GitHub OIDC provider + deploy/plan roles, with
 * their ARNs as outputs (docs/delivery.md).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GithubOidcDeployRoles } from '../../constructs/terraform/delivery/github-oidc-deploy-role';
import type { GithubDeployAccessInputs } from '../../lib/pipeline/github-oidc';

export interface GithubDeployRoleTerraformStackProps {
  readonly access: GithubDeployAccessInputs;
}

export class GithubDeployRoleTerraformStack extends TerraformStack {
  public readonly roles: GithubOidcDeployRoles;

  constructor(scope: Construct, id: string, props: GithubDeployRoleTerraformStackProps) {
    super(scope, id);
    const { access } = props;
    new AwsProvider(this, 'aws', { region: access.region, allowedAccountIds: [access.account], defaultTags: [{ tags: { 'managed-by': 'ai-model-deployment' } }] });
    this.roles = new GithubOidcDeployRoles(this, 'GitHub', access);
    for (const [id, role] of this.roles.roles) {
      new TerraformOutput(this, `${id.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}_role_arn`, { value: role.arn });
    }
  }
}
