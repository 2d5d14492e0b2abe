/**
 * A managed node group of GPU instances on the EKS-optimized AL2023 NVIDIA AMI, for clusters that do
 * not use Karpenter or Auto Mode: IMDSv2-only, encrypted gp3 root volume sized for the model weights,
 * tainted so that only GPU workloads land there, optionally pinned to a capacity reservation.
 */
import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ProblemCollector } from '../../../lib/errors';
import { GPU_TAINT } from '../../../lib/eks/components';
import { nodeadmRaid0UserData } from '../../../lib/eks/sizing';

export interface GpuNodegroupProps {
  readonly cluster: eks.Cluster;
  /** EC2 instance type of the plan, e.g. `g6e.xlarge`. */
  readonly instanceType: string;
  /**
   * Instance types tried after `instanceType` when it has no capacity (the plan's ranked fallbacks, same GPUs per
   * node). Not with a capacity reservation or Capacity Block.
   * @default - none
   */
  readonly fallbackInstanceTypes?: readonly string[];
  /** Nodes kept running (replicas × nodes per replica). */
  readonly minSize: number;
  /** Upper bound for the autoscaler. */
  readonly maxSize: number;
  /**
   * Root volume size, GiB: holds the container image and, without instance store, the weights synced from S3.
   * @default 200
   */
  readonly rootVolumeGiB?: number;
  /**
   * Stripe the instance store into RAID0 and put the kubelet and containerd on it (instances with local NVMe).
   * @default false
   */
  readonly instanceStoreRaid0?: boolean;
  /**
   * Launch into this capacity reservation (`cr-...`) only.
   * @default - on-demand capacity
   */
  readonly capacityReservationId?: string;
  /**
   * The reservation is an EC2 Capacity Block for ML (bought for a fixed window) rather than an on-demand
   * capacity reservation. Requires `capacityReservationId`.
   * @default false
   */
  readonly capacityBlock?: boolean;
  /** @default - a role created by the node group */
  readonly nodeRole?: iam.IRole;
}

/** Limits of managed node groups: https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html (read 2026-11-24). */
const MAX_NODES_PER_GROUP = 450;

/** GPU node group with the NVIDIA AMI type (device plugin installed separately, see components). */
export class GpuNodegroup extends Construct {
  public readonly nodegroup: eks.Nodegroup;

  constructor(scope: Construct, id: string, props: GpuNodegroupProps) {
    super(scope, id);
    const problems = new ProblemCollector();
    problems.check(Number.isInteger(props.minSize) && props.minSize >= 0, 'minSize', props.minSize, 'must be a whole number ≥ 0', 'set minSize to 0 or more');
    problems.check(props.maxSize >= Math.max(1, props.minSize) && props.maxSize <= MAX_NODES_PER_GROUP, 'maxSize', props.maxSize,
      `must be ≥ max(1, minSize ${props.minSize}) and ≤ ${MAX_NODES_PER_GROUP}`, 'raise maxSize to at least minSize');
    const rootGiB = props.rootVolumeGiB ?? 200;
    problems.check(Number.isInteger(rootGiB) && rootGiB >= 50 && rootGiB <= 16384, 'rootVolumeGiB', rootGiB,
      'must be a whole number of GiB from 50 to 16384 (gp3 limits)', 'set rootVolumeGiB between 50 and 16384');
    if (props.capacityReservationId !== undefined) {
      problems.check(/^cr-[0-9a-f]{8,17}$/.test(props.capacityReservationId), 'capacityReservationId', props.capacityReservationId,
        "is not a capacity reservation id ('cr-' and 8 or 17 hex digits)", 'copy the id from the EC2 console, Capacity Reservations');
    }
    problems.check(!props.capacityBlock || props.capacityReservationId !== undefined, 'capacityBlock', props.capacityBlock,
      'needs capacityReservationId', 'give the capacity block reservation id');
    problems.throwIfAny(`GpuNodegroup '${id}'`);

    const launchTemplate = new ec2.CfnLaunchTemplate(this, 'LaunchTemplate', {
      launchTemplateData: {
        blockDeviceMappings: [{
          deviceName: '/dev/xvda',
          ebs: { volumeSize: rootGiB, volumeType: 'gp3', encrypted: true, deleteOnTermination: true },
        }],
        // IMDSv2 only, one hop: pods cannot borrow the node's role and must use their Pod Identity role
        // (AWS Control Tower CT.EC2.PR.2; the Karpenter EC2NodeClass does the same).
        metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
        // One-minute EC2 metrics for GPU nodes (CT.EC2.PR.10).
        monitoring: { enabled: true },
        ...(props.capacityReservationId !== undefined && {
          capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: props.capacityReservationId } },
        }),
        ...(props.capacityBlock && { instanceMarketOptions: { marketType: 'capacity-block' } }),
        ...(props.instanceStoreRaid0 && { userData: Fn.base64(nodeadmRaid0UserData()) }),
      },
    });

    this.nodegroup = props.cluster.addNodegroupCapacity(`${id}Nodes`, {
      amiType: eks.NodegroupAmiType.AL2023_X86_64_NVIDIA,
      instanceTypes: [props.instanceType, ...(props.fallbackInstanceTypes ?? [])].map((t) => new ec2.InstanceType(t)),
      capacityType: props.capacityBlock ? eks.CapacityType.CAPACITY_BLOCK : eks.CapacityType.ON_DEMAND,
      minSize: props.minSize,
      maxSize: props.maxSize,
      desiredSize: props.minSize,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      launchTemplateSpec: { id: launchTemplate.ref, version: launchTemplate.attrLatestVersionNumber },
      labels: { 'nvidia.com/gpu.present': 'true' },
      taints: [{ key: GPU_TAINT.key, value: GPU_TAINT.value, effect: eks.TaintEffect.NO_SCHEDULE }],
      nodeRole: props.nodeRole,
      // Replace GPU nodes one at a time: each holds a whole model replica.
      maxUnavailable: 1,
      enableNodeAutoRepair: true,
    });
  }
}
