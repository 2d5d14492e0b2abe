/**
 * Everything an `llm-gke` deployment needs, decided once from the spec and the plan and handed to the cdktf stack,
 * the Pulumi program and the manifests alike (engine-free): the private GKE Standard cluster, its GPU node pool, the
 * weights bucket and its key, the Google service account the pods act as, and the Kubernetes objects through the
 * GKE cloud binding.
 */
import { getInstanceType } from '../catalogue';
import { gcpAlertRouting, promQlAlertPolicies, type GcpAlertRouting } from '../gcp/alert-routing';
import type { GcpBillingBudget, GcpBudgetMissing } from '../gcp/billing-budget';
import { gcpCloud } from '../kubernetes/cloud/gcp';
import { servingContext } from '../kubernetes/context';
import { vllmAlertGroups } from '../kubernetes/monitoring';
import type { AlarmRecipientsSpec } from '../spec/monitoring-types';
import { buildLlmServingObjects } from '../kubernetes/llm-serving';
import type { LlmServingObjectsOptions } from '../kubernetes/options';
import type { KubeObject } from '../kubernetes/types';
import type { LlmServingPlan } from '../planner/types';
import { gkeAcceleratorType } from './accelerators';

/** Addresses of the cluster's own VPC: nodes, pods and services (VPC-native), and the control plane's /28. */
export interface GkeNetworkRanges {
  /** @default '10.40.0.0/20' */ readonly nodes: string;
  /** @default '10.44.0.0/14' */ readonly pods: string;
  /** @default '10.48.0.0/20' */ readonly services: string;
  /** Private control plane range (a /28 unused elsewhere). @default '172.16.0.0/28' */ readonly controlPlane: string;
}

export const DEFAULT_GKE_NETWORK: GkeNetworkRanges = { nodes: '10.40.0.0/20', pods: '10.44.0.0/14', services: '10.48.0.0/20', controlPlane: '172.16.0.0/28' };

/** GKE's release channels ("About release channels", read 2026-12-03): REGULAR balances new features and stability. */
export type GkeReleaseChannel = 'RAPID' | 'REGULAR' | 'STABLE';

export interface LlmGkeDeploymentConfig {
  /** Cluster, bucket-prefix and deployment name. */
  readonly name: string;
  readonly project: string;
  /** Region of the cluster (regional control plane), the node pool's zones and the bucket. */
  readonly region: string;
  /** Compute Engine machine type of the GPU pool (the plan's `instanceType`). */
  readonly machineType: string;
  /** GKE accelerator type (`nvidia-l4`...). */
  readonly acceleratorType: string;
  /** GPUs per node. */
  readonly acceleratorCount: number;
  /** Node pool autoscaling bounds (per zone bounds are not used: `total_*_node_count`). */
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly network: GkeNetworkRanges;
  /** CIDRs allowed to reach the private control plane endpoint. @default - the node range only */
  readonly authorizedNetworks: readonly string[];
  readonly releaseChannel: GkeReleaseChannel;
  /** Bucket holding the weights (CMEK, uniform access, versioned, retained). */
  readonly bucketName: string;
  readonly keyRingName: string;
  readonly cryptoKeyName: string;
  /** Account id (6–30 characters) of the Google service account the serving pods act as. */
  readonly serviceAccountId: string;
  /** The Kubernetes objects' options; `cloud` is set from the service account by {@link gkeKubeObjects}. */
  readonly serving: LlmServingObjectsOptions;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Who hears the alerts and the bill: the spec's recipients (Cloud Monitoring notification channels) and the Cloud
   * Billing budget (lib/gcp/billing-budget.ts).
   * @default - no recipients and no budget (the observability check warns)
   */
  readonly alerting?: { readonly recipients: AlarmRecipientsSpec; readonly budget: GcpBillingBudget | GcpBudgetMissing | undefined };
}

export function googleServiceAccountEmail(config: Pick<LlmGkeDeploymentConfig, 'serviceAccountId' | 'project'>): string {
  return `${config.serviceAccountId}@${config.project}.iam.gserviceaccount.com`;
}

/** The serving objects with the GKE binding: node pool + accelerator scheduling, Workload Identity, GCS, GMP. */
export function gkeServingOptions(config: LlmGkeDeploymentConfig): LlmServingObjectsOptions {
  // KEDA queries the project's Managed Prometheus with its own Workload Identity (lib/gke/keda.ts).
  return { ...config.serving, cloud: gcpCloud({ project: config.project, serviceAccountEmail: googleServiceAccountEmail(config), acceleratorType: config.acceleratorType }) };
}

/** Every Kubernetes object the deployment applies, in apply order (GKE provisions the GPU nodes: no NodePool objects). */
export function gkeKubeObjects(config: LlmGkeDeploymentConfig): KubeObject[] {
  return buildLlmServingObjects(gkeServingOptions(config));
}

/**
 * The deployment's notification channels and one Cloud Monitoring PromQL alerting policy per vLLM alert rule (the
 * rules a PrometheusRule carries elsewhere; lib/gcp/alert-routing.ts says why no GMP Rules object).
 */
export function gkeAlertRouting(config: LlmGkeDeploymentConfig): GcpAlertRouting {
  const policies = promQlAlertPolicies(config.name, vllmAlertGroups(servingContext(gkeServingOptions(config))));
  return gcpAlertRouting(config.name, config.alerting?.recipients ?? {}, policies);
}

/** GPU nodes the pool needs: one node per pod, `maxReplicas` plus the rollout's surge replica. */
export function gkeNodeBounds(plan: LlmServingPlan, minReplicas: number, maxReplicas: number): { minNodes: number; maxNodes: number } {
  return { minNodes: minReplicas * plan.nodes, maxNodes: (maxReplicas + 1) * plan.nodes };
}

/** The GPU machine of a plan, as GKE provisions it. @throws Error when GKE has no accelerator type for it */
export function gkeMachine(plan: LlmServingPlan): { machineType: string; acceleratorType: string; acceleratorCount: number } {
  const instance = getInstanceType(plan.instanceType);
  const acceleratorType = gkeAcceleratorType(plan.accelerator, plan.instanceType);
  if (acceleratorType === undefined) {
    throw new Error(`GKE has no accelerator type for '${plan.accelerator}' (machine type ${plan.instanceType}). Fix: plan on a GPU GKE offers (target.accelerator: t4, l4, a100-40gb, a100-80gb, h100-80gb or h200)`);
  }
  return { machineType: instance.name, acceleratorType, acceleratorCount: instance.acceleratorCount };
}

/** The IAM member of the serving pods' Kubernetes ServiceAccount (GKE docs, "Authenticate to Google Cloud APIs from GKE workloads", read 2026-12-03). */
export function workloadIdentityMember(config: Pick<LlmGkeDeploymentConfig, 'project' | 'serving'>): string {
  return `serviceAccount:${config.project}.svc.id.goog[${config.serving.namespace}/${config.serving.serviceAccountName}]`;
}
