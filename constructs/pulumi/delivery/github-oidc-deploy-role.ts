/**
 * `GithubOidcDeployRoles` on Pulumi: the GitHub OIDC provider and the deploy/plan roles from the same
 * engine-neutral {@link describeGithubDeployAccess} as the CDK and cdktf versions.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { describeGithubDeployAccess, type GithubDeployAccess, type GithubDeployAccessInputs } from '../../../lib/pipeline/github-oidc';

export type GithubOidcDeployRolesArgs = GithubDeployAccessInputs;

export class GithubOidcDeployRoles extends pulumi.ComponentResource {
  public readonly providerArn: pulumi.Output<string>;
  /** Roles by description id (`DeployStaging`, `DeployProduction`, `Plan`). */
  public readonly roles: ReadonlyMap<string, aws.iam.Role>;
  public readonly description: GithubDeployAccess;

  constructor(name: string, args: GithubOidcDeployRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:delivery:GithubOidcDeployRoles', name, {}, opts);
    this.description = describeGithubDeployAccess(args);
    const { provider } = this.description;
    const child = { parent: this };
    this.providerArn = provider.create
      ? new aws.iam.OpenIdConnectProvider(`${name}-provider`, { url: provider.url, clientIdLists: [...provider.clientIds] }, child).arn
      : pulumi.output(provider.arn);
    this.roles = new Map(this.description.roles.map((role) => {
      const created = new aws.iam.Role(`${name}-${role.id}`, {
        name: role.roleName,
        description: role.description,
        assumeRolePolicy: this.providerArn.apply((arn) => JSON.stringify(this.description.trustPolicy(role, arn))),
        maxSessionDuration: role.maxSessionDurationSeconds,
      }, child);
      new aws.iam.RolePolicy(`${name}-${role.id}`, { name: 'Deploy', role: created.id, policy: JSON.stringify(role.policy) }, child);
      return [role.id, created] as const;
    }));
    this.registerOutputs({ providerArn: this.providerArn });
  }
}
