/**
 * The container contract (`runtime.engine: 'custom'` and `'bentoml'` on EKS) on its own: the spec's contract is
 * checked with field, value and fix; the objects probe the contract's paths on its port, scrape its metrics path,
 * scale on its metric (BentoML's in-flight gauge by default), hand the model over in MODEL_DIR and the API key in
 * API_KEY only to a service that declares the bearer check, and refuse floating images.
 */
import { buildContainerObjects } from '../../../lib/kubernetes/runtimes/container/objects';
import { MODEL_PATH } from '../../../lib/kubernetes/runtimes/container/workload';
import type { ModelServerObjectsOptions } from '../../../lib/kubernetes/runtimes/model-server-options';
import { buildServingObjects, kubernetesRuntimeEngines } from '../../../lib/kubernetes/runtimes/registry';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { InputValidationError } from '../../../lib/errors';
import { planDeployment } from '../../../lib/plan/deployment-plan';
import { isPinnedImage, resolveContainerContract } from '../../../lib/spec/container-contract';
import { resolveDeploymentSpec } from '../../../lib/spec/resolve';
import { runtimesServedBy } from '../../../lib/spec/targets';
import type { ContainerContractSpec, RuntimeEngine } from '../../../lib/spec/types';
import { schemaErrors } from '../schema-helpers';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1.4.2';
const FASTAPI: ContainerContractSpec = { port: 8080, healthPath: '/healthz', readinessPath: '/readyz', metricsPath: '/metrics', env: { LOG_LEVEL: 'info' }, checksBearerApiKey: true };

function specInput(engine: RuntimeEngine, runtime: Record<string, unknown>) {
  return {
    name: 'scorer',
    model: { id: 'fraud-xgb', task: 'tabular' },
    runtime: { engine, ...runtime },
    target: { kind: 'eks', instanceType: 'g6.xlarge' },
    traffic: { requestsPerSecond: 40 },
    scaling: { minReplicas: 1, maxReplicas: 3 },
  };
}

function options(engine: RuntimeEngine, contract: ContainerContractSpec | undefined, overrides: Partial<ModelServerObjectsOptions> = {}): ModelServerObjectsOptions {
  const spec = resolveDeploymentSpec(specInput(engine, { image: IMAGE, container: contract ?? { checksBearerApiKey: true } }));
  return {
    name: 'scorer',
    runtime: engine,
    namespace: 'fraud',
    plan: planDeployment(spec).modelServer!,
    modelSource: { bucketName: 'models-bucket', prefix: 'models/fraud-xgb/' },
    serviceAccountName: `scorer-${engine}`,
    apiKeySecret: { secretName: 'scorer-api-key', key: 'api-key', fromSecretsManager: { secretId: 'aimd/scorer/api-key', region: 'us-east-1' } },
    capacity: 'karpenter',
    autoscaling: { minReplicas: 1, maxReplicas: 3, scaleToZero: false, engine: 'keda' },
    monitoring: { prometheusRules: true, dashboard: false },
    container: resolveContainerContract(engine, IMAGE, spec.runtime.container),
    ...overrides,
  };
}

const find = (objects: readonly KubeObject[], kind: string) => objects.find((o) => o.kind === kind) as Record<string, any>;
function problemsOf(input: unknown): Array<{ field: string; message: string; fix: string }> {
  try {
    resolveDeploymentSpec(input);
  } catch (e) {
    if (e instanceof InputValidationError) return e.problems.map((p) => ({ field: p.field, message: p.message, fix: p.fix }));
    throw e;
  }
  return [];
}

describe('custom container contract (FastAPI-style service)', () => {
  const objects = buildContainerObjects(options('custom', FASTAPI));
  const pod = find(objects, 'Deployment').spec.template.spec;
  const service = pod.containers[0];

  test('the registry renders custom and bentoml with the contract builder, and specs may ask for them on EKS', () => {
    expect(buildServingObjects(options('custom', FASTAPI))).toEqual(objects);
    expect(kubernetesRuntimeEngines()).toEqual(expect.arrayContaining(['custom', 'bentoml']));
    expect(runtimesServedBy('eks')).toEqual(expect.arrayContaining(['custom', 'bentoml']));
    expect(schemaErrors(objects)).toBe('');
  });

  test('probes the contract\'s health and readiness paths on its port, which the Service exposes', () => {
    expect(service.image).toBe(IMAGE);
    expect(service.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(service.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(service.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(service.startupProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(find(objects, 'Service').spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
    expect(service.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  test('hands over the model in MODEL_DIR (synced from S3 by the init container), the API key in API_KEY, and the contract\'s env', () => {
    expect(service.env).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'MODEL_DIR', value: MODEL_PATH },
      { name: 'HOME', value: '/home/app' },
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'scorer-api-key', key: 'api-key' } } },
    ]);
    expect(service.volumeMounts).toContainEqual({ name: 'model', mountPath: MODEL_PATH, readOnly: true });
    const sync = pod.initContainers[0];
    expect(sync.env).toContainEqual({ name: 'MODEL_S3_URI', value: 's3://models-bucket/models/fraud-xgb/' });
    expect(sync.volumeMounts).toContainEqual({ name: 'model', mountPath: MODEL_PATH });
    expect(pod.serviceAccountName).toBe('scorer-custom');
  });

  test('scrapes the metrics path and scales on the request rate of http_requests_total by default', () => {
    expect(find(objects, 'ServiceMonitor').spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '15s' }]);
    const trigger = find(objects, 'ScaledObject').spec.triggers[0];
    expect(trigger.metadata.query).toBe('(sum(rate(http_requests_total{namespace="fraud",service="scorer"}[1m]))) or vector(0)');
    expect(trigger.metadata.threshold).toBe('20');
  });

  test('a contract names its own metric and threshold', () => {
    const own = buildContainerObjects(options('custom', { ...FASTAPI, scaleMetric: 'sum(my_queue_depth$SELECTOR)', scaleThreshold: 8 }));
    expect(find(own, 'ScaledObject').spec.triggers[0].metadata).toMatchObject({ query: '(sum(my_queue_depth{namespace="fraud",service="scorer"})) or vector(0)', threshold: '8' });
  });

  test('lets traffic reach only the contract port, from Prometheus, its namespace and the exposure', () => {
    const own = find(objects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'scorer'), 'NetworkPolicy');
    expect(own.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });

  test('a service that does not declare the bearer check gets no API key and is refused when a key is configured', () => {
    const unchecked = { ...options('custom', FASTAPI).container!, checksBearerApiKey: false };
    expect(() => buildContainerObjects(options('custom', FASTAPI, { container: unchecked }))).toThrow(/checksBearerApiKey/);
  });
});

describe('BentoML defaults', () => {
  const objects = buildContainerObjects(options('bentoml', undefined));
  const service = find(objects, 'Deployment').spec.template.spec.containers[0];

  test('port 3000, /livez for liveness, /readyz for readiness, /metrics scraped', () => {
    expect(service.ports[0].containerPort).toBe(3000);
    expect(service.livenessProbe.httpGet.path).toBe('/livez');
    expect(service.readinessProbe.httpGet.path).toBe('/readyz');
    expect(find(objects, 'ServiceMonitor').spec.endpoints[0].path).toBe('/metrics');
    expect(schemaErrors(objects)).toBe('');
  });

  test('scales on bentoml_service_request_in_progress, 4 in flight per replica', () => {
    const trigger = find(objects, 'ScaledObject').spec.triggers[0];
    expect(trigger.metadata.query).toBe('(sum(bentoml_service_request_in_progress{namespace="fraud",service="scorer"})) or vector(0)');
    expect(trigger.metadata.threshold).toBe('4');
  });
});

describe('the spec refuses what the contract cannot run', () => {
  test('floating images: latest, no tag at all', () => {
    expect(isPinnedImage(IMAGE)).toBe(true);
    expect(isPinnedImage(`registry.example.com:5000/scorer@sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(isPinnedImage('registry.example.com/scorer:latest')).toBe(false);
    expect(isPinnedImage('registry.example.com:5000/scorer')).toBe(false);
    for (const image of ['registry.example.com/scorer:latest', 'registry.example.com/scorer']) {
      expect(problemsOf(specInput('bentoml', { image, container: { checksBearerApiKey: true } }))).toEqual([
        expect.objectContaining({ field: 'runtime.image', message: expect.stringMatching(/pinned/), fix: expect.stringMatching(/sha256/) }),
      ]);
    }
  });

  test('a missing image, and a custom engine without its contract', () => {
    const fields = problemsOf(specInput('custom', {})).map((p) => p.field);
    expect(fields).toEqual(['runtime.image', 'runtime.container']);
  });

  test('a bento that does not declare the bearer check, a reserved env name, a relative path, a metric without $SELECTOR', () => {
    expect(problemsOf(specInput('bentoml', { image: IMAGE })).map((p) => p.field)).toEqual(['runtime.container.checksBearerApiKey']);
    const problems = problemsOf(specInput('custom', { image: IMAGE, container: { ...FASTAPI, healthPath: 'healthz', env: { MODEL_DIR: '/x' }, scaleMetric: 'sum(x)' } }));
    expect(problems.map((p) => p.field)).toEqual(['runtime.container.healthPath', 'runtime.container.env.MODEL_DIR', 'runtime.container.scaleMetric']);
    expect(problems.every((p) => p.fix.length > 0)).toBe(true);
  });

  test('runtime.container on another engine', () => {
    expect(problemsOf({ ...specInput('triton', {}), runtime: { engine: 'triton', container: { port: 8080 } } }).map((p) => p.field)).toEqual(['runtime.container']);
  });
});
