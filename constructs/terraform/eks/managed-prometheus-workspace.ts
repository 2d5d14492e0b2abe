/**
 * The Amazon Managed Service for Prometheus workspace a GPU cluster's collector writes to: the spec's existing one, or a
 * new `aws_prometheus_workspace` encrypted with its own customer-managed key (`kms_key_arn`, hashicorp/aws 6.x).
 */
import { PrometheusWorkspace } from '@cdktf/provider-aws/lib/prometheus-workspace';
import type { Construct } from 'constructs';
import {
  existingWorkspaceTarget, managedPrometheusWorkspaceNames, remoteWriteUrlOfEndpoint, type ManagedPrometheusSettings, type ManagedPrometheusTarget,
} from '../../../lib/eks/managed-prometheus';
import { SecureKmsKey } from './kms-key';

export function managedPrometheusTarget(
  scope: Construct, clusterName: string, settings: ManagedPrometheusSettings, aws: { readonly accountId: string; readonly partition: string },
): ManagedPrometheusTarget {
  if (settings.workspaceArn !== undefined) return existingWorkspaceTarget(settings.workspaceArn);
  const names = managedPrometheusWorkspaceNames(clusterName);
  const key = new SecureKmsKey(scope, 'MetricsKey', { description: names.keyDescription, ...aws });
  const workspace = new PrometheusWorkspace(scope, 'MetricsWorkspace', { alias: names.alias, kmsKeyArn: key.key.arn });
  return { workspaceArn: workspace.arn, remoteWriteUrl: remoteWriteUrlOfEndpoint(workspace.prometheusEndpoint) };
}
