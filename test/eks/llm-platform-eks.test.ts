/**
 * `llm-platform-eks` as plain Kubernetes objects: three vLLM deployments of different sizes on one cluster, each
 * scaled on its own KEDA signal, behind one gateway that routes by model and checks each tenant's key; a fourth model
 * adds objects and changes none of the platform's.
 */
import { LLM_PLATFORM_MODELS, LLM_PLATFORM_TENANTS, llmPlatformObjects } from '../../blueprints/eks/llm-platform-eks';
import type { KubeObject } from '../../lib/kubernetes/types';
import { validateKubernetesObjects } from '../../lib/validation/kubernetes';

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
