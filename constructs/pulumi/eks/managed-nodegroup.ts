/**
 * An EKS managed node group on Pulumi with its role and launch template (IMDSv2, encrypted gp3 root,
 * optional instance-store RAID0 and capacity reservation): the system node group, and the GPU node
 * group (AL2023 NVIDIA AMI, tainted `nvidia.com/gpu`) in `managed-nodegroup` mode.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { GPU_TAINT } from '../../../lib/eks/components';
import { GPU_NODE_MANAGED_POLICIES } from '../../../lib/eks/karpenter-iam';
import { nodeadmRaid0UserData } from '../../../lib/eks/sizing';
import { serviceTrust } from './kms-key';

export interface ManagedNodegroupArgs {
  readonly cluster: aws.eks.Cluster;
  readonly subnetIds: pulumi.Input<string>[];
  readonly partition: pulumi.Input<string>;
  readonly amiType: string;
  readonly instanceType: string;
  /**
   * Instance types tried after `instanceType` when it has no capacity (the plan's ranked fallbacks, same GPUs per
   * node). Not with a capacity reservation or Capacity Block.
   * @default - none
   */
  readonly fallbackInstanceTypes?: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly rootVolumeGiB: number;
  /** @default false */
  readonly gpu?: boolean;
  /** @default false */
  readonly instanceStoreRaid0?: boolean;
  /** @default - on-demand */
  readonly capacityReservationId?: string;
  /** @default {} */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly dependsOn?: pulumi.Resource[];
}

export function managedNodegroup(name: string, args: ManagedNodegroupArgs, parent: pulumi.Resource): aws.eks.NodeGroup {
  const opts = { parent };
  const role = new aws.iam.Role(`${name}-node`, { assumeRolePolicy: serviceTrust('ec2.amazonaws.com') }, opts);
  const attachments = GPU_NODE_MANAGED_POLICIES.map((policy) => new aws.iam.RolePolicyAttachment(`${name}-node-${policy}`, {
    role: role.name, policyArn: pulumi.interpolate`arn:${args.partition}:iam::aws:policy/${policy}`,
  }, opts));
  const template = new aws.ec2.LaunchTemplate(name, {
    blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: args.rootVolumeGiB, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } }],
    // IMDSv2 only, one hop: pods use their Pod Identity role, never the node's.
    metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
    monitoring: { enabled: true },
    ...(args.capacityReservationId !== undefined && {
      capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: args.capacityReservationId } },
    }),
    ...(args.instanceStoreRaid0 && { userData: Buffer.from(nodeadmRaid0UserData()).toString('base64') }),
  }, opts);
  return new aws.eks.NodeGroup(name, {
    clusterName: args.cluster.name,
    nodeRoleArn: role.arn,
    subnetIds: args.subnetIds,
    amiType: args.amiType,
    instanceTypes: [args.instanceType, ...(args.fallbackInstanceTypes ?? [])],
    capacityType: 'ON_DEMAND',
    scalingConfig: { minSize: args.minSize, maxSize: args.maxSize, desiredSize: args.minSize },
    updateConfig: { maxUnavailable: 1 },
    launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
    labels: { ...(args.gpu ? { 'nvidia.com/gpu.present': 'true' } : {}), ...(args.labels ?? {}) },
    taints: args.gpu ? [{ key: GPU_TAINT.key, value: GPU_TAINT.value, effect: 'NO_SCHEDULE' }] : undefined,
    nodeRepairConfig: { enabled: true },
  }, { parent, dependsOn: [...attachments, ...(args.dependsOn ?? [])], ignoreChanges: ['scalingConfig.desiredSize'] });
}
