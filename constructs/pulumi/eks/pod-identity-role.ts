/**
 * The IAM role of a cluster add-on's service account and its EKS Pod Identity association on Pulumi, from the same
 * engine-neutral {@link PodIdentityGrant} the CDK and cdktf installers use.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { PodIdentityGrant } from '../../../lib/eks/add-on-components';
import { POD_IDENTITY_TRUST } from './kms-key';

/** Where add-on roles are created: the cluster and the account scope their policies are evaluated in. */
export interface PodIdentityTarget {
  readonly cluster: aws.eks.Cluster;
  readonly partition: pulumi.Input<string>;
  readonly region: string;
  readonly accountId: string;
  /** @default - none (Auto Mode has the agent built in) */
  readonly podIdentityAgent?: pulumi.Resource;
}

/** Role + association of one grant; returns the association, which the Helm release waits for. */
export function podIdentityRole(name: string, target: PodIdentityTarget, namespace: string, grant: PodIdentityGrant, parent: pulumi.Resource): aws.eks.PodIdentityAssociation {
  const role = new aws.iam.Role(name, { name: grant.roleName, description: grant.description, assumeRolePolicy: POD_IDENTITY_TRUST }, { parent });
  new aws.iam.RolePolicy(name, {
    role: role.id,
    // jsonStringify resolves outputs a grant carries (a created AMP workspace's ARN, managed-prometheus-workspace.ts).
    policy: pulumi.output(target.partition).apply((partition) => pulumi.jsonStringify(grant.policy({ partition, region: target.region, accountId: target.accountId }))),
  }, { parent });
  return new aws.eks.PodIdentityAssociation(name, {
    clusterName: target.cluster.name, namespace, serviceAccount: grant.serviceAccount, roleArn: role.arn,
  }, { parent, dependsOn: target.podIdentityAgent ? [target.podIdentityAgent] : [] });
}
