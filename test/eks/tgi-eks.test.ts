/**
 * Blueprint `tgi-eks`: Llama 3.1 8B on Text Generation Inference, rendered once per engine (CDK, cdktf, Pulumi,
 * plain manifests) and checked with the shared EKS blueprint helpers: zero findings, the same objects on every
 * engine, and the plan's numbers in TGI's flags.
 */
import { TGI_EKS } from '../../blueprints/eks/tgi-eks';
import { type KubeObject, kubeObjectId } from '../../lib/kubernetes/types';
import { type RenderedBlueprint, renderBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { canonical, cdkKubeObjects, pulumiKubeObjects, terraformKubeObjects } from './eks-blueprint-checks';

const byId = (objects: readonly KubeObject[]) => Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));
const find = (objects: readonly KubeObject[], kind: string) => objects.find((o) => o.kind === kind) as Record<string, any>;

describe('blueprint tgi-eks', () => {
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    rendered = await renderBlueprint(TGI_EKS);
  });
  const server = () => find(rendered.kubernetes, 'Deployment').spec.template.spec.containers[0];
  const flag = (name: string) => {
    const args = server().args as string[];
    return args[args.indexOf(name) + 1];
  };

  it('renders on CDK, cdktf and Pulumi with zero error findings', () => {
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
  });

  it('applies the same Kubernetes objects on CDK, cdktf and Pulumi as its plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(Object.keys(reference).length).toBeGreaterThan(5);
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  it("starts TGI from the bucket's local copy with the plan's context, prefill budget, memory fraction and shards", () => {
    const plan = rendered.plan.llm!;
    expect(rendered.plan.spec.runtime.engine).toBe('tgi');
    expect(server().image).toMatch(/^ghcr\.io\/huggingface\/text-generation-inference:\d+\.\d+\.\d+$/);
    expect(flag('--model-id')).toBe('/models/base');
    expect(flag('--max-total-tokens')).toBe(String(plan.maxModelLen));
    expect(flag('--max-input-tokens')).toBe(String(plan.maxModelLen - 1));
    expect(Number(flag('--max-batch-prefill-tokens'))).toBe(Math.max(plan.maxNumBatchedTokens, plan.maxModelLen - 1));
    expect(flag('--cuda-memory-fraction')).toBe(String(plan.gpuMemoryUtilization));
    expect(flag('--num-shard')).toBe(String(plan.tensorParallelSize));
    // Pinned to its NodePool, whose instance-type requirement is the plan's choice and its ranked fallbacks.
    const selector = find(rendered.kubernetes, 'Deployment').spec.template.spec.nodeSelector;
    expect(selector['karpenter.sh/nodepool']).toBeDefined();
    expect(selector['node.kubernetes.io/instance-type'] ?? plan.instanceType).toBe(plan.instanceType);
  });

  it('asks for the generated API key, probes /health, scales on tgi_queue_size and keeps a PodDisruptionBudget', () => {
    expect(server().env.find((e: any) => e.name === 'API_KEY').valueFrom.secretKeyRef.name).toBe('tgi-eks-api-key');
    expect(server().readinessProbe.httpGet.path).toBe('/health');
    const scaledObject = find(rendered.kubernetes, 'ScaledObject');
    expect(scaledObject.spec).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 4 });
    expect(scaledObject.spec.triggers[0].metadata.query).toContain('tgi_queue_size');
    expect(find(rendered.kubernetes, 'PodDisruptionBudget')).toBeDefined();
  });

  it('carries no secret value: no Secret object, no literal token in any environment variable', () => {
    expect(rendered.kubernetes.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(JSON.stringify(rendered.kubernetes)).not.toMatch(/hf_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16}|aws_secret_access_key/i);
  });
});
