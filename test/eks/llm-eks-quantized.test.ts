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
});
