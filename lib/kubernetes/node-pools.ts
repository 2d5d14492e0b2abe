/**
 * GPU capacity for a plan: a Karpenter NodePool + EC2NodeClass (karpenter.sh/v1, karpenter.k8s.aws/v1), or an
 * EKS Auto Mode NodePool + NodeClass (eks.amazonaws.com/v1). Nodes are tainted `nvidia.com/gpu`, limited to the
 * plan's instance type and its ranked fallbacks (Karpenter launches the cheapest type that has capacity, so an
 * InsufficientInstanceCapacity error on the choice falls through to the next), and never consolidated while a
 * model is loaded on them.
 *
 * Field names: @kubernetes-models/karpenter 2.0 (NodePool, EC2NodeClass) and the EKS user guide's
 * "Create a Node Class for Amazon EKS" (Auto Mode NodeClass: role, subnet and security-group selectors are
 * required; ephemeralStorage size/iops/throughput), read 2026-11-24.
 */
import { getInstanceType } from '../catalogue';
import { ProblemCollector } from '../errors';
import { plannedInstanceTypes, type GpuCapacityPlan } from '../plan/gpu-capacity-plan';
import { toKubeObject } from './kube-object';
import { GPU_RESOURCE, GPU_TAINT_KEY, gpuNodePoolName } from './labels';
import type { EbsVolume, IAutoModeNodeClass, IEC2NodeClass, INodePool } from './node-pool-types';
import type { KubeObject, KubeObjectMeta } from './types';
import { KARPENTER_AMI_ALIASES, MANAGED_BY } from './versions';

export interface GpuNodePoolOptions {
  /** Name of the serving deployment; the pool is named `gpuNodePoolName(name)`, which the pods select. */
  readonly name: string;
  /** What the capacity is sized for: an LLM serving plan or a classic model-server plan. */
  readonly plan: GpuCapacityPlan;
  readonly capacity: 'karpenter' | 'auto-mode';
  /** Subnets and security groups are found by the tag `karpenter.sh/discovery: <clusterName>`. */
  readonly clusterName: string;
  /** IAM role of the nodes. Required for Auto Mode (custom NodeClass). @default `KarpenterNodeRole-<clusterName>` for Karpenter */
  readonly nodeRoleName?: string;
  /** EC2 capacity reservation or Capacity Block to launch into first (then on-demand). @default - on-demand only */
  readonly capacityReservationId?: string;
  /** Karpenter AMI family (Auto Mode always runs Bottlerocket). @default 'al2023' */
  readonly amiFamily?: 'bottlerocket' | 'al2023';
  /** Most nodes the pool may launch (GPU limit = nodes × GPUs per node). @default - plan.nodes × plan.replicas × 2 */
  readonly maxNodes?: number;
  /**
   * When drifted GPU nodes (a new AMI: an alias bump here, or an Auto Mode image release) may be replaced, one at a
   * time: outside the window a disruption budget of 0 nodes holds them. Empty nodes are removed at any time.
   * @default DEFAULT_MAINTENANCE_WINDOW (Sundays 02:00-06:00 UTC)
   */
  readonly maintenanceWindow?: MaintenanceWindow;
}

/** A weekly window, in UTC. */
export interface MaintenanceWindow {
  /** 0 = Sunday ... 6 = Saturday. */
  readonly dayOfWeek: number;
  /** Hour the window opens, 0-23 UTC. */
  readonly startHour: number;
  /** Length, 1-24 hours. */
  readonly hours: number;
}

export const DEFAULT_MAINTENANCE_WINDOW: MaintenanceWindow = { dayOfWeek: 0, startHour: 2, hours: 4 };

/**
 * Karpenter budgets hold nodes while their schedule is active, so the window is expressed as its complement: a
 * budget of 0 drifted nodes that starts when the window closes and lasts until it opens again (Karpenter
 * "Disruption budgets": cron `schedule` + `duration`, reasons Empty/Drifted/Underutilized), and one drifted node at a
 * time inside it. Expiry is forceful in Karpenter v1 and not budgeted, hence no expiry on self-managed Karpenter.
 */
export function maintenanceBudgets(window: MaintenanceWindow = DEFAULT_MAINTENANCE_WINDOW): Array<{ nodes: string; reasons?: string[]; schedule?: string; duration?: string }> {
  const closes = (window.startHour + window.hours) % 24;
  const closeDay = (window.dayOfWeek + Math.floor((window.startHour + window.hours) / 24)) % 7;
  return [
    { nodes: '10%', reasons: ['Empty'] },
    { nodes: '1', reasons: ['Drifted'] },
    { nodes: '0', reasons: ['Drifted'], schedule: `0 ${closes} * * ${closeDay}`, duration: `${7 * 24 - window.hours}h` },
  ];
}

/** GP3 at its maximum (AWS EBS gp3: up to 16,000 IOPS and 1,000 MiB/s): image pulls and weights are I/O bound. */
const GP3_PERFORMANCE = { volumeType: 'gp3', iops: 16000, throughput: 1000 } as const;
/** OS, kubelet and the vLLM image (about 20 GiB unpacked) when ephemeral storage lives on instance-store NVMe. */
const SYSTEM_VOLUME_GIB = 200;

const NODE_LABEL = 'ai-model-deployment/serving';

export function buildGpuNodePoolObjects(options: GpuNodePoolOptions): KubeObject[] {
  validate(options);
  return options.capacity === 'karpenter'
    ? [karpenterNodeClass(options), nodePool(options, { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' })]
    : [autoModeNetworkPolicyController(), autoModeNodeClass(options), nodePool(options, { group: 'eks.amazonaws.com', kind: 'NodeClass' })];
}

/**
 * EKS Auto Mode enforces NetworkPolicies once this ConfigMap turns its network policy controller on, on the nodes
 * of NodeClasses with `networkPolicy` set (EKS user guide, "Use network policies with EKS Auto Mode", read 2026-12-02).
 */
export function autoModeNetworkPolicyController(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system', labels: { 'app.kubernetes.io/managed-by': MANAGED_BY } },
    data: { 'enable-network-policy-controller': 'true' },
  };
}

/**
 * `karpenter.sh/capacity-type` values of the pool. With Spot allowed Karpenter launches Spot first (cheaper) and
 * On-Demand when Spot has no capacity; `spot-with-fallback` pods also spread over this label so that Spot never
 * holds every replica (lib/kubernetes/pod-template.ts). Karpenter NodePool docs, "capacity-type", read 2026-12-03.
 */
function karpenterCapacityTypes(options: GpuNodePoolOptions): string[] {
  switch (options.plan.capacityType ?? 'on-demand') {
    case 'spot':
      return ['spot'];
    case 'spot-with-fallback':
      return ['spot', 'on-demand'];
    default:
      return options.capacityReservationId ? ['reserved', 'on-demand'] : ['on-demand'];
  }
}

/**
 * The label the NVIDIA GPU Operator's MIG manager partitions a node by: `nvidia.com/mig.config: all-<profile>`
 * (a layout of its default mig-parted config; GPU Operator docs, "GPU Operator with MIG", install with
 * `mig.strategy=mixed` so the device plugin exposes `nvidia.com/mig-<profile>`; read 2026-12-03).
 */
function migConfigLabel(plan: GpuCapacityPlan): Record<string, string> {
  return plan.mig ? { 'nvidia.com/mig.config': `all-${plan.mig.profile}` } : {};
}

function validate(options: GpuNodePoolOptions): void {
  const p = new ProblemCollector();
  const spot = (options.plan.capacityType ?? 'on-demand') !== 'on-demand';
  p.check(!spot || options.capacity === 'karpenter', 'plan.capacityType', options.plan.capacityType,
    'Spot GPU nodes are rendered for self-managed Karpenter, whose interruption queue drains them', "use capacity 'karpenter', or capacityType 'on-demand'");
  p.check(!spot || !options.capacityReservationId, 'capacityReservationId', options.capacityReservationId,
    'a capacity reservation and Spot capacity exclude each other', "drop the reservation, or use capacityType 'on-demand'");
  p.check(options.plan.platform === 'ec2', 'plan.platform', options.plan.platform, 'node pools serve EC2 plans', 'plan with platform "ec2"');
  p.check(options.capacity !== 'auto-mode' || Boolean(options.nodeRoleName), 'nodeRoleName', options.nodeRoleName,
    'an Auto Mode NodeClass requires the node IAM role', 'pass the role that has an EC2 access entry with AmazonEKSAutoNodePolicy');
  if (options.maxNodes !== undefined) {
    p.check(Number.isInteger(options.maxNodes) && options.maxNodes >= options.plan.nodes, 'maxNodes', options.maxNodes,
      `must be an integer of at least plan.nodes (${options.plan.nodes})`, 'allow at least one replica');
  }
  p.throwIfAny('GPU node pool');
}

function metadata(options: GpuNodePoolOptions): KubeObjectMeta {
  return { name: gpuNodePoolName(options.name), labels: { 'app.kubernetes.io/managed-by': MANAGED_BY, [NODE_LABEL]: options.name } };
}

/** Whether every instance type the pool may launch has instance-store NVMe (then it holds the model volume). */
function allHaveInstanceStore(options: GpuNodePoolOptions): boolean {
  return plannedInstanceTypes(options.plan).every((t) => getInstanceType(t).localNvmeGB > 0);
}

function ephemeralGiB(options: GpuNodePoolOptions): number {
  // Without instance store (on any type the pool may launch), the model volume lives on EBS: room for a 16-bit
  // checkpoint of the loaded weights.
  return allHaveInstanceStore(options) ? SYSTEM_VOLUME_GIB : SYSTEM_VOLUME_GIB + Math.ceil(options.plan.weightsGiB * 2.2);
}

function karpenterNodeClass(options: GpuNodePoolOptions): KubeObject {
  const family = options.amiFamily ?? 'al2023';
  const discovery = [{ tags: { 'karpenter.sh/discovery': options.clusterName } }];
  const ebs: EbsVolume = { volumeSize: `${ephemeralGiB(options)}Gi`, ...GP3_PERFORMANCE, encrypted: true, deleteOnTermination: true };
  // Bottlerocket boots from a small OS volume and keeps images and pods on its data volume.
  const blockDeviceMappings: IEC2NodeClass['spec']['blockDeviceMappings'] =
    family === 'bottlerocket'
      ? [{ deviceName: '/dev/xvda', ebs: { volumeSize: '8Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }, { deviceName: '/dev/xvdb', ebs }]
      : [{ deviceName: '/dev/xvda', rootVolume: true, ebs }];
  const nodeClass: IEC2NodeClass = {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: metadata(options),
    spec: {
      amiSelectorTerms: [{ alias: KARPENTER_AMI_ALIASES[family] }],
      role: options.nodeRoleName ?? `KarpenterNodeRole-${options.clusterName}`,
      subnetSelectorTerms: discovery,
      securityGroupSelectorTerms: discovery,
      blockDeviceMappings,
      // Instance-store NVMe as one RAID0 array for kubelet and containerd: the model volume syncs onto it.
      ...(allHaveInstanceStore(options) ? { instanceStorePolicy: 'RAID0' } : {}),
      // IMDSv2 only, one hop: pods cannot borrow the node's role and must use their service account's.
      metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
      ...(options.capacityReservationId ? { capacityReservationSelectorTerms: [{ id: options.capacityReservationId }] } : {}),
      tags: { [NODE_LABEL]: options.name },
    },
  };
  return toKubeObject(nodeClass);
}

function autoModeNodeClass(options: GpuNodePoolOptions): KubeObject {
  const discovery = [{ tags: { 'karpenter.sh/discovery': options.clusterName } }];
  const nodeClass: IAutoModeNodeClass = {
    apiVersion: 'eks.amazonaws.com/v1',
    kind: 'NodeClass',
    metadata: metadata(options),
    spec: {
      role: options.nodeRoleName ?? '',
      subnetSelectorTerms: discovery,
      securityGroupSelectorTerms: discovery,
      ephemeralStorage: { size: `${ephemeralGiB(options)}Gi`, iops: GP3_PERFORMANCE.iops, throughput: GP3_PERFORMANCE.throughput },
      // Enforce NetworkPolicies; traffic a namespace does not restrict stays allowed (its own default-deny applies).
      networkPolicy: 'DefaultAllow',
      ...(options.capacityReservationId ? { capacityReservationSelectorTerms: [{ id: options.capacityReservationId }] } : {}),
      tags: { [NODE_LABEL]: options.name },
    },
  };
  return toKubeObject(nodeClass);
}

function nodePool(options: GpuNodePoolOptions, nodeClass: { group: string; kind: string }): KubeObject {
  const { plan } = options;
  const instance = getInstanceType(plan.instanceType);
  const instanceTypes = plannedInstanceTypes(plan);
  const families = [...new Set(instanceTypes.map((t) => getInstanceType(t).family))];
  const maxNodes = options.maxNodes ?? plan.nodes * Math.max(1, plan.replicas) * 2;
  const capacityTypes = karpenterCapacityTypes(options);
  const familyLabel = options.capacity === 'karpenter' ? 'karpenter.k8s.aws/instance-family' : 'eks.amazonaws.com/instance-family';
  const pool: INodePool = {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: metadata(options),
    spec: {
      template: {
        metadata: { labels: { [NODE_LABEL]: options.name, ...migConfigLabel(options.plan) } },
        spec: {
          nodeClassRef: { ...nodeClass, name: gpuNodePoolName(options.name) },
          requirements: [
            { key: familyLabel, operator: 'In', values: families },
            // The choice and its ranked fallbacks; every one has the choice's GPUs per node (the GPU limit holds).
            { key: 'node.kubernetes.io/instance-type', operator: 'In', values: instanceTypes },
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: capacityTypes },
            { key: 'kubernetes.io/arch', operator: 'In', values: [instance.cpuArchitecture === 'arm64' ? 'arm64' : 'amd64'] },
            { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
          ],
          // GPU nodes only: a CPU plan's pool (catalogue instance without a GPU) is untainted, as its pods tolerate nothing.
          ...(instance.acceleratorCount > 0 && { taints: [{ key: GPU_TAINT_KEY, value: 'true', effect: 'NoSchedule' }] }),
          // Self-managed Karpenter: no forced expiry of a serving node; AMI updates arrive by drift, paced by the
          // maintenance window below. Auto Mode caps node lifetime at 21 days and keeps its default.
          ...(options.capacity === 'karpenter' ? { expireAfter: 'Never' } : {}),
        },
      },
      // Only empty nodes are consolidated (an underutilized node holds a loaded model); drifted nodes are replaced
      // one at a time inside the maintenance window, their pods moved under the PodDisruptionBudget.
      disruption: { consolidationPolicy: 'WhenEmpty', consolidateAfter: '5m', budgets: maintenanceBudgets(options.maintenanceWindow) },
      // A GPU pool is bounded by its GPUs; a CPU pool (classic model on CPU, lib/plan/model-server-plan.ts) by its vCPUs.
      limits: instance.acceleratorCount > 0 ? { [GPU_RESOURCE]: String(maxNodes * instance.acceleratorCount) } : { cpu: String(maxNodes * instance.vcpus) },
    },
  };
  return toKubeObject(pool);
}
