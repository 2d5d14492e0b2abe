/**
 * A private GKE Standard cluster for GPU serving: its own VPC-native network with Cloud NAT (nodes have no public
 * address, images still pull), a private control plane endpoint reachable only from the authorized networks,
 * Workload Identity, Shielded Nodes, Dataplane V2 (network policy enforced), a release channel, Managed Prometheus with
 * GKE's DCGM metrics, a small system pool, and the GPU pool of the plan's machine type with GKE's driver install.
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
import type { LlmGkeDeploymentConfig } from '../../../lib/gke/deployment-config';
import { GKE_NODE_SERVICE_ACCOUNT_ROLES } from '../../../lib/gke/node-roles';
import { GKE_GPU_DRIVER_VERSION, GKE_NODE_OAUTH_SCOPES, GKE_SYSTEM_MACHINE_TYPE } from '../../../lib/gke/security-defaults';
import { GKE_GPU_TAINT, gkeGpuNodeLabels } from '../../../lib/gke/node-pool';

export interface PrivateGkeClusterProps {
  readonly config: LlmGkeDeploymentConfig;
}

export class PrivateGkeCluster extends Construct {
  public readonly cluster: ContainerCluster;
  public readonly gpuPool: ContainerNodePool;

  constructor(scope: Construct, id: string, props: PrivateGkeClusterProps) {
    super(scope, id);
    const c = props.config;
    const network = new ComputeNetwork(this, 'Network', { name: c.name, project: c.project, autoCreateSubnetworks: false });
    const subnet = new ComputeSubnetwork(this, 'Subnet', {
      name: `${c.name}-nodes`,
      project: c.project,
      region: c.region,
      network: network.id,
      ipCidrRange: c.network.nodes,
      privateIpGoogleAccess: true,
      secondaryIpRange: [{ rangeName: 'pods', ipCidrRange: c.network.pods }, { rangeName: 'services', ipCidrRange: c.network.services }],
      logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
    });
    const router = new ComputeRouter(this, 'Router', { name: `${c.name}-nat`, project: c.project, region: c.region, network: network.id });
    new ComputeRouterNat(this, 'Nat', {
      name: `${c.name}-nat`,
      project: c.project,
      region: c.region,
      router: router.name,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });
    // Nodes run as their own least-privilege account, never the Compute Engine default account.
    const nodeAccount = new ServiceAccount(this, 'NodeAccount', { accountId: `${c.serviceAccountId.slice(0, 24)}-node`, project: c.project, displayName: `${c.name} GKE nodes` });
    GKE_NODE_SERVICE_ACCOUNT_ROLES.forEach((role, i) => new ProjectIamMember(this, `NodeRole${i}`, { project: c.project, role, member: nodeAccount.member }));
    this.cluster = new ContainerCluster(this, 'Cluster', {
      name: c.name,
      project: c.project,
      location: c.region,
      network: network.id,
      subnetwork: subnet.id,
      // Node pools are managed below; the default pool is created and removed at once, as the provider requires.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: true,
      ipAllocationPolicy: { clusterSecondaryRangeName: 'pods', servicesSecondaryRangeName: 'services' },
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: c.network.controlPlane, masterGlobalAccessConfig: { enabled: false } },
      masterAuthorizedNetworksConfig: { cidrBlocks: c.authorizedNetworks.map((cidr) => ({ cidrBlock: cidr, displayName: 'authorized' })) },
      workloadIdentityConfig: { workloadPool: `${c.project}.svc.id.goog` },
      enableShieldedNodes: true,
      releaseChannel: { channel: c.releaseChannel },
      datapathProvider: 'ADVANCED_DATAPATH',
      monitoringConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'DCGM'], managedPrometheus: { enabled: true } },
      resourceLabels: { ...c.labels },
    });
    const nodeConfig = (machineType: string): ContainerNodePoolNodeConfig => ({
      machineType,
      serviceAccount: nodeAccount.email,
      oauthScopes: GKE_NODE_OAUTH_SCOPES,
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      resourceLabels: { ...c.labels },
    });
    new ContainerNodePool(this, 'SystemPool', {
      name: 'system',
      project: c.project,
      location: c.region,
      cluster: this.cluster.name,
      autoscaling: { totalMinNodeCount: 1, totalMaxNodeCount: 3 },
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: nodeConfig(GKE_SYSTEM_MACHINE_TYPE),
    });
    this.gpuPool = new ContainerNodePool(this, 'GpuPool', {
      name: c.serving.nodePoolName ?? `${c.name}-gpu`,
      project: c.project,
      location: c.region,
      cluster: this.cluster.name,
      autoscaling: { totalMinNodeCount: c.minNodes, totalMaxNodeCount: c.maxNodes, locationPolicy: 'ANY' },
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        ...nodeConfig(c.machineType),
        guestAccelerator: [{ type: c.acceleratorType, count: c.acceleratorCount, gpuDriverInstallationConfig: { gpuDriverVersion: GKE_GPU_DRIVER_VERSION } }],
        labels: gkeGpuNodeLabels(c),
        taint: [GKE_GPU_TAINT],
      },
    });
  }
}
