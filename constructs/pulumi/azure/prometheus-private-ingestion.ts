/**
 * The private path from a private AKS cluster's managed Prometheus add-on to its data collection endpoint (Pulumi,
 * azure-native), the same resources as the cdktf construct: an Azure Monitor Private Link Scope holding the DCE, the
 * scope's private endpoint (subresource `azuremonitor`) resolved by `privatelink.monitor.azure.com` linked to the
 * VNet, and the cluster's `configurationAccessEndpoint` association with the DCE. Why and sources:
 * lib/azure/llm-aks-private-ingestion.ts.
 */
import * as monitor from '@pulumi/azure-native/monitor';
import * as network from '@pulumi/azure-native/network';
import * as privatedns from '@pulumi/azure-native/privatedns';
import type * as pulumi from '@pulumi/pulumi';
import type { LlmAksDesign } from '../../../lib/azure/llm-aks-design';
import { AMPLS_PRIVATE_LINK_SUBRESOURCE, prometheusPrivateIngestionDesign } from '../../../lib/azure/llm-aks-private-ingestion';

export interface PrometheusPrivateIngestionArgs {
  /** Names, location and tags. */
  readonly design: LlmAksDesign;
  readonly resourceGroupName: pulumi.Input<string>;
  /** The cluster whose metrics add-on sends to the endpoint; it must be in the endpoint's region. */
  readonly clusterId: pulumi.Input<string>;
  /** The DCE of the cluster's Prometheus data collection rule (public network access off). */
  readonly endpointId: pulumi.Input<string>;
  /** Subnet of the private endpoints. */
  readonly endpointsSubnetId: pulumi.Input<string>;
  /** The cluster's VNet, linked to the private DNS zone. */
  readonly vnetId: pulumi.Input<string>;
}

export interface PrometheusPrivateIngestionResult {
  readonly scope: monitor.PrivateLinkScope;
  /** What must exist before metrics flow: the scope membership, its private endpoint and the configuration association. */
  readonly ready: pulumi.Resource[];
}

/** @param opts options of every resource, e.g. `{ parent }` */
export function prometheusPrivateIngestion(args: PrometheusPrivateIngestionArgs, opts: pulumi.CustomResourceOptions = {}): PrometheusPrivateIngestionResult {
  const { design, resourceGroupName } = args;
  const ingestion = prometheusPrivateIngestionDesign(design);
  const tags = { ...design.tags };
  // An AMPLS is a global resource (azure-native PrivateLinkScope `location`, ARM samples use 'global').
  const scope = new monitor.PrivateLinkScope(`${design.name}-ampls`, {
    scopeName: ingestion.scopeName, resourceGroupName, location: 'global',
    accessModeSettings: { ingestionAccessMode: ingestion.ingestionAccessMode, queryAccessMode: ingestion.queryAccessMode },
    tags,
  }, opts);
  const member = new monitor.PrivateLinkScopedResource(`${design.name}-ampls-dce`, {
    name: ingestion.scopedEndpointName, resourceGroupName, scopeName: scope.name, linkedResourceId: args.endpointId,
  }, opts);
  const zone = new privatedns.PrivateZone(`${design.name}-monitor-zone`, { privateZoneName: ingestion.privateDnsZone, resourceGroupName, location: 'Global', tags }, opts);
  const link = new privatedns.VirtualNetworkLink(`${design.name}-monitor-link`, {
    virtualNetworkLinkName: `${design.network.vnetName}-monitor`, privateZoneName: zone.name, resourceGroupName, location: 'Global', registrationEnabled: false, virtualNetwork: { id: args.vnetId }, tags,
  }, opts);
  const endpoint = new network.PrivateEndpoint(`${design.name}-ampls-pe`, {
    privateEndpointName: ingestion.privateEndpointName, resourceGroupName, location: design.location, subnet: { id: args.endpointsSubnetId },
    privateLinkServiceConnections: [{ name: 'ampls', privateLinkServiceId: scope.id, groupIds: [AMPLS_PRIVATE_LINK_SUBRESOURCE] }],
    tags,
  }, { ...opts, dependsOn: [member, link] });
  new network.PrivateDnsZoneGroup(`${design.name}-ampls-dns`, {
    privateDnsZoneGroupName: 'ampls', privateEndpointName: endpoint.name, resourceGroupName,
    privateDnsZoneConfigs: [{ name: 'ampls', privateDnsZoneId: zone.id }],
  }, opts);
  const configuration = new monitor.DataCollectionRuleAssociation(`${design.name}-dcra-config`, {
    associationName: ingestion.configurationAssociationName, resourceUri: args.clusterId, dataCollectionEndpointId: args.endpointId,
  }, opts);
  return { scope, ready: [member, endpoint, configuration] };
}
