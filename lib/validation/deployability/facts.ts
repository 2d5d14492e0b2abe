/**
 * What the deployability checks look at, in engine-neutral terms: the facts a cloud engineer reads off a
 * synthesized stack (node groups and their sizes, Helm releases and their timeouts, IAM policies, alarms and
 * where they go, log groups, cluster add-ons, API routes) plus the Kubernetes objects it applies. Each engine
 * has one extractor (CloudFormation, Terraform JSON, Pulumi recorded resources); the checks never read an
 * engine's format, so they apply to every blueprint on every engine, present and future.
 */
import type { KubeObject } from '../../kubernetes/types';
import type { FindingEngine } from '../types';
import type { AzureAlertingFacts, AzurePrivateLinkFacts } from './facts-azure';
import type { GcpMonitoringFacts } from './observability-gcp';

/** An EKS managed node group. */
export interface NodeGroupFact {
  readonly resource: string;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly labels: Readonly<Record<string, string>>;
  /** Has a launch template of our own (disk, IMDS hop limit), not the EKS default. */
  readonly launchTemplate: boolean;
}

/** A Helm release and the limit of whatever waits for it. */
export interface HelmReleaseFact {
  readonly resource: string;
  readonly chart: string;
  readonly namespace: string;
  /** Helm's `--timeout`, seconds. */
  readonly timeoutSeconds?: number;
  /** How long the caller (e.g. the custom-resource Lambda) waits at most, seconds. @default - no limit known */
  readonly callerLimitSeconds?: number;
  /** Chart values, when they are plain data. */
  readonly values?: Record<string, unknown>;
  /** Release name, when it is a literal. @default - unknown */
  readonly release?: string;
}

/** An IAM policy document (statements only). */
export interface PolicyFact {
  readonly resource: string;
  readonly statements: ReadonlyArray<Record<string, unknown>>;
}

export interface AlarmFact {
  readonly resource: string;
  /** Number of alarm actions (SNS topics, automation). */
  readonly actions: number;
}

export interface TopicFact {
  readonly resource: string;
}

export interface LogGroupFact {
  readonly resource: string;
  /** Literal name, when there is one. */
  readonly name?: string;
  readonly retentionDays?: number;
  readonly encrypted: boolean;
}

export interface ClusterFact {
  readonly resource: string;
  /** Literal cluster name, when there is one. */
  readonly name?: string;
  /** Control-plane log types sent to CloudWatch. */
  readonly logTypes: readonly string[];
  /** EKS Auto Mode (compute managed by EKS). */
  readonly autoMode: boolean;
}

export interface AddonFact {
  readonly resource: string;
  readonly name: string;
  /** Parsed `configurationValues`. @default - none */
  readonly configuration?: Record<string, unknown>;
}

/**
 * A Kubernetes cluster the output creates on Google Cloud or Azure (EKS clusters are {@link ClusterFact}s), and the
 * managed add-ons it turns on (`keda` for the AKS KEDA add-on).
 */
export interface ManagedClusterFact {
  readonly resource: string;
  readonly addons: readonly string[];
}

/** An HTTP API route or a function URL: who may call it. */
export interface ApiRouteFact {
  readonly resource: string;
  /** `AWS_IAM`, `JWT`, `CUSTOM`, `NONE`... */
  readonly authorizationType: string;
}

/** How a SageMaker endpoint replaces its fleet on update, and how large that fleet is. */
export interface EndpointUpdateFact {
  readonly resource: string;
  /** `CANARY`, `LINEAR`, `ALL_AT_ONCE`, or `ROLLING`. */
  readonly routing: string;
  /** Canary size, linear step or rolling batch. */
  readonly step?: { readonly type: string; readonly value: number };
  /** Instances of the single production variant, when known. */
  readonly instances?: number;
}

/** Reads a DeploymentConfig written in any engine's casing (`BlueGreenUpdatePolicy`, `blue_green_update_policy`...). */
export function endpointUpdateOf(resource: string, deploymentConfig: unknown, variants: unknown): EndpointUpdateFact | undefined {
  const pick = (o: any, ...names: string[]) => (o && typeof o === 'object' ? names.map((n) => o[n]).find((v) => v !== undefined) : undefined);
  const config = deploymentConfig as any;
  if (!config) return undefined;
  const list = Array.isArray(variants) ? variants : [];
  const count = list.length === 1 ? pick(list[0], 'InitialInstanceCount', 'initial_instance_count', 'initialInstanceCount') : undefined;
  const size = (s: any) => (s ? { type: String(pick(s, 'Type', 'type')), value: Number(pick(s, 'Value', 'value')) } : undefined);
  const rolling = pick(config, 'RollingUpdatePolicy', 'rolling_update_policy', 'rollingUpdatePolicy');
  if (rolling) return { resource, routing: 'ROLLING', step: size(pick(rolling, 'MaximumBatchSize', 'maximum_batch_size', 'maximumBatchSize')), instances: typeof count === 'number' ? count : undefined };
  const routing = pick(pick(config, 'BlueGreenUpdatePolicy', 'blue_green_update_policy', 'blueGreenUpdatePolicy'), 'TrafficRoutingConfiguration', 'traffic_routing_configuration', 'trafficRoutingConfiguration');
  if (!routing) return undefined;
  return {
    resource,
    routing: String(pick(routing, 'Type', 'type')),
    step: size(pick(routing, 'CanarySize', 'canary_size', 'canarySize', 'LinearStepSize', 'linear_step_size', 'linearStepSize')),
    instances: typeof count === 'number' ? count : undefined,
  };
}

/** Where Terraform keeps its state. */
export interface StateBackendFact {
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface DeploymentFacts {
  readonly engine: FindingEngine;
  readonly kubeObjects: readonly KubeObject[];
  readonly nodeGroups: readonly NodeGroupFact[];
  readonly helmReleases: readonly HelmReleaseFact[];
  readonly policies: readonly PolicyFact[];
  readonly alarms: readonly AlarmFact[];
  readonly topics: readonly TopicFact[];
  /** Number of subscriptions to any topic of the stack (email, HTTPS, SQS, Lambda..., AWS Chatbot channels). */
  readonly subscriptions: number;
  readonly logGroups: readonly LogGroupFact[];
  readonly clusters: readonly ClusterFact[];
  readonly addons: readonly AddonFact[];
  readonly apiRoutes: readonly ApiRouteFact[];
  readonly endpointUpdates: readonly EndpointUpdateFact[];
  /** Terraform only. */
  readonly stateBackend?: StateBackendFact;
  /** Azure: action groups, alert rules and budget notifications, managed-Prometheus clusters (facts-azure.ts). @default - none */
  readonly actionGroups?: AzureAlertingFacts['actionGroups'];
  readonly azureAlerts?: AzureAlertingFacts['azureAlerts'];
  readonly managedPrometheusClusters?: AzureAlertingFacts['managedPrometheusClusters'];
  /** Azure Monitor resources with public network access off and their private paths (facts-azure.ts). @default - none */
  readonly azurePrivateLinks?: AzurePrivateLinkFacts;
  /** Google Cloud alerting policies and billing budgets (observability-gcp.ts). @default - none */
  readonly gcpMonitoring?: GcpMonitoringFacts;
  /** GKE and AKS clusters the output creates. @default - none */
  readonly managedClusters?: readonly ManagedClusterFact[];
}

/** Facts with nothing in them, for engines and tests that fill only some. */
export function emptyFacts(engine: FindingEngine): DeploymentFacts {
  return {
    engine, kubeObjects: [], nodeGroups: [], helmReleases: [], policies: [], alarms: [], topics: [], subscriptions: 0,
    logGroups: [], clusters: [], addons: [], apiRoutes: [], endpointUpdates: [],
  };
}

/** `"900s"`, `"15m"`, 900 → seconds. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 'ms' ? n / 1000 : n;
}

/** Parses a JSON string or returns plain objects as they are; `undefined` when it is neither. */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Statements of a policy document given as an object or a JSON string. */
export function statementsOf(document: unknown): Array<Record<string, unknown>> {
  const doc = jsonObject(document);
  const statements = doc?.Statement ?? doc?.statement;
  if (Array.isArray(statements)) return statements as Array<Record<string, unknown>>;
  return statements && typeof statements === 'object' ? [statements as Record<string, unknown>] : [];
}

/** Keeps one object per `apiVersion/kind/namespace/name` (engines may apply an object in more than one resource). */
export function uniqueObjects(objects: readonly KubeObject[]): KubeObject[] {
  const seen = new Map<string, KubeObject>();
  for (const o of objects) {
    if (!o || typeof o.kind !== 'string' || !o.metadata) continue;
    seen.set(`${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
  }
  return [...seen.values()];
}
