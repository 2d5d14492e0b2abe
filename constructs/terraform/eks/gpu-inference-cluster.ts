/**
 * `GpuInferenceCluster` on Terraform (cdktf): the same cluster as the CDK construct of that name. Private
 * subnets in three AZs (new or given), KMS-encrypted secrets, every control-plane log type, access
 * entries, GPU capacity (Karpenter, EKS Auto Mode or a managed NVIDIA node group), the Helm components of
 * `gpuClusterComponents`, the model bucket and CloudWatch GPU alarms. It also configures the `kubernetes`
 * and `helm` providers for the cluster, which the serving objects use.
 */
import type { DeploymentBudget } from '../../../lib/budgets/deployment-budget';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { Ec2Tag } from '@cdktf/provider-aws/lib/ec2-tag';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn, type ITerraformDependable } from 'cdktf';
import { LLM_CAPTURE_PREFIX } from '../../../lib/eks/llm-capture';
import { llmDriftAlarms, type LlmDriftSettings } from '../../../lib/eks/llm-drift';
import type { ManagedPrometheusSettings } from '../../../lib/eks/managed-prometheus';
import { managedPrometheusTarget } from './managed-prometheus-workspace';
import { LlmDriftJob } from './llm-drift-job';
import { Construct } from 'constructs';
import type { ModelArchitecture } from '../../../lib/catalogue/types';
import { buildGpuNodePoolObjects } from '../../../lib/kubernetes/node-pools';
import type { GpuCapacityPlan } from '../../../lib/plan/gpu-capacity-plan';
import type { EksCapacity } from '../../../lib/spec/types';
import { CLUSTER_LOG_RETENTION_DAYS, clusterLogGroupNames } from '../../../lib/eks/log-groups';
import { alarmTopicName } from '../../../lib/eks/alert-routing';
import { VPC_CNI_NETWORK_POLICY_ADDON } from '../../../lib/eks/network-policy-enforcement';
import type { ClusterOperator } from '../../../lib/kubernetes/runtimes/registry';
import { gpuClusterComponents, type HelmComponent } from '../../../lib/eks/components';
import { gpuNodeRoleName, interruptionQueueName } from '../../../lib/eks/names';
import { type ClusterServingCapacity, clusterServingCapacity } from '../../../lib/eks/cluster-fit';
import { gpuNodeDisk, maxGpuNodes, nodegroupFallbackTypes } from '../../../lib/eks/sizing';
import { GpuClusterMonitoring } from './gpu-cluster-monitoring';
import { HelmReleases } from './helm-releases';
import { Karpenter } from './karpenter';
import { KubeObjects } from './kube-objects';
import { ManagedNodegroup } from './managed-nodegroup';
import { ModelBucket } from './model-bucket';
import { GpuClusterNetwork } from './network';
import { SecureKmsKey } from './kms-key';
import { serviceTrustPolicy } from './trust-policies';
import type { AlarmRecipientsSpec } from '../../../lib/spec/types';

export interface GpuInferenceClusterProps {
  /** Literal cluster name (IAM condition keys, alarm dimensions, discovery tags). */
  readonly clusterName: string;
  readonly region: string;
  /** Account the stack deploys to (key policies, IAM ARNs). */
  readonly accountId: string;
  /** The plan the GPU capacity is sized for: an LLM or a model-server plan. */
  readonly plan: GpuCapacityPlan;
  /** The served LLM (node disk sizes). Required with an LLM plan. @default - none: the model-server plan's model volume */
  readonly model?: ModelArchitecture;
  /** @default 0 */
  readonly loraAdapterCount?: number;
  /** Names the GPU NodePool (`<name>-gpu`). @default - the cluster name */
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

const CLUSTER_POLICIES = ['AmazonEKSClusterPolicy'];
const AUTO_MODE_CLUSTER_POLICIES = ['AmazonEKSComputePolicy', 'AmazonEKSBlockStoragePolicy', 'AmazonEKSLoadBalancingPolicy', 'AmazonEKSNetworkingPolicy'];
const AUTO_MODE_NODE_POLICIES = ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly'];
const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

export class GpuInferenceCluster extends Construct {
  public readonly cluster: EksCluster;
  public readonly clusterName: string;
  public readonly capacity: EksCapacity;
  public readonly kubernetesProvider: KubernetesProvider;
  public readonly helmProvider: HelmProvider;
  public readonly modelBucket: ModelBucket;
  public readonly partition: string;
  /** Helm releases, node pools and node groups the serving objects wait for. */
  public readonly platformReady: ITerraformDependable[];
  /** The Pod Identity agent; absent in Auto Mode (built in). */
  public readonly podIdentityAgent?: EksAddon;
  /** What the cluster was built for: `LlmServingOnEks` placed on it is checked against it. */
  public readonly servingCapacity: ClusterServingCapacity;

  constructor(scope: Construct, id: string, props: GpuInferenceClusterProps) {
    super(scope, id);
    this.servingCapacity = clusterServingCapacity(props);
    const { clusterName, plan } = props;
    this.clusterName = clusterName;
    this.capacity = props.capacity ?? 'karpenter';
    const autoMode = this.capacity === 'auto-mode';
    this.partition = new DataAwsPartition(this, 'Partition').partition;
    const aws = { accountId: props.accountId, partition: this.partition };

    const network = props.vpc ? undefined : new GpuClusterNetwork(this, 'Network', { clusterName, region: props.region, ...aws });
    const subnetIds = props.vpc ? [...props.vpc.privateSubnetIds] : network!.privateSubnetIds;
    const vpcId = props.vpc ? props.vpc.vpcId : network!.vpcId;

    const secretsKey = new SecureKmsKey(this, 'SecretsKey', { description: `Envelope encryption of Kubernetes secrets in ${clusterName}`, ...aws });
    const clusterRole = new IamRole(this, 'ClusterRole', { assumeRolePolicy: serviceTrustPolicy('eks.amazonaws.com', ['sts:AssumeRole', 'sts:TagSession']) });
    const clusterPolicies = [...CLUSTER_POLICIES, ...(autoMode ? AUTO_MODE_CLUSTER_POLICIES : [])].map((policy) =>
      new IamRolePolicyAttachment(this, `Cluster${policy}`, { role: clusterRole.name, policyArn: `arn:${this.partition}:iam::aws:policy/${policy}` }));
    const autoModeNodeRole = autoMode ? this.autoModeNodeRole(clusterName) : undefined;

    // Declared before the cluster, or EKS creates them on first write with no retention and no key.
    const logKey = new SecureKmsKey(this, 'LogKey', {
      description: `Encrypts the control-plane and Container Insights logs of ${clusterName}`, ...aws, servicePrincipals: [`logs.${props.region}.amazonaws.com`],
    });
    const logGroups = clusterLogGroupNames(clusterName).map((name, i) => new CloudwatchLogGroup(this, `LogGroup${i}`, {
      name, retentionInDays: CLUSTER_LOG_RETENTION_DAYS, kmsKeyId: logKey.key.arn,
    }));
    this.cluster = new EksCluster(this, 'Cluster', {
      name: clusterName,
      version: props.kubernetesVersion ?? '1.35',
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: props.publicEndpointCidrs !== undefined,
        publicAccessCidrs: props.publicEndpointCidrs ? [...props.publicEndpointCidrs] : undefined,
      },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: secretsKey.key.arn } },
      enabledClusterLogTypes: LOG_TYPES,
      ...(autoMode && {
        bootstrapSelfManagedAddons: false,
        computeConfig: { enabled: true, nodePools: ['general-purpose', 'system'], nodeRoleArn: autoModeNodeRole!.arn },
        kubernetesNetworkConfig: { elasticLoadBalancing: { enabled: true } },
        storageConfig: { blockStorage: { enabled: true } },
      }),
      dependsOn: [...clusterPolicies, ...logGroups],
    });
    new Ec2Tag(this, 'ClusterSecurityGroupDiscovery', { resourceId: this.cluster.vpcConfig.clusterSecurityGroupId, key: 'karpenter.sh/discovery', value: clusterName });
    (props.adminRoleArns ?? []).forEach((arn, i) => {
      const entry = new EksAccessEntry(this, `Admin${i}`, { clusterName: this.cluster.name, principalArn: arn });
      new EksAccessPolicyAssociation(this, `Admin${i}Policy`, {
        clusterName: this.cluster.name,
        principalArn: arn,
        policyArn: `arn:${this.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: 'cluster' },
        dependsOn: [entry],
      });
    });

    const exec = { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', clusterName, '--region', props.region] };
    const connection = { host: this.cluster.endpoint, clusterCaCertificate: Fn.base64decode(this.cluster.certificateAuthority.get(0).data) };
    this.kubernetesProvider = new KubernetesProvider(this, 'Kubernetes', { ...connection, exec: [exec] });
    this.helmProvider = new HelmProvider(this, 'Helm', { kubernetes: { ...connection, exec } });

    const nodes: ITerraformDependable[] = [];
    if (!autoMode) {
      this.podIdentityAgent = new EksAddon(this, 'PodIdentityAgent', { clusterName: this.cluster.name, addonName: 'eks-pod-identity-agent' });
      // The VPC CNI enforces the serving namespace's NetworkPolicies only with this setting.
      new EksAddon(this, 'VpcCni', {
        clusterName: this.cluster.name,
        addonName: VPC_CNI_NETWORK_POLICY_ADDON.addonName,
        configurationValues: VPC_CNI_NETWORK_POLICY_ADDON.configurationValues,
        resolveConflictsOnCreate: VPC_CNI_NETWORK_POLICY_ADDON.resolveConflicts,
        resolveConflictsOnUpdate: VPC_CNI_NETWORK_POLICY_ADDON.resolveConflicts,
      });
      // Karpenter, KEDA, CoreDNS and the monitoring stack run here, never on GPU nodes.
      nodes.push(new ManagedNodegroup(this, 'System', {
        clusterNameRef: this.cluster.name, subnetIds, partition: this.partition, amiType: 'AL2023_x86_64_STANDARD',
        instanceType: 'm7i.large', minSize: 2, maxSize: 4, rootVolumeGiB: 50, labels: { 'node-role': 'system' },
      }).nodegroup);
    }

    const minReplicas = props.minReplicas ?? 1;
    const maxReplicas = props.maxReplicas ?? Math.max(plan.replicas * 2, minReplicas);
    const karpenter = this.capacity === 'karpenter'
      ? new Karpenter(this, 'Karpenter', { clusterName, clusterNameRef: this.cluster.name, region: props.region, ...aws, podIdentityAgent: this.podIdentityAgent })
      : undefined;
    const managedPrometheus = props.managedPrometheus ? managedPrometheusTarget(this, clusterName, props.managedPrometheus, aws) : undefined;
    const components = gpuClusterComponents({
      clusterName,
      capacity: this.capacity,
      amiFamily: props.amiFamily,
      interruptionQueueName: karpenter ? interruptionQueueName(clusterName) : undefined,
      keda: props.keda ?? true,
      leaderWorkerSet: plan.nodes > 1,
      mig: props.mig ?? plan.mig !== undefined,
      externalSecrets: props.externalSecretIds?.length ? { secretIds: props.externalSecretIds } : undefined,
      albController: props.albController ? { region: props.region, vpcId } : undefined,
      argoRollouts: props.argoRollouts,
      region: props.region,
      // Alertmanager sends Prometheus alerts to the same topic as the CloudWatch alarms.
      alertTopicArn: `arn:${this.partition}:sns:${props.region}:${props.accountId}:${alarmTopicName(clusterName)}`,
      operators: props.operators, additionalComponents: props.additionalComponents,
      llmCapture: props.llmDrift?.capture,
      managedPrometheus,
    });
    const releases = new HelmReleases(this, 'Components', {
      provider: this.helmProvider,
      components,
      podIdentity: { clusterNameRef: this.cluster.name, scope: { partition: this.partition, region: props.region, accountId: props.accountId }, podIdentityAgent: this.podIdentityAgent },
      dependsOn: [...nodes, ...(karpenter?.ready ?? [])],
    });

    const gpuReady: ITerraformDependable[] = [];
    if (this.capacity === 'managed-nodegroup') {
      gpuReady.push(new ManagedNodegroup(this, 'Gpu', {
        clusterNameRef: this.cluster.name, subnetIds, partition: this.partition, amiType: 'AL2023_x86_64_NVIDIA', instanceType: plan.instanceType,
        fallbackInstanceTypes: nodegroupFallbackTypes(plan, props),
        minSize: minReplicas * plan.nodes, maxSize: maxGpuNodes(maxReplicas, plan, props.rolloutSurgeReplicas), gpu: true,
        ...gpuNodeDisk(plan, props.model, props.loraAdapterCount ?? 0),
        capacityReservationId: props.capacityReservationId,
      }).nodegroup);
    } else {
      const pools = new KubeObjects(this, 'NodePools', {
        provider: this.kubernetesProvider,
        objects: buildGpuNodePoolObjects({
          name: props.deploymentName ?? clusterName,
          plan,
          capacity: this.capacity,
          clusterName,
          nodeRoleName: gpuNodeRoleName(clusterName),
          capacityReservationId: props.capacityReservationId,
          amiFamily: props.amiFamily,
          maxNodes: maxGpuNodes(maxReplicas, plan, props.rolloutSurgeReplicas),
        }),
        dependsOn: [...releases.releases.values(), ...(autoModeNodeRole ? [autoModeNodeRole] : [])],
      });
      gpuReady.push(...pools.manifests.values());
    }
    this.platformReady = [...releases.releases.values(), ...gpuReady];

    const capture = props.llmDrift?.capture;
    this.modelBucket = new ModelBucket(this, 'ModelBucket', {
      bucketName: props.modelBucketName, accessLogsBucketName: props.accessLogsBucketName, ...aws,
      ...(capture ? { expirePrefix: { prefix: capture.prefix ?? LLM_CAPTURE_PREFIX, days: capture.retentionDays } } : {}),
    });
    new GpuClusterMonitoring(this, 'Monitoring', {
      clusterName,
      clusterNameRef: this.cluster.name,
      servingNamespace: props.servingNamespace,
      expectRunningPods: props.expectRunningPods ?? true,
      alarmEmail: props.alarmEmail,
      alarmRecipients: props.alarmRecipients,
      budget: props.budget,
      loadBalancerDimension: props.loadBalancerDimension,
      additionalAlarms: llmDriftAlarms(props.llmDrift),
      ...aws,
      dependsOn: [...nodes, ...(this.podIdentityAgent ? [this.podIdentityAgent] : [])],
    });
    if (props.llmDrift?.job) {
      new LlmDriftJob(this, 'LlmDrift', { job: props.llmDrift.job, vpcId, subnetIds, kmsKeyArn: this.modelBucket.key.key.arn, logsKmsKeyArn: logKey.key.arn });
    }
  }

  /** Auto Mode's node role, named so that the NodeClass in the Kubernetes objects can name it literally. */
  private autoModeNodeRole(clusterName: string): IamRole {
    const role = new IamRole(this, 'AutoModeNodeRole', { name: gpuNodeRoleName(clusterName), assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com') });
    AUTO_MODE_NODE_POLICIES.forEach((policy) => new IamRolePolicyAttachment(this, `AutoModeNode${policy}`, {
      role: role.name, policyArn: `arn:${this.partition}:iam::aws:policy/${policy}`,
    }));
    return role;
  }
}
