/**
 * The Seldon Core v2 builder on its own: from a model-server plan it renders a SeldonRuntime, a `Server` of the Triton
 * server type sized by the plan, and a `Model` loaded on it from the model bucket; every custom resource passes the
 * CRD schema of the pinned release (v2.10.2), Prometheus scrapes the agent's real metrics port, and exposure is refused
 * because Seldon's envoy authenticates no caller. The registry routes `runtime.engine: 'seldon'` to it; the
 * `seldon-core` operator installs the pinned charts.
 */
import { operatorComponents } from '../../../lib/eks/operators';
import type { ModelServerObjectsOptions } from '../../../lib/kubernetes/runtimes/model-server-options';
import { buildServingObjects, kubernetesRuntimeEngines, servingOperators } from '../../../lib/kubernetes/runtimes/registry';
import { buildSeldonObjects } from '../../../lib/kubernetes/runtimes/seldon/objects';
import { seldonPipeline } from '../../../lib/kubernetes/runtimes/seldon/pipeline';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { planDeployment } from '../../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../../lib/spec/resolve';
import { runtimesServedBy } from '../../../lib/spec/targets';
import { schemaErrors } from '../schema-helpers';

const plan = planDeployment(resolveDeploymentSpec({
  name: 'fraud',
  model: { id: 'fraud-onnx', task: 'classification' },
  runtime: { engine: 'seldon' },
  target: { kind: 'eks', instanceType: 'g6.xlarge' },
  traffic: { requestsPerSecond: 50, p95LatencyMs: 200 },
  scaling: { minReplicas: 1, maxReplicas: 3 },
})).modelServer!;

function options(overrides: Partial<ModelServerObjectsOptions> = {}): ModelServerObjectsOptions {
  return {
    name: 'fraud',
    runtime: 'seldon',
    namespace: 'risk',
    plan,
    modelSource: { bucketName: 'models-bucket', prefix: 'models/fraud-onnx/' },
    serviceAccountName: 'fraud-seldon',
    apiKeySecret: { secretName: 'fraud-api-key', key: 'api-key', fromSecretsManager: { secretId: 'aimd/fraud/api-key', region: 'us-east-1' } },
    capacity: 'karpenter',
    autoscaling: { minReplicas: 1, maxReplicas: 3, scaleToZero: false, engine: 'keda' },
    monitoring: { prometheusRules: true, dashboard: false },
    ...overrides,
  };
}

const find = (objects: readonly KubeObject[], kind: string) => objects.find((o) => o.kind === kind) as Record<string, any>;

describe('Seldon Core v2 on Kubernetes', () => {
  const objects = buildSeldonObjects(options());
  const server = find(objects, 'Server');
  const model = find(objects, 'Model');

  test('is planned as a classic model server, registered for runtime.engine seldon on EKS, and needs the seldon-core operator', () => {
    expect(plan).toMatchObject({ kind: 'model-server', engine: 'seldon', instanceType: 'g6.xlarge', gpusPerPod: 1 });
    expect(buildServingObjects(options())).toEqual(objects);
    expect(kubernetesRuntimeEngines()).toContain('seldon');
    expect(runtimesServedBy('eks')).toContain('seldon');
    expect(servingOperators(options())).toEqual(['seldon-core']);
  });

  test('renders namespace, identity, storage config, runtime, Server, Model, policies, monitor and alerts, in apply order', () => {
    expect(objects.map((o) => o.kind)).toEqual([
      'Namespace', 'ServiceAccount', 'RoleBinding', 'Secret', 'SeldonRuntime', 'Server', 'Model',
      'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'PodMonitor', 'PrometheusRule',
    ]);
  });

  test('every object passes its schema (the Seldon CRs against the v2.10.2 CRDs)', () => {
    expect(schemaErrors(objects)).toBe('');
  });

  test('a Model missing its required storageUri, or a Server with an unknown field, fails the CRD schema', () => {
    const { storageUri: _dropped, ...spec } = model.spec;
    const broken = [{ ...model, spec }, { ...server, spec: { ...server.spec, replica: 2 } }] as unknown as KubeObject[];
    const errors = schemaErrors(broken);
    expect(errors).toMatch(/Model.*storageUri/);
    expect(errors).toMatch(/Server.*replica/);
  });

  test('the Server is of the triton type, with replica bounds from the spec and the plan\'s GPU, CPU and memory on its container', () => {
    expect(server.spec).toMatchObject({ serverConfig: 'triton', replicas: 1, minReplicas: 1, maxReplicas: 3 });
    const pod = server.spec.podSpec;
    expect(pod.serviceAccountName).toBe('fraud-seldon');
    const restricted = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    expect(pod.containers).toEqual([
      {
        name: 'triton',
        securityContext: restricted,
        resources: {
          requests: { cpu: String(plan.cpuRequest), memory: `${plan.memoryRequestGiB}Gi`, 'nvidia.com/gpu': '1' },
          limits: { memory: `${plan.memoryLimitGiB}Gi`, 'nvidia.com/gpu': '1' },
        },
      },
      { name: 'rclone', securityContext: restricted },
      { name: 'agent', securityContext: restricted },
    ]);
  });

  test('the Server pods run as our service account, bound to the agent-role Seldon creates so the agent can read its rclone Secret', () => {
    expect(find(objects, 'RoleBinding')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'agent-role' },
      subjects: [{ kind: 'ServiceAccount', name: 'fraud-seldon', namespace: 'risk' }],
    });
  });

  test('the Model loads from the model bucket on this Server, needs onnx, and scales between the spec bounds', () => {
    expect(model.spec).toEqual({
      storageUri: 's3://models-bucket/models/fraud-onnx/',
      requirements: ['onnx'],
      server: 'fraud',
      secretName: 'fraud-rclone-s3',
      replicas: 1,
      minReplicas: 1,
      maxReplicas: 3,
    });
  });

  test('rclone reaches S3 with the pod\'s own AWS credentials (env_auth), so no key is written anywhere', () => {
    const secret = find(objects, 'Secret');
    expect(secret.stringData.s3).toContain('env_auth: true');
    expect(secret.stringData.s3).not.toMatch(/access_key_id|secret_access_key/);
    expect(find(objects, 'SeldonRuntime').spec.config.agentConfig.rclone.config_secrets).toEqual(['fraud-rclone-s3']);
  });

  test('Prometheus scrapes the agent\'s metrics port of the Server pods, selected by Seldon\'s seldon-server-name label', () => {
    const monitor = find(objects, 'PodMonitor');
    expect(monitor.spec).toEqual({ selector: { matchLabels: { 'seldon-server-name': 'fraud' } }, podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '15s' }] });
    const serverPolicy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'fraud') as Record<string, any>;
    expect(serverPolicy.spec.podSelector).toEqual({ matchLabels: { 'seldon-server-name': 'fraud' } });
    expect(serverPolicy.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 9006 }]);
  });

  test('refuses exposure (Seldon\'s envoy authenticates no caller), scale to zero and inverted replica bounds, all at once', () => {
    const build = () => buildSeldonObjects(options({
      exposure: { kind: 'alb-ingress' } as ModelServerObjectsOptions['exposure'],
      autoscaling: { minReplicas: 2, maxReplicas: 1, scaleToZero: true, engine: 'keda' },
    }));
    expect(build).toThrow(/exposure.*does not authenticate callers/s);
    expect(build).toThrow(/autoscaling.scaleToZero/);
    expect(build).toThrow(/autoscaling.maxReplicas \(1\)/);
  });

  test('the seldon-core operator installs the pinned v2.10.2 CRD and setup charts, cluster-wide, with model autoscaling on', () => {
    const [crds, setup] = operatorComponents(['seldon-core'], 'c', ['Karpenter']);
    expect(crds).toMatchObject({ chart: 'seldon-core-v2-crds', version: '2.10.2', repository: 'https://seldonio.github.io/helm-charts', dependsOn: ['Karpenter'] });
    expect(setup).toMatchObject({ chart: 'seldon-core-v2-setup', version: '2.10.2', namespace: 'seldon-mesh', dependsOn: ['Karpenter', 'SeldonCoreCrds'] });
    expect(setup.values).toEqual({ controller: { clusterwide: true }, autoscaling: { autoscalingModelEnabled: true } });
  });
});

describe('a two-step Seldon Pipeline (built, not yet deployed: it needs Kafka)', () => {
  const pipeline = seldonPipeline('fraud-graph', 'risk', { first: 'features', second: 'fraud', tensorMap: { 'features.outputs.OUTPUT0': 'INPUT0' } }) as Record<string, any>;

  test('feeds the first Model\'s outputs to the second and answers with the second\'s', () => {
    expect(pipeline.spec).toEqual({
      steps: [{ name: 'features' }, { name: 'fraud', inputs: ['features'], tensorMap: { 'features.outputs.OUTPUT0': 'INPUT0' } }],
      output: { steps: ['fraud'] },
    });
  });

  test('passes the v2.10.2 Pipeline schema, and a step without its required name fails it', () => {
    expect(schemaErrors([pipeline as KubeObject])).toBe('');
    const broken = { ...pipeline, spec: { ...pipeline.spec, steps: [{ inputs: ['features'] }] } } as unknown as KubeObject;
    expect(schemaErrors([broken])).toMatch(/Pipeline.*name/);
  });

  test('refuses a graph whose two steps are the same Model', () => {
    expect(() => seldonPipeline('loop', 'risk', { first: 'fraud', second: 'fraud' })).toThrow(/same Model 'fraud'/);
  });
});
