/**
 * Karpenter on an EKS cluster: the controller's IAM role (Pod Identity), the node role with its access
 * entry, the interruption queue fed by EventBridge, and the Helm release. GPU NodePools are applied by
 * the caller once Karpenter's CRDs exist (see {@link Karpenter.chart}).
 */
import { Aws, Duration, Stack, Token } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IDependable } from 'constructs';
import { ProblemCollector } from '../../../lib/errors';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';
import { helmChartOptions } from './helm-component';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';
import type { HelmComponent } from '../../../lib/eks/components';
import { KARPENTER_NAMESPACE, KARPENTER_SERVICE_ACCOUNT } from '../../../lib/eks/components';
import {
  GPU_NODE_MANAGED_POLICIES,
  INTERRUPTION_QUEUE_RETENTION_SECONDS,
  KARPENTER_INTERRUPTION_EVENTS,
  karpenterControllerPolicy,
} from '../../../lib/eks/karpenter-iam';
import { gpuNodeRoleName, interruptionQueueName, karpenterControllerRoleName } from '../../../lib/eks/names';

/** Why GPU and system nodes use AWS-managed policies (cdk-nag AwsSolutions-IAM4). */
export const NODE_MANAGED_POLICIES_REASON =
  'EKS worker nodes need the AWS-managed AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy and ECR read-only policies (EKS user guide, "Amazon EKS node IAM role"); SSM core enables Session Manager instead of SSH.';

/** What other constructs need from a Karpenter installation. */
export interface IKarpenter {
  /** Role of the nodes Karpenter launches (named by EC2NodeClasses). */
  readonly nodeRole: iam.IRole;
  readonly interruptionQueue: sqs.IQueue;
  /** The Helm release; objects using Karpenter's CRDs must depend on it. */
  readonly chart: eks.HelmChart;
}

export interface KarpenterProps {
  readonly cluster: eks.Cluster;
  /**
   * Literal name of the cluster: it appears in IAM condition keys and in resource names.
   */
  readonly clusterName: string;
  /** The Helm release from `gpuClusterComponents` (chart, version, values). */
  readonly component: HelmComponent;
  /** The Pod Identity agent add-on the controller's association waits for. @default - none */
  readonly podIdentityAgent?: IDependable;
}

/** Installs Karpenter with least-privilege IAM and native interruption handling. */
export class Karpenter extends Construct implements IKarpenter {
  public readonly nodeRole: iam.Role;
  public readonly interruptionQueue: sqs.Queue;
  public readonly controllerRole: iam.Role;
  public readonly chart: eks.HelmChart;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    const problems = new ProblemCollector();
    problems.check(!Token.isUnresolved(props.clusterName), 'clusterName', props.clusterName,
      'must be a literal: Karpenter scopes its IAM policy with condition keys that contain the cluster name',
      'give the cluster an explicit name');
    problems.throwIfAny(`Karpenter '${id}'`);
    const { cluster, clusterName } = props;

    this.interruptionQueue = new sqs.Queue(this, 'InterruptionQueue', {
      queueName: interruptionQueueName(clusterName),
      retentionPeriod: Duration.seconds(INTERRUPTION_QUEUE_RETENTION_SECONDS),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const noDlq = 'Karpenter consumes interruption events within seconds and they expire after 300 s by design; a dead-letter queue would only hold stale Spot warnings.';
    acknowledgeFinding(this.interruptionQueue, 'AwsSolutions-SQS3', noDlq);
    acknowledgeFinding(this.interruptionQueue, 'cdk-validator-cfnguard::sqs_dlq_check', noDlq);
    for (const rule of KARPENTER_INTERRUPTION_EVENTS) {
      new events.Rule(this, `${rule.id}Rule`, {
        description: `${rule.detailType} events for Karpenter on ${clusterName}`,
        eventPattern: { source: [rule.source], detailType: [rule.detailType] },
        targets: [new targets.SqsQueue(this.interruptionQueue)],
      });
    }

    this.nodeRole = new iam.Role(this, 'NodeRole', {
      roleName: gpuNodeRoleName(clusterName),
      description: `Nodes Karpenter launches for ${clusterName}`,
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: GPU_NODE_MANAGED_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    acknowledgeIamFindings(this.nodeRole, { managedPolicies: NODE_MANAGED_POLICIES_REASON });
    new eks.AccessEntry(this, 'NodeAccess', {
      cluster,
      principal: this.nodeRole.roleArn,
      accessEntryType: eks.AccessEntryType.EC2_LINUX,
      accessPolicies: [],
    });

    this.controllerRole = new iam.Role(this, 'ControllerRole', {
      roleName: karpenterControllerRoleName(clusterName),
      description: `Karpenter controller of ${clusterName} (EKS Pod Identity)`,
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com').withSessionTags(),
      inlinePolicies: {
        KarpenterController: iam.PolicyDocument.fromJson(karpenterControllerPolicy({
          clusterName,
          partition: Aws.PARTITION,
          region: Stack.of(this).region,
          accountId: Stack.of(this).account,
          interruptionQueueArn: this.interruptionQueue.queueArn,
          nodeRoleArn: this.nodeRole.roleArn,
        })),
      },
    });
    const wildcards = 'Karpenter launches instances, launch templates and instance profiles whose ids it cannot know in advance; every wildcard is scoped by the kubernetes.io/cluster/<name>=owned and karpenter.sh/nodepool tags or by the region (Karpenter reference policy).';
    acknowledgeIamFindings(this.controllerRole, { wildcards });
    const association = new eks.CfnPodIdentityAssociation(this, 'PodIdentity', {
      clusterName: cluster.clusterName,
      namespace: KARPENTER_NAMESPACE,
      serviceAccount: KARPENTER_SERVICE_ACCOUNT,
      roleArn: this.controllerRole.roleArn,
    });
    if (props.podIdentityAgent) association.node.addDependency(props.podIdentityAgent);

    this.chart = cluster.addHelmChart(props.component.id, helmChartOptions(props.component));
    // The controller needs its credentials and queue before it starts.
    this.chart.node.addDependency(association, this.interruptionQueue);
  }
}

