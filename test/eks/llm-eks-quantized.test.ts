import { LLM_EKS_QUANTIZED } from '../../blueprints/eks/llm-eks-quantized';
import { describeEksBlueprint, vllmServerContainer } from './eks-blueprint-checks';

describeEksBlueprint(LLM_EKS_QUANTIZED, (rendered) => {
  it('serves the 70B model as AWQ on the cheapest instance the planner found, on a single node', () => {
    const plan = rendered().plan.llm!;
    expect(plan).toMatchObject({ model: 'meta-llama/Llama-3.1-70B-Instruct', quantization: 'awq', nodes: 1 });
    expect(vllmServerContainer(rendered().kubernetes).args).toEqual(expect.arrayContaining(['--quantization', 'awq']));
  });

  it('runs on a managed node group with the AL2023 NVIDIA AMI on every engine, listing the choice then its ranked fallbacks', () => {
    const plan = rendered().plan.llm!;
    const types = [plan.instanceType, ...(plan.fallbacks ?? []).map((f) => f.instanceType)];
    const cfn = Object.values<any>(rendered().cdk.template.Resources).find((r) => r.Type === 'AWS::EKS::Nodegroup' && r.Properties.AmiType === 'AL2023_x86_64_NVIDIA');
    expect(cfn.Properties.InstanceTypes).toEqual(types);
    const tf = Object.values<any>(rendered().terraform.json.resource.aws_eks_node_group).find((n) => n.ami_type === 'AL2023_x86_64_NVIDIA');
    expect(tf.instance_types).toEqual(types);
    const pulumiGroup = rendered().pulumi.resources.find((r) => r.type === 'aws:eks/nodeGroup:NodeGroup' && r.inputs.amiType === 'AL2023_x86_64_NVIDIA');
    expect(pulumiGroup?.inputs.instanceTypes).toEqual(types);
    expect(rendered().kubernetes.some((o) => o.kind === 'NodePool')).toBe(false);
  });

  it('has a monthly AWS Budgets budget on the alarm topic on every engine, 20 % above the planned cost and scoped by the deployment tag', () => {
    const limit = String(Math.ceil(rendered().plan.summary.monthlyCostUsd! * 1.2));
    const name = rendered().plan.spec.name;
    const cfn = Object.values<any>(rendered().cdk.template.Resources).filter((r) => r.Type === 'AWS::Budgets::Budget');
    expect(cfn.map((r) => [String(r.Properties.Budget.BudgetLimit.Amount), r.Properties.Budget.CostFilters.TagKeyValue])).toEqual([[limit, [`user:aimd:deployment$${name}`]]]);
    const tf = Object.values<any>(rendered().terraform.json.resource.aws_budgets_budget);
    expect(tf.map((b) => b.limit_amount)).toEqual([limit]);
    expect(JSON.stringify(rendered().terraform.json.resource.aws_sns_topic_policy)).toContain('budgets.amazonaws.com');
    const pulumi = rendered().pulumi.resources.filter((r) => r.type === 'aws:budgets/budget:Budget');
    expect(pulumi.map((r) => r.inputs.limitAmount)).toEqual([limit]);
  });
});
