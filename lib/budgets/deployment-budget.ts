/**
 * The AWS Budgets budget of a deployment, as one engine-neutral description that the CDK, cdktf and Pulumi
 * renderers turn into `AWS::Budgets::Budget` / `aws_budgets_budget` / `aws.budgets.Budget`
 * (constructs/{cdk,terraform,pulumi}/alerting/deployment-budget.ts). The limit is the plan's monthly cost plus
 * headroom; Budgets notifies the deployment's alarm topic at 80 % of actual and 100 % of forecasted spend, so
 * the people who hear the alarms hear the bill too (docs/gpu-scheduling.md, "Budgets").
 *
 * The budget counts only the deployment's own cost through the cost-allocation tag {@link DEPLOYMENT_TAG_KEY},
 * which every engine adds to each resource of the deployment. AWS counts a user-defined tag only after it is
 * activated in the Billing console ("Activating user-defined cost allocation tags", AWS Billing user guide,
 * read 2026-12-03); until then the budget sees nothing. Azure deployments get a resource-group budget from the same
 * limit ({@link budgetLimit}; lib/azure/resource-group-budget.ts).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { CLOUD_OF_TARGET } from '../spec/targets';
import type { BudgetSpec } from '../spec/types';

/** Cost-allocation tag every resource of a deployment carries; its value is the deployment's name. */
export const DEPLOYMENT_TAG_KEY = 'aimd:deployment';
/** Headroom above the plan's monthly cost before the budget counts as spent. @default 20 */
export const DEFAULT_BUDGET_HEADROOM_PERCENT = 20;

/** One Budgets notification: a share of the limit reached by actual or forecasted spend. */
export interface BudgetNotification {
  /** ACTUAL: spend so far this month; FORECASTED: what AWS expects by the end of the month. */
  readonly notificationType: 'ACTUAL' | 'FORECASTED';
  /** Percent of the limit. */
  readonly thresholdPercent: number;
}

/** A monthly COST budget of one deployment. */
export interface DeploymentBudget {
  /** Budget name (Budgets: up to 100 characters, no `:` or `\`; CloudFormation resource reference). */
  readonly budgetName: string;
  /** Monthly limit in USD: the plan's monthly cost × (1 + headroom), rounded up to a whole dollar. */
  readonly limitUsd: number;
  /** The plan's monthly cost the limit was derived from. */
  readonly plannedMonthlyCostUsd: number;
  readonly headroomPercent: number;
  /** The cost-allocation tag the budget filters on. */
  readonly tag: { readonly key: string; readonly value: string };
  /**
   * The Budgets `TagKeyValue` cost filter: `user:<key>$<value>` (user-defined tags carry the `user:` prefix;
   * Terraform aws_budgets_budget and Pulumi aws.budgets.Budget docs, "cost filter using resource tags", read 2026-12-03).
   */
  readonly costFilters: { readonly TagKeyValue: readonly string[] };
  readonly notifications: readonly BudgetNotification[];
}

/** 80 % of actual and 100 % of forecasted spend: early enough to act within the month. */
export const BUDGET_NOTIFICATIONS: readonly BudgetNotification[] = [
  { notificationType: 'ACTUAL', thresholdPercent: 80 },
  { notificationType: 'FORECASTED', thresholdPercent: 100 },
];

/** Whether a target kind always runs in, and is billed to, the deployment's AWS account. */
function billedByAws(kind: keyof typeof CLOUD_OF_TARGET): boolean {
  return CLOUD_OF_TARGET[kind] === 'aws';
}

/** The tags that identify a deployment's resources for cost allocation (added on every engine). */
export function deploymentCostTags(deploymentName: string): Readonly<Record<string, string>> {
  return { [DEPLOYMENT_TAG_KEY]: deploymentName };
}

/** The cloud-neutral numbers of a budget: the plan's monthly cost, the headroom and the limit they give. */
export interface BudgetLimit {
  /** Monthly limit in USD: the plan's monthly cost × (1 + headroom), rounded up to a whole dollar. */
  readonly limitUsd: number;
  readonly plannedMonthlyCostUsd: number;
  readonly headroomPercent: number;
}

/**
 * The limit of a deployment's budget on any cloud (AWS Budgets here, Cloud Billing in lib/gcp/billing-budget.ts), or
 * `undefined` when the plan has no monthly cost (billed per use, or not in the catalogue) or `monitoring.budget.enabled`
 * is false.
 */
export function budgetLimit(plan: DeploymentPlan): BudgetLimit | undefined {
  const settings: BudgetSpec = plan.spec.monitoring.budget ?? {};
  const planned = plan.summary.monthlyCostUsd;
  if (planned === null || planned <= 0 || settings.enabled === false) return undefined;
  const headroomPercent = settings.headroomPercent ?? DEFAULT_BUDGET_HEADROOM_PERCENT;
  return { limitUsd: Math.ceil(planned * (1 + headroomPercent / 100)), plannedMonthlyCostUsd: planned, headroomPercent };
}

/**
 * The budget of an AWS deployment, or `undefined` when {@link budgetLimit} has none or the target is not billed to the
 * AWS account: another cloud, Hugging Face Inference Endpoints, or a Kubernetes cluster of your own (whatever cloud
 * sized its plan).
 */
export function deploymentBudget(plan: DeploymentPlan): DeploymentBudget | undefined {
  const spec = plan.spec;
  const limit = budgetLimit(plan);
  if (limit === undefined || !billedByAws(spec.target.kind)) return undefined;
  return {
    // Budget names may not hold ':' or '\' (Budgets API, BudgetName pattern); spec names cannot either.
    budgetName: `${spec.name.slice(0, 93)}-budget`,
    ...limit,
    tag: { key: DEPLOYMENT_TAG_KEY, value: spec.name },
    costFilters: { TagKeyValue: [`user:${DEPLOYMENT_TAG_KEY}$${spec.name}`] },
    notifications: BUDGET_NOTIFICATIONS,
  };
}

/**
 * The statement of the alarm topic's policy that lets AWS Budgets publish, only for budgets of this account
 * ("Creating an Amazon SNS topic for budget notifications", AWS Cost Management user guide, read 2026-12-03:
 * principal budgets.amazonaws.com, `aws:SourceAccount` and `aws:SourceArn` arn:<partition>:budgets::<account>:*).
 */
export function budgetsPublishStatement(topicArn: string, account: string, partition: string): object {
  return {
    Sid: 'AwsBudgetsPublish',
    Effect: 'Allow',
    Principal: { Service: 'budgets.amazonaws.com' },
    Action: 'SNS:Publish',
    Resource: topicArn,
    Condition: { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': `arn:${partition}:budgets::${account}:*` } },
  };
}

/** What Budgets needs of the alarm topic's KMS key to publish to the encrypted topic (same guide, "encrypted topics"). */
export const BUDGETS_KMS_ACTIONS: readonly string[] = ['kms:GenerateDataKey*', 'kms:Decrypt'];

/** The key-policy statement that lets AWS Budgets use the alarm topic's key (key policies name `*`: the key itself). */
export function budgetsKeyStatement(): object {
  return { Sid: 'AwsBudgetsPublishToEncryptedTopic', Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' }, Action: [...BUDGETS_KMS_ACTIONS], Resource: '*' };
}
