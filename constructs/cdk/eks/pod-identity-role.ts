/**
 * `PodIdentityRole`: the IAM role of a cluster add-on's service account and its EKS Pod Identity association, from an
 * engine-neutral {@link PodIdentityGrant} (the same grant the cdktf and Pulumi Helm installers turn into roles).
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, type IDependable } from 'constructs';
import type { PodIdentityGrant } from '../../../lib/eks/add-on-components';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';

export interface PodIdentityRoleProps {
  readonly cluster: eks.ICluster;
  /** Namespace of the service account. */
  readonly namespace: string;
  readonly grant: PodIdentityGrant;
  /** The Pod Identity agent add-on the association waits for. @default - none (Auto Mode has it built in) */
  readonly podIdentityAgent?: IDependable;
}

export class PodIdentityRole extends Construct {
  public readonly role: iam.Role;
  public readonly association: eks.CfnPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    const { grant } = props;
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      roleName: grant.roleName,
      description: grant.description,
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com').withSessionTags(),
      inlinePolicies: {
        Controller: iam.PolicyDocument.fromJson(grant.policy({ partition: Aws.PARTITION, region: stack.region, accountId: stack.account })),
      },
    });
    if (grant.wildcardReason) acknowledgeIamFindings(this.role, { wildcards: grant.wildcardReason });
    this.association = new eks.CfnPodIdentityAssociation(this, 'Association', {
      clusterName: props.cluster.clusterName,
      namespace: props.namespace,
      serviceAccount: grant.serviceAccount,
      roleArn: this.role.roleArn,
    });
    if (props.podIdentityAgent) this.association.node.addDependency(props.podIdentityAgent);
  }
}
