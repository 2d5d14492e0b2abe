/**
 * The log groups EKS writes for a cluster (control plane, Container Insights), declared before the cluster so that
 * they are KMS-encrypted and kept a year instead of being created by EKS with neither (`clusterLogGroupNames`).
 * Destroyed with the stack: a kept group would block re-creating a cluster of the same name.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { clusterLogGroupNames } from '../../../lib/eks/log-groups';
import { restrictGrantsToAwsServices } from '../security/kms-grants';

export interface ClusterLogGroupsProps {
  /** Literal cluster name (the log group names contain it). */
  readonly clusterName: string;
}

export class ClusterLogGroups extends Construct {
  public readonly logGroups: readonly logs.LogGroup[];

  constructor(scope: Construct, id: string, props: ClusterLogGroupsProps) {
    super(scope, id);
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the control-plane and Container Insights logs of ${props.clusterName}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    restrictGrantsToAwsServices(key);
    key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`));
    this.logGroups = clusterLogGroupNames(props.clusterName).map((logGroupName, i) => new logs.LogGroup(this, `LogGroup${i}`, {
      logGroupName,
      encryptionKey: key,
      // A year, the AWS Control Tower minimum (CT.CLOUDWATCH.PR.2).
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    }));
  }
}
