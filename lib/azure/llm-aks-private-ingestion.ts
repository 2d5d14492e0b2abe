/**
 * How `llm-aks`'s managed Prometheus add-on reaches Azure Monitor from the private cluster. The data collection
 * endpoint (DCE) of the cluster's data collection rule and the Azure Monitor workspace both have public network
 * access off, so without a private path the add-on can neither fetch its configuration nor send a single sample: no
 * KEDA signal, no alert. Microsoft's documented path (read 2026-12-03):
 *
 * - "Enable private link for monitoring virtual machines and Kubernetes clusters in Azure Monitor"
 *   (learn.microsoft.com/azure/azure-monitor/fundamentals/private-link-vm-kubernetes): the agent needs a DCE in an
 *   Azure Monitor Private Link Scope (AMPLS) to retrieve its configuration, any DCE in the cluster's region, associated
 *   with the cluster under the association name `configurationAccessEndpoint`; and the DCE that ingests into the Azure
 *   Monitor workspace must be added to the AMPLS ("Enable ingestion"). Our one DCE is in the cluster's region (the
 *   design's location, also the workspace's), so it serves both.
 * - "Use a private link for Managed Prometheus data ingestion" (azure-monitor/essentials/private-link-data-ingestion):
 *   private ingestion is configured on the DCEs of the workspace, by associating them with the AMPLS.
 * - "Configure private link for Azure Monitor" / "Azure Private Endpoint private DNS zone values", row "Azure Monitor
 *   (Microsoft.Insights/privateLinkScopes) | azuremonitor": the AMPLS is reached through a private endpoint with
 *   subresource `azuremonitor`; of the five zones listed there, DCE endpoints (`<dce>.<region>-1.handler.control.
 *   monitor.azure.com`, `<dce>.<region>-1.metrics.ingest.monitor.azure.com`; AKS docs, "Azure Monitor for Kubernetes
 *   firewall requirements") resolve through `privatelink.monitor.azure.com`. The other four serve Log Analytics
 *   (`oms`/`ods.opinsights`), Automation (`agentsvc`) and the log agent's solution packs (`blob`): this blueprint sends
 *   no logs to Azure Monitor, so they are left out.
 * - Access modes `PrivateOnly` (azurerm `azurerm_monitor_private_link_scope.ingestion_access_mode` /
 *   `query_access_mode`; azure-native `accessModeSettings`): the VNet reaches only the scope's resources; the
 *   workspace's own query path is its `prometheusMetrics` private endpoint (lib/azure/llm-aks-keda.ts).
 *
 * Pure: engines render these values (constructs/terraform/azure/prometheus-private-ingestion.ts,
 * constructs/pulumi/azure/prometheus-private-ingestion.ts).
 */
import type { LlmAksDesign } from './llm-aks-design';

/** Private Link subresource of an Azure Monitor Private Link Scope (Private DNS zone values, read 2026-12-03). */
export const AMPLS_PRIVATE_LINK_SUBRESOURCE = 'azuremonitor';
/** The zone DCE configuration and ingestion endpoints resolve through (see above). */
export const AZURE_MONITOR_PRIVATE_DNS_ZONE = 'privatelink.monitor.azure.com';
/** The association name Azure Monitor requires for a resource's configuration DCE (private-link-vm-kubernetes, read 2026-12-03). */
export const CONFIGURATION_ACCESS_ASSOCIATION = 'configurationAccessEndpoint';
/** `Open` or `PrivateOnly` (azurerm `azurerm_monitor_private_link_scope`, azure-native `AccessMode`). */
export type AmplsAccessMode = 'Open' | 'PrivateOnly';

export interface PrometheusPrivateIngestionDesign {
  /** The Azure Monitor Private Link Scope. */
  readonly scopeName: string;
  /** Name of the DCE's membership of the scope. */
  readonly scopedEndpointName: string;
  /** The scope's private endpoint in the endpoints subnet. */
  readonly privateEndpointName: string;
  readonly privateDnsZone: string;
  readonly ingestionAccessMode: AmplsAccessMode;
  readonly queryAccessMode: AmplsAccessMode;
  /** Always {@link CONFIGURATION_ACCESS_ASSOCIATION}. */
  readonly configurationAssociationName: string;
}

export function prometheusPrivateIngestionDesign(design: Pick<LlmAksDesign, 'name'>): PrometheusPrivateIngestionDesign {
  return {
    scopeName: `ampls-${design.name}`,
    scopedEndpointName: `dce-${design.name}`,
    privateEndpointName: `pe-ampls-${design.name}`,
    privateDnsZone: AZURE_MONITOR_PRIVATE_DNS_ZONE,
    ingestionAccessMode: 'PrivateOnly',
    queryAccessMode: 'PrivateOnly',
    configurationAssociationName: CONFIGURATION_ACCESS_ASSOCIATION,
  };
}
