/**
 * Static-threshold metric alerts on one Azure resource on cdktf (`azurerm_monitor_metric_alert`), each notifying the
 * action groups. From {@link AzureMetricAlertDesign}s (lib/azure/alert-rules.ts).
 */
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import type { TerraformCount } from 'cdktf';
import { Construct } from 'constructs';
import type { AzureMetricAlertDesign } from '../../../lib/azure/alert-rules';

export interface MetricAlertsProps {
  readonly alerts: readonly AzureMetricAlertDesign[];
  /** ARM id of the resource whose metrics are watched. */
  readonly scope: string;
  readonly resourceGroupName: string;
  /** Action groups every alert notifies; at least one. */
  readonly actionGroupIds: readonly string[];
  /**
   * Terraform `count` of each alert: 0 until the watched resource exists when something other than Terraform creates it.
   * @default - one of each
   */
  readonly count?: number | TerraformCount;
  /**
   * Tags of the alerts.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export class MetricAlerts extends Construct {
  public readonly alerts: readonly MonitorMetricAlert[];

  constructor(scope: Construct, id: string, props: MetricAlertsProps) {
    super(scope, id);
    if (props.actionGroupIds.length === 0) throw new Error('metric alerts need an action group: they would reach nobody');
    this.alerts = props.alerts.map((a) => new MonitorMetricAlert(this, a.name, {
      name: a.name,
      description: a.description,
      resourceGroupName: props.resourceGroupName,
      scopes: [props.scope],
      severity: a.severity,
      frequency: a.frequency,
      windowSize: a.windowSize,
      autoMitigate: true,
      enabled: true,
      criteria: [{
        metricNamespace: a.criterion.metricNamespace,
        metricName: a.criterion.metricName,
        aggregation: a.criterion.aggregation,
        operator: a.criterion.operator,
        threshold: a.criterion.threshold,
        ...(a.criterion.dimensions && { dimension: a.criterion.dimensions.map((d) => ({ name: d.name, operator: 'Include', values: [...d.values] })) }),
      }],
      action: props.actionGroupIds.map((actionGroupId) => ({ actionGroupId })),
      ...(props.count !== undefined && { count: props.count }),
      tags: { ...(props.tags ?? {}) },
    }));
  }
}
