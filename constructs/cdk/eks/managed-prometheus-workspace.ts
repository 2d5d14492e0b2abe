/**
 * The Amazon Managed Service for Prometheus workspace a GPU cluster's collector writes to: the spec's existing one, or a
 * new `AWS::APS::Workspace` encrypted with its own customer-managed key (the resource's `KmsKeyArn`, CloudFormation
 * resource schema in @aws-cdk/aws-service-spec, read 2026-12-03). AMP creates its grants on the key with the deploying
 * principal's permissions, which the key's default policy (the account's IAM decides) allows.
 */
import * as aps from 'aws-cdk-lib/aws-aps';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { restrictGrantsToAwsServices } from '../security/kms-grants';
import {
  existingWorkspaceTarget, managedPrometheusWorkspaceNames, remoteWriteUrlOfEndpoint, type ManagedPrometheusSettings, type ManagedPrometheusTarget,
} from '../../../lib/eks/managed-prometheus';

export function managedPrometheusTarget(scope: Construct, clusterName: string, settings: ManagedPrometheusSettings): ManagedPrometheusTarget {
  if (settings.workspaceArn !== undefined) return existingWorkspaceTarget(settings.workspaceArn);
  const names = managedPrometheusWorkspaceNames(clusterName);
  const key = new kms.Key(scope, 'MetricsKey', { description: names.keyDescription, enableKeyRotation: true });
  restrictGrantsToAwsServices(key);
  const workspace = new aps.CfnWorkspace(scope, 'MetricsWorkspace', { alias: names.alias, kmsKeyArn: key.keyArn });
  return { workspaceArn: workspace.attrArn, remoteWriteUrl: remoteWriteUrlOfEndpoint(workspace.attrPrometheusEndpoint) };
}
