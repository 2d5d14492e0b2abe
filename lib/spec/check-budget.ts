/** Validation of `monitoring.budget` (the AWS Budgets budget of lib/budgets/deployment-budget.ts). */
import { checkUnknownKeys, isPlainObject, optionalTypes, type Check } from './field-checks';

/** Headroom above the planned cost, in percent: 0 (budget = plan) to 1000 (11× the plan). */
export const BUDGET_HEADROOM_RANGE: readonly [number, number] = [0, 1000];

export function checkBudget(p: Check, budget: unknown): void {
  if (budget === undefined || !p.check(isPlainObject(budget), 'monitoring.budget', budget, 'must be an object', 'give { headroomPercent?, enabled? }')) return;
  const b = budget as Record<string, unknown>;
  checkUnknownKeys(p, 'monitoring.budget', b, ['headroomPercent', 'enabled']);
  optionalTypes(p, 'monitoring.budget', b, { enabled: 'boolean' });
  if (b.headroomPercent !== undefined) {
    const [min, max] = BUDGET_HEADROOM_RANGE;
    const h = b.headroomPercent;
    p.check(typeof h === 'number' && Number.isFinite(h) && h >= min && h <= max, 'monitoring.budget.headroomPercent', h,
      `must be a percentage from ${min} to ${max}`, 'e.g. 20 for a limit 20 % above the planned monthly cost');
  }
}
