/**
 * The Azure alerting facts of a synthesized stack (Terraform JSON or Pulumi recorded resources): action groups and
 * their receivers, every alert rule (Prometheus rule group rules, metric alerts) and budget notification with the
 * action groups or addresses it notifies, and the AKS clusters whose metrics go to Azure Monitor managed Prometheus.
 * Read by observability-azure.ts.
 */
type Block = Record<string, any>;

/** An Azure Monitor action group (or an ARM template deployment that creates one). */
export interface ActionGroupFact {
  readonly resource: string;
  /** E-mail, webhook, SMS... receivers. */
  readonly receivers: number;
}

/** Something that fires and must reach people: a Prometheus rule group's alert, a metric alert, a budget notification. */
export interface AzureAlertFact {
  readonly resource: string;
  readonly kind: 'prometheus-rule' | 'metric-alert' | 'budget';
  /** Alert name, or budget notification key. */
  readonly name: string;
  /** Action groups (and, for budgets, e-mails) it notifies. */
  readonly actions: number;
}

/** The Azure part of {@link DeploymentFacts}. */
export interface AzureAlertingFacts {
  readonly actionGroups: readonly ActionGroupFact[];
  readonly azureAlerts: readonly AzureAlertFact[];
  /** AKS clusters whose metrics the managed Prometheus add-on sends to an Azure Monitor workspace. */
  readonly managedPrometheusClusters: readonly string[];
}

const length = (v: unknown) => (Array.isArray(v) ? v.length : 0);
/** Sum of the receiver lists of an action group, whatever the casing (`email_receiver`, `emailReceivers`). */
function receiverCount(group: Block): number {
  return Object.entries(group).filter(([k]) => /receivers?$/i.test(k)).reduce((n, [, v]) => n + length(v), 0);
}

export function azureFactsFromTerraform(each: (type: string) => { address: string; block: Block }[]): AzureAlertingFacts {
  return {
    actionGroups: each('azurerm_monitor_action_group').map(({ address, block }) => ({ resource: address, receivers: receiverCount(block) })),
    azureAlerts: [
      ...each('azurerm_monitor_alert_prometheus_rule_group').flatMap(({ address, block }) => (block.rule ?? []).filter((r: Block) => r.alert)
        .map((r: Block) => ({ resource: address, kind: 'prometheus-rule' as const, name: String(r.alert), actions: length(r.action) }))),
      ...each('azurerm_monitor_metric_alert').map(({ address, block }) => ({ resource: address, kind: 'metric-alert' as const, name: String(block.name), actions: length(block.action) })),
      ...each('azurerm_consumption_budget_resource_group').flatMap(({ address, block }) => (block.notification ?? []).map((n: Block, i: number) => ({
        resource: address, kind: 'budget' as const, name: `${n.threshold_type ?? 'Actual'}-${n.threshold ?? i}`, actions: length(n.contact_groups) + length(n.contact_emails) + length(n.contact_roles),
      }))),
    ],
    managedPrometheusClusters: each('azurerm_kubernetes_cluster').filter(({ block }) => block.monitor_metrics !== undefined).map(({ address }) => address),
  };
}

export function azureFactsFromPulumi(of: (type: string) => { resource: string; inputs: Block }[]): AzureAlertingFacts {
  const templateGroups = of('azure-native:resources:Deployment').flatMap(({ resource, inputs }) => ((inputs.properties?.template?.resources ?? []) as Block[])
    .filter((r) => r.type === 'Microsoft.Insights/actionGroups').map((r) => ({ resource, receivers: receiverCount(r.properties ?? {}) })));
  return {
    actionGroups: [...of('azure-native:monitor:ActionGroup').map(({ resource, inputs }) => ({ resource, receivers: receiverCount(inputs) })), ...templateGroups],
    azureAlerts: [
      ...of('azure-native:alertsmanagement:PrometheusRuleGroup').flatMap(({ resource, inputs }) => ((inputs.rules ?? []) as Block[]).filter((r) => r.alert)
        .map((r) => ({ resource, kind: 'prometheus-rule' as const, name: String(r.alert), actions: length(r.actions) }))),
      ...of('azure-native:monitor:MetricAlert').map(({ resource, inputs }) => ({ resource, kind: 'metric-alert' as const, name: String(inputs.ruleName), actions: length(inputs.actions) })),
      ...of('azure-native:consumption:Budget').flatMap(({ resource, inputs }) => Object.entries((inputs.notifications ?? {}) as Record<string, Block>).map(([key, n]) => ({
        resource, kind: 'budget' as const, name: key, actions: length(n.contactGroups) + length(n.contactEmails) + length(n.contactRoles),
      }))),
    ],
    managedPrometheusClusters: of('azure-native:containerservice:ManagedCluster').filter(({ inputs }) => inputs.azureMonitorProfile?.metrics?.enabled === true).map(({ resource }) => resource),
  };
}

/**
 * What private reachability of Azure Monitor needs (private-monitoring.ts). References are canonical: a Terraform
 * interpolation `${azurerm_x.y.id}` or `${azurerm_x.y.name}` reads as `azurerm_x.y`; a Pulumi input as its resolved
 * value (the mock id `<name>-id`, or a name).
 */
export interface AzurePrivateLinkFacts {
  /** Data collection endpoints and Azure Monitor workspaces whose public network access is off. */
  readonly privateOnly: readonly { readonly resource: string; readonly kind: 'data-collection-endpoint' | 'monitor-workspace'; readonly ref: string; readonly location?: string }[];
  /** Azure Monitor Private Link Scopes and the references that name them (id, name). */
  readonly linkScopes: readonly { readonly resource: string; readonly refs: readonly string[] }[];
  /** Scope memberships: the scope named and the resource linked. */
  readonly scopedResources: readonly { readonly resource: string; readonly scope: string; readonly linked: string }[];
  /** Resources private endpoints connect to. */
  readonly privateEndpointTargets: readonly string[];
  /** AKS clusters sending to managed Prometheus, by reference. */
  readonly prometheusClusters: readonly { readonly resource: string; readonly ref: string; readonly location?: string }[];
  /** `configurationAccessEndpoint` associations: the resource configured and the endpoint it fetches its configuration from. */
  readonly configurationAssociations: readonly { readonly resource: string; readonly target: string; readonly endpoint: string }[];
}

/** `${azurerm_x.y.id}` -> `azurerm_x.y`; anything else as written. */
const terraformRef = (v: unknown) => (typeof v === 'string' ? /^\$\{([\w-]+\.[\w-]+)\.[\w.[\]-]+\}$/.exec(v)?.[1] ?? v : '');
/** A region written as a literal (not an interpolation or unknown). */
const locationOf = (v: unknown) => (typeof v === 'string' && !v.includes('${') ? { location: v } : {});
const blocks = (v: unknown): Block[] => [v].flat().filter((b): b is Block => typeof b === 'object' && b !== null);

export function azurePrivateLinksFromTerraform(each: (type: string) => { address: string; block: Block }[]): AzurePrivateLinkFacts {
  return {
    privateOnly: [
      ...each('azurerm_monitor_data_collection_endpoint').filter(({ block }) => block.public_network_access_enabled === false)
        .map(({ address, block }) => ({ resource: address, kind: 'data-collection-endpoint' as const, ref: address, ...locationOf(block.location) })),
      ...each('azurerm_monitor_workspace').filter(({ block }) => block.public_network_access_enabled === false)
        .map(({ address }) => ({ resource: address, kind: 'monitor-workspace' as const, ref: address })),
    ],
    linkScopes: each('azurerm_monitor_private_link_scope').map(({ address }) => ({ resource: address, refs: [address] })),
    scopedResources: each('azurerm_monitor_private_link_scoped_service').map(({ address, block }) => ({ resource: address, scope: terraformRef(block.scope_name), linked: terraformRef(block.linked_resource_id) })),
    privateEndpointTargets: each('azurerm_private_endpoint').flatMap(({ block }) => blocks(block.private_service_connection).map((c) => terraformRef(c.private_connection_resource_id))),
    prometheusClusters: each('azurerm_kubernetes_cluster').filter(({ block }) => block.monitor_metrics !== undefined).map(({ address, block }) => ({ resource: address, ref: address, ...locationOf(block.location) })),
    configurationAssociations: each('azurerm_monitor_data_collection_rule_association').filter(({ block }) => block.data_collection_endpoint_id !== undefined)
      .map(({ address, block }) => ({ resource: address, target: terraformRef(block.target_resource_id), endpoint: terraformRef(block.data_collection_endpoint_id) })),
  };
}

/** @param resources recorded Pulumi resources (type, logical name, URN, resolved inputs) */
export function azurePrivateLinksFromPulumi(resources: readonly { type: string; name: string; urn?: string; inputs: Record<string, unknown> }[]): AzurePrivateLinkFacts {
  const of = (type: string) => resources.filter((r) => r.type === type).map((r) => ({ resource: r.urn ?? r.name, ref: `${r.name}-id`, name: r.name, inputs: r.inputs as Block }));
  return {
    privateOnly: [
      ...of('azure-native:monitor:DataCollectionEndpoint').filter(({ inputs }) => inputs.networkAcls?.publicNetworkAccess === 'Disabled')
        .map(({ resource, ref, inputs }) => ({ resource, kind: 'data-collection-endpoint' as const, ref, ...locationOf(inputs.location) })),
      ...of('azure-native:monitor:AzureMonitorWorkspace').filter(({ inputs }) => inputs.publicNetworkAccess === 'Disabled')
        .map(({ resource, ref }) => ({ resource, kind: 'monitor-workspace' as const, ref })),
    ],
    linkScopes: of('azure-native:monitor:PrivateLinkScope').map(({ resource, ref, name, inputs }) => ({ resource, refs: [ref, name, ...(typeof inputs.scopeName === 'string' ? [inputs.scopeName] : [])] })),
    scopedResources: of('azure-native:monitor:PrivateLinkScopedResource').map(({ resource, inputs }) => ({ resource, scope: String(inputs.scopeName ?? ''), linked: String(inputs.linkedResourceId ?? '') })),
    privateEndpointTargets: of('azure-native:network:PrivateEndpoint').flatMap(({ inputs }) => [...blocks(inputs.privateLinkServiceConnections), ...blocks(inputs.manualPrivateLinkServiceConnections)]
      .map((c) => String(c.privateLinkServiceId ?? ''))),
    prometheusClusters: of('azure-native:containerservice:ManagedCluster').filter(({ inputs }) => inputs.azureMonitorProfile?.metrics?.enabled === true).map(({ resource, ref, inputs }) => ({ resource, ref, ...locationOf(inputs.location) })),
    configurationAssociations: of('azure-native:monitor:DataCollectionRuleAssociation').filter(({ inputs }) => inputs.dataCollectionEndpointId !== undefined)
      .map(({ resource, inputs }) => ({ resource, target: String(inputs.resourceUri ?? ''), endpoint: String(inputs.dataCollectionEndpointId ?? '') })),
  };
}
