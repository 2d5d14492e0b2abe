/**
 * Alerts of the classic model servers: each runtime's PrometheusRule names that runtime's real metrics (error ratio,
 * latency against the plan's objective, saturation), carries the labels Alertmanager groups and routes the vLLM
 * alerts by, and passes the prometheus-operator CRD schema. Pure builders, one build per runtime.
 */
import type { ModelServerObjectsOptions } from '../../../lib/kubernetes/runtimes/model-server-options';
import { buildServingObjects } from '../../../lib/kubernetes/runtimes/registry';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { planDeployment } from '../../../lib/plan/deployment-plan';
import { resolveContainerContract } from '../../../lib/spec/container-contract';
import { resolveDeploymentSpec } from '../../../lib/spec/resolve';
import type { RuntimeEngine } from '../../../lib/spec/types';
import { schemaErrors } from '../schema-helpers';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1.4.2';
const CONTRACT_RUNTIMES: readonly RuntimeEngine[] = ['bentoml', 'custom'];

function options(engine: RuntimeEngine, overrides: Partial<ModelServerObjectsOptions> = {}): ModelServerObjectsOptions {
  const contract = CONTRACT_RUNTIMES.includes(engine);
  const spec = resolveDeploymentSpec({
    name: 'scorer',
    model: { id: 'fraud-model', task: 'classification' },
    runtime: { engine, ...(contract && { image: IMAGE, container: { port: 8080, healthPath: '/healthz', checksBearerApiKey: true } }) },
    target: { kind: 'eks', instanceType: 'g6.xlarge' },
    traffic: { requestsPerSecond: 50, p95LatencyMs: 150 },
    scaling: { minReplicas: 1, maxReplicas: 3 },
  });
  return {
    name: 'scorer',
    runtime: engine,
    namespace: 'risk',
    plan: planDeployment(spec).modelServer!,
    modelSource: { bucketName: 'models-bucket', prefix: 'models/scorer/' },
    serviceAccountName: `scorer-${engine}`,
    apiKeySecret: { secretName: 'scorer-api-key', key: 'api-key', fromSecretsManager: { secretId: 'aimd/scorer/api-key', region: 'us-east-1' } },
    capacity: 'karpenter',
    autoscaling: { minReplicas: 1, maxReplicas: 3, scaleToZero: false, engine: 'keda' },
    monitoring: { prometheusRules: true, dashboard: false },
    ...(contract && { container: resolveContainerContract(engine, IMAGE, spec.runtime.container) }),
    ...overrides,
  };
}

const ruleOf = (objects: readonly KubeObject[]) => objects.find((o) => o.kind === 'PrometheusRule') as Record<string, any> | undefined;
const alertsOf = (rule: Record<string, any>): Array<Record<string, any>> => rule.spec.groups.flatMap((g: any) => g.rules);

/** Per runtime: alert name -> the metric its expression must name (the runtime's own, from its docs or code). */
const EXPECTED: Record<string, Record<string, string>> = {
  torchserve: { TorchServeServerErrors: 'Requests5XX', TorchServeInferenceLatencyHigh: 'ts_inference_latency_microseconds', TorchServeQueueBacklog: 'ts_queue_latency_microseconds' },
  'tensorflow-serving': { TfServingRequestFailures: ':tensorflow:serving:request_count', TfServingRequestLatencyP95High: ':tensorflow:serving:request_latency_bucket', TfServingAtMaximumScale: ':tensorflow:serving:request_count' },
  bentoml: { BentoMlServerErrors: 'bentoml_service_request_total', BentoMlRequestLatencyP95High: 'bentoml_service_request_duration_seconds_bucket', BentoMlAtMaximumScale: 'bentoml_service_request_in_progress' },
  custom: { CustomServerErrors: 'http_requests_total', CustomRequestLatencyP95High: 'http_request_duration_seconds_bucket', CustomAtMaximumScale: 'http_requests_total' },
  seldon: { SeldonInferenceFailures: 'seldon_model_infer_total', SeldonInferenceLatencyP95High: 'seldon_model_infer_api_seconds_bucket' },
};

const RULES = Object.fromEntries(Object.keys(EXPECTED).map((engine) => [engine, ruleOf(buildServingObjects(options(engine as RuntimeEngine)))!]));

describe.each(Object.keys(EXPECTED))('GIVEN runtime.engine %s with Prometheus rules', (engine) => {
  const rule = RULES[engine]!;

  test("THEN each alert's expression uses the runtime's real metric name, scoped to this deployment", () => {
    const exprs = Object.fromEntries(alertsOf(rule).map((a) => [a.alert, a.expr as string]));
    expect(Object.keys(exprs)).toEqual(Object.keys(EXPECTED[engine]!));
    for (const [alert, metric] of Object.entries(EXPECTED[engine]!)) {
      expect(exprs[alert]).toContain(metric);
      expect(exprs[alert]).toContain('namespace="risk"');
    }
  });

  test('THEN the latency alert compares with the spec objective and every alert carries the labels the vLLM alerts route by', () => {
    const latency = alertsOf(rule).find((a) => /Latency/.test(a.alert))!;
    expect(latency.expr).toMatch(/ > 150$/);
    for (const alert of alertsOf(rule)) expect(alert.labels).toEqual({ severity: expect.stringMatching(/^(warning|critical)$/), namespace: 'risk', service: 'scorer' });
    expect(rule.metadata.labels.release).toBe('kube-prometheus-stack');
  });
});

test('every runtime\'s PrometheusRule passes the prometheus-operator CRD schema (validated together: one schema compile)', () => {
  expect(schemaErrors(Object.values(RULES) as KubeObject[])).toBe('');
});

test('GIVEN monitoring.prometheusRules false THEN no PrometheusRule is rendered', () => {
  expect(ruleOf(buildServingObjects(options('torchserve', { monitoring: { prometheusRules: false, dashboard: false } })))).toBeUndefined();
});
