/** The AWS Budgets budget of a deployment, decided from its plan (lib/budgets/deployment-budget.ts). */
import { budgetsPublishStatement, deploymentBudget, deploymentCostTags } from '../../lib/budgets/deployment-budget';
import { InputValidationError } from '../../lib/errors';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { ALL_BLUEPRINTS } from '../../blueprints';
import { contextFor } from '../../lib/synth/context';
import { planFor } from '../sagemaker/support/plans';

describe('deploymentBudget', () => {
  test('a priced plan gets a monthly limit 20 % above its monthly cost, filtered by the deployment tag', () => {
    const plan = planFor('llm');
    const planned = plan.summary.monthlyCostUsd!;
    expect(planned).toBeGreaterThan(0);
    const budget = deploymentBudget(plan)!;
    expect(budget).toMatchObject({
      budgetName: 'chat-budget',
      plannedMonthlyCostUsd: planned,
      headroomPercent: 20,
      limitUsd: Math.ceil(planned * 1.2),
      tag: { key: 'aimd:deployment', value: 'chat' },
      costFilters: { TagKeyValue: ['user:aimd:deployment$chat'] },
    });
    expect(budget.notifications).toEqual([
      { notificationType: 'ACTUAL', thresholdPercent: 80 },
      { notificationType: 'FORECASTED', thresholdPercent: 100 },
    ]);
  });

  test('headroomPercent sets the limit above the plan', () => {
    const plan = planFor('llm', { monitoring: { budget: { headroomPercent: 50 } } });
    expect(deploymentBudget(plan)!.limitUsd).toBe(Math.ceil(plan.summary.monthlyCostUsd! * 1.5));
    const exact = planFor('llm', { monitoring: { budget: { headroomPercent: 0 } } });
    expect(deploymentBudget(exact)!.limitUsd).toBe(exact.summary.monthlyCostUsd);
  });

  test('no budget for a plan without a monthly cost (billed per use, or unpriced), nor when the spec turns it off', () => {
    const serverless = planFor('serverless');
    expect(serverless.summary.monthlyCostUsd).toBeNull();
    expect(deploymentBudget(serverless)).toBeUndefined();
    const unpriced = planFor('realtime');
    expect(unpriced.summary.monthlyCostUsd).toBeNull();
    expect(deploymentBudget(unpriced)).toBeUndefined();
    expect(deploymentBudget(planFor('llm', { monitoring: { budget: { enabled: false } } }))).toBeUndefined();
  });

  test('no AWS budget for priced targets that AWS does not bill: other clouds, Hugging Face endpoints, your own Kubernetes', () => {
    for (const name of ['llm-gke', 'llm-aks', 'hf-inference-endpoint', 'llm-kubernetes']) {
      const plan = contextFor(ALL_BLUEPRINTS.find((b) => b.name === name)!).plan;
      expect(plan.summary.monthlyCostUsd).toBeGreaterThan(0);
      expect(deploymentBudget(plan)).toBeUndefined();
    }
  });

  test('the deployment tag names the deployment', () => {
    expect(deploymentCostTags('chat')).toEqual({ 'aimd:deployment': 'chat' });
  });

  test('Budgets may publish to the alarm topic only for budgets of the same account', () => {
    expect(budgetsPublishStatement('arn:aws:sns:us-east-1:123456789012:alarms', '123456789012', 'aws')).toEqual({
      Sid: 'AwsBudgetsPublish', Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'SNS:Publish',
      Resource: 'arn:aws:sns:us-east-1:123456789012:alarms',
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:budgets::123456789012:*' } },
    });
  });
});

describe('monitoring.budget validation', () => {
  const spec = (budget: unknown): DeploymentSpecInput => ({
    name: 'tabular', model: { id: 'fraud-xgboost', task: 'tabular' }, runtime: { engine: 'xgboost' },
    target: { kind: 'sagemaker', mode: 'realtime', instanceType: 'ml.m7i.xlarge' }, monitoring: { budget } as never,
  });

  test('every problem is reported at once, with the field, the value and a fix', () => {
    let error: unknown;
    try { resolveDeploymentSpec(spec({ headroomPercent: -5, enabled: 'yes', limit: 100 })); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(InputValidationError);
    const problems = (error as InputValidationError).problems;
    expect(problems.map((p) => p.field).sort()).toEqual(['monitoring.budget.enabled', 'monitoring.budget.headroomPercent', 'monitoring.budget.limit']);
    expect(problems.find((p) => p.field === 'monitoring.budget.headroomPercent')).toMatchObject({ value: -5, fix: expect.stringMatching(/20/) });
  });

  test('a budget that is not an object is refused', () => {
    expect(() => resolveDeploymentSpec(spec(20))).toThrow(/monitoring\.budget.*must be an object/);
  });

  test('a valid budget is kept on the resolved spec', () => {
    expect(resolveDeploymentSpec(spec({ headroomPercent: 35 })).monitoring.budget).toEqual({ headroomPercent: 35 });
  });
});
