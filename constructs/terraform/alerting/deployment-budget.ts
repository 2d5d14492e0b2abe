/**
 * `DeploymentBudgetAlarm` (cdktf): the AWS Budgets budget of a deployment (lib/budgets/deployment-budget.ts) as
 * `aws_budgets_budget`, notifying the deployment's alarm topic. The topic and key policies that let Budgets
 * publish are part of the topic's own policy documents (`budgetsPublishStatement`, `budgetsKeyStatement`):
 * Terraform keeps one `aws_sns_topic_policy` per topic.
 */
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';
import { Construct } from 'constructs';
import type { DeploymentBudget } from '../../../lib/budgets/deployment-budget';

export interface DeploymentBudgetAlarmProps {
  /** The budget, from `deploymentBudget(plan)`. */
  readonly budget: DeploymentBudget;
  /** ARN of the alarm topic the notifications go to (its policy must allow budgets.amazonaws.com). */
  readonly topicArn: string;
}

export class DeploymentBudgetAlarm extends Construct {
  public readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: DeploymentBudgetAlarmProps) {
    super(scope, id);
    const b = props.budget;
    this.budget = new BudgetsBudget(this, 'Budget', {
      name: b.budgetName,
      budgetType: 'COST',
      timeUnit: 'MONTHLY',
      limitAmount: String(b.limitUsd),
      limitUnit: 'USD',
      costFilter: Object.entries(b.costFilters).map(([name, values]) => ({ name, values: [...values] })),
      notification: b.notifications.map((n) => ({
        notificationType: n.notificationType, comparisonOperator: 'GREATER_THAN', threshold: n.thresholdPercent, thresholdType: 'PERCENTAGE',
        subscriberSnsTopicArns: [props.topicArn],
      })),
    });
  }
}
