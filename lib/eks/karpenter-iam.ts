/**
 * What Karpenter needs from AWS, as plain data shared by the CDK, cdktf and Pulumi constructs: the
 * controller's IAM policy (scoped to one cluster's tags) and the EventBridge patterns that feed its
 * interruption queue.
 *
 * Source: Karpenter's getting-started CloudFormation template, `KarpenterControllerPolicy` and the four
 * `AWS::Events::Rule` resources (github.com/aws/karpenter-provider-aws, website/content/en/preview/
 * getting-started/getting-started-with-karpenter/cloudformation.yaml, read 2026-11-24; the v1.11 docs' copy adds
 * `AllowUnscopedInstanceProfileListAction`, read 2026-12-02).
 */

/** An IAM policy document as plain JSON. */
export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: ReadonlyArray<Record<string, unknown>>;
}

export interface KarpenterPolicyInput {
  /** Literal cluster name: it appears in condition keys, where CloudFormation allows no intrinsic function. */
  readonly clusterName: string;
  /** `aws`, `aws-cn`, ... (may be an engine token). */
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly interruptionQueueArn: string;
  /** ARN of the role nodes get; the controller may pass only this role to EC2. */
  readonly nodeRoleArn: string;
}

/** The controller policy: launch and terminate only instances tagged for this cluster, read pricing and AMIs. */
export function karpenterControllerPolicy(input: KarpenterPolicyInput): PolicyDocumentJson {
  const { clusterName, partition, region, accountId } = input;
  const ec2 = (resource: string) => `arn:${partition}:ec2:${region}:*:${resource}`;
  const owned = { [`aws:RequestTag/kubernetes.io/cluster/${clusterName}`]: 'owned' };
  const ownedResource = { [`aws:ResourceTag/kubernetes.io/cluster/${clusterName}`]: 'owned' };
  const taggedTypes = ['fleet/*', 'instance/*', 'volume/*', 'network-interface/*', 'launch-template/*'].map(ec2);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowScopedEC2InstanceActions',
        Effect: 'Allow',
        Action: ['ec2:RunInstances', 'ec2:CreateFleet'],
        Resource: [
          `arn:${partition}:ec2:${region}::image/*`,
          `arn:${partition}:ec2:${region}::snapshot/*`,
          ec2('spot-instances-request/*'),
          ec2('security-group/*'),
          ec2('subnet/*'),
          ec2('launch-template/*'),
          // Capacity reservations and blocks are targeted by NodePools with `karpenter.sh/capacity-type: reserved`.
          ec2('capacity-reservation/*'),
        ],
      },
      {
        Sid: 'AllowScopedEC2InstanceActionsWithTags',
        Effect: 'Allow',
        Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
        Resource: taggedTypes,
        Condition: { StringEquals: owned, StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' } },
      },
      {
        Sid: 'AllowScopedResourceCreationTagging',
        Effect: 'Allow',
        Action: 'ec2:CreateTags',
        Resource: taggedTypes,
        Condition: {
          StringEquals: { ...owned, 'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'] },
          StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
        },
      },
      {
        Sid: 'AllowScopedResourceTagging',
        Effect: 'Allow',
        Action: 'ec2:CreateTags',
        Resource: ec2('instance/*'),
        Condition: {
          StringEquals: ownedResource,
          StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['karpenter.sh/nodeclaim', 'Name'] },
        },
      },
      {
        Sid: 'AllowScopedDeletion',
        Effect: 'Allow',
        Action: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
        Resource: [ec2('instance/*'), ec2('launch-template/*')],
        Condition: { StringEquals: ownedResource, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
      },
      {
        Sid: 'AllowRegionalReadActions',
        Effect: 'Allow',
        Action: [
          'ec2:DescribeAvailabilityZones',
          'ec2:DescribeCapacityReservations',
          'ec2:DescribeImages',
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceTypeOfferings',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplates',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSpotPriceHistory',
          'ec2:DescribeSubnets',
        ],
        // Describe* calls support no resource-level permissions; the region condition scopes them.
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': region } },
      },
      {
        Sid: 'AllowSSMReadActions',
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: `arn:${partition}:ssm:${region}::parameter/aws/service/*`,
      },
      { Sid: 'AllowPricingReadActions', Effect: 'Allow', Action: 'pricing:GetProducts', Resource: '*' },
      {
        Sid: 'AllowInterruptionQueueActions',
        Effect: 'Allow',
        Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
        Resource: input.interruptionQueueArn,
      },
      {
        Sid: 'AllowPassingInstanceRole',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: input.nodeRoleArn,
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
      {
        Sid: 'AllowScopedInstanceProfileCreationActions',
        Effect: 'Allow',
        Action: 'iam:CreateInstanceProfile',
        Resource: `arn:${partition}:iam::${accountId}:instance-profile/*`,
        Condition: {
          StringEquals: { ...owned, 'aws:RequestTag/topology.kubernetes.io/region': region },
          StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      },
      {
        Sid: 'AllowScopedInstanceProfileTagActions',
        Effect: 'Allow',
        Action: 'iam:TagInstanceProfile',
        Resource: `arn:${partition}:iam::${accountId}:instance-profile/*`,
        Condition: {
          StringEquals: { ...ownedResource, 'aws:ResourceTag/topology.kubernetes.io/region': region, ...owned, 'aws:RequestTag/topology.kubernetes.io/region': region },
          StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*', 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      },
      {
        Sid: 'AllowScopedInstanceProfileActions',
        Effect: 'Allow',
        Action: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
        Resource: `arn:${partition}:iam::${accountId}:instance-profile/*`,
        Condition: {
          StringEquals: { ...ownedResource, 'aws:ResourceTag/topology.kubernetes.io/region': region },
          StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      },
      {
        Sid: 'AllowInstanceProfileReadActions',
        Effect: 'Allow',
        Action: 'iam:GetInstanceProfile',
        Resource: `arn:${partition}:iam::${accountId}:instance-profile/*`,
      },
      {
        // The EC2NodeClass finalizer finds the instance profiles it created by listing them; without this action
        // deleting a NodeClass hangs on its finalizer. ListInstanceProfiles supports no resource-level permissions
        // (reference policy of Karpenter v1.11: `AllowUnscopedInstanceProfileListAction`).
        Sid: 'AllowUnscopedInstanceProfileListAction',
        Effect: 'Allow',
        Action: 'iam:ListInstanceProfiles',
        Resource: '*',
      },
      {
        Sid: 'AllowAPIServerEndpointDiscovery',
        Effect: 'Allow',
        Action: 'eks:DescribeCluster',
        Resource: `arn:${partition}:eks:${region}:${accountId}:cluster/${clusterName}`,
      },
    ],
  };
}

/** One EventBridge rule feeding the interruption queue. */
export interface InterruptionEventRule {
  /** Construct id / resource suffix. */
  readonly id: string;
  readonly source: string;
  readonly detailType: string;
}

/** The events Karpenter drains nodes on (Spot interruptions, rebalance hints, AWS Health, state changes). */
export const KARPENTER_INTERRUPTION_EVENTS: readonly InterruptionEventRule[] = [
  { id: 'ScheduledChange', source: 'aws.health', detailType: 'AWS Health Event' },
  { id: 'SpotInterruption', source: 'aws.ec2', detailType: 'EC2 Spot Instance Interruption Warning' },
  { id: 'Rebalance', source: 'aws.ec2', detailType: 'EC2 Instance Rebalance Recommendation' },
  { id: 'InstanceStateChange', source: 'aws.ec2', detailType: 'EC2 Instance State-change Notification' },
];

/**
 * Messages older than this are useless to Karpenter (a Spot warning gives two minutes): the queue keeps
 * them 300 s, as in Karpenter's template.
 */
export const INTERRUPTION_QUEUE_RETENTION_SECONDS = 300;

/** Managed policies of the role GPU nodes assume (same template, `KarpenterNodeRole`). */
export const GPU_NODE_MANAGED_POLICIES: readonly string[] = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryReadOnly',
  'AmazonSSMManagedInstanceCore',
];
