/**
 * A/B splits at the gateway: one `model` name answered by two deployments by weight, each arm read on its own
 * vLLM series.
 */
import { InputValidationError } from '../../../lib/errors';
import {
  AB_ARM_SERIES, type GatewayModel, type ModelGatewayProps, MODEL_NAME_HEADER, modelGateway, modelGatewayObjects, TENANT_HEADER, trafficSplitDashboard, trafficSplitQueries,
} from '../../../lib/kubernetes/gateway';
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

type Route = { metadata: { name: string; namespace: string }; spec: { rules: { matches: { headers: { name: string; value: string }[] }[]; backendRefs: { kind: string; name: string; port?: number; weight?: number }[] }[] } };
type Rule = { kind: string; metadata: { name: string; namespace: string; labels: Record<string, string> }; spec: { groups: { rules: { record?: string; alert?: string; expr: string; labels: Record<string, string> }[] }[] } };
const gateway = modelGateway(PROPS);

describe('GIVEN one model name served by two deployments and split 90/10', () => {
  const route = gateway.trafficSplits[0] as unknown as Route;

  test('THEN one HTTPRoute rule sends the name to both deployments\' Services with their weights (the pinned AI Gateway takes one InferencePool per rule)', () => {
    expect(route.metadata).toMatchObject({ name: 'chat-ab-split', namespace: 'chat' });
    expect(route.spec.rules).toHaveLength(1);
    expect(route.spec.rules[0]!.backendRefs.map((b) => [b.kind, b.name, b.port, b.weight])).toEqual([['Service', 'chat-v1', 8000, 90], ['Service', 'chat-v2', 8000, 10]]);
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

  test('THEN the split name keeps the per-tenant limit the arms\' own routes have (the lowest of tenant and arms)', () => {
    type Policy = { spec: { targetRefs: { name: string }[]; rateLimit: { local: { rules: { clientSelectors: { headers: { value: string }[] }[]; limit: { requests: number } }[] } } } };
    const policy = gateway.splits[0]!.objects[1] as unknown as Policy;
    expect(policy.spec.targetRefs[0]!.name).toBe('chat-ab-split');
    expect(policy.spec.rateLimit.local.rules.map((r) => [r.clientSelectors[0]!.headers[0]!.value, r.limit.requests])).toEqual([['acme', 600]]);
  });

  test('THEN with backendKind InferencePool (for a gateway that passes GatewayWeightedAcrossTwoInferencePools) each arm keeps its pool and picker', () => {
    const pools = modelGateway({ ...PROPS, trafficSplits: [{ ...PROPS.trafficSplits![0]!, backendKind: 'InferencePool' }] }).trafficSplits[0] as unknown as Route;
    expect(pools.spec.rules[0]!.backendRefs.map((b) => [b.kind, b.name, b.weight])).toEqual([['InferencePool', 'chat-v1-pool', 90], ['InferencePool', 'chat-v2-pool', 10]]);
  });

  test('THEN a PrometheusRule records each arm under one series per metric (split, arm, weight labels) and alerts per arm like the vLLM alerts', () => {
    const [split] = gateway.splits;
    expect(split!.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['HTTPRoute/chat-ab-split', 'BackendTrafficPolicy/chat-ab-split-rate-limit', 'PrometheusRule/chat-ab-ab', 'ConfigMap/chat-ab-ab-dashboard']);
    const rule = split!.objects[2] as unknown as Rule;
    expect(rule.metadata).toMatchObject({ namespace: 'chat', labels: { release: 'kube-prometheus-stack' } });
    const rules = rule.spec.groups[0]!.rules;
    const [control] = trafficSplitQueries(PROPS.trafficSplits![0]!, PROPS);
    expect(rules.find((r) => r.record === AB_ARM_SERIES.requestsPerSecond && r.labels.arm === 'chat-v1')).toEqual({ record: AB_ARM_SERIES.requestsPerSecond, expr: control!.requestsPerSecond, labels: { split: 'chat-ab', arm: 'chat-v1', weight: '90' } });
    expect(rules.filter((r) => r.record !== undefined)).toHaveLength(8);
    // Alertmanager groups by alertname, namespace and service and sends every alert to the cluster's SNS topic.
    expect(rules.filter((r) => r.alert !== undefined).map((r) => [r.alert, r.labels.service, r.labels.namespace])).toEqual([
      ['AbArmErrorRatioHigh', 'chat-v1', 'chat'], ['AbArmReceivesNoTraffic', 'chat-v1', 'chat'], ['AbArmErrorRatioHigh', 'chat-v2', 'chat'], ['AbArmReceivesNoTraffic', 'chat-v2', 'chat'],
    ]);
    expect(rules.find((r) => r.alert === 'AbArmErrorRatioHigh')!.expr).toBe('aimd:ab_arm_error_ratio{split="chat-ab",arm="chat-v1"} > 0.01');
  });

  test('THEN the dashboard plots every recorded series with one line per arm', () => {
    const dashboard = trafficSplitDashboard(PROPS.trafficSplits![0]!) as { panels: { title: string; targets: { expr: string; legendFormat: string }[] }[] };
    expect(dashboard.panels.map((p) => p.targets[0]!.expr)).toEqual(Object.values(AB_ARM_SERIES).map((series) => `${series}{split="$split"}`));
    expect(dashboard.panels[0]!.targets[0]!.legendFormat).toBe('{{arm}} ({{weight}} %)');
  });

  test('THEN every object, the weighted route and its monitoring included, is valid against its pinned CRD schema', () => {
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
