/**
 * The monthly consumption budget of a deployment's resource group on Pulumi (azure-native `consumption.Budget` at the
 * group's scope), notifying the action groups and the e-mails. From {@link AzureResourceGroupBudgetDesign}
 * (lib/azure/resource-group-budget.ts), which explains the start date: the month the program first deploys it, the
 * time period ignored afterwards so the budget is never replaced.
 */
import * as consumption from '@pulumi/azure-native/consumption';
import type * as pulumi from '@pulumi/pulumi';
import { firstOfMonthUtc, type AzureResourceGroupBudgetDesign } from '../../../lib/azure/resource-group-budget';

export interface ResourceGroupBudgetArgs {
  /** Amount and notifications (lib/azure/resource-group-budget.ts `azureResourceGroupBudget`). */
  readonly design: AzureResourceGroupBudgetDesign;
  /** ARM id of the deployment's resource group. */
  readonly resourceGroupId: pulumi.Input<string>;
  /** Action groups every notification reaches (`contactGroups`). */
  readonly actionGroupIds: readonly pulumi.Input<string>[];
  /**
   * When the program deploys: the budget starts on the first of that UTC month.
   * @default - now
   */
  readonly deployedAt?: Date;
}

export function resourceGroupBudget(name: string, args: ResourceGroupBudgetArgs, opts: pulumi.CustomResourceOptions = {}): consumption.Budget {
  const { design } = args;
  return new consumption.Budget(name, {
    budgetName: design.name, scope: args.resourceGroupId, amount: design.amount, category: 'Cost', timeGrain: design.timeGrain,
    timePeriod: { startDate: firstOfMonthUtc(args.deployedAt ?? new Date()) },
    notifications: Object.fromEntries(design.notifications.map((n) => [n.key, {
      enabled: true, operator: n.operator, threshold: n.threshold, thresholdType: n.thresholdType,
      contactEmails: [...design.contactEmails], contactGroups: [...args.actionGroupIds],
    }])),
  }, { ...opts, ignoreChanges: [...(opts.ignoreChanges ?? []), 'timePeriod'] });
}
