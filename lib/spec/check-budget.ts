/** Validation of `monitoring.budget` (the AWS Budgets budget of lib/budgets/deployment-budget.ts, the Cloud Billing budget of lib/gcp/billing-budget.ts). */
import { checkUnknownKeys, isPlainObject, optionalTypes, type Check } from './field-checks';

/** A Cloud Billing account id: three groups of six upper-case hexadecimal characters (`gcloud billing accounts list`). */
export const BILLING_ACCOUNT_PATTERN = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/;

/** Headroom above the planned cost, in percent: 0 (budget = plan) to 1000 (11× the plan). */
export const BUDGET_HEADROOM_RANGE: readonly [number, number] = [0, 1000];

export function checkBudget(p: Check, budget: unknown): void {
  if (budget === undefined || !p.check(isPlainObject(budget), 'monitoring.budget', budget, 'must be an object', 'give { headroomPercent?, enabled?, billingAccount? }')) return;
  const b = budget as Record<string, unknown>;
  checkUnknownKeys(p, 'monitoring.budget', b, ['headroomPercent', 'enabled', 'billingAccount']);
  optionalTypes(p, 'monitoring.budget', b, { enabled: 'boolean' });
  if (b.headroomPercent !== undefined) {
    const [min, max] = BUDGET_HEADROOM_RANGE;
    const h = b.headroomPercent;
    p.check(typeof h === 'number' && Number.isFinite(h) && h >= min && h <= max, 'monitoring.budget.headroomPercent', h,
      `must be a percentage from ${min} to ${max}`, 'e.g. 20 for a limit 20 % above the planned monthly cost');
  }
  if (b.billingAccount !== undefined) {
    p.check(typeof b.billingAccount === 'string' && BILLING_ACCOUNT_PATTERN.test(b.billingAccount), 'monitoring.budget.billingAccount', b.billingAccount,
      'must be a Cloud Billing account id XXXXXX-XXXXXX-XXXXXX (upper-case hexadecimal)', "copy the ACCOUNT_ID column of 'gcloud billing accounts list', e.g. 012345-6789AB-CDEF01");
  }
}
