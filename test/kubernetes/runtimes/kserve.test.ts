/**
 * KServe as a Kubernetes runtime: the InferenceServices carry the plan's vLLM numbers, KServe's own health routes,
 * KEDA autoscaling on vLLM's metrics, Pod Identity S3 access and restricted pods; our Service, NetworkPolicies and
 * monitors select the pods KServe creates; every object passes the pinned CRD schemas; the cluster installs KServe.
 */
import { gpuClusterComponents } from '../../../lib/eks/components';
import { operatorComponents } from '../../../lib/eks/operators';
import { InputValidationError } from '../../../lib/errors';
import type { ClassicModelSource } from '../../../lib/kubernetes/options';
import { buildServingObjects, servingOperators } from '../../../lib/kubernetes/runtimes/registry';
import { KSERVE_VLLM_VERSION } from '../../../lib/kubernetes/runtimes/kserve/versions';
import { startupBudget } from '../../../lib/kubernetes/probes';
import { planDeployment } from '../../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../../lib/spec/resolve';
import { servesLlm } from '../../../lib/spec/serves-llm';
import { LORA, MULTI_NODE, named, QUANTIZED, servingOptions, SINGLE_NODE } from '../fixtures';
import { schemaErrors } from '../schema-helpers';

const IRIS: ClassicModelSource = { name: 'iris', format: 'sklearn', uri: 's3://models-123456789012-us-east-1/models/sklearn-iris/' };
const options = servingOptions(SINGLE_NODE, { runtime: 'kserve', classicModels: [IRIS] });
const objects = buildServingObjects(options);
const llm = named(objects, 'InferenceService', 'llm');
const predictor = llm.spec.predictor;
const argValue = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('the LLM InferenceService', () => {
  test("runs KServe's Hugging Face runtime with the vLLM backend and the plan's numbers, under vLLM's flag names", () => {
    expect(predictor.model.modelFormat).toEqual({ name: 'huggingface' });
    expect(predictor.model.runtime).toBe('kserve-huggingfaceserver');
    expect(predictor.model.image).toBe('kserve/huggingfaceserver:v0.20.0-gpu');
    const args: string[] = predictor.model.args;
    expect(args[0]).toBe('--backend=vllm');
    const plan = SINGLE_NODE.plan;
    expect(argValue(args, '--tensor-parallel-size')).toBe(String(plan.tensorParallelSize));
    expect(argValue(args, '--max-model-len')).toBe(String(plan.maxModelLen));
    expect(argValue(args, '--gpu-memory-utilization')).toBe(String(plan.gpuMemoryUtilization));
    expect(argValue(args, '--dtype')).toBe(plan.dtype);
    // KServe owns the model name (the InferenceService name) and the port (8080).
    expect(args).not.toContain('--served-model-name');
    expect(args).not.toContain('--port');
  });

  test('a quantized plan reaches the server and its GPUs reach the pod', () => {
    const isvc = named(buildServingObjects(servingOptions(QUANTIZED, { runtime: 'kserve' })), 'InferenceService', 'llm');
    expect(argValue(isvc.spec.predictor.model.args, '--quantization')).toBe('awq');
    expect(argValue(isvc.spec.predictor.model.args, '--tensor-parallel-size')).toBe('4');
    expect(isvc.spec.predictor.model.resources.limits['nvidia.com/gpu']).toBe('4');
  });

  test('reads the model from the bucket prefix as the Pod Identity service account, on the GPU nodes of the plan', () => {
    expect(predictor.model.storageUri).toBe('s3://models-123456789012-us-east-1/meta-llama/model/');
    expect(predictor.serviceAccountName).toBe('vllm');
    expect(predictor.model.env).toEqual(expect.arrayContaining([{ name: 'HF_HUB_OFFLINE', value: '1' }]));
    expect(predictor.nodeSelector).toEqual({ 'node.kubernetes.io/instance-type': 'g6e.xlarge', 'karpenter.sh/nodepool': 'llm-gpu' });
    expect(predictor.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(predictor.model.resources.requests['nvidia.com/gpu']).toBe('1');
  });

  test("is ready when KServe's model health route answers, within the start-up budget of the checkpoint", () => {
    const budget = startupBudget({ checkpointGiB: 15, nodes: 1, source: 's3' });
    expect(predictor.model.startupProbe.httpGet).toEqual({ path: '/v1/models/llm', port: 8080 });
    expect(predictor.model.startupProbe.failureThreshold).toBe(budget.failureThreshold);
    expect(predictor.model.readinessProbe.httpGet).toEqual({ path: '/v1/models/llm', port: 8080 });
    expect(predictor.model.livenessProbe.httpGet).toEqual({ path: '/', port: 8080 });
    expect(predictor.model.lifecycle.preStop.exec.command).toEqual(['sleep', '15']);
  });

  test('runs in raw Standard mode and scales with KEDA on vLLM queue depth and KV cache between the spec bounds', () => {
    expect(llm.metadata.annotations).toEqual({ 'serving.kserve.io/deploymentMode': 'Standard', 'serving.kserve.io/autoscalerClass': 'keda' });
    expect([predictor.minReplicas, predictor.maxReplicas]).toEqual([1, 4]);
    const metrics = predictor.autoScaling.metrics;
    expect(metrics.map((m: any) => m.external.metric.query)).toEqual([
      'sum(vllm:num_requests_waiting{namespace="llm-serving",service="llm"}) or vector(0)',
      'sum(vllm:kv_cache_usage_perc{namespace="llm-serving",service="llm"}) or vector(0)',
    ]);
    expect(metrics.map((m: any) => m.external.target)).toEqual([{ type: 'Value', value: '25' }, { type: 'Value', value: '0.8' }]);
    expect(metrics[0].external.metric).toMatchObject({ backend: 'prometheus', serverAddress: 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090' });
  });

  test('scales to zero through KEDA, waking on the gateway query', () => {
    const wakeUpQuery = 'sum(rate(gateway_requests_total{route="llm"}[1m]))';
    const isvc = named(buildServingObjects(servingOptions(SINGLE_NODE, {
      runtime: 'kserve', autoscaling: { minReplicas: 1, maxReplicas: 2, scaleToZero: true, engine: 'keda', wakeUpQuery },
    })), 'InferenceService', 'llm');
    expect(isvc.spec.predictor.minReplicas).toBe(0);
    expect(isvc.spec.predictor.autoScaling.metrics[2].external.metric.query).toBe(wakeUpQuery);
  });

  test('runs restricted: non-root kserve user, no privilege escalation, read-only root filesystem', () => {
    expect(predictor.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(predictor.model.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
    expect(predictor.automountServiceAccountToken).toBe(false);
  });
});

describe('the classic model InferenceService', () => {
  const iris = named(objects, 'InferenceService', 'iris').spec.predictor;

  test("serves the sklearn model with KServe's sklearn runtime on CPU, off the GPU nodes", () => {
    expect(iris.model).toMatchObject({ modelFormat: { name: 'sklearn' }, runtime: 'kserve-sklearnserver', storageUri: IRIS.uri });
    expect(iris.model.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '250m', memory: '512Mi' } });
    expect(iris.tolerations).toBeUndefined();
    expect(iris.nodeSelector).toBeUndefined();
    expect(iris.model.readinessProbe.httpGet).toEqual({ path: '/v1/models/iris', port: 8080 });
  });

  test("scales on KServe's own prediction counter", () => {
    expect(iris.autoScaling.metrics[0].external.metric.query).toContain('request_predict_seconds_count{namespace="llm-serving",model_name="iris"}');
  });
});

describe('reaching and watching the pods KServe creates', () => {
  test("our Service fronts the LLM predictor's port 8080 under the port every exposure uses", () => {
    const service = named(objects, 'Service', 'llm');
    expect(service.spec.selector).toEqual({ 'serving.kserve.io/inferenceservice': 'llm' });
    expect(service.spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 8080, protocol: 'TCP' }]);
    expect(named(objects, 'Ingress', 'llm').spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'llm', port: { name: 'http' } });
  });

  test('the NetworkPolicy selects every InferenceService pod and opens port 8080 to Prometheus and the ALB', () => {
    const policy = named(objects, 'NetworkPolicy', 'llm-kserve');
    expect(policy.spec.podSelector).toEqual({ matchExpressions: [{ key: 'serving.kserve.io/inferenceservice', operator: 'In', values: ['llm', 'iris'] }] });
    expect(policy.spec.ingress[0]).toEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 8080 }] });
    expect(policy.spec.ingress[1].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(policy.spec.egress).toEqual(expect.arrayContaining([{ to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ protocol: 'TCP', port: 80 }] }]));
    expect(named(objects, 'NetworkPolicy', 'llm-default-deny').spec.podSelector).toEqual({});
  });

  test('the LLM is scraped through our Service on /metrics, the classic models by a PodMonitor', () => {
    const monitor = named(objects, 'ServiceMonitor', 'llm');
    const service = named(objects, 'Service', 'llm');
    expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => service.metadata.labels[k] === v)).toBe(true);
    expect(monitor.spec.endpoints[0]).toMatchObject({ port: 'http', path: '/metrics' });
    const podMonitor = named(objects, 'PodMonitor', 'llm-classic-models');
    expect(podMonitor.spec.selector.matchExpressions[0].values).toEqual(['iris']);
    expect(podMonitor.spec.podMetricsEndpoints[0]).toMatchObject({ port: 'http', path: '/metrics' });
    expect(named(objects, 'InferenceService', 'iris').spec.predictor.model.ports[0]).toEqual({ name: 'http', containerPort: 8080, protocol: 'TCP' });
  });

  test('each InferenceService has a PodDisruptionBudget on its KServe label', () => {
    expect(named(objects, 'PodDisruptionBudget', 'llm').spec.selector).toEqual({ matchLabels: { 'serving.kserve.io/inferenceservice': 'llm' } });
    expect(named(objects, 'PodDisruptionBudget', 'iris').spec.maxUnavailable).toBe(1);
  });
});

describe('GIVEN an API key (the Hugging Face server checks none) THEN the auth proxy fronts the LLM predictor', () => {
  const apiKeySecret = { secretName: 'llm-api-key', key: 'api-key' };
  const proxied = buildServingObjects(servingOptions(SINGLE_NODE, { runtime: 'kserve', apiKeySecret, exposure: { kind: 'gateway-api', host: 'llm.example.com' } }));
  const isvc = named(proxied, 'InferenceService', 'llm');

  test('the predictor pod carries the proxy after the model container, with the key from the synced Secret and its NGINX template', () => {
    const [proxy] = isvc.spec.predictor.containers;
    expect(proxy).toMatchObject({ name: 'auth-proxy', ports: [{ name: 'auth-proxy', containerPort: 8000, protocol: 'TCP' }] });
    expect(proxy.env).toContainEqual({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'llm-api-key', key: 'api-key' } } });
    expect(isvc.spec.predictor.volumes.map((v: any) => v.name)).toEqual(expect.arrayContaining(['auth-proxy-templates']));
    const template = named(proxied, 'ConfigMap', 'llm-auth-proxy').data['default.conf.template'];
    expect(template).toContain('proxy_pass http://127.0.0.1:8080;');
    expect(template).toContain('location = /v1/models/llm');
  });

  test('our Service targets the proxy, and callers may reach only the proxy port', () => {
    expect(named(proxied, 'Service', 'llm').spec.ports).toEqual([{ name: 'http', port: 8000, targetPort: 8000, protocol: 'TCP' }]);
    const ingress = named(proxied, 'NetworkPolicy', 'llm-kserve').spec.ingress;
    expect(ingress[1]).toEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway-system' } } }], ports: [{ protocol: 'TCP', port: 8000 }] });
  });

  test('the InferenceService with the proxy passes the KServe v0.20.0 CRD schema', () => {
    expect(schemaErrors([isvc as any])).toBe('');
  });
});

describe('CRD schemas of KServe v0.20.0', () => {
  test('every object passes its schema, InferenceServices included', () => {
    expect(schemaErrors(objects)).toBe('');
  });

  test("the chart's ClusterServingRuntime shape passes its schema; a ServingRuntime without containers' names fails", () => {
    // charts/kserve-runtime-configs/files/runtimes/resources.yaml (v0.20.0), kserve-sklearnserver, trimmed.
    const runtime = {
      apiVersion: 'serving.kserve.io/v1alpha1', kind: 'ClusterServingRuntime', metadata: { name: 'kserve-sklearnserver' },
      spec: {
        annotations: { 'prometheus.kserve.io/port': '8080', 'prometheus.kserve.io/path': '/metrics' },
        supportedModelFormats: [{ name: 'sklearn', version: '1', autoSelect: true, priority: 1 }],
        protocolVersions: ['v1', 'v2'],
        containers: [{ name: 'kserve-container', image: 'kserve/sklearnserver:v0.20.0', args: ['--model_name={{.Name}}', '--model_dir=/mnt/models', '--http_port=8080'] }],
      },
    };
    const broken = { ...runtime, kind: 'ServingRuntime', metadata: { name: 'x', namespace: 'llm-serving' }, spec: { ...runtime.spec, containers: [{ image: 'x:1' }] } };
    expect(schemaErrors([runtime as any])).toBe('');
    expect(schemaErrors([broken as any])).toMatch(/ServingRuntime\/llm-serving\/x.*containers/);
  });

  test('a broken InferenceService fails with the path of the problem', () => {
    const broken = { ...llm, spec: { predictor: { ...predictor, minReplicas: 'one', model: { ...predictor.model, modelFormat: {} } } } };
    const errors = schemaErrors([broken as any]);
    expect(errors).toMatch(/InferenceService\/llm-serving\/llm/);
    expect(errors).toMatch(/minReplicas/);
    expect(errors).toMatch(/modelFormat/);
  });
});

describe('what KServe refuses, all at once', () => {
  test('multi-node plans, LoRA adapters, the HPA engine and a bad classic model are listed in one error', () => {
    const bad = servingOptions(MULTI_NODE, {
      runtime: 'kserve',
      loraAdapters: [{ name: 'a', uri: 's3://b/a/' }],
      autoscaling: { minReplicas: 1, maxReplicas: 2, scaleToZero: false, engine: 'hpa' },
      classicModels: [{ name: 'Iris!', format: 'sklearn', uri: 'https://x' }],
    });
    let error: unknown;
    try {
      buildServingObjects(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    const fields = (error as InputValidationError).problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['plan.nodes', 'loraAdapters', 'autoscaling.engine', 'classicModels[0].name', 'classicModels[0].uri']));
    expect(LORA.plan.nodes).toBe(1);
  });
});

describe('the kserve operator on the cluster', () => {
  test('installs cert-manager, then KServe CRDs, controller in Standard mode and runtimes, pinned at v0.20.0', () => {
    expect(servingOperators(options)).toEqual(['kserve']);
    const releases = operatorComponents(['kserve'], 'c', ['Karpenter']);
    expect(releases.map((r) => [r.id, r.chart, r.version])).toEqual([
      ['CertManager', 'cert-manager', 'v1.19.1'],
      ['KserveCrd', 'kserve-crd', 'v0.20.0'],
      ['KserveResources', 'kserve-resources', 'v0.20.0'],
      ['KserveRuntimeConfigs', 'kserve-runtime-configs', 'v0.20.0'],
    ]);
    const resources = releases.find((r) => r.id === 'KserveResources')!;
    expect(resources.repository).toBe('oci://ghcr.io/kserve/charts');
    expect(resources.values).toMatchObject({ kserve: { controller: { deploymentMode: 'Standard' } } });
    expect(resources.dependsOn).toEqual(['Karpenter', 'CertManager', 'KserveCrd']);
    expect(releases.find((r) => r.id === 'KserveRuntimeConfigs')!.values).toEqual({ kserve: { servingruntime: { enabled: true } } });
  });

  test('the GPU cluster installs them after its base components', () => {
    const ids = gpuClusterComponents({ clusterName: 'c', capacity: 'auto-mode', keda: true, leaderWorkerSet: false, operators: ['kserve'] }).map((c) => c.id);
    expect(ids.slice(-4)).toEqual(['CertManager', 'KserveCrd', 'KserveResources', 'KserveRuntimeConfigs']);
    expect(ids).toContain('Keda');
  });
});

describe('one predicate decides what is an LLM', () => {
  test('KServe serves a catalogue LLM or a text-generation model as an LLM, other tasks as classic models', () => {
    expect(servesLlm('kserve', { id: 'meta-llama/Llama-3.1-8B-Instruct' })).toBe(true);
    expect(servesLlm('kserve', { id: 'my-org/iris', task: 'tabular' })).toBe(false);
    expect(servesLlm('kserve', { id: 'my-org/iris' })).toBe(false);
    expect(servesLlm('vllm', { id: 'anything' })).toBe(true);
    expect(servesLlm('sklearn', { id: 'anything', task: 'text-generation' })).toBe(false);
  });

  test('a KServe spec on EKS whose model is not an LLM is refused at validation, naming model.task', () => {
    expect(() => resolveDeploymentSpec({
      name: 'kserve-iris', model: { id: 'my-org/iris', task: 'tabular' }, runtime: { engine: 'kserve' }, target: { kind: 'eks' },
    })).toThrow(/model\.task \('tabular'\): kserve on EKS serves the spec's model as an LLM/);
  });

  test("planDeployment sizes a KServe LLM on one node for the vLLM inside KServe's image", () => {
    const spec = resolveDeploymentSpec({
      name: 'kserve-llm', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'kserve' }, target: { kind: 'eks' },
    });
    expect(spec.model.task).toBe('text-generation');
    const plan = planDeployment(spec);
    expect(plan.llm).toMatchObject({ nodes: 1, vllmVersion: KSERVE_VLLM_VERSION });
  });
});
