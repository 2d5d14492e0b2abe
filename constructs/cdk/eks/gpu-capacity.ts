/**
 * GPU nodes for one serving plan, in the cluster's capacity mode: Karpenter (controller + GPU
 * NodePool/EC2NodeClass), EKS Auto Mode (GPU NodePool), or a managed NVIDIA node group.
 */
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct, type IDependable } from 'constructs';
import { buildGpuNodePoolObjects } from '../../../lib/kubernetes/node-pools';
import type { ModelArchitecture } from '../../../lib/catalogue/types';
import type { GpuCapacityPlan } from '../../../lib/plan/gpu-capacity-plan';
import type { EksCapacity } from '../../../lib/spec/types';
import { GpuNodegroup } from './gpu-nodegroup';
import { Karpenter } from './karpenter';
import { KubeObjects } from './kube-objects';
import type { HelmComponent } from '../../../lib/eks/components';
import { gpuNodeRoleName } from '../../../lib/eks/names';
import { gpuNodeDisk, maxGpuNodes, nodegroupFallbackTypes } from '../../../lib/eks/sizing';

export interface GpuCapacityProps {
  readonly cluster: eks.Cluster;
  readonly clusterName: string;
  /** Names the NodePool (`<deploymentName>-gpu`) the serving pods select. */
  readonly deploymentName: string;
  readonly capacity: EksCapacity;
  readonly plan: GpuCapacityPlan;
  /** The served LLM (sizes node disks from its checkpoint). Required with an LLM plan. @default - none: the model-server plan's model volume */
  readonly model?: ModelArchitecture;
  /** LoRA adapters stored beside the model. @default 0 */
  readonly loraAdapterCount?: number;
  /** @default 'al2023' */
  readonly amiFamily?: 'al2023' | 'bottlerocket';
  /** Karpenter's Helm release; required with capacity `karpenter`. */
  readonly karpenterComponent?: HelmComponent;
  /** Pod Identity associations wait for it. @default - none (Auto Mode) */
  readonly podIdentityAgent?: IDependable;
  /** @default - on-demand */
  readonly capacityReservationId?: string;
  /** @default false */
  readonly capacityBlock?: boolean;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Replicas a rollout adds on top of maxReplicas at worst. @default ROLLOUT_SURGE_REPLICAS (1) */
  readonly rolloutSurgeReplicas?: number;
}

export class GpuCapacity extends Construct {
  /** Present with capacity `karpenter`. */
  public readonly karpenter?: Karpenter;
  /** Present with capacity `managed-nodegroup`. */
  public readonly nodegroup?: GpuNodegroup;
  /** The GPU NodePool objects (Karpenter, Auto Mode). */
  public readonly nodePools?: KubeObjects;
  /** What serving objects wait for. */
  public readonly ready: readonly IDependable[];

  constructor(scope: Construct, id: string, props: GpuCapacityProps) {
    super(scope, id);
    const { plan, capacity } = props;
    if (capacity === 'managed-nodegroup') {
      this.nodegroup = new GpuNodegroup(this, 'Gpu', {
        cluster: props.cluster,
        instanceType: plan.instanceType,
        fallbackInstanceTypes: nodegroupFallbackTypes(plan, props),
        minSize: props.minReplicas * plan.nodes,
        maxSize: maxGpuNodes(props.maxReplicas, plan, props.rolloutSurgeReplicas),
        ...gpuNodeDisk(plan, props.model, props.loraAdapterCount ?? 0),
        capacityReservationId: props.capacityReservationId,
        capacityBlock: props.capacityBlock,
      });
      this.ready = [this.nodegroup.nodegroup];
      return;
    }
    if (capacity === 'karpenter') {
      if (!props.karpenterComponent) throw new Error("GpuCapacity: capacity 'karpenter' needs karpenterComponent");
      this.karpenter = new Karpenter(this, 'Karpenter', {
        cluster: props.cluster,
        clusterName: props.clusterName,
        component: props.karpenterComponent,
        podIdentityAgent: props.podIdentityAgent,
      });
    }
    const objects = buildGpuNodePoolObjects({
      name: props.deploymentName,
      plan,
      capacity,
      clusterName: props.clusterName,
      nodeRoleName: gpuNodeRoleName(props.clusterName),
      capacityReservationId: props.capacityReservationId,
      amiFamily: props.amiFamily,
      maxNodes: maxGpuNodes(props.maxReplicas, plan, props.rolloutSurgeReplicas),
    });
    this.nodePools = new KubeObjects(this, 'NodePools', {
      cluster: props.cluster,
      objects,
      dependsOn: this.karpenter ? [this.karpenter.chart] : [],
    });
    this.ready = [...this.nodePools.manifests.values()];
  }
}
