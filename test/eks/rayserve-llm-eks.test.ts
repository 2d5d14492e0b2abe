import { RAYSERVE_LLM_EKS } from '../../blueprints/eks/rayserve-llm-eks';
import type { KubeObject } from '../../lib/kubernetes/types';
import { kubeObjectId } from '../../lib/kubernetes/types';
import { type RenderedBlueprint, renderBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { canonical, cdkKubeObjects, pulumiKubeObjects, terraformKubeObjects } from './eks-blueprint-checks';

function byId(objects: readonly KubeObject[]): Record<string, string> {
  return Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));
}

describe('blueprint rayserve-llm-eks', () => {
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    rendered = await renderBlueprint(RAYSERVE_LLM_EKS);
  });
  const rayService = () => rendered.kubernetes.find((o) => o.kind === 'RayService') as Record<string, any>;

  it('renders on CDK, cdktf and Pulumi with zero error findings', () => {
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
  });

  it('applies the same Kubernetes objects on CDK, cdktf and Pulumi as its plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(Object.keys(reference)).toEqual(expect.arrayContaining(['RayService/rayserve-llm-eks/rayserve-llm-eks']));
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  it("serves the plan's engine arguments through Ray Serve LLM, from the weights synced out of the model bucket", () => {
    const plan = rendered.plan.llm!;
    const app = JSON.parse(rayService().spec.serveConfigV2).applications[0];
    expect(app.import_path).toBe('ray.serve.llm:build_openai_app');
    const llm = app.args.llm_configs[0];
    expect(llm.model_loading_config).toEqual({ model_id: 'meta-llama/Llama-3.1-8B-Instruct', model_source: '/models/base' });
    expect(llm.engine_kwargs).toMatchObject({ tensor_parallel_size: plan.tensorParallelSize, max_model_len: plan.maxModelLen, max_num_seqs: plan.maxNumSeqs });
    expect(llm.deployment_config.autoscaling_config).toMatchObject({ min_replicas: 1, max_replicas: 4 });
    const worker = rayService().spec.rayClusterConfig.workerGroupSpecs[0].template.spec;
    expect(worker.initContainers[0].env).toEqual(expect.arrayContaining([{ name: 'MODEL_S3_URI', value: expect.stringMatching(/^s3:\/\//) }]));
    expect(worker.serviceAccountName).toBe('rayserve-llm-eks-ray-serve');
  });

  it('installs the pinned KubeRay operator chart on every engine', () => {
    const cdkChart = Object.values<any>(rendered.cdk.template.Resources).find((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart' && r.Properties.Chart === 'kuberay-operator');
    expect(cdkChart?.Properties.Version).toBe('1.7.0');
    const tfRelease = Object.values<any>(rendered.terraform.json.resource.helm_release).find((r) => r.chart === 'kuberay-operator');
    expect(tfRelease?.version).toBe('1.7.0');
    const pulumiRelease = rendered.pulumi.resources.find((r) => r.type === 'kubernetes:helm.sh/v3:Release' && r.inputs.chart === 'kuberay-operator');
    expect(pulumiRelease?.inputs.version).toBe('1.7.0');
  });

  it('sizes the GPU NodePool for 4 replicas plus the first replica of a NewCluster upgrade', () => {
    const plan = rendered.plan.llm!;
    const pool = rendered.kubernetes.find((o) => o.kind === 'NodePool') as Record<string, any>;
    expect(rayService().spec.upgradeStrategy).toEqual({ type: 'NewCluster' });
    expect(Number(pool.spec.limits['nvidia.com/gpu'])).toBeGreaterThanOrEqual((4 + 1) * plan.acceleratorCount);
  });

  it('carries no secret value', () => {
    expect(rendered.kubernetes.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(JSON.stringify(rendered.kubernetes)).not.toMatch(/hf_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16}/);
  });
});
