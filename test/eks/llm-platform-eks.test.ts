/**
 * `llm-platform-eks` as plain Kubernetes objects: three vLLM deployments of different sizes on one cluster, each
 * scaled on its own KEDA signal, behind one gateway that routes by model and checks each tenant's key; a fourth model
 * adds objects and changes none of the platform's.
 */
import { LLM_PLATFORM_EKS, LLM_PLATFORM_MODELS, LLM_PLATFORM_TENANTS, llmPlatformObjects } from '../../blueprints/eks/llm-platform-eks';
import { type KubeObject, kubeObjectId } from '../../lib/kubernetes/types';
import { type RenderedBlueprint, renderBlueprint } from '../../lib/synth/render-blueprint';
import { validateKubernetesObjects } from '../../lib/validation/kubernetes';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { canonical, cdkKubeObjects, pulumiKubeObjects, terraformKubeObjects } from './eks-blueprint-checks';

const byId = (objects: readonly KubeObject[]) => Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));

const ENV = { account: '123456789012', region: 'us-east-1' };
const platform = llmPlatformObjects(ENV);
const all: KubeObject[] = [...platform.platform.objects, ...platform.models.flatMap((m) => m.objects)];
const ofKind = (kind: string) => all.filter((o) => o.kind === kind);
const servingKinds = new Set(['Deployment', 'Rollout']);

test('three vLLM deployments, each with its own KEDA ScaledObject and GPU NodePool on the one cluster', () => {
  expect(all.filter((o) => servingKinds.has(o.kind)).map((d) => `${d.metadata.namespace}/${d.metadata.name}`)).toEqual(['chat-8b/chat-8b', 'chat-70b/chat-70b', 'chat-3b/chat-3b']);
  const scaled = ofKind('ScaledObject') as unknown as { metadata: { name: string }; spec: { scaleTargetRef: { name: string } } }[];
  expect(scaled.map((s) => s.spec.scaleTargetRef.name)).toEqual(['chat-8b', 'chat-70b', 'chat-3b']);
  const nodeClasses = ofKind('EC2NodeClass') as unknown as { spec: { role: string } }[];
  expect(new Set(nodeClasses.map((n) => n.spec.role)).size).toBe(1);
});

test('one gateway routes each model name, adapters included, to its deployment; tenants reach only their models', () => {
  expect(ofKind('Gateway')).toHaveLength(1);
  expect(platform.gateway.routes.map((r) => [r.modelName, r.deployment, r.tenants.join('+')])).toEqual([
    ['meta-llama/Llama-3.1-8B-Instruct', 'chat-8b', 'acme+globex'],
    ['support-assistant', 'chat-8b', 'acme+globex'],
    ['legal-assistant', 'chat-8b', 'acme+globex'],
    ['meta-llama/Llama-3.1-70B-Instruct', 'chat-70b', 'acme'],
    ['meta-llama/Llama-3.2-3B-Instruct', 'chat-3b', 'acme+globex'],
  ]);
  expect(ofKind('HTTPRoute').map((r) => r.metadata.name)).toEqual(['llm-unrouted', 'chat-8b-gateway', 'chat-70b-gateway', 'chat-3b-gateway']);
});

test('tenant keys come from Secrets Manager; the models carry no key of their own', () => {
  const synced = ofKind('ExternalSecret') as unknown as { spec: { data: { remoteRef: { key: string } }[] } }[];
  expect(synced.map((s) => s.spec.data[0]!.remoteRef.key)).toEqual(['aimd/llm-platform-eks/tenants/acme', 'aimd/llm-platform-eks/tenants/globex']);
  expect(JSON.stringify(all.filter((o) => servingKinds.has(o.kind)))).not.toMatch(/api-key/i);
});

test('every object is valid against its schema, InferencePools included', () => {
  expect(validateKubernetesObjects([...all, ...platform.gateway.models.map((m) => m.inferencePool)])).toEqual([]);
});

test('a fourth model is one spec: its objects are added and no platform object or release changes', () => {
  const coder = { spec: { ...LLM_PLATFORM_MODELS[2]!.spec, name: 'coder-7b', model: { id: 'Qwen/Qwen2.5-7B-Instruct' } } };
  const grown = llmPlatformObjects(ENV, [...LLM_PLATFORM_MODELS, coder], LLM_PLATFORM_TENANTS.map((t) => ({ ...t, allowedModels: [...t.allowedModels, 'coder-7b'] })));
  expect(JSON.stringify(grown.platform)).toBe(JSON.stringify(platform.platform));
  expect(JSON.stringify(grown.models.slice(0, 3))).toBe(JSON.stringify(platform.models));
  expect(grown.models[3]!.objects.filter((o) => servingKinds.has(o.kind)).map((o) => o.metadata.name)).toEqual(['coder-7b']);
});

describe('blueprint llm-platform-eks on CDK, cdktf and Pulumi (rendered once)', () => {
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    rendered = await renderBlueprint(LLM_PLATFORM_EKS);
  }, 600_000);

  test('renders with zero error findings', () => {
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
  });

  test('the plain manifests hold three vLLM deployments, one Gateway, a route per model and the tenant keys', () => {
    const kinds = (kind: string) => rendered.kubernetes.filter((o) => o.kind === kind);
    expect(rendered.kubernetes.filter((o) => servingKinds.has(o.kind) || o.kind === 'LeaderWorkerSet').map((o) => o.metadata.name)).toEqual(['chat-8b', 'chat-70b', 'chat-3b']);
    expect(kinds('Gateway')).toHaveLength(1);
    expect(kinds('HTTPRoute').map((r) => r.metadata.name)).toEqual(['llm-unrouted', 'chat-8b-gateway', 'chat-70b-gateway', 'chat-3b-gateway']);
    const synced = kinds('ExternalSecret') as unknown as { spec: { data: { remoteRef: { key: string } }[] } }[];
    expect(synced.map((s) => s.spec.data[0]!.remoteRef.key)).toEqual(['aimd/llm-platform-eks/tenants/acme', 'aimd/llm-platform-eks/tenants/globex']);
  });

  test('every engine applies exactly the objects of the plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  test("the External Secrets Operator may read the tenants' keys under aimd/llm-platform-eks/tenants/ and nothing wider", () => {
    const policies = Object.values<any>(rendered.cdk.template.Resources).filter((r) => r.Type === 'AWS::IAM::Role' && /external-secrets/.test(JSON.stringify(r.Properties.RoleName ?? '')));
    const text = JSON.stringify(policies);
    expect(text).toContain(':secret:aimd/llm-platform-eks/tenants/*-??????');
    expect(text).not.toMatch(/:secret:aimd\/\*/);
  });

  test('the gateway releases and each model endpoint picker are installed on every engine', () => {
    const releases = [...platform.platform.components, ...platform.models.flatMap((m) => m.components)].map((c) => c.release);
    expect(releases).toEqual(expect.arrayContaining(['eg', 'aieg-crd', 'aieg']));
    const cdkReleases = Object.values<any>(rendered.cdk.template.Resources).filter((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart').map((r) => r.Properties.Release);
    const tfReleases = Object.values<any>(rendered.terraform.json.resource.helm_release).map((r) => r.name);
    const pulumiReleases = rendered.pulumi.resources.filter((r) => r.type === 'kubernetes:helm.sh/v3:Release').map((r) => r.inputs.name);
    for (const engineReleases of [cdkReleases, tfReleases, pulumiReleases]) {
      expect(engineReleases).toEqual(expect.arrayContaining(releases));
    }
  });
});
