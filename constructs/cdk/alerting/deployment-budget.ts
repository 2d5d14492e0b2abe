/**
 * `DeploymentBudgetAlarm` (CDK): the AWS Budgets budget of a deployment (lib/budgets/deployment-budget.ts) as
 * `AWS::Budgets::Budget`, notifying the deployment's alarm topic; the topic's policy (and its KMS key's, when
 * encrypted) lets budgets.amazonaws.com publish for this account's budgets only.
 */
import { Aws } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { budgetsKeyStatement, budgetsPublishStatement, type DeploymentBudget } from '../../../lib/budgets/deployment-budget';

export interface DeploymentBudgetAlarmProps {
  /** The budget, from `deploymentBudget(plan)`. */
  readonly budget: DeploymentBudget;
  /** Alarm topic the notifications go to. An imported topic's policy is left as is: allow Budgets there yourself. */
  readonly topic: sns.ITopic;
  /** Key of the alarm topic, when it is encrypted: its policy gets the Budgets statement. @default - unencrypted topic */
  readonly topicKey?: kms.IKey;
}

export class DeploymentBudgetAlarm extends Construct {
  public readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: DeploymentBudgetAlarmProps) {
    super(scope, id);
    const b = props.budget;
    props.topic.addToResourcePolicy(iam.PolicyStatement.fromJson(budgetsPublishStatement(props.topic.topicArn, Aws.ACCOUNT_ID, Aws.PARTITION)));
    props.topicKey?.addToResourcePolicy(iam.PolicyStatement.fromJson(budgetsKeyStatement()));
    this.budget = new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: b.budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: b.limitUsd, unit: 'USD' },
        costFilters: b.costFilters,
      },
      notificationsWithSubscribers: b.notifications.map((n) => ({
        notification: { notificationType: n.notificationType, comparisonOperator: 'GREATER_THAN', threshold: n.thresholdPercent, thresholdType: 'PERCENTAGE' },
        subscribers: [{ subscriptionType: 'SNS', address: props.topic.topicArn }],
      })),
    });
    // The topic and its policy before the budget that publishes through them.
    this.budget.node.addDependency(props.topic);
  }
}
