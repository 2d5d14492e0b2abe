/**
 * The identity the AKS KEDA add-on queries the Azure Monitor workspace as (cdktf): a user-assigned managed identity
 * federated with `kube-system/keda-operator`, "Monitoring Data Reader" on the workspace, and the workspace's query
 * private endpoint with its private DNS zone (public network access is off). Why: lib/azure/llm-aks-keda.ts.
 */
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { MonitorWorkspace } from '@cdktf/provider-azurerm/lib/monitor-workspace';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { WORKLOAD_IDENTITY_AUDIENCE, type LlmAksDesign } from '../../../lib/azure/llm-aks-design';
import { aksKedaDesign, MONITORING_DATA_READER, PROMETHEUS_PRIVATE_LINK_SUBRESOURCE } from '../../../lib/azure/llm-aks-keda';

export interface AksKedaIdentityProps {
  readonly design: LlmAksDesign;
  readonly resourceGroupName: string;
  /** The cluster whose OIDC issuer signs KEDA's ServiceAccount tokens. */
  readonly cluster: KubernetesCluster;
  readonly workspace: MonitorWorkspace;
  /** Subnet of the private endpoints. */
  readonly endpointsSubnetId: string;
  /** The cluster's VNet, linked to the private DNS zone. */
  readonly vnetId: string;
}

export class AksKedaIdentity extends Construct {
  public readonly identity: UserAssignedIdentity;
  /** What the ScaledObject waits for: the role, the federation and the private endpoint. */
  public readonly ready: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: AksKedaIdentityProps) {
    super(scope, id);
    const { design, resourceGroupName } = props;
    const keda = aksKedaDesign(design);
    const tags = { ...design.tags };
    this.identity = new UserAssignedIdentity(this, 'Identity', { name: keda.identityName, location: design.location, resourceGroupName, tags });
    const federation = new FederatedIdentityCredential(this, 'Federation', {
      name: `${design.name}-keda-operator`, resourceGroupName, parentId: this.identity.id,
      issuer: props.cluster.oidcIssuerUrl, subject: keda.subject, audience: [WORKLOAD_IDENTITY_AUDIENCE],
    });
    const reader = new RoleAssignment(this, 'ReadsWorkspace', {
      scope: props.workspace.id, roleDefinitionName: MONITORING_DATA_READER.name, principalId: this.identity.principalId, principalType: 'ServicePrincipal',
    });
    const zone = new PrivateDnsZone(this, 'QueryDnsZone', { name: keda.privateDnsZone, resourceGroupName, tags });
    new PrivateDnsZoneVirtualNetworkLink(this, 'QueryDnsLink', {
      name: `${design.network.vnetName}-prometheus`, resourceGroupName, privateDnsZoneName: zone.name, virtualNetworkId: props.vnetId, registrationEnabled: false, tags,
    });
    const endpoint = new PrivateEndpoint(this, 'QueryEndpoint', {
      name: keda.privateEndpointName, location: design.location, resourceGroupName, subnetId: props.endpointsSubnetId,
      privateServiceConnection: { name: 'prometheus', isManualConnection: false, privateConnectionResourceId: props.workspace.id, subresourceNames: [PROMETHEUS_PRIVATE_LINK_SUBRESOURCE] },
      privateDnsZoneGroup: { name: 'prometheus', privateDnsZoneIds: [zone.id] },
      tags,
    });
    this.ready = [federation, reader, endpoint];
  }
}
