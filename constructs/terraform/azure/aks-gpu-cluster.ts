/**
 * A private AKS cluster for GPU serving on cdktf (azurerm): VNet and subnets, private API server, Azure CNI
 * overlay, OIDC issuer + workload identity, Entra ID RBAC with local accounts off, Azure Monitor managed
 * Prometheus into a Monitor workspace, a system pool and an autoscaling GPU user pool tainted `sku=gpu:NoSchedule`.
 */
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
import { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRule } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { MonitorWorkspace } from '@cdktf/provider-azurerm/lib/monitor-workspace';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import type { LlmAksDesign } from '../../../lib/azure/llm-aks-design';

export interface AksGpuClusterProps {
  /** Every name, range and pool size (lib/azure/llm-aks-design.ts). */
  readonly design: LlmAksDesign;
  /** Resource group the cluster and its network live in. */
  readonly resourceGroupName: string;
  /** Entra ID tenant whose users and groups authenticate to the API server. */
  readonly tenantId: string;
  /**
   * Entra ID groups made cluster admins through Azure RBAC.
   * @default - none: grant `Azure Kubernetes Service RBAC Cluster Admin` to operators separately
   */
  readonly adminGroupObjectIds?: readonly string[];
}

export class AksGpuCluster extends Construct {
  public readonly cluster: KubernetesCluster;
  public readonly gpuPool: KubernetesClusterNodePool;
  public readonly vnet: VirtualNetwork;
  public readonly nodesSubnet: Subnet;
  public readonly endpointsSubnet: Subnet;
  public readonly monitorWorkspace: MonitorWorkspace;
  /** The data collection endpoint the metrics add-on sends to (public network access off: see PrometheusPrivateIngestion). */
  public readonly prometheusEndpoint: MonitorDataCollectionEndpoint;

  constructor(scope: Construct, id: string, props: AksGpuClusterProps) {
    super(scope, id);
    const { design, resourceGroupName } = props;
    const { network } = design;
    const location = design.location;
    const tags = { ...design.tags };
    this.vnet = new VirtualNetwork(this, 'Vnet', { name: network.vnetName, location, resourceGroupName, addressSpace: [network.addressSpace], tags });
    this.nodesSubnet = new Subnet(this, 'NodesSubnet', {
      name: network.nodesSubnet.name, resourceGroupName, virtualNetworkName: this.vnet.name, addressPrefixes: [network.nodesSubnet.prefix],
      // No implicit internet egress: outbound goes through the cluster's load balancer (learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access, read 2026-12-03).
      defaultOutboundAccessEnabled: false,
    });
    this.endpointsSubnet = new Subnet(this, 'EndpointsSubnet', {
      name: network.endpointsSubnet.name, resourceGroupName, virtualNetworkName: this.vnet.name, addressPrefixes: [network.endpointsSubnet.prefix],
      defaultOutboundAccessEnabled: false, privateEndpointNetworkPolicies: 'Enabled',
    });
    this.monitorWorkspace = new MonitorWorkspace(this, 'MonitorWorkspace', { name: design.monitorWorkspaceName, location, resourceGroupName, publicNetworkAccessEnabled: false, tags });

    this.cluster = new KubernetesCluster(this, 'Cluster', {
      name: design.clusterName,
      location,
      resourceGroupName,
      dnsPrefix: design.clusterName,
      kubernetesVersion: design.kubernetesVersion,
      skuTier: 'Standard',
      privateClusterEnabled: true,
      privateClusterPublicFqdnEnabled: false,
      privateDnsZoneId: 'System',
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azurePolicyEnabled: true,
      runCommandEnabled: true,
      automaticUpgradeChannel: 'patch',
      nodeOsUpgradeChannel: 'NodeImage',
      azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: props.tenantId, adminGroupObjectIds: [...(props.adminGroupObjectIds ?? [])] },
      identity: { type: 'SystemAssigned' },
      defaultNodePool: {
        name: design.systemPool.name,
        vmSize: design.systemPool.vmSize,
        vnetSubnetId: this.nodesSubnet.id,
        autoScalingEnabled: true,
        minCount: design.systemPool.minCount,
        maxCount: design.systemPool.maxCount,
        onlyCriticalAddonsEnabled: true,
        osDiskSizeGb: design.systemPool.osDiskSizeGb,
        osSku: 'AzureLinux',
        nodeLabels: { ...design.systemPool.labels },
        temporaryNameForRotation: 'systemtmp',
        upgradeSettings: { maxSurge: '33%' },
      },
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkPolicy: 'cilium',
        networkDataPlane: 'cilium',
        podCidr: network.podCidr,
        serviceCidr: network.serviceCidr,
        dnsServiceIp: network.dnsServiceIp,
        loadBalancerSku: 'standard',
        outboundType: 'loadBalancer',
      },
      // Azure Monitor managed Prometheus: the metrics add-on scrapes, the DCR below sends to the workspace.
      monitorMetrics: {},
      // The AKS KEDA add-on: the ScaledObject of the serving objects needs its CRDs and operator.
      workloadAutoscalerProfile: { kedaEnabled: true },
      tags,
    });

    this.gpuPool = new KubernetesClusterNodePool(this, 'GpuPool', {
      name: design.gpuPool.name,
      kubernetesClusterId: this.cluster.id,
      mode: 'User',
      vmSize: design.gpuPool.vmSize,
      vnetSubnetId: this.nodesSubnet.id,
      autoScalingEnabled: true,
      minCount: design.gpuPool.minCount,
      maxCount: design.gpuPool.maxCount,
      nodeTaints: [...design.gpuPool.taints],
      nodeLabels: { ...design.gpuPool.labels },
      osDiskSizeGb: design.gpuPool.osDiskSizeGb,
      osSku: 'Ubuntu',
      // AKS installs the NVIDIA driver on GPU sizes by default; the device plugin comes with the Kubernetes objects.
      gpuDriver: 'Install',
      // A surge node of a GPU size may not exist in quota: replace nodes in place, one at a time.
      upgradeSettings: { maxSurge: '0', maxUnavailable: '1' },
      tags,
    });

    // Managed Prometheus wiring of the AKS docs' Terraform sample (learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable, read 2026-12-03).
    const endpoint = this.prometheusEndpoint = new MonitorDataCollectionEndpoint(this, 'PrometheusEndpoint', {
      name: `dce-${design.name}`, location, resourceGroupName, kind: 'Linux', publicNetworkAccessEnabled: false, tags,
    });
    const rule = new MonitorDataCollectionRule(this, 'PrometheusRule', {
      name: `dcr-${design.name}`, location, resourceGroupName, kind: 'Linux', dataCollectionEndpointId: endpoint.id,
      destinations: { monitorAccount: [{ monitorAccountId: this.monitorWorkspace.id, name: 'MonitoringAccount1' }] },
      dataFlow: [{ streams: ['Microsoft-PrometheusMetrics'], destinations: ['MonitoringAccount1'] }],
      dataSources: { prometheusForwarder: [{ streams: ['Microsoft-PrometheusMetrics'], name: 'PrometheusDataSource' }] },
      tags,
    });
    new MonitorDataCollectionRuleAssociation(this, 'PrometheusRuleAssociation', {
      name: `dcra-${design.name}`, targetResourceId: this.cluster.id, dataCollectionRuleId: rule.id,
    });
  }
}
