/**
 * A private GKE Standard cluster for GPU serving: its own VPC-native network with Cloud NAT (nodes have no public
 * address, images still pull), a private control plane endpoint reachable only from the authorized networks,
 * Workload Identity, Shielded Nodes, Dataplane V2 (network policy enforced), a release channel, Managed Prometheus with
 * GKE's DCGM metrics, a small system pool, and the GPU pool of the plan's machine type with GKE's driver install.
 * Every setting comes from the neutral design (lib/gke/llm-gke-design.ts); this file only wires references.
 */
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool, type ContainerNodePoolNodeConfig } from '@cdktf/provider-google/lib/container-node-pool';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import type { GkeNodePoolDesign, LlmGkeDesign } from '../../../lib/gke/llm-gke-design';

export interface PrivateGkeClusterProps {
  /** The deployment's neutral description (`llmGkeDesign(config)`): network, cluster, node account and pools. */
  readonly design: LlmGkeDesign;
}

export class PrivateGkeCluster extends Construct {
  public readonly cluster: ContainerCluster;
  public readonly gpuPool: ContainerNodePool;

  constructor(scope: Construct, id: string, props: PrivateGkeClusterProps) {
    super(scope, id);
    const d = props.design;
    const { project, region } = d;
    const { subnet: subnetDesign, nat: natDesign } = d.network;
    const network = new ComputeNetwork(this, 'Network', { name: d.network.name, project, autoCreateSubnetworks: d.network.autoCreateSubnetworks });
    const { secondaryIpRanges, ...subnetSettings } = subnetDesign;
    const subnet = new ComputeSubnetwork(this, 'Subnet', { ...subnetSettings, project, region, network: network.id, secondaryIpRange: secondaryIpRanges });
    const router = new ComputeRouter(this, 'Router', { name: d.network.routerName, project, region, network: network.id });
    new ComputeRouterNat(this, 'Nat', { ...natDesign, project, region, router: router.name });
    const nodeAccount = new ServiceAccount(this, 'NodeAccount', { accountId: d.nodeAccount.accountId, project, displayName: d.nodeAccount.displayName });
    d.nodeAccount.roles.forEach((role, i) => new ProjectIamMember(this, `NodeRole${i}`, { project, role, member: nodeAccount.member }));
    this.cluster = new ContainerCluster(this, 'Cluster', { ...d.cluster, project, network: network.id, subnetwork: subnet.id });
    const nodeConfig: ContainerNodePoolNodeConfig = { ...d.nodeConfig, serviceAccount: nodeAccount.email };
    const pool = ({ machineType, ...settings }: GkeNodePoolDesign) => ({ ...settings, project, cluster: this.cluster.name, nodeConfig: { ...nodeConfig, machineType } });
    new ContainerNodePool(this, 'SystemPool', pool(d.systemPool));
    const { guestAccelerators, labels, taints, ...gpuPool } = d.gpuPool;
    const gpu = pool(gpuPool);
    this.gpuPool = new ContainerNodePool(this, 'GpuPool', { ...gpu, nodeConfig: { ...gpu.nodeConfig, guestAccelerator: guestAccelerators, labels, taint: taints } });
  }
}
