/**
 * Static-threshold metric alerts on one Azure resource on Pulumi (azure-native `monitor.MetricAlert`), each notifying
 * the action groups. From {@link AzureMetricAlertDesign}s (lib/azure/alert-rules.ts).
 */
import * as monitor from '@pulumi/azure-native/monitor';
import type * as pulumi from '@pulumi/pulumi';
import type { AzureMetricAlertDesign } from '../../../lib/azure/alert-rules';

export interface MetricAlertsArgs {
  readonly alerts: readonly AzureMetricAlertDesign[];
  /** ARM id of the resource whose metrics are watched. */
  readonly scope: pulumi.Input<string>;
  readonly resourceGroupName: pulumi.Input<string>;
  /** Action groups every alert notifies; at least one. */
  readonly actionGroupIds: readonly pulumi.Input<string>[];
  /**
   * Tags of the alerts.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export function metricAlerts(args: MetricAlertsArgs, opts: pulumi.CustomResourceOptions = {}): monitor.MetricAlert[] {
  if (args.actionGroupIds.length === 0) throw new Error('metric alerts need an action group: they would reach nobody');
  return args.alerts.map((a) => new monitor.MetricAlert(a.name, {
    ruleName: a.name, description: a.description, resourceGroupName: args.resourceGroupName, location: 'global',
    scopes: [args.scope], severity: a.severity, evaluationFrequency: a.frequency, windowSize: a.windowSize, autoMitigate: true, enabled: true,
    criteria: {
      odataType: 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
      allOf: [{
        criterionType: 'StaticThresholdCriterion', name: a.criterion.metricName,
        metricNamespace: a.criterion.metricNamespace, metricName: a.criterion.metricName, timeAggregation: a.criterion.aggregation,
        operator: a.criterion.operator, threshold: a.criterion.threshold,
        ...(a.criterion.dimensions && { dimensions: a.criterion.dimensions.map((d) => ({ name: d.name, operator: 'Include', values: [...d.values] })) }),
      }],
    },
    actions: args.actionGroupIds.map((actionGroupId) => ({ actionGroupId })),
    tags: { ...(args.tags ?? {}) },
  }, opts));
}
