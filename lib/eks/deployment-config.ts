/**
 * Everything an EKS LLM deployment stack needs, decided once from the spec and the plan and handed to the
 * CDK stack, the cdktf stack and the Pulumi program alike. Engine-free.
 */
import type { DeploymentBudget } from '../budgets/deployment-budget';
import type { KubeObject } from '../kubernetes/types';
import { buildGpuNodePoolObjects } from '../kubernetes/node-pools';
import type { EksCapacity } from '../spec/types';
import { gpuNodeRoleName } from './names';
import { maxGpuNodes } from './sizing';
import { type LlmServingInputs, llmServingObjects, llmServingOperators, servingArgoRollouts, servingNeedsAlbController, servingRolloutSurgeReplicas, servingSecretIds } from './serving';
import type { AlarmRecipientsSpec } from '../spec/types';
import type { LlmDriftSettings } from './llm-drift';
import type { ManagedPrometheusSettings } from './managed-prometheus';

/** The deployment every engine renders for an EKS blueprint, LLM (vLLM...) or classic model server (Triton...). */
export interface LlmEksDeploymentConfig {
  /** Stack, cluster and deployment name. */
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly capacity: EksCapacity;
  /** Node image of Karpenter GPU nodes. @default 'al2023' */
  readonly amiFamily?: 'al2023' | 'bottlerocket';
  /** @default - on-demand */
  readonly capacityReservationId?: string;
  /** What runs on the cluster; `serving.plan` also sizes the GPU capacity. */
  readonly serving: LlmServingInputs;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** @default - a new VPC */
  readonly vpc?: { readonly vpcId: string; readonly privateSubnetIds: readonly string[] };
  /** @default - private API endpoint */
  readonly publicEndpointCidrs?: readonly string[];
  /** @default - none */
  readonly adminRoleArns?: readonly string[];
  /** @default - no subscription */
  readonly alarmEmail?: string;
  /** Who hears the alarms besides `alarmEmail` (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  /** AWS Budgets budget that notifies the alarm topic (lib/budgets/deployment-budget.ts). @default - no budget */
  readonly budget?: DeploymentBudget;
  /** LLM request capture and drift job (lib/eks/llm-drift.ts). @default - none */
  readonly llmDrift?: LlmDriftSettings;
  /** Remote-write metrics to Amazon Managed Service for Prometheus (lib/eks/managed-prometheus.ts). @default - off */
  readonly managedPrometheus?: ManagedPrometheusSettings;
  readonly tags: Readonly<Record<string, string>>;
}

/** GPU NodePool objects of the deployment (Karpenter or Auto Mode); none for managed node groups. */
export function gpuNodePoolObjects(config: LlmEksDeploymentConfig): KubeObject[] {
  if (config.capacity === 'managed-nodegroup') return [];
  return buildGpuNodePoolObjects({
    name: config.serving.name,
    plan: config.serving.plan,
    capacity: config.capacity,
    clusterName: config.name,
    nodeRoleName: gpuNodeRoleName(config.name),
    capacityReservationId: config.capacityReservationId,
    amiFamily: config.amiFamily,
    maxNodes: maxGpuNodes(config.maxReplicas, config.serving.plan, servingRolloutSurgeReplicas(config.serving, config.maxReplicas)),
  });
}

/** Every Kubernetes object the deployment applies, in apply order: node pools, then serving objects. */
export function deploymentKubeObjects(config: LlmEksDeploymentConfig): KubeObject[] {
  return [...gpuNodePoolObjects(config), ...llmServingObjects(config.serving)];
}

/**
 * The GPU cluster settings a deployment config implies, identical on every engine: each engine's
 * GpuInferenceCluster takes these plus its own references (VPC, provider, account and region).
 */
export function gpuClusterSettings(config: LlmEksDeploymentConfig) {
  const serving = config.serving;
  return {
    clusterName: config.name,
    deploymentName: serving.name,
    plan: serving.plan,
    model: serving.model,
    loraAdapterCount: serving.loraAdapters?.length ?? 0,
    capacity: config.capacity,
    amiFamily: config.amiFamily,
    adminRoleArns: config.adminRoleArns,
    publicEndpointCidrs: config.publicEndpointCidrs,
    capacityReservationId: config.capacityReservationId,
    minReplicas: config.minReplicas,
    maxReplicas: config.maxReplicas,
    modelBucketName: serving.modelBucketName,
    keda: serving.autoscaling.engine === 'keda',
    servingNamespace: serving.namespace,
    // No pod is expected while scaled to zero, or at an off-hours floor of zero: the alarm would page every night.
    expectRunningPods: !serving.autoscaling.scaleToZero && serving.autoscaling.offHours?.minReplicas !== 0,
    alarmEmail: config.alarmEmail,
    alarmRecipients: config.alarmRecipients,
    budget: config.budget,
    externalSecretIds: servingSecretIds(serving),
    albController: servingNeedsAlbController(serving),
    operators: llmServingOperators(serving),
    argoRollouts: servingArgoRollouts(serving),
    rolloutSurgeReplicas: servingRolloutSurgeReplicas(serving, config.maxReplicas),
    llmDrift: config.llmDrift,
    managedPrometheus: config.managedPrometheus,
  };
}
