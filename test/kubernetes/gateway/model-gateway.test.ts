/**
 * The model gateway, as a specification: one endpoint routes each `model` name (LoRA adapters included) to the
 * deployment serving it, each tenant reaches only its models, and adding a model leaves the platform untouched.
 */
import { InputValidationError } from '../../../lib/errors';
import { type GatewayModel, type ModelGatewayProps, MODEL_NAME_HEADER, modelGateway, modelGatewayObjects, TENANT_HEADER } from '../../../lib/kubernetes/gateway';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { validateKubernetesObjects } from '../../../lib/validation/kubernetes';

const model = (name: string, served: string, extra: Partial<GatewayModel> = {}): GatewayModel => ({
  name,
  namespace: name,
  servedModelNames: [served],
  podSelector: { 'app.kubernetes.io/name': 'vllm', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'server' },
  port: 8000,
  ...extra,
});

const CHAT = model('chat-8b', 'meta-llama/Llama-3.1-8B-Instruct', { loraAdapters: ['support-assistant', 'legal-assistant'], requestsPerMinutePerTenant: 600 });
const LARGE = model('chat-70b', 'meta-llama/Llama-3.1-70B-Instruct');
const EMBED = model('embed', 'BAAI/bge-large-en-v1.5');

const PROPS: ModelGatewayProps = {
  name: 'llm',
  namespace: 'llm-gateway',
  region: 'us-east-1',
  models: [CHAT, LARGE, EMBED],
  tenants: [
    { name: 'acme', apiKeySecretId: 'aimd/llm/tenants/acme', allowedModels: ['chat-8b', 'chat-70b', 'embed'] },
    { name: 'globex', apiKeySecretId: 'aimd/llm/tenants/globex', allowedModels: ['chat-8b'], requestsPerMinute: 60 },
  ],
};

const gateway = modelGateway(PROPS);
const ofKind = (objects: readonly KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
type Route = { spec: { rules: { matches: { headers: { name: string; value: string }[] }[]; backendRefs?: { kind: string; name: string }[] }[] } };
const routeOf = (name: string) => gateway.models.find((m) => m.model === name)!.objects.find((o) => o.kind === 'HTTPRoute') as unknown as Route;
const pairs = (route: Route) => route.spec.rules[0]!.matches.map((m) => Object.fromEntries(m.headers.map((h) => [h.name, h.value])));

describe('routing by the request\'s model field', () => {
  test('the routing table sends every served name and adapter to the deployment that holds it', () => {
    expect(gateway.routes.map((r) => [r.modelName, r.deployment, r.kind, r.pool])).toEqual([
      ['meta-llama/Llama-3.1-8B-Instruct', 'chat-8b', 'base', 'chat-8b-pool'],
      ['support-assistant', 'chat-8b', 'lora', 'chat-8b-pool'],
      ['legal-assistant', 'chat-8b', 'lora', 'chat-8b-pool'],
      ['meta-llama/Llama-3.1-70B-Instruct', 'chat-70b', 'base', 'chat-70b-pool'],
      ['BAAI/bge-large-en-v1.5', 'embed', 'base', 'embed-pool'],
    ]);
  });

  test('each model\'s HTTPRoute matches its names on the body-derived header and sends them to its InferencePool', () => {
    const route = routeOf('chat-8b');
    expect(route.spec.rules[0]!.backendRefs).toEqual([{ group: 'inference.networking.k8s.io', kind: 'InferencePool', name: 'chat-8b-pool' }]);
    expect(new Set(pairs(route).map((p) => p[MODEL_NAME_HEADER]))).toEqual(new Set(['meta-llama/Llama-3.1-8B-Instruct', 'support-assistant', 'legal-assistant']));
  });

  test('the endpoint picker of each pool selects that deployment\'s serving pods on the vLLM port', () => {
    const pool = gateway.models[0]!.inferencePool as unknown as { spec: { selector: { matchLabels: object }; targetPorts: object[]; endpointPickerRef: { name: string } } };
    expect(pool.spec.selector.matchLabels).toEqual(CHAT.podSelector);
    expect(pool.spec.targetPorts).toEqual([{ number: 8000 }]);
    expect(pool.spec.endpointPickerRef.name).toBe('chat-8b-pool-epp');
    expect(gateway.platform.components.map((c) => [c.release, c.version])).toEqual([['eg', 'v1.9.0'], ['aieg-crd', 'v1.1.0'], ['aieg', 'v1.1.0'], ['llm-payload-processor', 'v0']]);
    expect(gateway.models[0]!.components[0]!.dependsOn).toEqual(['EnvoyGateway', 'AiGatewayCrds', 'AiGatewayController', 'PayloadProcessor']);
    expect(gateway.models[0]!.components[0]).toMatchObject({ release: 'chat-8b-pool', namespace: 'chat-8b', chart: 'llm-d-router-gateway', version: 'v0.10.0' });
  });
});

describe('tenants', () => {
  test('a tenant not allowed a model has no route to it (the gateway refuses the request)', () => {
    expect(pairs(routeOf('chat-70b')).map((p) => p[TENANT_HEADER])).toEqual(['acme']);
    expect(new Set(pairs(routeOf('chat-8b')).map((p) => p[TENANT_HEADER]))).toEqual(new Set(['acme', 'globex']));
    expect(gateway.routes.find((r) => r.deployment === 'chat-70b')!.tenants).toEqual(['acme']);
  });

  test('every tenant\'s key is checked at the gateway, synced from Secrets Manager, never written in a manifest', () => {
    const policy = ofKind(gateway.platform.objects, 'SecurityPolicy')[0] as unknown as { spec: { apiKeyAuth: { credentialRefs: { name: string }[]; forwardClientIDHeader: string } } };
    expect(policy.spec.apiKeyAuth.credentialRefs.map((r) => r.name)).toEqual(['llm-tenant-acme', 'llm-tenant-globex']);
    expect(policy.spec.apiKeyAuth.forwardClientIDHeader).toBe(TENANT_HEADER);
    const synced = ofKind(gateway.platform.objects, 'ExternalSecret') as unknown as { spec: { target: { name: string }; data: { secretKey: string; remoteRef: { key: string } }[] } }[];
    expect(synced.map((s) => [s.spec.target.name, s.spec.data[0]!.secretKey, s.spec.data[0]!.remoteRef.key])).toEqual([
      ['llm-tenant-acme', 'acme', 'aimd/llm/tenants/acme'],
      ['llm-tenant-globex', 'globex', 'aimd/llm/tenants/globex'],
    ]);
    expect(ofKind(gateway.platform.objects, 'Secret')).toEqual([]);
  });

  test('rate limits: the lower of the model\'s and the tenant\'s requests per minute, per tenant, on that model only', () => {
    const limit = gateway.models[0]!.objects.find((o) => o.kind === 'BackendTrafficPolicy') as unknown as { spec: { rateLimit: { local: { rules: { clientSelectors: { headers: { value: string }[] }[]; limit: object }[] } } } };
    expect(limit.spec.rateLimit.local.rules.map((r) => [r.clientSelectors[0]!.headers[0]!.value, r.limit])).toEqual([
      ['acme', { requests: 600, unit: 'Minute' }],
      ['globex', { requests: 60, unit: 'Minute' }],
    ]);
    expect(gateway.models[1]!.objects.map((o) => o.kind)).toEqual(['HTTPRoute', 'NetworkPolicy', 'NetworkPolicy']);
  });
});

test('the platform installs the pinned InferencePool CRD before any pool', () => {
  const crd = gateway.platform.objects[0] as unknown as { kind: string; metadata: { name: string; annotations: Record<string, string> } };
  expect(crd.kind).toBe('CustomResourceDefinition');
  expect(crd.metadata.name).toBe('inferencepools.inference.networking.k8s.io');
  expect(crd.metadata.annotations['inference.networking.k8s.io/bundle-version']).toBe('v1.6.0');
});

test('the Envoy proxies may reach the model pods and the endpoint picker, and the picker the pods\' metrics', () => {
  const policies = gateway.models[1]!.objects.filter((o) => o.kind === 'NetworkPolicy') as unknown as { metadata: { name: string }; spec: { podSelector: object; ingress: { from: object[]; ports: { port: number }[] }[] } }[];
  expect(policies.map((p) => [p.metadata.name, p.spec.ingress[0]!.ports[0]!.port])).toEqual([['chat-70b-from-gateway', 8000], ['chat-70b-endpoint-picker', 9002]]);
  expect(policies[0]!.spec.ingress[0]!.from).toContainEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } });
  expect(policies[0]!.spec.ingress[0]!.from).toContainEqual({ podSelector: { matchLabels: { 'llm-d-router-gateway': 'chat-70b-pool-epp' } } });
});

test('every object and InferencePool is valid against its pinned CRD schema', () => {
  const findings = validateKubernetesObjects([...modelGatewayObjects(gateway), ...gateway.models.map((m) => m.inferencePool)]);
  expect(findings).toEqual([]);
});

test('adding a fourth model adds its objects and changes none of the platform\'s or the other models\'', () => {
  const fourth = model('coder', 'Qwen/Qwen2.5-Coder-7B-Instruct');
  const grown = modelGateway({ ...PROPS, models: [...PROPS.models, fourth], tenants: PROPS.tenants.map((t) => ({ ...t, allowedModels: [...t.allowedModels, 'coder'] })) });
  expect(JSON.stringify(grown.platform)).toBe(JSON.stringify(gateway.platform));
  expect(JSON.stringify(grown.models.slice(0, 3))).toBe(JSON.stringify(gateway.models));
  expect(grown.models[3]!.objects.map((o) => o.kind)).toEqual(['HTTPRoute', 'BackendTrafficPolicy', 'NetworkPolicy', 'NetworkPolicy']);
  expect(grown.models[3]!.components.map((c) => c.release)).toEqual(['coder-pool']);
});

test('inputs that cannot be routed are refused with every problem listed', () => {
  const bad = () => modelGateway({
    ...PROPS,
    models: [CHAT, model('chat-8b-copy', 'support-assistant')],
    tenants: [{ name: 'acme', apiKeySecretId: 'k', allowedModels: ['chat-70b'], requestsPerMinute: 0 }],
  });
  expect(bad).toThrow(InputValidationError);
  expect(bad).toThrow(/support-assistant.*also served by 'chat-8b'[\s\S]*allowedModels \('chat-70b'\): is not a model[\s\S]*requestsPerMinute \(0\)/);
});
