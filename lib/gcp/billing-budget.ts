/**
 * The Cloud Billing budget of a Google Cloud deployment (gke, vertex-ai), as one engine-neutral description that cdktf
 * (`google_billing_budget`) and Pulumi (`gcp.billing.Budget`) render. The numbers are the AWS budget's
 * (lib/budgets/deployment-budget.ts `budgetLimit`: plan cost + headroom; 80 % of actual and 100 % of forecasted spend),
 * and the notifications go to the deployment's Cloud Monitoring notification channels, so the people who hear the
 * alerts hear the bill too.
 *
 * Filter (google provider 6.x `google_billing_budget` / @pulumi/gcp 9.37 `BudgetBudgetFilter`, read 2026-12-03):
 * `projects` (`projects/<project number>`: the engine resolves the number) and `labels`, "a single label and value
 * pair": the deployment label {@link GCP_DEPLOYMENT_LABEL_KEY} every resource of the deployment carries (provider
 * default labels). Billing sees a resource label only on services that export labels to billing (Compute Engine VMs
 * of GKE node pools carry the cluster's and node pool's labels; "View your cluster costs", GKE docs, read 2026-12-03).
 * `all_updates_rule.monitoring_notification_channels` takes at most 5 channels (Budget API `AllUpdatesRule`).
 * The budget's amount is in USD, as the plan's prices are: a billing account in another currency rejects it.
 */
import { budgetLimit, type BudgetLimit } from '../budgets/deployment-budget';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { CLOUD_OF_TARGET } from '../spec/targets';

/** The label every resource of a Google Cloud deployment carries; its value is the deployment's name. */
export const GCP_DEPLOYMENT_LABEL_KEY = 'aimd-deployment';
/** Budget API: at most 5 monitoring notification channels per budget. */
export const MAX_BUDGET_CHANNELS = 5;

/** One threshold rule: a share of the amount reached by current or forecasted spend. */
export interface GcpBudgetThresholdRule {
  /** 0.8 for 80 %. */
  readonly thresholdPercent: number;
  readonly spendBasis: 'CURRENT_SPEND' | 'FORECASTED_SPEND';
}

/** A monthly Cloud Billing budget of one deployment. */
export interface GcpBillingBudget extends BudgetLimit {
  /** Cloud Billing account id `XXXXXX-XXXXXX-XXXXXX`. */
  readonly billingAccount: string;
  /** At most 60 characters (Budget API `displayName`). */
  readonly displayName: string;
  readonly currencyCode: 'USD';
  readonly calendarPeriod: 'MONTH';
  /** The label filter: `{ aimd-deployment: <name> }`. */
  readonly labels: Readonly<Record<string, string>>;
  readonly thresholdRules: readonly GcpBudgetThresholdRule[];
}

/** What the synth says instead of a budget when the spec names no billing account. */
export interface GcpBudgetMissing {
  readonly reason: 'no-billing-account';
  readonly message: string;
}

/** 80 % of actual and 100 % of forecasted spend, as on AWS (BUDGET_NOTIFICATIONS). */
export const GCP_BUDGET_THRESHOLD_RULES: readonly GcpBudgetThresholdRule[] = [
  { thresholdPercent: 0.8, spendBasis: 'CURRENT_SPEND' },
  { thresholdPercent: 1, spendBasis: 'FORECASTED_SPEND' },
];

/** The label value of a deployment name: lower-case letters, digits, `_` and `-`, at most 63 characters. */
export function gcpDeploymentLabel(deploymentName: string): Readonly<Record<string, string>> {
  return { [GCP_DEPLOYMENT_LABEL_KEY]: deploymentName.toLowerCase().replace(/[^a-z0-9_-]/g, '-').slice(0, 63) };
}

/**
 * The budget of a Google Cloud deployment; {@link GcpBudgetMissing} when the spec names no billing account (the
 * engines turn it into a warning); `undefined` when the plan has no monthly cost, the budget is disabled, or the target
 * is not on Google Cloud.
 */
export function gcpBillingBudget(plan: DeploymentPlan): GcpBillingBudget | GcpBudgetMissing | undefined {
  const spec = plan.spec;
  const limit = budgetLimit(plan);
  if (limit === undefined || CLOUD_OF_TARGET[spec.target.kind] !== 'gcp') return undefined;
  const billingAccount = spec.monitoring.budget?.billingAccount;
  if (billingAccount === undefined) {
    return {
      reason: 'no-billing-account',
      message: `no Cloud Billing budget: the plan costs $${limit.plannedMonthlyCostUsd} a month, but a budget belongs to a billing account the spec does not name. Fix: set monitoring.budget.billingAccount (gcloud billing accounts list), or monitoring.budget.enabled: false`,
    };
  }
  return {
    ...limit,
    billingAccount,
    displayName: `${spec.name.slice(0, 53)}-budget`,
    currencyCode: 'USD',
    calendarPeriod: 'MONTH',
    labels: gcpDeploymentLabel(spec.name),
    thresholdRules: GCP_BUDGET_THRESHOLD_RULES,
  };
}

/** Whether {@link gcpBillingBudget} returned a budget to render. */
export function isGcpBillingBudget(budget: GcpBillingBudget | GcpBudgetMissing | undefined): budget is GcpBillingBudget {
  return budget !== undefined && !('reason' in budget);
}
