/**
 * `GcpDeploymentBudget` (cdktf): the Cloud Billing budget of a deployment (lib/gcp/billing-budget.ts) as
 * `google_billing_budget`, filtered to the deployment's project and label and notifying its notification channels.
 */
import { BillingBudget } from '@cdktf/provider-google/lib/billing-budget';
import { Construct } from 'constructs';
import { MAX_BUDGET_CHANNELS, type GcpBillingBudget } from '../../../lib/gcp/billing-budget';

export interface GcpDeploymentBudgetProps {
  /** The budget, from `gcpBillingBudget(plan)`. */
  readonly budget: GcpBillingBudget;
  /** The deployment's project number (`projects/<number>` is the filter's form). */
  readonly projectNumber: string;
  /** Notification channel resource names (the first five are notified: the Budget API's limit). */
  readonly channelIds: readonly string[];
}

export class GcpDeploymentBudget extends Construct {
  public readonly budget: BillingBudget;

  constructor(scope: Construct, id: string, props: GcpDeploymentBudgetProps) {
    super(scope, id);
    const b = props.budget;
    this.budget = new BillingBudget(this, 'Budget', {
      billingAccount: b.billingAccount,
      displayName: b.displayName,
      amount: { specifiedAmount: { currencyCode: b.currencyCode, units: String(b.limitUsd) } },
      budgetFilter: { projects: [`projects/${props.projectNumber}`], labels: { ...b.labels }, calendarPeriod: b.calendarPeriod },
      thresholdRules: b.thresholdRules.map((r) => ({ thresholdPercent: r.thresholdPercent, spendBasis: r.spendBasis })),
      allUpdatesRule: { monitoringNotificationChannels: props.channelIds.slice(0, MAX_BUDGET_CHANNELS) },
    });
  }
}
