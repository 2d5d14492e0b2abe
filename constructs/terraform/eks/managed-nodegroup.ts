/**
 * An EKS managed node group on Terraform with its node role and launch template: IMDSv2 only, encrypted
 * gp3 root volume, optional instance-store RAID0 (nodeadm), optional capacity reservation. Used for the
 * system node group and, in `managed-nodegroup` mode, for the GPU node group (AL2023 NVIDIA AMI).
 */
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GPU_TAINT } from '../../../lib/eks/components';
import { GPU_NODE_MANAGED_POLICIES } from '../../../lib/eks/karpenter-iam';
import { nodeadmRaid0UserData } from '../../../lib/eks/sizing';
import { serviceTrustPolicy } from './trust-policies';

export interface ManagedNodegroupProps {
  readonly clusterNameRef: string;
  readonly subnetIds: readonly string[];
  readonly partition: string;
  /** `AL2023_x86_64_STANDARD` or `AL2023_x86_64_NVIDIA`. */
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
  /** Tainted `nvidia.com/gpu` and labelled `nvidia.com/gpu.present`. @default false */
  readonly gpu?: boolean;
  /** @default false */
  readonly instanceStoreRaid0?: boolean;
  /** @default - on-demand */
  readonly capacityReservationId?: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export class ManagedNodegroup extends Construct {
  public readonly nodegroup: EksNodeGroup;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ManagedNodegroupProps) {
    super(scope, id);
    this.role = new IamRole(this, 'Role', { assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com') });
    const attachments = GPU_NODE_MANAGED_POLICIES.map((policy) => new IamRolePolicyAttachment(this, policy, {
      role: this.role.name, policyArn: `arn:${props.partition}:iam::aws:policy/${policy}`,
    }));
    const template = new LaunchTemplate(this, 'LaunchTemplate', {
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: props.rootVolumeGiB, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } }],
      // IMDSv2 only, one hop: pods use their Pod Identity role, never the node's.
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
      monitoring: { enabled: true },
      ...(props.capacityReservationId !== undefined && {
        capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: props.capacityReservationId } },
      }),
      ...(props.instanceStoreRaid0 && { userData: Buffer.from(nodeadmRaid0UserData()).toString('base64') }),
    });
    this.nodegroup = new EksNodeGroup(this, 'Nodegroup', {
      clusterName: props.clusterNameRef,
      nodeRoleArn: this.role.arn,
      subnetIds: [...props.subnetIds],
      amiType: props.amiType,
      instanceTypes: [props.instanceType, ...(props.fallbackInstanceTypes ?? [])],
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: props.minSize, maxSize: props.maxSize, desiredSize: props.minSize },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      labels: { ...(props.gpu ? { 'nvidia.com/gpu.present': 'true' } : {}), ...(props.labels ?? {}) },
      taint: props.gpu ? [{ key: GPU_TAINT.key, value: GPU_TAINT.value, effect: 'NO_SCHEDULE' }] : undefined,
      nodeRepairConfig: { enabled: true },
      // The desired size belongs to the cluster autoscaler / KEDA-driven scale after the first apply.
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
      dependsOn: [...attachments, ...(props.dependsOn ?? [])],
    });
  }
}
