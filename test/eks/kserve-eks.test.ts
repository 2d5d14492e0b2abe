/**
 * `kserve-eks`: rendered once per engine (CDK, cdktf, Pulumi) and as plain manifests. Zero findings, the same
 * objects on every engine, the KServe InferenceServices (the LLM sized by the planner, the sklearn model on CPU), the
 * KServe operator releases on every engine, and model access limited to the two model prefixes.
 */
import { KSERVE_EKS } from '../../blueprints/eks/kserve-eks';
import { type KubeObject, kubeObjectId } from '../../lib/kubernetes/types';
import { type RenderedBlueprint, renderBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { canonical, cdkKubeObjects, pulumiKubeObjects, terraformKubeObjects } from './eks-blueprint-checks';

const byId = (objects: readonly KubeObject[]) => Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));
const isvc = (objects: readonly KubeObject[], name: string) =>
  objects.find((o) => o.kind === 'InferenceService' && o.metadata.name === name) as Record<string, any>;
const KSERVE_CHARTS = ['cert-manager', 'kserve-crd', 'kserve-resources', 'kserve-runtime-configs'];

describe('blueprint kserve-eks', () => {
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    rendered = await renderBlueprint(KSERVE_EKS);
  });

  it('renders on CDK, cdktf and Pulumi with zero error findings', () => {
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
  });

  it('applies the same Kubernetes objects on CDK, cdktf and Pulumi as its plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(Object.keys(reference)).toEqual(expect.arrayContaining(['InferenceService/kserve-eks/kserve-eks', 'InferenceService/kserve-eks/iris']));
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  it("serves the LLM on KServe's Hugging Face runtime with the planner's numbers, on the planned GPU instance", () => {
    const plan = rendered.plan.llm!;
    expect(plan).toMatchObject({ model: 'meta-llama/Llama-3.1-8B-Instruct', nodes: 1, vllmVersion: '0.24.0' });
    const predictor = isvc(rendered.kubernetes, 'kserve-eks').spec.predictor;
    expect(predictor.model.runtime).toBe('kserve-huggingfaceserver');
    const args: string[] = predictor.model.args;
    expect(args.slice(args.indexOf('--tensor-parallel-size'), args.indexOf('--tensor-parallel-size') + 2)).toEqual(['--tensor-parallel-size', String(plan.tensorParallelSize)]);
    expect(args).toEqual(expect.arrayContaining(['--max-model-len', String(plan.maxModelLen), '--gpu-memory-utilization', String(plan.gpuMemoryUtilization)]));
    // Pinned to its NodePool, whose instance-type requirement is the plan's choice and its ranked fallbacks.
    expect(predictor.nodeSelector['karpenter.sh/nodepool']).toBeDefined();
    expect(predictor.nodeSelector['node.kubernetes.io/instance-type'] ?? plan.instanceType).toBe(plan.instanceType);
    expect(predictor.model.storageUri).toMatch(/^s3:\/\/kserve-eks-.*\/models\/meta-llama\/Llama-3\.1-8B-Instruct\/$/);
    expect([predictor.minReplicas, predictor.maxReplicas]).toEqual([1, 4]);
  });

  it('serves the sklearn model from the same bucket on CPU nodes', () => {
    const predictor = isvc(rendered.kubernetes, 'iris').spec.predictor;
    expect(predictor.model).toMatchObject({ modelFormat: { name: 'sklearn' }, runtime: 'kserve-sklearnserver' });
    expect(predictor.model.storageUri).toMatch(/^s3:\/\/kserve-eks-.*\/models\/sklearn-iris\/$/);
    expect(predictor.tolerations).toBeUndefined();
    expect(predictor.model.resources.limits['nvidia.com/gpu']).toBeUndefined();
  });

  it('installs cert-manager and the KServe charts on every engine, with KEDA for the ScaledObjects KServe creates', () => {
    const cdk = Object.values<any>(rendered.cdk.template.Resources).filter((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart').map((r) => r.Properties.Chart);
    const tf = Object.values<any>(rendered.terraform.json.resource.helm_release).map((r) => r.chart);
    const pulumi = rendered.pulumi.resources.filter((r) => r.type === 'kubernetes:helm.sh/v3:Release').map((r) => (r.inputs as Record<string, any>).chart);
    // OCI charts are spelled `oci://registry/path/<chart>` by some engines: compare the chart names.
    for (const charts of [cdk, tf, pulumi]) expect(charts.map((c: string) => c.split('/').pop())).toEqual(expect.arrayContaining([...KSERVE_CHARTS, 'keda']));
  });

  it('lets the pods read only the LLM prefix and the sklearn prefix', () => {
    const role = Object.values<any>(rendered.terraform.json.resource.aws_iam_role_policy).find((p) => String(p.policy).includes('ReadObjects'));
    const reads = JSON.parse(role.policy).Statement.filter((s: any) => s.Action === 's3:GetObject').flatMap((s: any) => s.Resource);
    expect(reads).toEqual(expect.arrayContaining([
      expect.stringMatching(/\/models\/meta-llama\/Llama-3\.1-8B-Instruct\/\*$/),
      expect.stringMatching(/\/models\/sklearn-iris\/\*$/),
    ]));
  });
});
