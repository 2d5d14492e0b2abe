/**
 * Amazon Managed Service for Prometheus (AMP) export of an EKS GPU cluster's metrics, through the in-cluster
 * OpenTelemetry Collector (otel-collector-component.ts), not through Prometheus' own `remoteWrite`:
 * - the collector already has a Pod Identity role (the grant below adds `aps:RemoteWrite` on the one workspace), and a
 *   Helm component carries one role; kube-prometheus-stack's role is Alertmanager's (alert-routing.ts);
 * - the collector's `sigv4auth` extension signs with aws-sdk-go-v2, whose default credential chain reads the EKS Pod
 *   Identity agent's container credentials.
 * A `prometheus` receiver federates every series the cluster's Prometheus scraped (vLLM, TGI, DCGM, ...) from its
 * `/federate` endpoint (Prometheus docs, "Federation": `honor_labels: true`, `metrics_path: /federate`, `match[]`
 * selectors), OTLP metrics sent to the collector join them, and the `prometheusremotewrite` exporter writes both to the
 * workspace, authenticated by `sigv4auth` (exporter/prometheusremotewriteexporter and extension/sigv4authextension
 * READMEs of opentelemetry-collector-contrib: `auth.authenticator`, `region`, `service: aps`).
 * The otelcol-contrib distribution's build manifest lists prometheusreceiver, prometheusremotewriteexporter and
 * sigv4authextension (opentelemetry-collector-releases distributions/otelcol-contrib/manifest.yaml, read 2026-12-03).
 * Engine-free.
 */
import { AMP_WORKSPACE_ARN } from '../spec/check-managed-prometheus';
import type { DeploymentSpec } from '../spec/types';

/** The spec's choice (`monitoring.managedPrometheus`), decided once for every engine. */
export interface ManagedPrometheusSettings {
  /**
   * An existing workspace (`arn:aws:aps:<region>:<account>:workspace/ws-...`) in the deployment's region.
   * @default - each engine creates a workspace, encrypted with the cluster's KMS key
   */
  readonly workspaceArn?: string;
}

/** Where the collector writes: the workspace (an existing one, or an engine's reference to the one it created). */
export interface ManagedPrometheusTarget {
  /** Workspace ARN for the IAM statement; may be an engine token. */
  readonly workspaceArn: string;
  /** `https://aps-workspaces.<region>.amazonaws.com/workspaces/<id>/api/v1/remote_write`; may be an engine token. */
  readonly remoteWriteUrl: string;
}

/**
 * The remote-write endpoint of a workspace: `<PrometheusEndpoint>api/v1/remote_write`, where the workspace's endpoint is
 * `https://aps-workspaces.<region>.amazonaws.com/workspaces/<id>/` (AMP user guide, "Ingest Prometheus metrics to the
 * workspace", read 2026-12-03).
 */
export function ampRemoteWriteUrl(workspaceArn: string): string {
  const match = AMP_WORKSPACE_ARN.exec(workspaceArn);
  if (!match) throw new Error(`ampRemoteWriteUrl: '${workspaceArn}' is not an AMP workspace ARN`);
  const [, region, , id] = match;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://aps-workspaces.${region}.${suffix}/workspaces/${id}/api/v1/remote_write`;
}

/** The remote-write URL from a created workspace's `PrometheusEndpoint` attribute (ends in `/`). */
export function remoteWriteUrlOfEndpoint(prometheusEndpoint: string): string {
  return `${prometheusEndpoint}api/v1/remote_write`;
}

/** The spec's `monitoring.managedPrometheus`, as every engine reads it. */
export function managedPrometheusSettings(spec: DeploymentSpec): ManagedPrometheusSettings | undefined {
  const value = spec.monitoring.managedPrometheus;
  if (value === undefined) return undefined;
  return value === true || value.workspaceArn === undefined ? {} : { workspaceArn: value.workspaceArn };
}

/** The target of an existing workspace (spec `workspaceArn`). */
export function existingWorkspaceTarget(workspaceArn: string): ManagedPrometheusTarget {
  return { workspaceArn, remoteWriteUrl: ampRemoteWriteUrl(workspaceArn) };
}

/**
 * The one statement the collector needs: `aps:RemoteWrite` on this workspace only (the action supports the `workspace`
 * resource type; AMP IAM reference, read 2026-12-03).
 */
export function ampRemoteWriteStatement(target: ManagedPrometheusTarget): Record<string, unknown> {
  return { Sid: 'RemoteWriteMetrics', Effect: 'Allow', Action: ['aps:RemoteWrite'], Resource: target.workspaceArn };
}

export const AMP_EXPORTER = 'prometheusremotewrite/amp';
export const AMP_AUTH_EXTENSION = 'sigv4auth/amp';
export const FEDERATE_RECEIVER = 'prometheus/federate';

/** Scrape interval of the federation job; kube-prometheus-stack scrapes every 30 s by default. */
const FEDERATE_INTERVAL = '30s';

/**
 * The collector configuration that federates the cluster's Prometheus and remote-writes to AMP, merged into the
 * collector's config by otel-collector-component.ts. `prometheusUrl` is the in-cluster Prometheus (host:port).
 */
export function managedPrometheusCollectorConfig(target: ManagedPrometheusTarget, region: string, prometheusHostPort: string): {
  extensions: Record<string, unknown>; receivers: Record<string, unknown>; exporters: Record<string, unknown>;
  pipeline: { receivers: string[]; processors: string[]; exporters: string[] };
} {
  return {
    extensions: { [AMP_AUTH_EXTENSION]: { region, service: 'aps' } },
    receivers: {
      [FEDERATE_RECEIVER]: {
        config: {
          scrape_configs: [{
            job_name: 'federate-cluster-prometheus',
            scrape_interval: FEDERATE_INTERVAL,
            // Keep the job/instance labels Prometheus gave each series (Prometheus docs, "Federation").
            honor_labels: true,
            metrics_path: '/federate',
            // Every series that came from a scrape job (the runtimes', DCGM's, the cluster's).
            params: { 'match[]': ['{job!=""}'] },
            static_configs: [{ targets: [prometheusHostPort] }],
          }],
        },
      },
    },
    exporters: {
      [AMP_EXPORTER]: {
        endpoint: target.remoteWriteUrl,
        auth: { authenticator: AMP_AUTH_EXTENSION },
        // OTLP metrics' resource attributes (service.name, k8s.*) become labels, as federated series carry theirs.
        resource_to_telemetry_conversion: { enabled: true },
      },
    },
    pipeline: { receivers: ['otlp', FEDERATE_RECEIVER], processors: ['memory_limiter', 'batch'], exporters: [AMP_EXPORTER] },
  };
}

/** Alias and key description of the workspace an engine creates for a cluster (alias: 1-100 characters). */
export function managedPrometheusWorkspaceNames(clusterName: string): { alias: string; keyDescription: string } {
  return {
    alias: `${clusterName.slice(0, 92)}-metrics`,
    keyDescription: `Encrypts the Amazon Managed Service for Prometheus workspace of ${clusterName}`,
  };
}
