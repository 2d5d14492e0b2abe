/**
 * Karpenter's AWS side on Terraform: interruption queue fed by EventBridge, node role with its EKS access
 * entry, controller role with the scoped policy of `karpenterControllerPolicy`, and the Pod Identity
 * association. The Helm release itself is one of the cluster's components.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KARPENTER_NAMESPACE, KARPENTER_SERVICE_ACCOUNT } from '../../../lib/eks/components';
import {
  GPU_NODE_MANAGED_POLICIES,
  INTERRUPTION_QUEUE_RETENTION_SECONDS,
  KARPENTER_INTERRUPTION_EVENTS,
  karpenterControllerPolicy,
} from '../../../lib/eks/karpenter-iam';
import { gpuNodeRoleName, interruptionQueueName, karpenterControllerRoleName } from '../../../lib/eks/names';
import { podIdentityTrustPolicy, serviceTrustPolicy } from './trust-policies';

export interface KarpenterProps {
  /** Literal cluster name (IAM condition keys). */
  readonly clusterName: string;
  /** `aws_eks_cluster.name` (a reference, so the association waits for the cluster). */
  readonly clusterNameRef: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** The Pod Identity agent add-on. @default - none */
  readonly podIdentityAgent?: ITerraformDependable;
}

export class Karpenter extends Construct {
  public readonly nodeRole: IamRole;
  public readonly interruptionQueue: SqsQueue;
  /** What the Karpenter release waits for. */
  public readonly ready: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    const { clusterName, partition } = props;

    this.interruptionQueue = new SqsQueue(this, 'InterruptionQueue', {
      name: interruptionQueueName(clusterName),
      messageRetentionSeconds: INTERRUPTION_QUEUE_RETENTION_SECONDS,
      sqsManagedSseEnabled: true,
    });
    const rules = KARPENTER_INTERRUPTION_EVENTS.map((event) => {
      const rule = new CloudwatchEventRule(this, `${event.id}Rule`, {
        description: `${event.detailType} events for Karpenter on ${clusterName}`,
        eventPattern: JSON.stringify({ source: [event.source], 'detail-type': [event.detailType] }),
      });
      new CloudwatchEventTarget(this, `${event.id}Target`, { rule: rule.name, arn: this.interruptionQueue.arn, targetId: 'KarpenterInterruptionQueue' });
      return rule;
    });
    new SqsQueuePolicy(this, 'InterruptionQueuePolicy', {
      queueUrl: this.interruptionQueue.url,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'EventBridgeSends',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: this.interruptionQueue.arn,
            Condition: { ArnEquals: { 'aws:SourceArn': rules.map((r) => r.arn) } },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sqs:*',
            Resource: this.interruptionQueue.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });

    this.nodeRole = new IamRole(this, 'NodeRole', {
      name: gpuNodeRoleName(clusterName),
      description: `Nodes Karpenter launches for ${clusterName}`,
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
    });
    GPU_NODE_MANAGED_POLICIES.forEach((policy) => new IamRolePolicyAttachment(this, `Node${policy}`, {
      role: this.nodeRole.name, policyArn: `arn:${partition}:iam::aws:policy/${policy}`,
    }));
    const access = new EksAccessEntry(this, 'NodeAccess', { clusterName: props.clusterNameRef, principalArn: this.nodeRole.arn, type: 'EC2_LINUX' });

    const controllerRole = new IamRole(this, 'ControllerRole', {
      name: karpenterControllerRoleName(clusterName),
      description: `Karpenter controller of ${clusterName} (EKS Pod Identity)`,
      assumeRolePolicy: podIdentityTrustPolicy(),
    });
    new IamRolePolicy(this, 'ControllerPolicy', {
      role: controllerRole.id,
      policy: JSON.stringify(karpenterControllerPolicy({
        clusterName,
        partition,
        region: props.region,
        accountId: props.accountId,
        interruptionQueueArn: this.interruptionQueue.arn,
        nodeRoleArn: this.nodeRole.arn,
      })),
    });
    const association = new EksPodIdentityAssociation(this, 'PodIdentity', {
      clusterName: props.clusterNameRef,
      namespace: KARPENTER_NAMESPACE,
      serviceAccount: KARPENTER_SERVICE_ACCOUNT,
      roleArn: controllerRole.arn,
      dependsOn: props.podIdentityAgent ? [props.podIdentityAgent] : undefined,
    });
    this.ready = [association, access, this.interruptionQueue];
  }
}
