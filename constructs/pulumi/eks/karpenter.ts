/**
 * Karpenter's AWS side on Pulumi, as on the other engines: interruption queue and EventBridge rules, node
 * role with its access entry, controller role (policy of `karpenterControllerPolicy`) through Pod Identity.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { KARPENTER_NAMESPACE, KARPENTER_SERVICE_ACCOUNT } from '../../../lib/eks/components';
import {
  GPU_NODE_MANAGED_POLICIES,
  INTERRUPTION_QUEUE_RETENTION_SECONDS,
  KARPENTER_INTERRUPTION_EVENTS,
  karpenterControllerPolicy,
} from '../../../lib/eks/karpenter-iam';
import { gpuNodeRoleName, interruptionQueueName, karpenterControllerRoleName } from '../../../lib/eks/names';
import { POD_IDENTITY_TRUST, serviceTrust } from './kms-key';

export interface KarpenterArgs {
  readonly clusterName: string;
  readonly cluster: aws.eks.Cluster;
  readonly region: string;
  readonly accountId: string;
  readonly partition: pulumi.Input<string>;
  /** @default - none */
  readonly podIdentityAgent?: pulumi.Resource;
}

/** Returns what the Karpenter Helm release waits for. */
export function karpenterAwsResources(name: string, args: KarpenterArgs, parent: pulumi.Resource): pulumi.Resource[] {
  const opts = { parent };
  const { clusterName } = args;
  const queue = new aws.sqs.Queue(`${name}-interruption`, {
    name: interruptionQueueName(clusterName), messageRetentionSeconds: INTERRUPTION_QUEUE_RETENTION_SECONDS, sqsManagedSseEnabled: true,
  }, opts);
  const rules = KARPENTER_INTERRUPTION_EVENTS.map((event) => {
    const rule = new aws.cloudwatch.EventRule(`${name}-${event.id}`, {
      description: `${event.detailType} events for Karpenter on ${clusterName}`,
      eventPattern: JSON.stringify({ source: [event.source], 'detail-type': [event.detailType] }),
    }, opts);
    new aws.cloudwatch.EventTarget(`${name}-${event.id}`, { rule: rule.name, arn: queue.arn, targetId: 'KarpenterInterruptionQueue' }, opts);
    return rule;
  });
  new aws.sqs.QueuePolicy(`${name}-interruption`, {
    queueUrl: queue.url,
    policy: pulumi.all([queue.arn, ...rules.map((r) => r.arn)]).apply(([queueArn, ...ruleArns]) => JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'EventBridgeSends', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnEquals: { 'aws:SourceArn': ruleArns } } },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: queueArn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    })),
  }, opts);

  const nodeRole = new aws.iam.Role(`${name}-node`, { name: gpuNodeRoleName(clusterName), description: `Nodes Karpenter launches for ${clusterName}`, assumeRolePolicy: serviceTrust('ec2.amazonaws.com') }, opts);
  GPU_NODE_MANAGED_POLICIES.forEach((policy) => new aws.iam.RolePolicyAttachment(`${name}-node-${policy}`, {
    role: nodeRole.name, policyArn: pulumi.interpolate`arn:${args.partition}:iam::aws:policy/${policy}`,
  }, opts));
  const access = new aws.eks.AccessEntry(`${name}-node`, { clusterName: args.cluster.name, principalArn: nodeRole.arn, type: 'EC2_LINUX' }, opts);

  const controllerRole = new aws.iam.Role(`${name}-controller`, {
    name: karpenterControllerRoleName(clusterName), description: `Karpenter controller of ${clusterName} (EKS Pod Identity)`, assumeRolePolicy: POD_IDENTITY_TRUST,
  }, opts);
  new aws.iam.RolePolicy(`${name}-controller`, {
    role: controllerRole.id,
    policy: pulumi.all([args.partition, queue.arn, nodeRole.arn]).apply(([partition, queueArn, nodeRoleArn]) => JSON.stringify(karpenterControllerPolicy({
      clusterName, partition, region: args.region, accountId: args.accountId, interruptionQueueArn: queueArn, nodeRoleArn,
    }))),
  }, opts);
  const association = new aws.eks.PodIdentityAssociation(`${name}-controller`, {
    clusterName: args.cluster.name, namespace: KARPENTER_NAMESPACE, serviceAccount: KARPENTER_SERVICE_ACCOUNT, roleArn: controllerRole.arn,
  }, { parent, dependsOn: args.podIdentityAgent ? [args.podIdentityAgent] : [] });
  return [association, access, queue];
}
