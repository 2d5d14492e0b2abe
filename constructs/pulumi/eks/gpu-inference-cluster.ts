/**
 * `GpuInferenceCluster` on Pulumi, built from `@pulumi/aws` resources (not `@pulumi/eks`, which is a
 * remote component and opaque under mocks): the same cluster as the CDK and Terraform constructs of that
 * name, plus a `k8s.Provider` for it that {@link VllmService} deploys with.
 */
import type { DeploymentBudget } from '../../../lib/budgets/deployment-budget';
import { LLM_CAPTURE_PREFIX } from '../../../lib/eks/llm-capture';
import { llmDriftAlarms, type LlmDriftSettings } from '../../../lib/eks/llm-drift';
import { llmDriftJob } from './llm-drift-job';
import type { ManagedPrometheusSettings } from '../../../lib/eks/managed-prometheus';
import { collectorConfigOverride, managedPrometheusTarget } from './managed-prometheus-workspace';
import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { ModelArchitecture } from '../../../lib/catalogue/types';
import { buildGpuNodePoolObjects } from '../../../lib/kubernetes/node-pools';
import type { GpuCapacityPlan } from '../../../lib/plan/gpu-capacity-plan';
import type { EksCapacity } from '../../../lib/spec/types';
import { CLUSTER_LOG_RETENTION_DAYS, clusterLogGroupNames } from '../../../lib/eks/log-groups';
import { alarmTopicName, partitionOfRegion } from '../../../lib/eks/alert-routing';
import { VPC_CNI_NETWORK_POLICY_ADDON } from '../../../lib/eks/network-policy-enforcement';
import type { ClusterOperator } from '../../../lib/kubernetes/runtimes/registry';
import { gpuClusterComponents, PROMETHEUS_HOST_PORT, type HelmComponent } from '../../../lib/eks/components';
import { gpuNodeRoleName, interruptionQueueName } from '../../../lib/eks/names';
import { type ClusterServingCapacity, clusterServingCapacity } from '../../../lib/eks/cluster-fit';
import { gpuNodeDisk, maxGpuNodes, nodegroupFallbackTypes } from '../../../lib/eks/sizing';
import { gpuClusterMonitoring } from './gpu-cluster-monitoring';
import { installHelmComponents } from './helm-releases';
import { karpenterAwsResources } from './karpenter';
import { applyKubeObjects } from './kube-objects';
import { managedNodegroup } from './managed-nodegroup';
import { ModelBucket } from './model-bucket';
import { createNetwork } from './network';
import { secureKmsKey, serviceTrust } from './kms-key';
import type { AlarmRecipientsSpec } from '../../../lib/spec/types';

export interface GpuInferenceClusterArgs {
  /** Literal cluster name (IAM condition keys, alarm dimensions, discovery tags). */
  readonly clusterName: string;
  readonly region: string;
  readonly accountId: string;
  /** The plan the GPU capacity is sized for: an LLM or a model-server plan. */
  readonly plan: GpuCapacityPlan;
  /** The served LLM (node disk sizes). Required with an LLM plan. @default - none: the model-server plan's model volume */
  readonly model?: ModelArchitecture;
  /** @default 0 */
  readonly loraAdapterCount?: number;
  /** @default - the cluster name */
  readonly deploymentName?: string;
  /** @default 'karpenter' */
  readonly capacity?: EksCapacity;
  /** @default 'al2023' */
  readonly amiFamily?: 'al2023' | 'bottlerocket';
  /** @default - a new VPC */
  readonly vpc?: { readonly vpcId: string; readonly privateSubnetIds: readonly string[] };
  /** @default '1.35' */
  readonly kubernetesVersion?: string;
  /** @default - none */
  readonly adminRoleArns?: readonly string[];
  /** @default - private API endpoint only */
  readonly publicEndpointCidrs?: readonly string[];
  /** @default - on-demand */
  readonly capacityReservationId?: string;
  /** @default 1 */
  readonly minReplicas?: number;
  /** @default - the plan's replicas × 2 */
  readonly maxReplicas?: number;
  readonly modelBucketName: string;
  readonly accessLogsBucketName: string;
  /** @default true */
  readonly keda?: boolean;
  /**
   * Some plan on the cluster serves from MIG slices: install the NVIDIA GPU Operator's MIG manager (lib/eks/gpu-operator-component.ts).
   * @default - whether `plan` has a MIG slice
   */
  readonly mig?: boolean;
  readonly servingNamespace: string;
  /** @default true */
  readonly expectRunningPods?: boolean;
  /** @default - none */
  readonly alarmEmail?: string;
  /** Who else hears the alarms (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  /** AWS Budgets budget that notifies the alarm topic (lib/budgets/deployment-budget.ts). @default - no budget */
  readonly budget?: DeploymentBudget;
  /** `app/<name>/<id>` of an ALB in front of the serving pods: alarms on its target 5xx. @default - none */
  readonly loadBalancerDimension?: string;
  /** Secrets Manager secrets (names or ARNs) the External Secrets Operator may read; installs it. @default - not installed */
  readonly externalSecretIds?: readonly string[];
  /** Install the AWS Load Balancer Controller (not in Auto Mode, which brings its own). @default false */
  readonly albController?: boolean;
  /** Operators the serving runtime needs (KServe, KubeRay, Argo Rollouts...), see lib/eks/operators.ts. @default - none */
  readonly operators?: readonly ClusterOperator[];
  /** Helm releases a platform adds after the cluster's own (lib/eks/components.ts `additionalComponents`). @default - none */
  readonly additionalComponents?: readonly HelmComponent[];
  /**
   * Install the Argo Rollouts controller (the serving objects use a Rollout); `gatewayApiPlugin` loads its Gateway API
   * traffic router plugin. @default - not installed
   */
  readonly argoRollouts?: { readonly gatewayApiPlugin: boolean };
  /**
   * Replicas a rollout adds on top of maxReplicas at worst (a traffic-routed canary runs more than one extra pod):
   * the GPU node group / NodePool holds maxReplicas + this many replicas. @default ROLLOUT_SURGE_REPLICAS (1)
   */
  readonly rolloutSurgeReplicas?: number;
  /**
   * LLM request capture through the OpenTelemetry Collector to the model bucket, and the scheduled drift job over it
   * (lib/eks/llm-drift.ts `llmDriftSettings`).
   * @default - no capture, no drift job
   */
  readonly llmDrift?: LlmDriftSettings;
  /**
   * Remote-write the cluster's metrics to Amazon Managed Service for Prometheus through the collector
   * (lib/eks/managed-prometheus.ts): `{}` creates a KMS-encrypted workspace, `{ workspaceArn }` uses an existing one.
   * @default - metrics stay in the cluster's Prometheus
   */
  readonly managedPrometheus?: ManagedPrometheusSettings;
}

const AUTO_MODE_CLUSTER_POLICIES = ['AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy'];
const AUTO_MODE_NODE_POLICIES = ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly'];

export class GpuInferenceCluster extends pulumi.ComponentResource {
  public readonly cluster: aws.eks.Cluster;
  public readonly provider: k8s.Provider;
  public readonly modelBucket: ModelBucket;
  public readonly partition: pulumi.Output<string>;
  /** Helm releases and GPU capacity the serving objects wait for. */
  public readonly platformReady: pulumi.Resource[];
  /** Absent in Auto Mode (built in). */
  public readonly podIdentityAgent?: aws.eks.Addon;

  /** What the cluster was built for: a `VllmService` given this cluster is checked against it. */
  public readonly servingCapacity: ClusterServingCapacity;

  constructor(name: string, args: GpuInferenceClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:aws:GpuInferenceCluster', name, {}, opts);
    this.servingCapacity = clusterServingCapacity(args);
    const { clusterName, plan } = args;
    const child = { parent: this };
    const capacity = args.capacity ?? 'karpenter';
    const autoMode = capacity === 'auto-mode';
    this.partition = aws.getPartitionOutput({}, child).partition;
    const aws_ = { accountId: args.accountId, partition: this.partition };
    const policyArn = (policy: string) => pulumi.interpolate`arn:${this.partition}:iam::aws:policy/${policy}`;

    const network = args.vpc ? undefined : createNetwork(`${name}-network`, { clusterName, region: args.region, ...aws_ }, this);
    const subnetIds = args.vpc ? args.vpc.privateSubnetIds.map((id) => pulumi.output(id)) : network!.privateSubnetIds;
    const vpcId = args.vpc ? pulumi.output(args.vpc.vpcId) : network!.vpcId;

    const secretsKey = secureKmsKey(`${name}-secrets`, { description: `Envelope encryption of Kubernetes secrets in ${clusterName}`, ...aws_ }, { parent: this, retainOnDelete: true });
    const clusterRole = new aws.iam.Role(`${name}-cluster`, { assumeRolePolicy: serviceTrust('eks.amazonaws.com', ['sts:AssumeRole', 'sts:TagSession']) }, child);
    const clusterPolicies = ['AmazonEKSClusterPolicy', ...(autoMode ? AUTO_MODE_CLUSTER_POLICIES : [])].map((policy) =>
      new aws.iam.RolePolicyAttachment(`${name}-cluster-${policy}`, { role: clusterRole.name, policyArn: policyArn(policy) }, child));
    const autoModeNodeRole = autoMode
      ? new aws.iam.Role(`${name}-auto-node`, { name: gpuNodeRoleName(clusterName), assumeRolePolicy: serviceTrust('ec2.amazonaws.com') }, child)
      : undefined;
    const autoModeAttachments = autoModeNodeRole
      ? AUTO_MODE_NODE_POLICIES.map((policy) => new aws.iam.RolePolicyAttachment(`${name}-auto-node-${policy}`, { role: autoModeNodeRole.name, policyArn: policyArn(policy) }, child))
      : [];

    // Declared before the cluster, or EKS creates them on first write with no retention and no key.
    const logKey = secureKmsKey(`${name}-logs`, {
      description: `Encrypts the control-plane and Container Insights logs of ${clusterName}`,
      accountId: args.accountId, partition: this.partition, servicePrincipals: [`logs.${args.region}.amazonaws.com`],
    }, child);
    const logGroups = clusterLogGroupNames(clusterName).map((logName, i) => new aws.cloudwatch.LogGroup(`${name}-logs-${i}`, {
      name: logName, retentionInDays: CLUSTER_LOG_RETENTION_DAYS, kmsKeyId: logKey.arn,
    }, child));
    this.cluster = new aws.eks.Cluster(`${name}-cluster`, {
      name: clusterName,
      version: args.kubernetesVersion ?? '1.35',
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: args.publicEndpointCidrs !== undefined,
        publicAccessCidrs: args.publicEndpointCidrs ? [...args.publicEndpointCidrs] : undefined,
      },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: secretsKey.arn } },
      enabledClusterLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      ...(autoMode && {
        bootstrapSelfManagedAddons: false,
        computeConfig: { enabled: true, nodePools: ['general-purpose', 'system'], nodeRoleArn: autoModeNodeRole!.arn },
        kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
        storageConfig: { blockStorage: { enabled: true } },
      }),
    }, { parent: this, dependsOn: [...clusterPolicies, ...autoModeAttachments, ...logGroups] });
    new aws.ec2.Tag(`${name}-sg-discovery`, { resourceId: this.cluster.vpcConfig.clusterSecurityGroupId, key: 'karpenter.sh/discovery', value: clusterName }, child);
    (args.adminRoleArns ?? []).forEach((arn, i) => {
      const entry = new aws.eks.AccessEntry(`${name}-admin-${i}`, { clusterName: this.cluster.name, principalArn: arn }, child);
      new aws.eks.AccessPolicyAssociation(`${name}-admin-${i}`, {
        clusterName: this.cluster.name, principalArn: arn, accessScope: { type: 'cluster' },
        policyArn: pulumi.interpolate`arn:${this.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
      }, { parent: this, dependsOn: [entry] });
    });
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: kubeconfigFor(this.cluster, clusterName, args.region) }, child);

    const nodes: pulumi.Resource[] = [];
    if (!autoMode) {
      this.podIdentityAgent = new aws.eks.Addon(`${name}-pod-identity`, { clusterName: this.cluster.name, addonName: 'eks-pod-identity-agent' }, child);
      // The VPC CNI enforces the serving namespace's NetworkPolicies only with this setting.
      new aws.eks.Addon(`${name}-vpc-cni`, {
        clusterName: this.cluster.name,
        addonName: VPC_CNI_NETWORK_POLICY_ADDON.addonName,
        configurationValues: VPC_CNI_NETWORK_POLICY_ADDON.configurationValues,
        resolveConflictsOnCreate: VPC_CNI_NETWORK_POLICY_ADDON.resolveConflicts,
        resolveConflictsOnUpdate: VPC_CNI_NETWORK_POLICY_ADDON.resolveConflicts,
      }, child);
      // Karpenter, KEDA, CoreDNS and the monitoring stack run here, never on GPU nodes.
      nodes.push(managedNodegroup(`${name}-system`, {
        cluster: this.cluster, subnetIds, partition: this.partition, amiType: 'AL2023_x86_64_STANDARD',
        instanceType: 'm7i.large', minSize: 2, maxSize: 4, rootVolumeGiB: 50, labels: { 'node-role': 'system' },
      }, this));
    }
    const minReplicas = args.minReplicas ?? 1;
    const maxReplicas = args.maxReplicas ?? Math.max(plan.replicas * 2, minReplicas);
    const karpenterReady = capacity === 'karpenter'
      ? karpenterAwsResources(`${name}-karpenter`, { clusterName, cluster: this.cluster, region: args.region, ...aws_, podIdentityAgent: this.podIdentityAgent }, this)
      : [];
    const managedPrometheus = args.managedPrometheus ? managedPrometheusTarget(name, clusterName, args.managedPrometheus, aws_, child) : undefined;
    const components = gpuClusterComponents({
      clusterName, capacity, amiFamily: args.amiFamily, keda: args.keda ?? true, leaderWorkerSet: plan.nodes > 1,
      mig: args.mig ?? plan.mig !== undefined,
      interruptionQueueName: capacity === 'karpenter' ? interruptionQueueName(clusterName) : undefined,
      externalSecrets: args.externalSecretIds?.length ? { secretIds: args.externalSecretIds } : undefined,
      // The VPC id is an output here: set on the release below.
      albController: args.albController ? { region: args.region } : undefined,
      argoRollouts: args.argoRollouts,
      region: args.region,
      // Alertmanager sends Prometheus alerts to the same topic as the CloudWatch alarms.
      alertTopicArn: `arn:${partitionOfRegion(args.region)}:sns:${args.region}:${args.accountId}:${alarmTopicName(clusterName)}`,
      operators: args.operators, additionalComponents: args.additionalComponents,
      llmCapture: args.llmDrift?.capture,
      managedPrometheus: managedPrometheus?.target,
    });
    const releases = installHelmComponents({
      name,
      components,
      provider: this.provider,
      parent: this,
      podIdentity: { cluster: this.cluster, partition: this.partition, region: args.region, accountId: args.accountId, podIdentityAgent: this.podIdentityAgent },
      valueOverrides: {
        AwsLoadBalancerController: { vpcId },
        ...collectorConfigOverride(components, managedPrometheus, { clusterName, region: args.region, llmCapture: args.llmDrift?.capture, prometheusHostPort: PROMETHEUS_HOST_PORT }),
      },
      dependsOn: [...nodes, ...karpenterReady],
    });

    const gpuReady: pulumi.Resource[] = [];
    if (capacity === 'managed-nodegroup') {
      gpuReady.push(managedNodegroup(`${name}-gpu`, {
        cluster: this.cluster, subnetIds, partition: this.partition, amiType: 'AL2023_x86_64_NVIDIA', instanceType: plan.instanceType,
        fallbackInstanceTypes: nodegroupFallbackTypes(plan, args),
        minSize: minReplicas * plan.nodes, maxSize: maxGpuNodes(maxReplicas, plan, args.rolloutSurgeReplicas), gpu: true,
        ...gpuNodeDisk(plan, args.model, args.loraAdapterCount ?? 0), capacityReservationId: args.capacityReservationId,
      }, this));
    } else {
      gpuReady.push(applyKubeObjects({
        name: `${name}-node-pools`,
        objects: buildGpuNodePoolObjects({
          name: args.deploymentName ?? clusterName, plan, capacity, clusterName, nodeRoleName: gpuNodeRoleName(clusterName),
          capacityReservationId: args.capacityReservationId, amiFamily: args.amiFamily, maxNodes: maxGpuNodes(maxReplicas, plan, args.rolloutSurgeReplicas),
        }),
        provider: this.provider,
        parent: this,
        dependsOn: [...releases.values(), ...autoModeAttachments],
      }));
    }
    this.platformReady = [...releases.values(), ...gpuReady];

    const capture = args.llmDrift?.capture;
    this.modelBucket = new ModelBucket(`${name}-models`, {
      bucketName: args.modelBucketName, accessLogsBucketName: args.accessLogsBucketName, ...aws_,
      ...(capture ? { expirePrefix: { prefix: capture.prefix ?? LLM_CAPTURE_PREFIX, days: capture.retentionDays } } : {}),
    }, child);
    gpuClusterMonitoring(`${name}-monitoring`, {
      clusterName, cluster: this.cluster, servingNamespace: args.servingNamespace, expectRunningPods: args.expectRunningPods ?? true,
      alarmEmail: args.alarmEmail, alarmRecipients: args.alarmRecipients, budget: args.budget, loadBalancerDimension: args.loadBalancerDimension,
      additionalAlarms: llmDriftAlarms(args.llmDrift), ...aws_, dependsOn: [...nodes, ...(this.podIdentityAgent ? [this.podIdentityAgent] : [])],
    }, this);
    if (args.llmDrift?.job) {
      llmDriftJob(`${name}-llm-drift`, { job: args.llmDrift.job, vpcId, subnetIds, kmsKeyArn: this.modelBucket.key.arn, logsKmsKeyArn: logKey.arn }, this);
    }
    this.registerOutputs({ clusterName: this.cluster.name, modelBucket: this.modelBucket.bucket.bucket });
  }
}

/** A kubeconfig that authenticates with `aws eks get-token` (no static credentials in the state). */
function kubeconfigFor(cluster: aws.eks.Cluster, clusterName: string, region: string): pulumi.Output<string> {
  return pulumi.all([cluster.endpoint, cluster.certificateAuthority.data]).apply(([endpoint, ca]) => JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster: { server: endpoint, 'certificate-authority-data': ca } }],
    contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
    'current-context': clusterName,
    users: [{
      name: clusterName,
      user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', clusterName, '--region', region] } },
    }],
  }));
}
