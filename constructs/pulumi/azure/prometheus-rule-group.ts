/**
 * An Azure Monitor Prometheus rule group on Pulumi (azure-native `alertsmanagement.PrometheusRuleGroup`): the
 * deployment's alert rules evaluated over the cluster's Monitor workspace, each rule notifying the action groups.
 * From {@link AzurePrometheusRuleGroupDesign} (lib/azure/alert-rules.ts).
 */
import * as alertsmanagement from '@pulumi/azure-native/alertsmanagement';
import type * as pulumi from '@pulumi/pulumi';
import type { AzurePrometheusRuleGroupDesign } from '../../../lib/azure/alert-rules';

export interface PrometheusAlertRuleGroupArgs {
  /** Rules, interval and cluster (lib/azure/alert-rules.ts `aksPrometheusRuleGroup`). */
  readonly design: AzurePrometheusRuleGroupDesign;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  /** The Azure Monitor workspace the managed Prometheus add-on writes to. */
  readonly workspaceId: pulumi.Input<string>;
  /** The AKS cluster, scoped with the workspace. */
  readonly clusterId: pulumi.Input<string>;
  /** Action groups every rule notifies; at least one. */
  readonly actionGroupIds: readonly pulumi.Input<string>[];
  /**
   * Tags of the rule group.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export function prometheusAlertRuleGroup(name: string, args: PrometheusAlertRuleGroupArgs, opts: pulumi.CustomResourceOptions = {}): alertsmanagement.PrometheusRuleGroup {
  const { design } = args;
  if (args.actionGroupIds.length === 0) throw new Error(`Prometheus rule group '${design.name}' needs an action group: its alerts would reach nobody`);
  return new alertsmanagement.PrometheusRuleGroup(name, {
    ruleGroupName: design.name, resourceGroupName: args.resourceGroupName, location: args.location,
    clusterName: design.clusterName, interval: design.interval, enabled: true, scopes: [args.workspaceId, args.clusterId],
    rules: design.rules.map((r) => ({
      alert: r.alert, expression: r.expression, ...(r.for !== undefined && { for: r.for }), severity: r.severity, enabled: true,
      labels: { ...r.labels }, annotations: { ...r.annotations },
      actions: args.actionGroupIds.map((actionGroupId) => ({ actionGroupId })),
      resolveConfiguration: { autoResolved: true, timeToResolve: r.resolveAfter },
    })),
    tags: { ...(args.tags ?? {}) },
  }, opts);
}
