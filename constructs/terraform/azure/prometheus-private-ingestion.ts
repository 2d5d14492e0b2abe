/**
 * The private path from a private AKS cluster's managed Prometheus add-on to its data collection endpoint (cdktf):
 * an Azure Monitor Private Link Scope holding the DCE, the scope's private endpoint (subresource `azuremonitor`) in
 * the endpoints subnet resolved by `privatelink.monitor.azure.com` linked to the VNet, and the cluster's
 * `configurationAccessEndpoint` association with the DCE so the add-on fetches its data collection rules privately.
 * Why and sources: lib/azure/llm-aks-private-ingestion.ts.
 */
import type { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import type { MonitorDataCollectionEndpoint } from '@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint';
import { MonitorDataCollectionRuleAssociation } from '@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association';
import { MonitorPrivateLinkScope } from '@cdktf/provider-azurerm/lib/monitor-private-link-scope';
import { MonitorPrivateLinkScopedService } from '@cdktf/provider-azurerm/lib/monitor-private-link-scoped-service';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { LlmAksDesign } from '../../../lib/azure/llm-aks-design';
import { AMPLS_PRIVATE_LINK_SUBRESOURCE, prometheusPrivateIngestionDesign } from '../../../lib/azure/llm-aks-private-ingestion';

export interface PrometheusPrivateIngestionProps {
  /** Names, location and tags. */
  readonly design: LlmAksDesign;
  readonly resourceGroupName: string;
  /** The cluster whose metrics add-on sends to the endpoint; it must be in the endpoint's region. */
  readonly cluster: KubernetesCluster;
  /** The DCE of the cluster's Prometheus data collection rule (public network access off). */
  readonly endpoint: MonitorDataCollectionEndpoint;
  /** Subnet of the private endpoints. */
  readonly endpointsSubnetId: string;
  /** The cluster's VNet, linked to the private DNS zone. */
  readonly vnetId: string;
}

export class PrometheusPrivateIngestion extends Construct {
  public readonly scope: MonitorPrivateLinkScope;
  /** What must exist before metrics flow: the scope membership, its private endpoint and the configuration association. */
  public readonly ready: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PrometheusPrivateIngestionProps) {
    super(scope, id);
    const { design, resourceGroupName } = props;
    const ingestion = prometheusPrivateIngestionDesign(design);
    const tags = { ...design.tags };
    this.scope = new MonitorPrivateLinkScope(this, 'Scope', {
      name: ingestion.scopeName, resourceGroupName, ingestionAccessMode: ingestion.ingestionAccessMode, queryAccessMode: ingestion.queryAccessMode, tags,
    });
    const member = new MonitorPrivateLinkScopedService(this, 'ScopedEndpoint', {
      name: ingestion.scopedEndpointName, resourceGroupName, scopeName: this.scope.name, linkedResourceId: props.endpoint.id,
    });
    const zone = new PrivateDnsZone(this, 'DnsZone', { name: ingestion.privateDnsZone, resourceGroupName, tags });
    const link = new PrivateDnsZoneVirtualNetworkLink(this, 'DnsLink', {
      name: `${design.network.vnetName}-monitor`, resourceGroupName, privateDnsZoneName: zone.name, virtualNetworkId: props.vnetId, registrationEnabled: false, tags,
    });
    const endpoint = new PrivateEndpoint(this, 'ScopeEndpoint', {
      name: ingestion.privateEndpointName, location: design.location, resourceGroupName, subnetId: props.endpointsSubnetId,
      privateServiceConnection: { name: 'ampls', isManualConnection: false, privateConnectionResourceId: this.scope.id, subresourceNames: [AMPLS_PRIVATE_LINK_SUBRESOURCE] },
      privateDnsZoneGroup: { name: 'ampls', privateDnsZoneIds: [zone.id] },
      tags,
      // The scope's resources are resolved into the zone when the endpoint is created.
      dependsOn: [member, link],
    });
    // azurerm defaults the name to configurationAccessEndpoint when data_collection_endpoint_id is set; written out for readers.
    const configuration = new MonitorDataCollectionRuleAssociation(this, 'ConfigurationAccess', {
      name: ingestion.configurationAssociationName, targetResourceId: props.cluster.id, dataCollectionEndpointId: props.endpoint.id,
    });
    this.ready = [member, endpoint, configuration];
  }
}
