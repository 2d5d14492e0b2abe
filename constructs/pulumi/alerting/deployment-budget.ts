/**
 * `DeploymentBudgetAlarm` (Pulumi): the AWS Budgets budget of a deployment (lib/budgets/deployment-budget.ts) as
 * `aws.budgets.Budget`, notifying the deployment's alarm topic. The topic and key policies that let Budgets
 * publish are part of the topic's own policy documents (`budgetsPublishStatement`, `budgetsKeyStatement`).
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { DeploymentBudget } from '../../../lib/budgets/deployment-budget';

/**
 * Registers the budget.
 * @param name Pulumi name of the budget resource
 * @param topicArn alarm topic the notifications go to (its policy must allow budgets.amazonaws.com)
 */
export function deploymentBudgetAlarm(name: string, budget: DeploymentBudget, topicArn: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): aws.budgets.Budget {
  return new aws.budgets.Budget(name, {
    name: budget.budgetName,
    budgetType: 'COST',
    timeUnit: 'MONTHLY',
    limitAmount: String(budget.limitUsd),
    limitUnit: 'USD',
    costFilters: Object.entries(budget.costFilters).map(([filter, values]) => ({ name: filter, values: [...values] })),
    notifications: budget.notifications.map((n) => ({
      notificationType: n.notificationType, comparisonOperator: 'GREATER_THAN', threshold: n.thresholdPercent, thresholdType: 'PERCENTAGE',
      subscriberSnsTopicArns: [topicArn],
    })),
  }, opts);
}
