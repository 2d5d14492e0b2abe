/**
 * The TorchServe builder on its own: given a model-server plan planned from a spec, the pods serve TorchServe's real
 * health endpoint through a key-checking proxy, keep the management API off the network, load the archive synced
 * from the model bucket with a `config.properties` generated from the plan, scale on TorchServe's queue latency, run
 * restricted, and pass schema validation. The registry routes `runtime.engine: 'torchserve'` to it.
 */
import { authProxyConfig } from '../../../lib/kubernetes/runtimes/auth-proxy';
import { buildServingObjects, kubernetesRuntimeEngines } from '../../../lib/kubernetes/runtimes/registry';
import type { ModelServerObjectsOptions } from '../../../lib/kubernetes/runtimes/model-server-options';
import { buildTorchServeObjects } from '../../../lib/kubernetes/runtimes/torchserve/objects';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { planDeployment } from '../../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../../lib/spec/resolve';
import { runtimesServedBy } from '../../../lib/spec/targets';
import { schemaErrors } from '../schema-helpers';

function planFor(requestsPerSecond: number, p95LatencyMs: number) {
  return planDeployment(resolveDeploymentSpec({
    name: 'classifier',
    model: { id: 'resnet50-classifier', task: 'image' },
    runtime: { engine: 'torchserve' },
    target: { kind: 'eks', instanceType: 'g6.xlarge' },
    traffic: { requestsPerSecond, p95LatencyMs },
    scaling: { minReplicas: 1, maxReplicas: 3 },
  }));
}

function options(overrides: Partial<ModelServerObjectsOptions> = {}): ModelServerObjectsOptions {
  return {
    name: 'classifier',
    runtime: 'torchserve',
    namespace: 'vision',
    plan: planFor(200, 100).modelServer!,
    modelSource: { bucketName: 'models-bucket', prefix: 'archives/classifier/' },
    serviceAccountName: 'classifier-torchserve',
    apiKeySecret: { secretName: 'classifier-api-key', key: 'api-key', fromSecretsManager: { secretId: 'aimd/classifier/api-key', region: 'us-east-1' } },
    capacity: 'karpenter',
    autoscaling: { minReplicas: 1, maxReplicas: 3, scaleToZero: false, engine: 'keda' },
    monitoring: { prometheusRules: false, dashboard: false },
    ...overrides,
  };
}

const find = (objects: readonly KubeObject[], kind: string, name?: string) =>
  objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name)) as Record<string, any>;

function properties(objects: readonly KubeObject[]): Record<string, string> {
  const text = find(objects, 'ConfigMap', 'classifier-torchserve-config').data['config.properties'] as string;
  return Object.fromEntries(text.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

describe('TorchServe on Kubernetes', () => {
  const objects = buildTorchServeObjects(options());
  const pod = find(objects, 'Deployment').spec.template.spec;
  const [torchserve, proxy] = pod.containers;

  test('the registry renders runtime.engine torchserve with the TorchServe builder, planned as a model server on EKS', () => {
    expect(buildServingObjects(options())).toEqual(objects);
    expect(kubernetesRuntimeEngines()).toContain('torchserve');
    expect(runtimesServedBy('eks')).toContain('torchserve');
    expect(planFor(200, 100).modelServer).toMatchObject({ kind: 'model-server', engine: 'torchserve', instanceType: 'g6.xlarge', gpusPerPod: 1 });
  });

  test('every object passes its schema', () => {
    expect(schemaErrors(objects)).toBe('');
  });

  test('runs the pinned pytorch/torchserve GPU image in the foreground on the generated config', () => {
    expect(torchserve.image).toBe('pytorch/torchserve:0.12.0-gpu');
    expect(torchserve.args).toEqual(['--start', '--foreground', '--ncs', '--ts-config', '/etc/torchserve/config.properties', '--model-store', '/models/store']);
  });

  test('probes /ping (through the proxy, which lets it pass without a key) for start-up, readiness and liveness', () => {
    for (const probe of [torchserve.startupProbe, torchserve.readinessProbe, torchserve.livenessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/ping', port: 8000 });
    }
    expect(authProxyConfig({ name: 'x', metadata: { name: 'x' }, listenPort: 8000, upstreamPort: 8080, openPaths: ['/ping'], apiKeySecret: options().apiKeySecret! }))
      .toContain('location = /ping { proxy_pass http://127.0.0.1:8080; }');
  });

  test('config.properties: inference and management on 127.0.0.1, metrics on every interface in Prometheus mode, the archive loaded at start', () => {
    expect(properties(objects)).toMatchObject({
      inference_address: 'http://127.0.0.1:8080',
      management_address: 'http://127.0.0.1:8081',
      metrics_address: 'http://0.0.0.0:8082',
      metrics_mode: 'prometheus',
      model_store: '/models/store',
      load_models: 'resnet50-classifier=resnet50-classifier.mar',
      enable_model_api: 'false',
    });
  });

  test('config.properties from the plan: one worker per GPU, a job queue of four p95 windows of traffic, TorchServe\'s 100 at least', () => {
    expect(properties(objects)).toMatchObject({ number_of_gpu: '1', default_workers_per_model: '1', job_queue_size: '100' });
    const busy = buildTorchServeObjects(options({ plan: planFor(1000, 100).modelServer! }));
    expect(properties(busy).job_queue_size).toBe('400');
  });

  test('the management port 8081 is in no Service, no container port and no NetworkPolicy', () => {
    expect(find(objects, 'Service').spec.ports.map((p: any) => [p.name, p.port])).toEqual([['http', 8000], ['metrics', 8082]]);
    const containerPorts = pod.containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => p.containerPort));
    expect(containerPorts.sort()).toEqual([8000, 8082]);
    const policyPorts = objects.filter((o) => o.kind === 'NetworkPolicy').flatMap((o: any) => (o.spec.ingress ?? []).flatMap((r: any) => r.ports.map((p: any) => p.port)));
    expect(policyPorts).not.toContain(8081);
    expect(policyPorts).not.toContain(8080);
  });

  test('inference needs `Authorization: Bearer <key>`: the proxy reads the key from the synced Secret, never a literal', () => {
    expect(proxy.image).toBe('nginxinc/nginx-unprivileged:1.28.0-alpine');
    expect(proxy.env).toContainEqual({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'classifier-api-key', key: 'api-key' } } });
    const template = find(objects, 'ConfigMap', 'classifier-auth-proxy').data['default.conf.template'] as string;
    expect(template).toContain('if ($http_authorization != "Bearer ${API_KEY}") { return 401; }');
    expect(template).toContain('listen 8000;');
    expect(properties(objects).disable_token_authorization).toBe('true');
    expect(find(objects, 'ExternalSecret').spec.data[0].remoteRef.key).toBe('aimd/classifier/api-key');
  });

  test('KEDA scales on the mean wait in TorchServe\'s job queue (ts_queue_latency_microseconds), above twice the batch delay', () => {
    const trigger = find(objects, 'ScaledObject').spec.triggers[0];
    expect(trigger.metricType).toBe('Value');
    expect(trigger.metadata.query).toContain('rate(ts_queue_latency_microseconds{namespace="vision",service="classifier",model_name="resnet50-classifier"}[1m])');
    expect(trigger.metadata.query).toContain('ts_inference_requests_total');
    // 100 ms p95 → 10 ms batch delay (model-server plan) → 20 ms of queueing.
    expect(trigger.metadata.threshold).toBe('20000');
    expect(find(objects, 'ServiceMonitor').spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '15s' }]);
  });

  test('syncs the .mar archive from the model bucket with the pod role and fails the pod when it is missing', () => {
    const sync = pod.initContainers[0];
    expect(sync.env).toContainEqual({ name: 'MODEL_STORE_S3_URI', value: 's3://models-bucket/archives/classifier/' });
    expect(sync.env).toContainEqual({ name: 'MODEL_ARCHIVE', value: 'resnet50-classifier.mar' });
    expect(sync.command[2]).toContain('test -f "/models/store/$MODEL_ARCHIVE"');
  });

  test('runs restricted with a PDB, and drains: both containers pause before SIGTERM within the grace period', () => {
    for (const c of pod.containers) expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    for (const c of pod.containers) expect(c.lifecycle.preStop).toEqual({ sleep: { seconds: 10 } });
    expect(pod.terminationGracePeriodSeconds).toBe(80);
    expect(find(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(torchserve.resources.limits['nvidia.com/gpu']).toBe('1');
  });

  test('refuses what it cannot honour, every problem at once', () => {
    expect(() => buildTorchServeObjects(options({ apiKeySecret: undefined, autoscaling: { minReplicas: 0, maxReplicas: 0, scaleToZero: true, engine: 'hpa' as any } })))
      .toThrow(/apiKeySecret[\s\S]*autoscaling\.engine[\s\S]*scaleToZero[\s\S]*maxReplicas/);
  });
});
