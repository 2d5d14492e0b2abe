/**
 * The Cloud Billing budget of a deployment (lib/gcp/billing-budget.ts) as `gcp.billing.Budget`, filtered to the
 * deployment's project and label and notifying its notification channels.
 */
import * as billing from '@pulumi/gcp/billing';
import * as pulumi from '@pulumi/pulumi';
import { MAX_BUDGET_CHANNELS, type GcpBillingBudget } from '../../../lib/gcp/billing-budget';

/**
 * Registers the budget.
 * @param projectNumber the deployment's project number (`projects/<number>` is the filter's form)
 * @param channelIds notification channel resource names (the first five are notified: the Budget API's limit)
 */
export function gcpDeploymentBudget(name: string, budget: GcpBillingBudget, projectNumber: pulumi.Input<string>, channelIds: readonly pulumi.Input<string>[], opts: pulumi.CustomResourceOptions): billing.Budget {
  return new billing.Budget(name, {
    billingAccount: budget.billingAccount,
    displayName: budget.displayName,
    amount: { specifiedAmount: { currencyCode: budget.currencyCode, units: String(budget.limitUsd) } },
    budgetFilter: { projects: [pulumi.interpolate`projects/${projectNumber}`], labels: { ...budget.labels }, calendarPeriod: budget.calendarPeriod },
    thresholdRules: budget.thresholdRules.map((r) => ({ thresholdPercent: r.thresholdPercent, spendBasis: r.spendBasis })),
    allUpdatesRule: { monitoringNotificationChannels: channelIds.slice(0, MAX_BUDGET_CHANNELS) },
  }, opts);
}
