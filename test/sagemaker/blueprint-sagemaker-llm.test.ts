/**
 * `sagemaker-llm`: Llama 3.1 8B on LMI/vLLM with a planner-chosen instance, canary rollout with
 * automatic rollback, and data capture — on CDK, Terraform and Pulumi.
 */
import { cfnResources, renderSageMakerBlueprint, sharedBlueprintChecks, type RenderedSageMakerBlueprint } from './support/blueprint-checks';

let r: RenderedSageMakerBlueprint;
beforeAll(async () => { r = await renderSageMakerBlueprint('sagemaker-llm'); });

describe('GIVEN the sagemaker-llm blueprint', () => {
  sharedBlueprintChecks(() => r);

  test('THEN the variant runs on the ml.* instance the planner chose, in LMI with the plan’s vLLM settings', () => {
    const llm = r.rendered.plan.llm!;
    expect(r.cdk.config.productionVariants).toEqual([expect.objectContaining({ instanceType: llm.instanceType, initialInstanceCount: llm.replicas })]);
    expect(llm.instanceType).toMatch(/^ml\.g/);
    const [model] = r.cdk.models;
    expect(model!.image).toBe('763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.36.0-lmi18.0.0-cu128');
    expect(model!.environment).toMatchObject({
      OPTION_TENSOR_PARALLEL_DEGREE: String(llm.tensorParallelSize),
      OPTION_MAX_MODEL_LEN: String(llm.maxModelLen),
      OPTION_GPU_MEMORY_UTILIZATION: String(llm.gpuMemoryUtilization),
      OPTION_SERVED_MODEL_NAME: 'llama-3.1-8b-instruct',
    });
    expect(model!.artifacts).toBe('s3://<artifacts>/models/meta-llama/Llama-3.1-8B-Instruct/');
  });

  test('THEN updates (no canary fits one instance) go all at once, bake 10 minutes, and roll back on latency, 5xx or model-error alarms', () => {
    expect(r.cdk.deployment).toMatchObject({ type: 'ALL_AT_ONCE', capacity: undefined, termination: 600, rollbackAlarms: ['sagemaker-llm-latency-p95', 'sagemaker-llm-errors-5xx', 'sagemaker-llm-model-errors'] });
    const latency = cfnResources(r.rendered, 'AWS::CloudWatch::Alarm').find(({ resource }) => resource.Properties.AlarmName === 'sagemaker-llm-latency-p95')!.resource.Properties;
    expect(latency).toMatchObject({ MetricName: 'ModelLatency', Namespace: 'AWS/SageMaker', ExtendedStatistic: 'p95' });
  });

  test('THEN 10 % of requests and responses are captured, KMS-encrypted, into the data bucket', () => {
    expect(r.cdk.config.dataCapture).toEqual({ destination: 's3://<data>/capture/', sampling: 10, modes: ['Input', 'Output'], json: ['application/json'], csv: [], encrypted: true });
  });

  test('THEN the model runs network-isolated in private subnets and versions go to a Model Package Group', () => {
    expect(r.cdk.models[0]).toMatchObject({ networkIsolation: true, vpc: true });
    expect(cfnResources(r.rendered, 'AWS::SageMaker::ModelPackageGroup')).toHaveLength(1);
  });

  test('THEN replicas scale on concurrent requests per model, with a slow scale-in', () => {
    expect(r.cdk.scalingPolicies).toEqual([expect.objectContaining({ type: 'TargetTrackingScaling', metric: 'SageMakerVariantConcurrentRequestsPerModelHighResolution' })]);
    expect(r.cdk.scalableTargets).toEqual([{ resourceId: 'endpoint/sagemaker-llm/variant/primary', dimension: 'sagemaker:variant:DesiredInstanceCount', min: 1, max: 4 }]);
  });

  test('THEN a monthly AWS Budgets budget 20 % above the planned cost notifies the alarm topic on every engine, scoped by the deployment tag', () => {
    const budget = r.description.budget!;
    expect(budget.limitUsd).toBe(Math.ceil(r.rendered.plan.summary.monthlyCostUsd! * 1.2));
    const [cfn] = cfnResources(r.rendered, 'AWS::Budgets::Budget');
    expect(cfn!.resource.Properties.Budget).toMatchObject({ BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: budget.limitUsd, Unit: 'USD' }, CostFilters: { TagKeyValue: ['user:aimd:deployment$sagemaker-llm'] } });
    expect(cfn!.resource.Properties.NotificationsWithSubscribers.map((n: any) => [n.Notification.NotificationType, n.Notification.Threshold, n.Subscribers[0].SubscriptionType]))
      .toEqual([['ACTUAL', 80, 'SNS'], ['FORECASTED', 100, 'SNS']]);
    const topicPolicy = JSON.stringify(cfnResources(r.rendered, 'AWS::SNS::TopicPolicy').map(({ resource }) => resource.Properties.PolicyDocument));
    expect(topicPolicy).toContain('"Principal":{"Service":"budgets.amazonaws.com"}');
    expect(topicPolicy).toContain('aws:SourceAccount');
    expect(JSON.stringify(cfnResources(r.rendered, 'AWS::KMS::Key')[0]!.resource.Properties.KeyPolicy)).toContain('budgets.amazonaws.com');
    expect(r.rendered.cdk.template.Resources[cfnResources(r.rendered, 'AWS::SageMaker::Endpoint')[0]!.id].Properties.Tags).toContainEqual({ Key: 'aimd:deployment', Value: 'sagemaker-llm' });

    const tf = Object.values(r.rendered.terraform.json.resource.aws_budgets_budget) as any[];
    expect(tf).toEqual([expect.objectContaining({ limit_amount: String(budget.limitUsd), cost_filter: [{ name: 'TagKeyValue', values: ['user:aimd:deployment$sagemaker-llm'] }] })]);
    expect(tf[0].notification.map((n: any) => n.notification_type)).toEqual(['ACTUAL', 'FORECASTED']);
    expect(JSON.stringify(r.rendered.terraform.json.provider.aws)).toContain('aimd:deployment');

    const pulumi = r.rendered.pulumi.resources.filter((x) => x.type === 'aws:budgets/budget:Budget');
    expect(pulumi.map((x) => x.inputs)).toEqual([expect.objectContaining({ limitAmount: String(budget.limitUsd), costFilters: [{ name: 'TagKeyValue', values: ['user:aimd:deployment$sagemaker-llm'] }] })]);
    const provider = r.rendered.pulumi.resources.find((x) => x.type === 'pulumi:providers:aws')!;
    expect(JSON.stringify(provider.inputs)).toContain('aimd:deployment');
  });
});
