/**
 * The TensorFlow Serving builder on its own: the SavedModel synced from the model bucket, `models.config` with its
 * version policy, Prometheus through `--monitoring_config_file`, batching from the plan, the model status endpoint
 * as health check, every call through a key-checking proxy (TF Serving authenticates nobody), KEDA on its request
 * count. The registry routes `runtime.engine: 'tensorflow-serving'` to it.
 */
import { buildServingObjects } from '../../../lib/kubernetes/runtimes/registry';
import type { ModelServerObjectsOptions } from '../../../lib/kubernetes/runtimes/model-server-options';
import { tfServingModelsConfig } from '../../../lib/kubernetes/runtimes/tensorflow-serving/config';
import { buildTfServingObjects } from '../../../lib/kubernetes/runtimes/tensorflow-serving/objects';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { planDeployment } from '../../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../../lib/spec/resolve';
import { runtimesServedBy } from '../../../lib/spec/targets';
import { schemaErrors } from '../schema-helpers';

const plan = planDeployment(resolveDeploymentSpec({
  name: 'fraud',
  model: { id: 'fraud-savedmodel', task: 'tabular' },
  runtime: { engine: 'tensorflow-serving' },
  target: { kind: 'eks', instanceType: 'g6.xlarge' },
  traffic: { requestsPerSecond: 200, p95LatencyMs: 100 },
  scaling: { minReplicas: 1, maxReplicas: 3 },
}));

const options: ModelServerObjectsOptions = {
  name: 'fraud',
  runtime: 'tensorflow-serving',
  namespace: 'risk',
  plan: plan.modelServer!,
  modelSource: { bucketName: 'models-bucket', prefix: 'models/fraud-savedmodel/' },
  serviceAccountName: 'fraud-tfserving',
  apiKeySecret: { secretName: 'fraud-api-key', key: 'api-key', fromSecretsManager: { secretId: 'aimd/fraud/api-key', region: 'us-east-1' } },
  capacity: 'karpenter',
  autoscaling: { minReplicas: 1, maxReplicas: 3, scaleToZero: false, engine: 'keda' },
  monitoring: { prometheusRules: false, dashboard: false },
};

const find = (objects: readonly KubeObject[], kind: string, name?: string) =>
  objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name)) as Record<string, any>;

describe('TensorFlow Serving on Kubernetes', () => {
  const objects = buildTfServingObjects(options);
  const pod = find(objects, 'Deployment').spec.template.spec;
  const [server, proxy] = pod.containers;
  const files = find(objects, 'ConfigMap', 'fraud-tfserving-config').data as Record<string, string>;

  test('the registry renders runtime.engine tensorflow-serving, planned as a model server on EKS', () => {
    expect(buildServingObjects(options)).toEqual(objects);
    expect(runtimesServedBy('eks')).toContain('tensorflow-serving');
    expect(plan.modelServer).toMatchObject({ kind: 'model-server', engine: 'tensorflow-serving', instanceType: 'g6.xlarge' });
  });

  test('every object passes its schema', () => {
    expect(schemaErrors(objects)).toBe('');
  });

  test('runs the pinned image with gRPC 8500, REST 8501, the generated model, monitoring and batching files', () => {
    expect(server.image).toBe('tensorflow/serving:2.18.0-gpu');
    expect(server.args).toEqual([
      '--port=8500', '--rest_api_port=8501', '--model_config_file=/etc/tfserving/models.config',
      '--monitoring_config_file=/etc/tfserving/monitoring.config', '--enable_batching=true', '--batching_parameters_file=/etc/tfserving/batching.config',
    ]);
  });

  test('models.config serves the newest SavedModel version; other version policies render as TF Serving reads them', () => {
    expect(files['models.config']).toContain('name: "fraud-savedmodel"');
    expect(files['models.config']).toContain('base_path: "/models/fraud-savedmodel"');
    expect(files['models.config']).toContain('model_version_policy { latest { num_versions: 1 } }');
    expect(tfServingModelsConfig('m', { specific: [3, 4] })).toContain('model_version_policy { specific { versions: 3 versions: 4 } }');
  });

  test('Prometheus metrics enabled at /monitoring/prometheus/metrics, scraped through the proxy port', () => {
    expect(files['monitoring.config']).toBe('prometheus_config {\n  enable: true\n  path: "/monitoring/prometheus/metrics"\n}\n');
    expect(find(objects, 'ServiceMonitor').spec.endpoints).toEqual([{ port: 'http', path: '/monitoring/prometheus/metrics', interval: '15s' }]);
  });

  test('batching from the plan: 200 req/s at 100 ms p95 → batches of up to 16, 10 ms timeout', () => {
    expect(files['batching.config']).toContain('max_batch_size { value: 16 }');
    expect(files['batching.config']).toContain('batch_timeout_micros { value: 10000 }');
    expect(files['batching.config']).toMatch(/allowed_batch_sizes: 16\n$/);
  });

  test('health: the model status endpoint /v1/models/<name> through the proxy, which passes it without a key', () => {
    for (const probe of [server.startupProbe, server.readinessProbe, server.livenessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/v1/models/fraud-savedmodel', port: 8000 });
    }
    const template = find(objects, 'ConfigMap', 'fraud-auth-proxy').data['default.conf.template'] as string;
    expect(template).toContain('location = /v1/models/fraud-savedmodel { proxy_pass http://127.0.0.1:8501; }');
    expect(template).toContain('if ($http_authorization != "Bearer ${API_KEY}") { return 401; }');
  });

  test('the key comes from the synced Secret; the Service and NetworkPolicies open only the proxy port', () => {
    expect(proxy.env).toContainEqual({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'fraud-api-key', key: 'api-key' } } });
    expect(find(objects, 'Service').spec.ports.map((p: any) => p.port)).toEqual([8000]);
    const policyPorts = objects.filter((o) => o.kind === 'NetworkPolicy').flatMap((o: any) => (o.spec.ingress ?? []).flatMap((r: any) => r.ports.map((p: any) => p.port)));
    expect(new Set(policyPorts)).toEqual(new Set([8000]));
  });

  test('KEDA scales on :tensorflow:serving:request_count per replica, at the rate one replica was planned for', () => {
    const trigger = find(objects, 'ScaledObject').spec.triggers[0];
    expect(trigger.metadata.query).toBe('sum(rate(:tensorflow:serving:request_count{namespace="risk",service="fraud",model_name="fraud-savedmodel"}[1m])) or vector(0)');
    expect(trigger.metricType).toBe('AverageValue');
    expect(trigger.metadata.threshold).toBe('200');
  });

  test('syncs the SavedModel versions into /models/<name> with the pod role; runs restricted and drains', () => {
    const sync = pod.initContainers[0];
    expect(sync.env).toContainEqual({ name: 'MODEL_S3_URI', value: 's3://models-bucket/models/fraud-savedmodel/' });
    for (const c of pod.containers) {
      expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(c.lifecycle.preStop).toEqual({ sleep: { seconds: 10 } });
    }
    expect(pod.terminationGracePeriodSeconds).toBe(80);
    expect(find(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });

  test('refuses to deploy without the API key its proxy checks', () => {
    expect(() => buildTfServingObjects({ ...options, apiKeySecret: undefined })).toThrow(/apiKeySecret/);
  });
});
