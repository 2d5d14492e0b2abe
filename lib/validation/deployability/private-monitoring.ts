/**
 * Private-only monitoring that can still be reached: turning public network access off on an Azure Monitor data
 * collection endpoint (DCE) or workspace is valid, but unless a private path exists the agents cannot send data and
 * nothing can query it. Azure Monitor docs, read 2026-12-03: "Enable private link for monitoring virtual machines and
 * Kubernetes clusters in Azure Monitor" (a DCE is reached privately only through an Azure Monitor Private Link Scope
 * that a private endpoint connects to; the cluster fetches its configuration from the DCE associated as
 * `configurationAccessEndpoint`) and "Use private endpoints for Managed Prometheus and Azure Monitor workspace" (the
 * workspace is queried privately through its own `prometheusMetrics` private endpoint).
 *
 * - error: a private-only DCE is in no scope, or only in scopes no private endpoint connects to;
 * - error: a managed-Prometheus cluster has private-only DCEs but no `configurationAccessEndpoint` association with a
 *   privately reachable one in its region (it cannot fetch its data collection rules; "any DCE in the same region as
 *   the VM or cluster can be used");
 * - a private-only workspace with no private endpoint: error when the stack's KEDA triggers query Prometheus (they would
 *   time out), warning otherwise (alert rule groups run inside Azure Monitor and still work; nobody else can query).
 */
import type { KubeObject } from '../../kubernetes/types';
import type { ValidationFinding } from '../types';
import type { DeploymentFacts } from './facts';

const RULE = 'deployability/private-monitoring';
const DCE_FIX = 'add it to an Azure Monitor Private Link Scope (azurerm_monitor_private_link_scoped_service / azure-native monitor.PrivateLinkScopedResource) '
  + 'that a private endpoint (subresource azuremonitor, private DNS zone privatelink.monitor.azure.com) in the cluster\'s VNet connects to, or turn its public network access on';

const queriesPrometheus = (o: KubeObject) => o.apiVersion.startsWith('keda.sh/') && o.kind === 'ScaledObject'
  && ((o.spec as { triggers?: { type?: string }[] } | undefined)?.triggers ?? []).some((t) => t.type === 'prometheus');

export function checkPrivateMonitoring(facts: DeploymentFacts): ValidationFinding[] {
  const links = facts.azurePrivateLinks;
  if (!links) return [];
  const out: ValidationFinding[] = [];
  const report = (resource: string, severity: 'error' | 'warning', message: string) => out.push({ engine: facts.engine, resource, rule: RULE, severity, message });
  const targets = new Set(links.privateEndpointTargets);
  const reachableScope = (name: string) => links.linkScopes.some((s) => s.refs.includes(name) && s.refs.some((r) => targets.has(r)));
  const scopesOf = (ref: string) => links.scopedResources.filter((m) => m.linked === ref).map((m) => m.scope);
  const reachable = (ref: string) => scopesOf(ref).some(reachableScope);

  const endpoints = links.privateOnly.filter((p) => p.kind === 'data-collection-endpoint');
  for (const dce of endpoints.filter((e) => !reachable(e.ref))) {
    const scopes = scopesOf(dce.ref);
    report(dce.resource, 'error', `the data collection endpoint has public network access off (public_network_access_enabled / networkAcls.publicNetworkAccess) and ${scopes.length === 0
      ? 'is in no Azure Monitor Private Link Scope'
      : `its Private Link Scope (${scopes.join(', ')}) has no private endpoint`}: agents such as the AKS metrics add-on can neither fetch their configuration nor send samples, so no metric, autoscaling signal or alert arrives. Fix: ${DCE_FIX}`);
  }
  if (endpoints.length > 0) {
    for (const cluster of links.prometheusClusters) {
      const sameRegion = (e: { location?: string }) => !e.location || !cluster.location || e.location.toLowerCase() === cluster.location.toLowerCase();
      const configured = links.configurationAssociations.some((a) => a.target === cluster.ref && endpoints.some((e) => e.ref === a.endpoint && reachable(e.ref) && sameRegion(e)));
      if (!configured) {
        report(cluster.resource, 'error', 'the cluster sends managed Prometheus metrics through a data collection endpoint with public network access off but has no configurationAccessEndpoint association with a privately reachable endpoint in its region: the metrics add-on cannot fetch its data collection rules. '
          + 'Fix: associate the cluster with a DCE in its region that is in the Private Link Scope (azurerm_monitor_data_collection_rule_association with data_collection_endpoint_id, name configurationAccessEndpoint; azure-native monitor.DataCollectionRuleAssociation with dataCollectionEndpointId)');
      }
    }
  }
  const queried = facts.kubeObjects.some(queriesPrometheus);
  for (const workspace of links.privateOnly.filter((p) => p.kind === 'monitor-workspace' && !targets.has(p.ref))) {
    report(workspace.resource, queried ? 'error' : 'warning', `the Azure Monitor workspace has public network access off (public_network_access_enabled / publicNetworkAccess) and no private endpoint: ${queried
      ? 'the ScaledObjects\' Prometheus triggers cannot reach its query endpoint, so nothing autoscales'
      : 'nothing outside Azure Monitor can query it'}. Fix: add a private endpoint on the workspace (subresource prometheusMetrics, private DNS zone privatelink.<region>.prometheus.monitor.azure.com) in the cluster's VNet, or turn its public network access on`);
  }
  return out;
}
