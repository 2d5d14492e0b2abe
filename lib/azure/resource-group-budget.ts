/**
 * The monthly Azure consumption budget of a deployment, engine-neutral and pure: the deployment's resource group is
 * its own (every Azure blueprint creates one), so the budget is scoped to that group and needs no tag filter. The
 * limit is the AWS budget's (lib/budgets/deployment-budget.ts `budgetLimit`: the plan's monthly cost plus
 * headroom); it notifies the deployment's action group and the recipients' e-mails at 80 % of actual and 100 % of
 * forecasted cost. Azure counts the budget in the subscription's billing currency: the catalogue's USD prices
 * are read as that currency.
 *
 * The start date. Azure wants the first of a month, "on or after June 1, 2017", at most twelve months ahead, and a past
 * start "within the timegrain period" (Consumption Budgets API, BudgetTimePeriod.startDate, learn.microsoft.com/rest/
 * api/consumption/budgets/create-or-update, read 2026-12-03): a fixed date written at synth time is refused once its
 * month is over. So no date is written: Terraform computes the first of the month of the first apply
 * ({@link TERRAFORM_BUDGET_START_DATE}, so the synthesized JSON never changes), Pulumi takes it when the program runs
 * (a deployment, by definition), and both ignore later changes of the time period, so the budget is never replaced.
 */
import { BUDGET_NOTIFICATIONS, budgetLimit } from '../budgets/deployment-budget';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { CLOUD_OF_TARGET } from '../spec/targets';

/** One notification of an Azure budget (Microsoft.Consumption/budgets `notifications`). */
export interface AzureBudgetNotification {
  /** Notification key (`actual-80`, `forecasted-100`). */
  readonly key: string;
  readonly thresholdType: 'Actual' | 'Forecasted';
  /** Percent of the amount. */
  readonly threshold: number;
  readonly operator: 'GreaterThanOrEqualTo';
}

/** A monthly cost budget on the deployment's resource group. */
export interface AzureResourceGroupBudgetDesign {
  readonly name: string;
  /** Monthly amount, in the billing currency. */
  readonly amount: number;
  readonly plannedMonthlyCost: number;
  readonly headroomPercent: number;
  readonly timeGrain: 'Monthly';
  readonly notifications: readonly AzureBudgetNotification[];
  /** Addresses notified directly, besides the action group. */
  readonly contactEmails: readonly string[];
}

/**
 * The budget of an Azure deployment, or `undefined` when the plan has no monthly cost, `monitoring.budget.enabled` is
 * false, or the target is not an Azure one.
 */
export function azureResourceGroupBudget(plan: DeploymentPlan, contactEmails: readonly string[]): AzureResourceGroupBudgetDesign | undefined {
  const spec = plan.spec;
  const limit = budgetLimit(plan);
  if (limit === undefined || CLOUD_OF_TARGET[spec.target.kind] !== 'azure') return undefined;
  return {
    name: `${spec.name}-budget`.slice(0, 63),
    amount: limit.limitUsd,
    plannedMonthlyCost: limit.plannedMonthlyCostUsd,
    headroomPercent: limit.headroomPercent,
    timeGrain: 'Monthly',
    notifications: BUDGET_NOTIFICATIONS.map((n) => ({
      key: `${n.notificationType.toLowerCase()}-${n.thresholdPercent}`,
      thresholdType: n.notificationType === 'ACTUAL' ? 'Actual' : 'Forecasted',
      threshold: n.thresholdPercent,
      operator: 'GreaterThanOrEqualTo',
    })),
    contactEmails: [...contactEmails],
  };
}

/** The first of the UTC month of `date`, as Azure budgets want it (`2026-12-01T00:00:00Z`). */
export function firstOfMonthUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-01T00:00:00Z`;
}

/**
 * The start date as a Terraform expression: the first of the month of the apply that creates the budget
 * (`timestamp()` is evaluated at apply; `formatdate` keeps year and month, quoted letters and digits are literal:
 * developer.hashicorp.com/terraform/language/functions/formatdate, read 2026-12-03). Renderers pair it with
 * `ignore_changes = [time_period]`, or every plan would replace the budget.
 */
export const TERRAFORM_BUDGET_START_DATE = '${formatdate("YYYY-MM-01\'T\'00:00:00\'Z\'", timestamp())}';
