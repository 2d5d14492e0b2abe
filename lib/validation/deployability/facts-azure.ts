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
