/**
 * The Triton builder on its own: given a model-server plan planned from a spec, the objects carry Triton's real
 * health endpoints and ports, scale on Triton's pending-request metric, batch as the traffic asks, run restricted,
 * and pass schema validation. The registry routes `runtime.engine: 'triton'` to it.
 */
import { TRITON_EKS_REPOSITORY } from '../../../blueprints/eks/triton-eks';
import { buildServingObjects, kubernetesRuntimeEngines } from '../../../lib/kubernetes/runtimes/registry';
import { runtimesServedBy } from '../../../lib/spec/targets';
import type { ModelServerObjectsOptions } from '../../../lib/kubernetes/runtimes/model-server-options';
import { buildTritonObjects } from '../../../lib/kubernetes/runtimes/triton/objects';
import { readTritonConfig } from '../../../lib/kubernetes/runtimes/triton/pbtxt';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { planDeployment } from '../../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../../lib/spec/resolve';
import { blueprintForSpecFile } from '../../../blueprints/from-spec';
import { contextFor } from '../../../lib/synth/context';
import { gpuNodeDisk, maxGpuNodes } from '../../../lib/eks/sizing';
import { SINGLE_NODE, servingOptions } from '../fixtures';
import { schemaErrors } from '../schema-helpers';

function planFor(traffic: { requestsPerSecond: number; p95LatencyMs?: number }, instanceType?: string) {
  const spec = resolveDeploymentSpec({
    name: 'classifier',
    model: { id: 'resnet50-classifier', task: 'image' },
    runtime: { engine: 'triton' },
    target: { kind: 'eks', ...(instanceType && { instanceType }) },
    traffic,
    scaling: { minReplicas: 1, maxReplicas: 3 },
  });
  return planDeployment(spec);
}

function options(overrides: Partial<ModelServerObjectsOptions> = {}): ModelServerObjectsOptions {
  return {
    name: 'classifier',
    runtime: 'triton',
    namespace: 'vision',
    plan: planFor({ requestsPerSecond: 200, p95LatencyMs: 100 }).modelServer!,
    modelSource: { bucketName: 'models-bucket', prefix: 'repositories/classifier/' },
    serviceAccountName: 'classifier-triton',
    apiKeySecret: { secretName: 'classifier-api-key', key: 'api-key', fromSecretsManager: { secretId: 'aimd/classifier/api-key', region: 'us-east-1' } },
    capacity: 'karpenter',
    autoscaling: { minReplicas: 1, maxReplicas: 3, scaleToZero: false, engine: 'keda' },
    monitoring: { prometheusRules: true, dashboard: false },
    tritonRepository: TRITON_EKS_REPOSITORY,
    ...overrides,
  };
}

const find = (objects: readonly KubeObject[], kind: string) => objects.find((o) => o.kind === kind) as Record<string, any>;

describe('Triton on Kubernetes', () => {
  const objects = buildTritonObjects(options());
  const pod = find(objects, 'Deployment').spec.template.spec;
  const triton = pod.containers[0];

  test('the registry renders runtime.engine triton with the Triton builder, and specs may ask for it on EKS', () => {
    expect(buildServingObjects(options())).toEqual(objects);
    expect(kubernetesRuntimeEngines()).toContain('triton');
    expect(runtimesServedBy('eks')).toContain('triton');
  });

  test('every object passes its schema', () => {
    expect(schemaErrors(objects)).toBe('');
  });

  test("probes Triton's KServe v2 health endpoints: ready for start-up and readiness, live for liveness", () => {
    expect(triton.startupProbe.httpGet).toEqual({ path: '/v2/health/ready', port: 'http' });
    expect(triton.readinessProbe.httpGet).toEqual({ path: '/v2/health/ready', port: 'http' });
    expect(triton.livenessProbe.httpGet).toEqual({ path: '/v2/health/live', port: 'http' });
  });

  test('serves HTTP 8000, gRPC 8001 and metrics 8002; Prometheus scrapes /metrics on 8002', () => {
    expect(find(objects, 'Service').spec.ports.map((p: any) => [p.name, p.port])).toEqual([['http', 8000], ['grpc', 8001], ['metrics', 8002]]);
    expect(find(objects, 'ServiceMonitor').spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '15s' }]);
  });

  test('KEDA scales on nv_inference_pending_request_count, two full batches per replica', () => {
    const trigger = find(objects, 'ScaledObject').spec.triggers[0];
    expect(trigger.metadata.query).toBe('sum(nv_inference_pending_request_count{namespace="vision",service="classifier"}) or vector(0)');
    expect(trigger.metadata.threshold).toBe('32');
  });

  test('alerts on failed inferences and on the mean latency of the entrypoint against the p95 objective', () => {
    const rules = find(objects, 'PrometheusRule').spec.groups[0].rules as Array<Record<string, string>>;
    expect(rules.map((r) => r.alert)).toEqual(['TritonInferenceFailures', 'TritonRequestLatencyHigh', 'TritonQueueBacklog']);
    expect(rules[0].expr).toContain('nv_inference_request_failure');
    expect(rules[1].expr).toContain('nv_inference_request_duration_us{namespace="vision",service="classifier",model="classify"}');
    expect(rules[1].expr).toMatch(/> 100$/);
  });

  test('a Grafana dashboard ConfigMap for the sidecar when monitoring.dashboard is on, on the same Triton series', () => {
    const withDashboard = buildTritonObjects(options({ monitoring: { prometheusRules: true, dashboard: true } }));
    const dashboard = withDashboard.find((o) => o.metadata.name === 'classifier-dashboard') as Record<string, any>;
    expect(dashboard.metadata.labels.grafana_dashboard).toBe('1');
    const model = JSON.parse(dashboard.data['classifier-triton.json']);
    const queries = model.panels.flatMap((p: any) => p.targets.map((t: any) => t.expr)).join('\n');
    expect(queries).toContain('nv_inference_pending_request_count');
    expect(queries).toContain('nv_inference_queue_duration_us');
    expect(objects.some((o) => o.metadata.name === 'classifier-dashboard')).toBe(false);
    expect(schemaErrors([dashboard as KubeObject])).toBe('');
  });

  test('the generated configurations batch as the traffic asks: 200 req/s, 100 ms p95 → max 16, prefer 2 and 16, wait 10 ms', () => {
    const config = readTritonConfig(find(objects, 'ConfigMap').data['resnet50.config.pbtxt']);
    expect(config.maxBatchSize).toBe(16);
    expect(config.dynamicBatching).toEqual({ preferredBatchSizes: [2, 16], maxQueueDelayMicroseconds: 10000 });
  });

  test('lower traffic forms smaller batches', () => {
    const quiet = buildTritonObjects(options({ plan: planFor({ requestsPerSecond: 20, p95LatencyMs: 100 }).modelServer! }));
    expect(readTritonConfig(find(quiet, 'ConfigMap').data['resnet50.config.pbtxt']).maxBatchSize).toBe(4);
  });

  test('syncs the repository from S3 with the pod role, then writes the generated configurations over it', () => {
    const sync = pod.initContainers[0];
    expect(sync.env).toContainEqual({ name: 'MODEL_REPOSITORY_S3_URI', value: 's3://models-bucket/repositories/classifier/' });
    const script = sync.command[2] as string;
    expect(script).toContain('aws s3 sync "$MODEL_REPOSITORY_S3_URI" /models/repository');
    expect(script).toContain('mkdir -p /models/repository/classify/1');
    expect(script).toContain('cp /model-configs/resnet50.config.pbtxt /models/repository/resnet50/config.pbtxt');
    expect(triton.args).toContain('--model-repository=/models/repository');
  });

  test('requires the API key header on inference, from the synced Secret, never a literal', () => {
    expect(triton.env).toContainEqual({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'classifier-api-key', key: 'api-key' } } });
    expect(triton.args).toContain('--http-restricted-api=inference,model-repository:x-api-key=$(API_KEY)');
    expect(find(objects, 'ExternalSecret').spec.data[0].remoteRef.key).toBe('aimd/classifier/api-key');
  });

  test('runs restricted: non-root, read-only root filesystem, no capabilities, GPUs and memory from the plan', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(triton.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(triton.resources).toEqual({ requests: { cpu: '2', memory: '8Gi', 'nvidia.com/gpu': '1' }, limits: { memory: '13Gi', 'nvidia.com/gpu': '1' } });
    expect(find(objects, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('drains gracefully: a pre-stop pause, then Triton finishes in-flight requests within the grace period', () => {
    expect(triton.lifecycle.preStop).toEqual({ sleep: { seconds: 10 } });
    expect(triton.args).toContain('--exit-timeout-secs=60');
    expect(pod.terminationGracePeriodSeconds).toBe(80);
    expect(find(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
  });

  test('exposed through an internal ALB: /v2 to port 8000, health-checked on readiness, admitted by the NetworkPolicy', () => {
    const exposed = buildTritonObjects(options({ capacity: 'auto-mode', exposure: { kind: 'alb-ingress', host: 'vision.internal.example.com', certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc' } }));
    const ingress = find(exposed, 'Ingress');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/v2/health/ready');
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'classifier', port: { name: 'http' } });
    expect(exposed.some((o) => o.kind === 'IngressClass')).toBe(true);
    const policy = exposed.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'classifier') as Record<string, any>;
    expect(policy.spec.ingress).toContainEqual({ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { ipBlock: { cidr: '172.16.0.0/12' } }, { ipBlock: { cidr: '192.168.0.0/16' } }], ports: [{ protocol: 'TCP', port: 8000 }] });
    expect(schemaErrors(exposed)).toBe('');
  });

  test('exposed through a Gateway API HTTPRoute on /v2, admitting the gateway namespace', () => {
    const exposed = buildTritonObjects(options({ exposure: { kind: 'gateway-api', host: 'vision.example.com' } }));
    expect(find(exposed, 'HTTPRoute').spec.rules[0]).toMatchObject({ matches: [{ path: { type: 'PathPrefix', value: '/v2' } }], backendRefs: [{ name: 'classifier', port: 8000 }] });
    const policy = exposed.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'classifier') as Record<string, any>;
    expect(policy.spec.ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway-system' } } }], ports: [{ protocol: 'TCP', port: 8000 }] });
  });

  test('refuses what it cannot honour, all at once', () => {
    expect(() => buildTritonObjects(options({ autoscaling: { minReplicas: 0, maxReplicas: 3, scaleToZero: true, engine: 'hpa' } })))
      .toThrow(/autoscaling.engine \('hpa'\)[\s\S]*autoscaling.scaleToZero[\s\S]*autoscaling.maxReplicas/);
  });

  test('refuses an LLM plan, and vLLM refuses a model-server plan', () => {
    expect(() => buildTritonObjects(servingOptions(SINGLE_NODE))).toThrow(/Triton serves classic models from a model-server plan/);
    expect(() => buildServingObjects({ ...options(), runtime: 'vllm' })).toThrow(/'vllm' serves LLMs and needs an LLM serving plan/);
  });
});

describe('model-server plan for Triton on EKS', () => {
  test('defaults to one L4 GPU node (g6.xlarge), priced from the catalogue', () => {
    const plan = planFor({ requestsPerSecond: 10 });
    expect(plan.modelServer).toMatchObject({ instanceType: 'g6.xlarge', accelerator: 'l4', acceleratorCount: 1, nodes: 1, replicas: 1, costPerHourUsd: 0.8048, monthlyCostUsd: 588 });
    expect(plan.summary.costNote).toBe('1 replica(s) × $0.8048/h on-demand × 730 h (minimum replicas)');
  });

  test('sizes GPU node disks and node counts like an LLM plan: instance store as RAID0, max replicas plus the surge', () => {
    const plan = planFor({ requestsPerSecond: 10 }).modelServer!;
    expect(gpuNodeDisk(plan)).toEqual({ rootVolumeGiB: 100, instanceStoreRaid0: true });
    expect(maxGpuNodes(3, plan)).toBe(4);
  });

  test('takes the spec instance type; one without a GPU makes a CPU plan (test/plan/model-server-cpu-plan.test.ts)', () => {
    expect(planFor({ requestsPerSecond: 10 }, 'g5.xlarge').modelServer!.accelerator).toBe('a10g');
    expect(planFor({ requestsPerSecond: 10 }, 'm7i.large').modelServer).toMatchObject({ processor: 'cpu', gpusPerPod: 0 });
  });
});

describe('a Triton spec file on EKS (examples/specs/triton-onnx-eks.yaml)', () => {
  const blueprint = blueprintForSpecFile(`${__dirname}/../../../examples/specs/triton-onnx-eks.yaml`);
  const objects = blueprint.kubernetesObjects!(contextFor(blueprint));

  test('renders Triton with no generated configurations: Triton auto-completes those of the uploaded models', () => {
    expect(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name)).toEqual(['triton-onnx-eks-dashboard']);
    const pod = find(objects, 'Deployment').spec.template.spec;
    expect(pod.containers[0].image).toMatch(/tritonserver/);
    expect(pod.initContainers[0].env).toContainEqual(expect.objectContaining({ name: 'MODEL_REPOSITORY_S3_URI', value: expect.stringMatching(/\/models\/sentiment-onnx\/$/) }));
  });

  test('every object passes its schema', () => {
    expect(schemaErrors(objects)).toBe('');
  });
});
