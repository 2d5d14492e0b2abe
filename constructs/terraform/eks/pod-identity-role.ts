/**
 * `PodIdentityRole` on Terraform (cdktf): the IAM role of a cluster add-on's service account and its EKS Pod Identity
 * association, from the same engine-neutral {@link PodIdentityGrant} the CDK and Pulumi installers use.
 */
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { AwsScope, PodIdentityGrant } from '../../../lib/eks/add-on-components';
import { podIdentityTrustPolicy } from './trust-policies';

/** Where add-on roles are created: the cluster and the account scope their policies are evaluated in. */
export interface PodIdentityTarget {
  /** Reference to the cluster name (makes the association wait for the cluster). */
  readonly clusterNameRef: string;
  readonly scope: AwsScope;
  /** @default - none (Auto Mode has the agent built in) */
  readonly podIdentityAgent?: ITerraformDependable;
}

export interface PodIdentityRoleProps extends PodIdentityTarget {
  readonly namespace: string;
  readonly grant: PodIdentityGrant;
}

export class PodIdentityRole extends Construct {
  public readonly role: IamRole;
  public readonly association: EksPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    const { grant } = props;
    this.role = new IamRole(this, 'Role', { name: grant.roleName, description: grant.description, assumeRolePolicy: podIdentityTrustPolicy() });
    new IamRolePolicy(this, 'Policy', { role: this.role.id, policy: JSON.stringify(grant.policy(props.scope)) });
    this.association = new EksPodIdentityAssociation(this, 'Association', {
      clusterName: props.clusterNameRef,
      namespace: props.namespace,
      serviceAccount: grant.serviceAccount,
      roleArn: this.role.arn,
      dependsOn: props.podIdentityAgent ? [props.podIdentityAgent] : undefined,
    });
  }
}
