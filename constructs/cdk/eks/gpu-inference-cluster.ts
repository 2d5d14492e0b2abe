/**
 * `GpuInferenceCluster`: an EKS cluster ready to serve LLMs on GPUs. Private subnets across three AZs,
 * KMS-encrypted Kubernetes secrets, every control-plane log type, access entries for admins, GPU
 * capacity (Karpenter, EKS Auto Mode or a managed NVIDIA node group), the cluster software the serving
 * objects need (see `gpuClusterComponents`), the versioned model bucket, and CloudWatch GPU alarms.
 */
import type { DeploymentBudget } from '../../../lib/budgets/deployment-budget';
import { ArnFormat, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { Construct, type IDependable } from 'constructs';
import type { ModelArchitecture } from '../../../lib/catalogue/types';
import type { GpuCapacityPlan } from '../../../lib/plan/gpu-capacity-plan';
import type { EksCapacity } from '../../../lib/spec/types';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';
import { ClusterLogGroups } from './cluster-log-groups';
import type { DriftDetectionJob } from '../serverless/drift-detection-job';
import { LlmDriftJob } from './llm-drift-job';
import { LLM_CAPTURE_PREFIX } from '../../../lib/eks/llm-capture';
import { llmDriftAlarms, type LlmDriftSettings } from '../../../lib/eks/llm-drift';
import type { ManagedPrometheusSettings } from '../../../lib/eks/managed-prometheus';
import { managedPrometheusTarget } from './managed-prometheus-workspace';
import { GpuCapacity } from './gpu-capacity';
import { validateGpuInferenceClusterProps } from './gpu-inference-cluster-props';
import { GpuClusterMonitoring } from './gpu-cluster-monitoring';
import { helmChartOptions } from './helm-component';
import { type IModelBucket, ModelBucket } from './model-bucket';
import { PodIdentityRole } from './pod-identity-role';
import { restrictGrantsToAwsServices } from '../security/kms-grants';
import { encryptUnencryptedLogGroups } from '../security/encrypt-log-groups';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';
import { alarmTopicName } from '../../../lib/eks/alert-routing';
import { VPC_CNI_NETWORK_POLICY_ADDON } from '../../../lib/eks/network-policy-enforcement';
import type { ClusterOperator } from '../../../lib/kubernetes/runtimes/registry';
import { gpuClusterComponents, type HelmComponent } from '../../../lib/eks/components';
import { gpuNodeRoleName, interruptionQueueName } from '../../../lib/eks/names';
import { type ClusterServingCapacity, clusterServingCapacity } from '../../../lib/eks/cluster-fit';
import type { AlarmRecipientsSpec } from '../../../lib/spec/types';

/** What serving constructs need from a GPU inference cluster. */
export interface IGpuInferenceCluster {
  /** The cluster, created here or imported (`eks.Cluster.fromClusterAttributes` with its kubectl provider). */
  readonly cluster: eks.ICluster;
  /** Literal cluster name. */
  readonly clusterName: string;
  readonly capacity: EksCapacity;
  readonly modelBucket: IModelBucket;
  readonly alarmTopic: sns.ITopic;
  /** Helm releases and GPU node pools that serving objects must wait for. */
  readonly platformReady: readonly IDependable[];
  /** The Pod Identity agent add-on, which associations wait for; absent in Auto Mode (built in). */
  readonly podIdentityAgent?: IDependable;
  /**
   * What the cluster was built for (deployment, namespace, bucket, plan, replica bound): serving placed on
   * it is checked against it.
   * @default - not checked
   */
  readonly servingCapacity?: ClusterServingCapacity;
}

export interface GpuInferenceClusterProps {
  /** Literal cluster name (lower-case, ≤ 40 characters): Karpenter's IAM conditions and alarm dimensions use it. */
  readonly clusterName: string;
  /** The plan the GPU capacity is sized for (instance type, GPUs, nodes per replica): an LLM or a model-server plan. */
  readonly plan: GpuCapacityPlan;
  /** The served LLM (node disk sizes). Required with an LLM plan. @default - none: the model-server plan's model volume */
  readonly model?: ModelArchitecture;
  /** LoRA adapters stored beside the model (node disk sizes). @default 0 */
  readonly loraAdapterCount?: number;
  /**
   * Deployment whose GPU NodePool this cluster creates (NodePool `<name>-gpu`).
   * @default - the cluster name
   */
  readonly deploymentName?: string;
  /** How GPU nodes are provided. @default 'karpenter' */
  readonly capacity?: EksCapacity;
  /** Node image of Karpenter GPU nodes. @default 'al2023' */
  readonly amiFamily?: 'al2023' | 'bottlerocket';
  /**
   * Existing VPC with private subnets (tagged `kubernetes.io/role/internal-elb=1` and
   * `karpenter.sh/discovery=<clusterName>`).
   * @default - a new VPC with public and private subnets in 3 AZs, one NAT gateway per AZ, flow logs
   */
  readonly vpc?: ec2.IVpc;
  /** @default KubernetesVersion.V1_35 (Karpenter 1.11 supports up to 1.35) */
  readonly kubernetesVersion?: eks.KubernetesVersion;
  /** IAM role ARNs granted cluster-admin through access entries. @default - none besides the deployer */
  readonly adminRoleArns?: readonly string[];
  /**
   * CIDRs allowed to reach a public API endpoint. Cannot be empty when given.
   * @default - the API endpoint is private (reachable from the VPC only)
   */
  readonly publicEndpointCidrs?: readonly string[];
  /** Key for envelope encryption of Kubernetes secrets. @default - a new key with rotation */
  readonly secretsEncryptionKey?: kms.IKey;
  /** EC2 capacity reservation (or Capacity Block, see `capacityBlock`) for GPU nodes. @default - on-demand */
  readonly capacityReservationId?: string;
  /** The reservation is a Capacity Block for ML. @default false */
  readonly capacityBlock?: boolean;
  /** Replicas kept running (sizes a managed node group). @default 1 */
  readonly minReplicas?: number;
  /** Replicas at most (sizes node groups and NodePool limits). @default - the plan's replicas × 2 */
  readonly maxReplicas?: number;
  /** Literal name of the model bucket (Kubernetes objects name it). */
  readonly modelBucketName: string;
  /** Install KEDA for ScaledObjects. @default true */
  readonly keda?: boolean;
  /**
   * Some plan on the cluster serves from MIG slices: install the NVIDIA GPU Operator's MIG manager (lib/eks/gpu-operator-component.ts).
   * @default - whether `plan` has a MIG slice
   */
  readonly mig?: boolean;
  /** Namespace of the serving pods (alarm dimension). */
  readonly servingNamespace: string;
  /** Alarm when no serving pod runs (false with scale to zero). @default true */
  readonly expectRunningPods?: boolean;
  /** Subscribed to the alarm topic. @default - none */
  readonly alarmEmail?: string;
  /** Who else hears the alarms (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  /** AWS Budgets budget that notifies the alarm topic (lib/budgets/deployment-budget.ts). @default - no budget */
  readonly budget?: DeploymentBudget;
  /**
   * `app/<name>/<id>` of an ALB in front of the serving pods: alarms on its target 5xx.
   * @default - no load balancer alarm
   */
  readonly loadBalancerDimension?: string;
  /**
   * Secrets Manager secrets (names or ARNs) synced into the cluster: installs the External Secrets Operator with a
   * Pod Identity role that may read only these.
   * @default - no External Secrets Operator
   */
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

export class GpuInferenceCluster extends Construct implements IGpuInferenceCluster {
  public readonly cluster: eks.Cluster;
  public readonly clusterName: string;
  public readonly capacity: EksCapacity;
  public readonly vpc: ec2.IVpc;
  public readonly modelBucket: ModelBucket;
  public readonly alarmTopic: sns.ITopic;
  public readonly gpuCapacity: GpuCapacity;
  public readonly platformReady: readonly IDependable[];
  public readonly podIdentityAgent?: IDependable;
  public readonly servingCapacity: ClusterServingCapacity;
  /** The scheduled LLM drift job, when `llmDrift.job` is set. */
  public readonly llmDriftJob?: DriftDetectionJob;

  constructor(scope: Construct, id: string, props: GpuInferenceClusterProps) {
    super(scope, id);
    validateGpuInferenceClusterProps(id, props);
    this.servingCapacity = clusterServingCapacity(props);
    this.clusterName = props.clusterName;
    this.capacity = props.capacity ?? 'karpenter';
    this.vpc = props.vpc ?? this.createVpc();

    const secretsKey = props.secretsEncryptionKey ?? this.createSecretsKey(props.clusterName);
    const privateSubnets = this.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnets;
    const autoMode = this.capacity === 'auto-mode';
    const kubectlSecurityGroup = new ec2.SecurityGroup(this, 'KubectlSecurityGroup', {
      vpc: this.vpc,
      description: `kubectl/helm provider Lambda of ${props.clusterName}: reaches the private API endpoint`,
    });
    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName: props.clusterName,
      version: props.kubernetesVersion ?? eks.KubernetesVersion.V1_35,
      vpc: this.vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      endpointAccess: props.publicEndpointCidrs
        ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...props.publicEndpointCidrs)
        : eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: secretsKey,
      clusterLogging: Object.values(eks.ClusterLoggingTypes),
      // The kubectl/helm Lambda runs in the private subnets: the API endpoint is private.
      kubectlProviderOptions: { kubectlLayer: new KubectlV36Layer(this, 'KubectlLayer'), privateSubnets, securityGroups: [kubectlSecurityGroup] },
      ...(autoMode
        ? {
            defaultCapacityType: eks.DefaultCapacityType.AUTOMODE,
            compute: { nodePools: ['system', 'general-purpose'], nodeRole: this.createAutoModeNodeRole(props.clusterName) },
          }
        : { defaultCapacityType: eks.DefaultCapacityType.NODEGROUP, defaultCapacity: 0 }),
    });
    // Declared before the cluster and its add-ons, or EKS creates them on first write with no retention and no key.
    this.cluster.node.addDependency(new ClusterLogGroups(this, 'Logs', { clusterName: props.clusterName }));
    // cdk init apps give aws-cdk-lib's kubectl provider functions CloudFormation log groups (no key).
    encryptUnencryptedLogGroups(this, 'KubectlLogKey', this.cluster);
    acknowledgeIamFindings(this.cluster, {
      managedPolicies: 'The cluster role, the system node group role and the kubectl provider Lambda use the AWS-managed policies EKS and Lambda document (AmazonEKSClusterPolicy and the Auto Mode policies, worker node, CNI, ECR read-only, Lambda basic and VPC execution).',
      wildcards: "aws-cdk-lib's custom-resource provider framework invokes any version of its own kubectl handler (<Handler.Arn>:*).",
    });
    acknowledgeFinding(this.cluster, 'CloudFormation-Validate::W9009',
      "aws-cdk-lib's eks-v2 Cluster writes EncryptionConfig.Resources ['secrets'], which the EKS API still requires for envelope encryption.");
    acknowledgeFinding(this.cluster, 'AwsSolutions-L1',
      "The kubectl provider Lambda's runtime is chosen by aws-cdk-lib aws-eks-v2 (with its kubectl layer) and moves forward with library upgrades.");
    this.cluster.connections.allowFrom(kubectlSecurityGroup, ec2.Port.tcp(443), 'kubectl provider to the Kubernetes API');
    this.podIdentityAgent = autoMode ? undefined : this.cluster.eksPodIdentityAgent;
    if (!autoMode) {
      // The VPC CNI enforces the serving namespace's NetworkPolicies only with this setting.
      new eks.CfnAddon(this, 'VpcCni', {
        clusterName: this.cluster.clusterName,
        addonName: VPC_CNI_NETWORK_POLICY_ADDON.addonName,
        configurationValues: VPC_CNI_NETWORK_POLICY_ADDON.configurationValues,
        resolveConflicts: VPC_CNI_NETWORK_POLICY_ADDON.resolveConflicts,
      });
    }
    if (this.capacity !== 'managed-nodegroup') this.createGpuNodeSecurityGroup(props.clusterName);
    if (props.publicEndpointCidrs) {
      acknowledgeFinding(this.cluster, 'AwsSolutions-EKS1',
        `The API endpoint is public only for ${props.publicEndpointCidrs.join(', ')} (publicEndpointCidrs), for operators without VPC access; the private endpoint stays on.`);
    }
    (props.adminRoleArns ?? []).forEach((arn, i) => this.cluster.grantClusterAdmin(`Admin${i}`, arn));
    // Karpenter, KEDA, CoreDNS and the monitoring stack run here, never on GPU nodes (Auto Mode has its own).
    const systemNodes = autoMode ? undefined : this.cluster.addNodegroupCapacity('System', {
      amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
      instanceTypes: [new ec2.InstanceType('m7i.large')],
      minSize: 2,
      maxSize: 4,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      labels: { 'node-role': 'system' },
      launchTemplateSpec: this.systemLaunchTemplate(),
    });

    const managedPrometheus = props.managedPrometheus ? managedPrometheusTarget(this, props.clusterName, props.managedPrometheus) : undefined;
    const components = gpuClusterComponents({
      clusterName: props.clusterName,
      capacity: this.capacity,
      amiFamily: props.amiFamily,
      interruptionQueueName: this.capacity === 'karpenter' ? interruptionQueueName(props.clusterName) : undefined,
      keda: props.keda ?? true,
      leaderWorkerSet: props.plan.nodes > 1,
      mig: props.mig ?? props.plan.mig !== undefined,
      externalSecrets: props.externalSecretIds?.length ? { secretIds: props.externalSecretIds } : undefined,
      albController: props.albController ? { region: Stack.of(this).region, vpcId: this.vpc.vpcId } : undefined,
      argoRollouts: props.argoRollouts,
      region: Stack.of(this).region,
      // Alertmanager sends Prometheus alerts to the same topic as the CloudWatch alarms (created below).
      alertTopicArn: Stack.of(this).formatArn({ service: 'sns', resource: alarmTopicName(props.clusterName), arnFormat: ArnFormat.NO_RESOURCE_NAME }),
      operators: props.operators, additionalComponents: props.additionalComponents,
      llmCapture: props.llmDrift?.capture,
      managedPrometheus,
    });
    this.gpuCapacity = new GpuCapacity(this, 'GpuCapacity', {
      cluster: this.cluster,
      clusterName: props.clusterName,
      deploymentName: props.deploymentName ?? props.clusterName,
      capacity: this.capacity,
      plan: props.plan,
      model: props.model,
      loraAdapterCount: props.loraAdapterCount,
      amiFamily: props.amiFamily,
      karpenterComponent: components.find((c) => c.id === 'Karpenter'),
      podIdentityAgent: this.podIdentityAgent,
      capacityReservationId: props.capacityReservationId,
      capacityBlock: props.capacityBlock,
      minReplicas: props.minReplicas ?? 1,
      maxReplicas: props.maxReplicas ?? Math.max(props.plan.replicas * 2, props.minReplicas ?? 1),
      rolloutSurgeReplicas: props.rolloutSurgeReplicas,
    });
    const charts = new Map<string, eks.HelmChart>();
    if (this.gpuCapacity.karpenter) {
      charts.set('Karpenter', this.gpuCapacity.karpenter.chart);
      if (systemNodes) this.gpuCapacity.karpenter.chart.node.addDependency(systemNodes);
    }
    for (const component of components.filter((c) => c.id !== 'Karpenter')) {
      const chart = this.cluster.addHelmChart(component.id, helmChartOptions(component));
      if (component.podIdentity) {
        chart.node.addDependency(new PodIdentityRole(this, `${component.id}PodIdentity`, {
          cluster: this.cluster, namespace: component.namespace, grant: component.podIdentity, podIdentityAgent: this.podIdentityAgent,
        }));
      }
      // Helm waits for the controllers to be ready: they need the system nodes first.
      if (systemNodes) chart.node.addDependency(systemNodes);
      for (const dependency of component.dependsOn) {
        const before = charts.get(dependency);
        if (before) chart.node.addDependency(before);
      }
      charts.set(component.id, chart);
    }
    this.platformReady = [...charts.values(), ...this.gpuCapacity.ready];

    const capture = props.llmDrift?.capture;
    this.modelBucket = new ModelBucket(this, 'ModelBucket', {
      bucketName: props.modelBucketName,
      ...(capture ? { expirePrefix: { prefix: capture.prefix ?? LLM_CAPTURE_PREFIX, days: capture.retentionDays } } : {}),
    });
    const monitoring = new GpuClusterMonitoring(this, 'Monitoring', {
      cluster: this.cluster,
      clusterName: props.clusterName,
      servingNamespace: props.servingNamespace,
      podIdentityAgent: this.podIdentityAgent,
      expectRunningPods: props.expectRunningPods ?? true,
      alarmEmail: props.alarmEmail,
      alarmRecipients: props.alarmRecipients,
      budget: props.budget,
      loadBalancerDimension: props.loadBalancerDimension,
      additionalAlarms: llmDriftAlarms(props.llmDrift),
    });
    this.alarmTopic = monitoring.alarmTopic;
    if (props.llmDrift?.job) {
      this.llmDriftJob = new LlmDriftJob(this, 'LlmDrift', { job: props.llmDrift.job, vpc: this.vpc, encryptionKey: this.modelBucket.encryptionKey }).job;
    }
  }

  /**
   * The security group Karpenter and Auto Mode NodeClasses find by `karpenter.sh/discovery` (the
   * EKS-created cluster security group cannot be tagged from CloudFormation): all traffic among GPU nodes
   * (NCCL, EFA, Ray) and both ways with the cluster security group (API server, system nodes).
   */
  private createGpuNodeSecurityGroup(clusterName: string): ec2.SecurityGroup {
    const group = new ec2.SecurityGroup(this, 'GpuNodeSecurityGroup', {
      vpc: this.vpc,
      description: `GPU nodes of ${clusterName} (Karpenter / Auto Mode discovery)`,
      allowAllOutbound: true,
    });
    Tags.of(group).add('karpenter.sh/discovery', clusterName);
    group.addIngressRule(group, ec2.Port.allTraffic(), 'GPU node to GPU node: NCCL, EFA, Ray, pod traffic');
    group.addIngressRule(ec2.Peer.securityGroupId(this.cluster.clusterSecurityGroupId), ec2.Port.allTraffic(), 'control plane and system nodes to GPU nodes');
    new ec2.CfnSecurityGroupIngress(this, 'ClusterFromGpuNodes', {
      groupId: this.cluster.clusterSecurityGroupId,
      sourceSecurityGroupId: group.securityGroupId,
      ipProtocol: '-1',
      description: 'GPU nodes to the API server and system nodes',
    });
    return group;
  }

  /**
   * The system nodes' launch template, as on the other engines: IMDSv2 with one hop (pods cannot borrow the node
   * role; EKS's default template allows two), an encrypted 50 GiB gp3 root volume, detailed monitoring.
   */
  private systemLaunchTemplate(): eks.LaunchTemplateSpec {
    const template = new ec2.CfnLaunchTemplate(this, 'SystemLaunchTemplate', {
      launchTemplateData: {
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 50, volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
        metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
        monitoring: { enabled: true },
      },
    });
    return { id: template.ref, version: template.attrLatestVersionNumber };
  }

  private createSecretsKey(clusterName: string): kms.Key {
    const key = new kms.Key(this, 'SecretsKey', {
      description: `Envelope encryption of Kubernetes secrets in ${clusterName}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    restrictGrantsToAwsServices(key);
    return key;
  }

  private createVpc(): ec2.Vpc {
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 3,
      // One NAT gateway per AZ: an AZ outage must not cut the other AZs' nodes from ECR and S3.
      natGateways: 3,
      subnetConfiguration: [
        // Public subnets hold only the NAT gateways (Elastic IPs); nothing gets a public IP by default.
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        // /18: room for thousands of pod IPs (VPC CNI gives every pod a VPC address).
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 18 },
      ],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });
    const flowLogKey = new kms.Key(this, 'FlowLogKey', {
      description: 'Encrypts the VPC flow log group',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    restrictGrantsToAwsServices(flowLogKey);
    flowLogKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`));
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(this, 'FlowLogGroup', {
        encryptionKey: flowLogKey,
        // A year, the AWS Control Tower minimum (CT.CLOUDWATCH.PR.2).
        retention: logs.RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
      })),
    });
    for (const subnet of vpc.privateSubnets) Tags.of(subnet).add('karpenter.sh/discovery', this.clusterName);
    // With @aws-cdk/aws-ec2:restrictDefaultSecurityGroup, CDK adds a stack-level custom resource that empties
    // the default security group; its Lambda calls only the EC2 API at deploy time.
    const restrictDefaultSg = Stack.of(this).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
    if (restrictDefaultSg) {
      acknowledgeFinding(restrictDefaultSg, 'cdk-validator-cfnguard::lambda_inside_vpc_check',
        "CDK's deploy-time custom resource that revokes the default security group's rules calls only the EC2 API and handles no data; it needs no VPC.");
    }
    return vpc;
  }

  /** Auto Mode's node role, named so that NodeClasses in Kubernetes objects can name it literally. */
  private createAutoModeNodeRole(clusterName: string): iam.Role {
    const role = new iam.Role(this, 'AutoModeNodeRole', {
      roleName: gpuNodeRoleName(clusterName),
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly']
        .map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    acknowledgeIamFindings(role, {
      managedPolicies: 'EKS Auto Mode node roles need the AWS-managed AmazonEKSWorkerNodeMinimalPolicy and AmazonEC2ContainerRegistryPullOnly (EKS user guide, "EKS Auto Mode node IAM role").',
    });
    return role;
  }
}
