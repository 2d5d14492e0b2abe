/**
 * A/B splits at the gateway: one `model` name answered by two deployments by weight, each arm read on its own
 * vLLM series.
 */
import { InputValidationError } from '../../../lib/errors';
import { type GatewayModel, type ModelGatewayProps, MODEL_NAME_HEADER, modelGateway, modelGatewayObjects, TENANT_HEADER, trafficSplitQueries } from '../../../lib/kubernetes/gateway';
import { validateKubernetesObjects } from '../../../lib/validation/kubernetes';

const NAME = 'meta-llama/Llama-3.1-8B-Instruct';
const model = (name: string, served: string, namespace = 'chat'): GatewayModel => ({
  name,
  namespace,
  servedModelNames: [served],
  podSelector: { 'app.kubernetes.io/name': 'vllm', 'app.kubernetes.io/instance': name },
  port: 8000,
  requestsPerMinutePerTenant: 600,
});

const PROPS: ModelGatewayProps = {
  name: 'llm',
  namespace: 'llm-gateway',
  region: 'us-east-1',
  models: [model('chat-v1', NAME), model('chat-v2', NAME), model('embed', 'BAAI/bge-large-en-v1.5', 'embed')],
  tenants: [
    { name: 'acme', apiKeySecretId: 'aimd/llm/tenants/acme', allowedModels: ['chat-v1', 'chat-v2', 'embed'] },
    { name: 'globex', apiKeySecretId: 'aimd/llm/tenants/globex', allowedModels: ['chat-v1'] },
  ],
  trafficSplits: [{ name: 'chat-ab', modelName: NAME, backends: [{ model: 'chat-v1', weight: 90 }, { model: 'chat-v2', weight: 10 }] }],
};

type Route = { metadata: { name: string; namespace: string }; spec: { rules: { matches: { headers: { name: string; value: string }[] }[]; backendRefs: { kind: string; name: string; weight?: number }[] }[] } };
const gateway = modelGateway(PROPS);

describe('GIVEN one model name served by two deployments and split 90/10', () => {
  const route = gateway.trafficSplits[0] as unknown as Route;

  test('THEN one HTTPRoute sends the name to both InferencePools with their weights', () => {
    expect(route.metadata).toMatchObject({ name: 'chat-ab-split', namespace: 'chat' });
    expect(route.spec.rules[0]!.backendRefs.map((b) => [b.kind, b.name, b.weight])).toEqual([['InferencePool', 'chat-v1-pool', 90], ['InferencePool', 'chat-v2-pool', 10]]);
    expect(route.spec.rules[0]!.matches.map((m) => Object.fromEntries(m.headers.map((h) => [h.name, h.value])))).toEqual([{ [MODEL_NAME_HEADER]: NAME, [TENANT_HEADER]: 'acme' }]);
  });

  test('THEN only tenants allowed both arms reach the split name, and the arms\' own routes leave it out (no two routes race for it)', () => {
    expect(gateway.models.slice(0, 2).map((m) => m.objects.map((o) => o.kind))).toEqual([['NetworkPolicy', 'NetworkPolicy'], ['NetworkPolicy', 'NetworkPolicy']]);
    expect(gateway.routes.filter((r) => r.modelName === NAME).map((r) => [r.deployment, r.weight, r.tenants])).toEqual([['chat-v1', 90, ['acme']], ['chat-v2', 10, ['acme']]]);
  });

  test('THEN each arm is read on its own deployment\'s vLLM series (the ServiceMonitor\'s service label)', () => {
    const [control, candidate] = trafficSplitQueries(PROPS.trafficSplits![0]!, PROPS);
    expect(control!.requestsPerSecond).toBe(`sum(rate(vllm:request_success_total{namespace="chat",service="chat-v1",model_name="${NAME}"}[5m]))`);
    expect(candidate!.e2eLatencyP95Seconds).toContain('vllm:e2e_request_latency_seconds_bucket{namespace="chat",service="chat-v2"');
    expect(candidate!.errorRatio).toContain('status="5xx"');
  });

  test('THEN every object, the weighted route included, is valid against its pinned CRD schema', () => {
    expect(validateKubernetesObjects(modelGatewayObjects(gateway))).toEqual([]);
  });
});

test('GIVEN a name served twice without a split, weights not summing to 100 or arms in two namespaces THEN every problem is listed', () => {
  const bad = () => modelGateway({
    ...PROPS,
    models: [model('chat-v1', NAME), model('chat-v2', NAME, 'other'), model('chat-v3', NAME)],
    trafficSplits: [{ name: 'chat-ab', modelName: NAME, backends: [{ model: 'chat-v1', weight: 60 }, { model: 'chat-v2', weight: 30 }] }],
    tenants: [],
  });
  expect(bad).toThrow(InputValidationError);
  expect(bad).toThrow(/models\[2\][\s\S]*also served by[\s\S]*different namespaces[\s\S]*60 \+ 30[\s\S]*not 100/);
});
