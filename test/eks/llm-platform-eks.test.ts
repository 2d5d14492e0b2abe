/**
 * `llm-platform-eks` as plain Kubernetes objects: three models of different sizes on one cluster (the 8B one A/B tested
 * 90/10 as two deployments), each scaled on its own KEDA signal, behind one gateway that routes by model, splits the
 * A/B name by weight and checks each tenant's key; a fourth model adds objects and changes none of the platform's; the
 * summary and budget add up every deployment.
 */
import { LLM_PLATFORM_EKS, LLM_PLATFORM_MODELS, LLM_PLATFORM_TENANTS, llmPlatformObjects, llmPlatformPlanSummary } from '../../blueprints/eks/llm-platform-eks';
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

test('three models as four vLLM deployments (the 8B model\'s two A/B arms), each with its own KEDA ScaledObject and GPU NodePool on the one cluster', () => {
  expect(all.filter((o) => servingKinds.has(o.kind)).map((d) => `${d.metadata.namespace}/${d.metadata.name}`)).toEqual(['chat-8b/chat-8b', 'chat-8b/chat-8b-candidate', 'chat-70b/chat-70b', 'chat-3b/chat-3b']);
  const scaled = ofKind('ScaledObject') as unknown as { metadata: { name: string }; spec: { scaleTargetRef: { name: string } } }[];
  expect(scaled.map((s) => s.spec.scaleTargetRef.name)).toEqual(['chat-8b', 'chat-8b-candidate', 'chat-70b', 'chat-3b']);
  const nodeClasses = ofKind('EC2NodeClass') as unknown as { spec: { role: string } }[];
  expect(new Set(nodeClasses.map((n) => n.spec.role)).size).toBe(1);
});

test('one gateway routes each model name, adapters included, to its deployment; tenants reach only their models', () => {
  expect(ofKind('Gateway')).toHaveLength(1);
  expect(platform.gateway.routes.map((r) => [r.modelName, r.deployment, r.tenants.join('+'), r.weight])).toEqual([
    ['meta-llama/Llama-3.1-8B-Instruct', 'chat-8b', 'acme+globex', 90],
    ['support-assistant', 'chat-8b', 'acme+globex', undefined],
    ['legal-assistant', 'chat-8b', 'acme+globex', undefined],
    ['meta-llama/Llama-3.1-8B-Instruct', 'chat-8b-candidate', 'acme+globex', 10],
    ['meta-llama/Llama-3.1-70B-Instruct', 'chat-70b', 'acme', undefined],
    ['meta-llama/Llama-3.2-3B-Instruct', 'chat-3b', 'acme+globex', undefined],
  ]);
  expect(ofKind('HTTPRoute').map((r) => r.metadata.name)).toEqual(['llm-unrouted', 'chat-8b-gateway', 'chat-8b-split', 'chat-70b-gateway', 'chat-3b-gateway']);
});

describe('the 8B model\'s A/B test (control 90 %, candidate v2 10 %)', () => {
  type Route = { spec: { rules: { backendRefs: { kind: string; name: string; weight: number }[] }[] } };
  const split = all.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'chat-8b-split') as unknown as Route;
  const deployment = (name: string) => JSON.stringify(all.find((o) => servingKinds.has(o.kind) && o.metadata.name === name));

  test('THEN one route rule sends the model name to both arms\' Services at 90 and 10', () => {
    expect(split.spec.rules).toHaveLength(1);
    expect(split.spec.rules[0]!.backendRefs.map((b) => [b.kind, b.name, b.weight])).toEqual([['Service', 'chat-8b', 90], ['Service', 'chat-8b-candidate', 10]]);
  });

  test('THEN the split name keeps each tenant\'s limit on the 8B model (globex 60, acme 600 per minute)', () => {
    type Policy = { spec: { rateLimit: { local: { rules: { clientSelectors: { headers: { value: string }[] }[]; limit: { requests: number } }[] } } } };
    const policy = all.find((o) => o.kind === 'BackendTrafficPolicy' && o.metadata.name === 'chat-8b-split-rate-limit') as unknown as Policy;
    expect(policy.spec.rateLimit.local.rules.map((r) => [r.clientSelectors[0]!.headers[0]!.value, r.limit.requests])).toEqual([['acme', 600], ['globex', 60]]);
  });

  test('THEN the candidate loads its v2 checkpoint, keeps no adapters, and runs on the control\'s GPUs', () => {
    expect(deployment('chat-8b-candidate')).toContain('models/meta-llama/Llama-3.1-8B-Instruct/v2/');
    expect(deployment('chat-8b-candidate')).not.toContain('support-assistant');
    expect(deployment('chat-8b')).toContain('support-assistant');
    type Pool = { metadata: { name: string }; spec: { template: { spec: { requirements: { key: string; values: string[] }[] } } } };
    const types = (name: string) => (ofKind('NodePool') as unknown as Pool[]).find((n) => n.metadata.name === name)!.spec.template.spec.requirements.find((r) => r.key === 'node.kubernetes.io/instance-type')!.values;
    expect(types('chat-8b-candidate-gpu')[0]).toBe(types('chat-8b-gpu')[0]);
  });

  test('THEN the arms share one namespace, created once (by the first arm), so the split route needs no ReferenceGrant', () => {
    expect(ofKind('Namespace').map((n) => n.metadata.name).filter((n) => n === 'chat-8b')).toEqual(['chat-8b']);
    expect(all.filter((o) => o.metadata.name.startsWith('chat-8b-candidate') && o.kind !== 'NodePool' && o.kind !== 'EC2NodeClass').every((o) => o.metadata.namespace === 'chat-8b')).toBe(true);
  });

  test('THEN each arm is recorded and alerted on its own series, beside each arm\'s own vLLM alerts', () => {
    type Rule = { spec: { groups: { rules: { record?: string; alert?: string; labels: Record<string, string> }[] }[] } };
    const ab = all.find((o) => o.kind === 'PrometheusRule' && o.metadata.name === 'chat-8b-ab') as unknown as Rule;
    const rules = ab.spec.groups[0]!.rules;
    expect(new Set(rules.filter((r) => r.record === 'aimd:ab_arm_error_ratio').map((r) => `${r.labels.arm}@${r.labels.weight}`))).toEqual(new Set(['chat-8b@90', 'chat-8b-candidate@10']));
    expect(rules.filter((r) => r.alert !== undefined).map((r) => r.labels.service)).toEqual(['chat-8b', 'chat-8b', 'chat-8b-candidate', 'chat-8b-candidate']);
    expect(ofKind('PrometheusRule').map((r) => r.metadata.name)).toEqual(expect.arrayContaining(['chat-8b', 'chat-8b-candidate']));
    expect(ofKind('ConfigMap').map((c) => c.metadata.name)).toContain('chat-8b-ab-dashboard');
  });
});

test('the summary lists every model and A/B arm and totals their monthly cost', () => {
  const summary = llmPlatformPlanSummary(ENV);
  expect(summary.parts!.map((p) => [p.name, p.abWeight])).toEqual([['chat-8b', 90], ['chat-8b-candidate', 10], ['chat-70b', undefined], ['chat-3b', undefined]]);
  expect(summary.monthlyCostUsd).toBe(summary.parts!.reduce((sum, p) => sum + p.monthlyCostUsd!, 0));
  // The 10 % arm is sized for its share: one replica of the control's instance type.
  expect(summary.parts![1]).toMatchObject({ compute: summary.parts![0]!.compute, replicas: 1 });
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
  expect(JSON.stringify(grown.models.slice(0, platform.models.length))).toBe(JSON.stringify(platform.models));
  expect(grown.models[platform.models.length]!.objects.filter((o) => servingKinds.has(o.kind)).map((o) => o.metadata.name)).toEqual(['coder-7b']);
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
    expect(rendered.kubernetes.filter((o) => servingKinds.has(o.kind) || o.kind === 'LeaderWorkerSet').map((o) => o.metadata.name)).toEqual(['chat-8b', 'chat-8b-candidate', 'chat-70b', 'chat-3b']);
    expect(kinds('Gateway')).toHaveLength(1);
    expect(kinds('HTTPRoute').map((r) => r.metadata.name)).toEqual(['llm-unrouted', 'chat-8b-gateway', 'chat-8b-split', 'chat-70b-gateway', 'chat-3b-gateway']);
    const synced = kinds('ExternalSecret') as unknown as { spec: { data: { remoteRef: { key: string } }[] } }[];
    expect(synced.map((s) => s.spec.data[0]!.remoteRef.key)).toEqual(['aimd/llm-platform-eks/tenants/acme', 'aimd/llm-platform-eks/tenants/globex']);
  });

  test('every engine applies exactly the objects of the plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  test('the plan summary is every deployment\'s total, and each engine\'s budget limits that total plus 20 % headroom', () => {
    const total = llmPlatformPlanSummary(ENV).monthlyCostUsd!;
    expect(rendered.plan.summary.monthlyCostUsd).toBe(total);
    expect(rendered.plan.summary.parts).toHaveLength(4);
    const limit = Math.ceil(total * 1.2);
    const cdkBudgets = Object.values<any>(rendered.cdk.template.Resources).filter((r) => r.Type === 'AWS::Budgets::Budget');
    expect(cdkBudgets.map((b) => [b.Properties.Budget.BudgetName, b.Properties.Budget.BudgetLimit.Amount])).toEqual([['llm-platform-eks-budget', limit]]);
    expect(JSON.stringify(cdkBudgets[0].Properties.Budget.CostFilters)).toContain('chat-8b-candidate');
    expect(Object.values<any>(rendered.terraform.json.resource.aws_budgets_budget).map((b) => b.limit_amount)).toEqual([String(limit)]);
    expect(rendered.pulumi.resources.filter((r) => r.type === 'aws:budgets/budget:Budget').map((r) => r.inputs.limitAmount)).toEqual([String(limit)]);
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
