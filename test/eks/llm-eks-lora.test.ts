import { LLM_EKS_LORA } from '../../blueprints/eks/llm-eks-lora';
import { describeEksBlueprint, vllmServerContainer } from './eks-blueprint-checks';

describeEksBlueprint(LLM_EKS_LORA, (rendered) => {
  it('enables LoRA with one resident slot per tenant adapter and loads every adapter', () => {
    const args = vllmServerContainer(rendered().kubernetes).args as string[];
    expect(args).toEqual(expect.arrayContaining(['--enable-lora', '--max-loras', '3', '--max-lora-rank', '16']));
    const modules = args.filter((_, i) => args[i - 1] === '--lora-modules');
    expect(modules).toEqual(['support-assistant=/models/lora/support-assistant', 'legal-assistant=/models/lora/legal-assistant', 'marketing-assistant=/models/lora/marketing-assistant']);
  });

  it('lets the pods read only the model prefix and the adapter prefixes', () => {
    const role = Object.values<any>(rendered().terraform.json.resource.aws_iam_role_policy).find((p) => String(p.policy).includes('ReadObjects'));
    const policy = JSON.parse(role.policy);
    const reads = policy.Statement.filter((s: any) => s.Action === 's3:GetObject').flatMap((s: any) => s.Resource);
    expect(reads).toEqual(expect.arrayContaining([
      expect.stringMatching(/\/models\/meta-llama\/Llama-3\.1-8B-Instruct\/\*$/),
      expect.stringMatching(/:s3:::acme-llm-adapters\/tenants\/support\/\*$/),
    ]));
  });

  it('runs on EKS Auto Mode: a GPU NodePool with an Auto Mode NodeClass, no Karpenter or device plugin release', () => {
    expect(rendered().kubernetes.some((o) => o.kind === 'NodeClass' && o.apiVersion === 'eks.amazonaws.com/v1')).toBe(true);
    const charts = Object.values<any>(rendered().terraform.json.resource.helm_release).map((r) => r.chart);
    expect(charts).not.toContain('karpenter');
    expect(charts).not.toContain('nvidia-device-plugin');
  });
});
