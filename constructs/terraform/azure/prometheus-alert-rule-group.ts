/**
 * An Azure Monitor Prometheus rule group on cdktf (`azurerm_monitor_alert_prometheus_rule_group`): the deployment's
 * alert rules evaluated over the cluster's Monitor workspace, each rule notifying the action groups. From
 * {@link AzurePrometheusRuleGroupDesign} (lib/azure/alert-rules.ts).
 */
import { MonitorAlertPrometheusRuleGroup } from '@cdktf/provider-azurerm/lib/monitor-alert-prometheus-rule-group';
import { Construct } from 'constructs';
import type { AzurePrometheusRuleGroupDesign } from '../../../lib/azure/alert-rules';

export interface PrometheusAlertRuleGroupProps {
  /** Rules, interval and cluster (lib/azure/alert-rules.ts `aksPrometheusRuleGroup`). */
  readonly design: AzurePrometheusRuleGroupDesign;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The Azure Monitor workspace the managed Prometheus add-on writes to. */
  readonly workspaceId: string;
  /** The AKS cluster, scoped with the workspace so the rule group shows on the cluster. */
  readonly clusterId: string;
  /** Action groups every rule notifies; at least one. */
  readonly actionGroupIds: readonly string[];
  /**
   * Tags of the rule group.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export class PrometheusAlertRuleGroup extends Construct {
  public readonly ruleGroup: MonitorAlertPrometheusRuleGroup;

  constructor(scope: Construct, id: string, props: PrometheusAlertRuleGroupProps) {
    super(scope, id);
    const { design } = props;
    if (props.actionGroupIds.length === 0) throw new Error(`Prometheus rule group '${design.name}' needs an action group: its alerts would reach nobody`);
    this.ruleGroup = new MonitorAlertPrometheusRuleGroup(this, 'RuleGroup', {
      name: design.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      clusterName: design.clusterName,
      interval: design.interval,
      ruleGroupEnabled: true,
      scopes: [props.workspaceId, props.clusterId],
      rule: design.rules.map((r) => ({
        alert: r.alert,
        expression: r.expression,
        ...(r.for !== undefined && { for: r.for }),
        severity: r.severity,
        enabled: true,
        labels: { ...r.labels },
        annotations: { ...r.annotations },
        action: props.actionGroupIds.map((actionGroupId) => ({ actionGroupId })),
        alertResolution: { autoResolved: true, timeToResolve: r.resolveAfter },
      })),
      tags: { ...(props.tags ?? {}) },
    });
  }
}
