/**
 * The budget of a platform: one cluster running many deployments (llm-platform-eks). Its limit follows the sum of
 * every deployment's planned monthly cost, and its `TagKeyValue` cost filter lists each deployment's `aimd:deployment`
 * tag value, so it counts the spend of every one of them (the values of one filter dimension match any of them, as in
 * Cost Explorer filters; AWS::Budgets::Budget CostFilters/TagValues take a list of values, CloudFormation template
 * reference, read 2026-12-03).
 */
import { BUDGET_NOTIFICATIONS, DEFAULT_BUDGET_HEADROOM_PERCENT, type DeploymentBudget } from './deployment-budget';

/**
 * One budget for the whole platform from its deployments' budgets, or undefined when none of them is priced.
 * The headroom is the first priced deployment's (the platform's own spec, which sizes the cluster).
 */
export function platformBudget(platformName: string, budgets: readonly (DeploymentBudget | undefined)[]): DeploymentBudget | undefined {
  const priced = budgets.filter((b): b is DeploymentBudget => b !== undefined);
  if (priced.length === 0) return undefined;
  const planned = priced.reduce((sum, b) => sum + b.plannedMonthlyCostUsd, 0);
  const headroomPercent = priced[0]!.headroomPercent ?? DEFAULT_BUDGET_HEADROOM_PERCENT;
  return {
    budgetName: `${platformName.slice(0, 93)}-budget`,
    limitUsd: Math.ceil(planned * (1 + headroomPercent / 100)),
    plannedMonthlyCostUsd: planned,
    headroomPercent,
    tag: priced[0]!.tag,
    costFilters: { TagKeyValue: [...new Set(priced.flatMap((b) => b.costFilters.TagKeyValue))] },
    notifications: BUDGET_NOTIFICATIONS,
  };
}
