/**
 * The identity the AKS KEDA add-on queries the Azure Monitor workspace as (Pulumi, azure-native), the same resources
 * as the cdktf construct: a user-assigned managed identity federated with `kube-system/keda-operator`, "Monitoring
 * Data Reader" on the workspace, and the workspace's query private endpoint with its private DNS zone (public network
 * access is off). Why: lib/azure/llm-aks-keda.ts.
 */
import * as authorization from '@pulumi/azure-native/authorization';
import * as managedidentity from '@pulumi/azure-native/managedidentity';
import * as network from '@pulumi/azure-native/network';
import * as privatedns from '@pulumi/azure-native/privatedns';
import type * as pulumi from '@pulumi/pulumi';
import { WORKLOAD_IDENTITY_AUDIENCE, builtInRoleDefinitionId, type LlmAksDesign } from '../../../lib/azure/llm-aks-design';
import { aksKedaDesign, MONITORING_DATA_READER, PROMETHEUS_PRIVATE_LINK_SUBRESOURCE } from '../../../lib/azure/llm-aks-keda';

export interface AksKedaIdentityArgs {
  readonly design: LlmAksDesign;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly subscriptionId: pulumi.Output<string>;
  /** The cluster's OIDC issuer URL. */
  readonly issuer: pulumi.Input<string>;
  readonly workspaceId: pulumi.Input<string>;
  readonly endpointsSubnetId: pulumi.Input<string>;
  readonly vnetId: pulumi.Input<string>;
}

export interface AksKedaIdentityResult {
  readonly identity: managedidentity.UserAssignedIdentity;
  /** What the ScaledObject waits for: the role, the federation and the private endpoint. */
  readonly ready: pulumi.Resource[];
}

/** @param opts options of every resource, e.g. `{ parent }` */
export function aksKedaIdentity(args: AksKedaIdentityArgs, opts: pulumi.CustomResourceOptions = {}): AksKedaIdentityResult {
  const { design, resourceGroupName } = args;
  const keda = aksKedaDesign(design);
  const tags = { ...design.tags };
  const identity = new managedidentity.UserAssignedIdentity(`${design.name}-keda`, { resourceName: keda.identityName, resourceGroupName, location: design.location, tags }, opts);
  const federation = new managedidentity.FederatedIdentityCredential(`${design.name}-keda-federation`, {
    federatedIdentityCredentialResourceName: `${design.name}-keda-operator`, resourceName: identity.name, resourceGroupName,
    issuer: args.issuer, subject: keda.subject, audiences: [WORKLOAD_IDENTITY_AUDIENCE],
  }, opts);
  const reader = new authorization.RoleAssignment(`${design.name}-keda-reads-workspace`, {
    scope: args.workspaceId,
    roleDefinitionId: args.subscriptionId.apply((sub) => builtInRoleDefinitionId(sub, MONITORING_DATA_READER.id)),
    principalId: identity.principalId, principalType: 'ServicePrincipal',
  }, opts);
  const zone = new privatedns.PrivateZone(`${design.name}-prometheus-zone`, { privateZoneName: keda.privateDnsZone, resourceGroupName, location: 'Global', tags }, opts);
  new privatedns.VirtualNetworkLink(`${design.name}-prometheus-link`, {
    virtualNetworkLinkName: `${design.network.vnetName}-prometheus`, privateZoneName: zone.name, resourceGroupName, location: 'Global', registrationEnabled: false, virtualNetwork: { id: args.vnetId }, tags,
  }, opts);
  const endpoint = new network.PrivateEndpoint(`${design.name}-prometheus-pe`, {
    privateEndpointName: keda.privateEndpointName, resourceGroupName, location: design.location, subnet: { id: args.endpointsSubnetId },
    privateLinkServiceConnections: [{ name: 'prometheus', privateLinkServiceId: args.workspaceId, groupIds: [PROMETHEUS_PRIVATE_LINK_SUBRESOURCE] }],
    tags,
  }, opts);
  new network.PrivateDnsZoneGroup(`${design.name}-prometheus-dns`, {
    privateDnsZoneGroupName: 'prometheus', privateEndpointName: endpoint.name, resourceGroupName,
    privateDnsZoneConfigs: [{ name: 'prometheus', privateDnsZoneId: zone.id }],
  }, opts);
  return { identity, ready: [federation, reader, endpoint] };
}
