import { LLM_EKS } from '../../blueprints/eks/llm-eks';
import { describeEksBlueprint } from './eks-blueprint-checks';

describeEksBlueprint(LLM_EKS, (rendered) => {
  it('serves Llama 3.1 8B on one GPU node per replica, on the instance the planner chose', () => {
    const plan = rendered().plan.llm!;
    expect(plan.model).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(plan.nodes).toBe(1);
    const deployment = rendered().kubernetes.find((o) => o.kind === 'Deployment') as Record<string, any>;
    expect(deployment.spec.template.spec.nodeSelector['node.kubernetes.io/instance-type']).toBe(plan.instanceType);
  });

  it('scales with KEDA between 1 and 4 replicas', () => {
    const scaledObject = rendered().kubernetes.find((o) => o.kind === 'ScaledObject') as Record<string, any>;
    expect(scaledObject.spec).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 4 });
  });

  it('installs Karpenter with a GPU NodePool limited to the planned instance type', () => {
    const pool = rendered().kubernetes.find((o) => o.kind === 'NodePool') as Record<string, any>;
    const requirement = pool.spec.template.spec.requirements.find((r: any) => r.key === 'node.kubernetes.io/instance-type');
    expect(requirement.values).toEqual([rendered().plan.llm!.instanceType]);
    const charts = Object.values<any>(rendered().cdk.template.Resources).filter((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart').map((r) => r.Properties.Chart);
    expect(charts).toEqual(expect.arrayContaining(['karpenter', 'keda', 'kube-prometheus-stack', 'nvidia-device-plugin', 'dcgm-exporter']));
  });
});
