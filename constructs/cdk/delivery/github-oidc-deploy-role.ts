/**
 * `GithubOidcDeployRoles`: the GitHub OIDC provider of an account and the roles the generated workflows
 * assume (one deploy role per GitHub environment, one read-only plan role), from the engine-neutral
 * {@link describeGithubDeployAccess} that the cdktf and Pulumi versions render too.
 */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { describeGithubDeployAccess, type GithubDeployAccess, type GithubDeployAccessInputs } from '../../../lib/pipeline/github-oidc';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';

/** Everything {@link GithubDeployAccessInputs} holds: repository, account, region, engine, stacks, environments... */
export type GithubOidcDeployRolesProps = GithubDeployAccessInputs;

export class GithubOidcDeployRoles extends Construct {
  /** The account's GitHub OIDC provider ARN (created here unless `existingProviderArn` was given). */
  public readonly providerArn: string;
  /** Deploy roles by GitHub environment name. */
  public readonly deployRoles: ReadonlyMap<string, iam.Role>;
  /** The read-only role pull-request jobs assume. */
  public readonly planRole: iam.Role;
  public readonly description: GithubDeployAccess;

  constructor(scope: Construct, id: string, props: GithubOidcDeployRolesProps) {
    super(scope, id);
    this.description = describeGithubDeployAccess(props);
    const { provider } = this.description;
    this.providerArn = provider.create
      ? new iam.OidcProviderNative(this, 'Provider', { url: provider.url, clientIds: [...provider.clientIds] }).oidcProviderArn
      : provider.arn;
    const roles = this.description.roles.map((role) => {
      const trust = this.description.trustPolicy(role, this.providerArn).Statement[0]!;
      const created = new iam.Role(this, role.id, {
        roleName: role.roleName,
        description: role.description,
        assumedBy: new iam.FederatedPrincipal(this.providerArn, trust.Condition, 'sts:AssumeRoleWithWebIdentity'),
        maxSessionDuration: Duration.seconds(role.maxSessionDurationSeconds),
        inlinePolicies: { Deploy: iam.PolicyDocument.fromJson(role.policy) },
      });
      if (role.wildcardReason) acknowledgeIamFindings(created, { wildcards: role.wildcardReason });
      return [role.id, created] as const;
    });
    const environments = props.environments ?? ['staging', 'production'];
    this.deployRoles = new Map(environments.map((env, n) => [env, roles[n]![1]]));
    this.planRole = roles[roles.length - 1]![1];
  }
}
