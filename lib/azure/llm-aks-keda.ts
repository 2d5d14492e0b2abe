/**
 * How `llm-aks`'s ScaledObject reads the Azure Monitor workspace: the AKS KEDA add-on runs its operator in
 * `kube-system` as ServiceAccount `keda-operator`; a user-assigned managed identity federated with that
 * ServiceAccount (AKS docs, "Securely scale your applications using the KEDA add-on and workload identity":
 * `--subject system:serviceaccount:kube-system:keda-operator`, read 2026-12-03) holds "Monitoring Data Reader" on the
 * workspace, and the TriggerAuthentication names it (`podIdentity.identityId`, KEDA docs, Prometheus scaler, "Azure
 * Monitor Managed Service for Prometheus", read 2026-12-03).
 *
 * The workspace's public network access is off, so its query endpoint is reachable from the cluster only through a
 * private endpoint on the workspace (subresource `prometheusMetrics`) and the private DNS zone
 * `privatelink.<region>.prometheus.monitor.azure.com` linked to the cluster's VNet (Azure Monitor docs, "Use private
 * endpoints for Managed Prometheus and Azure Monitor workspace"; Private Link DNS zone values, "Azure Managed
 * Prometheus (Microsoft.Monitor/accounts) | prometheusMetrics"; read 2026-12-03). Pure: engines render these values.
 */
import type { LlmAksDesign } from './llm-aks-design';

/** Built-in role that queries an Azure Monitor workspace (role definition id, Azure built-in roles "Monitor", read 2026-12-03). */
export const MONITORING_DATA_READER = { name: 'Monitoring Data Reader', id: 'b0d8363b-8ddd-447d-831f-62ca05bff136' } as const;
/** Where the AKS KEDA add-on runs its operator (AKS docs above). */
export const AKS_KEDA_OPERATOR = { namespace: 'kube-system', serviceAccount: 'keda-operator' } as const;
/** Private Link subresource of an Azure Monitor workspace's Prometheus query endpoint. */
export const PROMETHEUS_PRIVATE_LINK_SUBRESOURCE = 'prometheusMetrics';

export interface AksKedaDesign {
  /** The managed identity KEDA queries the workspace as. */
  readonly identityName: string;
  /** `system:serviceaccount:kube-system:keda-operator`, the federated credential's subject. */
  readonly subject: string;
  /** The workspace's query private endpoint. */
  readonly privateEndpointName: string;
  /** `privatelink.<region>.prometheus.monitor.azure.com`. */
  readonly privateDnsZone: string;
}

export function aksKedaDesign(design: Pick<LlmAksDesign, 'name' | 'location' | 'monitorWorkspaceName'>): AksKedaDesign {
  return {
    identityName: `id-${design.name}-keda`,
    subject: `system:serviceaccount:${AKS_KEDA_OPERATOR.namespace}:${AKS_KEDA_OPERATOR.serviceAccount}`,
    privateEndpointName: `pe-${design.monitorWorkspaceName}-query`,
    privateDnsZone: `privatelink.${design.location}.prometheus.monitor.azure.com`,
  };
}
