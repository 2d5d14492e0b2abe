/**
 * The Amazon Managed Service for Prometheus workspace a GPU cluster's collector writes to: the spec's existing one, or a
 * new `aws.amp.Workspace` encrypted with its own customer-managed key (`kmsKeyArn`).
 * A created workspace's ARN and endpoint are outputs. The ARN travels in the target cast to a string: only the collector's
 * IAM policy reads it, and `podIdentityRole` serialises policies with `pulumi.jsonStringify`, which resolves outputs.
 * The endpoint is set by replacing the collector's `config` value with one computed from the output
 * (`collectorConfigOverride`), since the neutral values pass through `JSON.stringify`.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  existingWorkspaceTarget, managedPrometheusWorkspaceNames, remoteWriteUrlOfEndpoint, type ManagedPrometheusSettings, type ManagedPrometheusTarget,
} from '../../../lib/eks/managed-prometheus';
import { type OtelCollectorComponentOptions, otelCollectorConfig } from '../../../lib/eks/otel-collector-component';
import type { HelmComponent } from '../../../lib/eks/components';
import { secureKmsKey } from './kms-key';

export interface PulumiManagedPrometheus {
  /** For `gpuClusterComponents({ managedPrometheus })`. */
  readonly target: ManagedPrometheusTarget;
  /** Output-valued endpoint of a created workspace. @default - none: the target is plain strings */
  readonly remoteWriteUrl?: pulumi.Output<string>;
}

/** Stands in the neutral values until `collectorConfigOverride` replaces the collector's config (never deployed). */
const PENDING_REMOTE_WRITE_URL = 'https://pending.invalid/set-from-the-workspace-output';

export function managedPrometheusTarget(
  name: string, clusterName: string, settings: ManagedPrometheusSettings, aws_: { readonly accountId: string; readonly partition: pulumi.Input<string> }, opts: pulumi.CustomResourceOptions,
): PulumiManagedPrometheus {
  if (settings.workspaceArn !== undefined) return { target: existingWorkspaceTarget(settings.workspaceArn) };
  const names = managedPrometheusWorkspaceNames(clusterName);
  const key = secureKmsKey(`${name}-metrics-key`, { description: names.keyDescription, ...aws_ }, opts);
  const workspace = new aws.amp.Workspace(`${name}-metrics`, { alias: names.alias, kmsKeyArn: key.arn }, opts);
  const remoteWriteUrl = workspace.prometheusEndpoint.apply(remoteWriteUrlOfEndpoint);
  return { target: { workspaceArn: workspace.arn as unknown as string, remoteWriteUrl: PENDING_REMOTE_WRITE_URL }, remoteWriteUrl };
}

/** The collector's `config` computed from the workspace's output endpoint (Helm values cannot hold an Output otherwise). */
export function collectorConfigOverride(components: readonly HelmComponent[], managed: PulumiManagedPrometheus | undefined, options: Omit<OtelCollectorComponentOptions, 'managedPrometheus'>): Record<string, Record<string, pulumi.Input<unknown>>> {
  const collector = components.find((c) => c.id === 'OtelCollector');
  if (!managed?.remoteWriteUrl || !collector) return {};
  const target = managed.target;
  return { [collector.id]: { config: managed.remoteWriteUrl.apply((url) => otelCollectorConfig({ ...options, managedPrometheus: { workspaceArn: target.workspaceArn, remoteWriteUrl: url } })) } };
}
