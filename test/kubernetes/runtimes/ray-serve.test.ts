/**
 * Ray Serve LLM on KubeRay: the plan's numbers reach Ray Serve LLM's engine_kwargs, the spec's scaling bounds reach
 * Serve's autoscaler and the worker group, GPU workers carry the plan's GPUs, and the RayService passes the
 * KubeRay v1.7.0 CRD schema (a broken one does not).
 */
import { operatorComponents } from '../../../lib/eks/operators';
import { maxGpuNodes } from '../../../lib/eks/sizing';
import { buildGpuNodePoolObjects } from '../../../lib/kubernetes/node-pools';
import { buildServingObjects, servingOperators, servingUpdateSurgeReplicas } from '../../../lib/kubernetes/runtimes/registry';
import { engineKwargsFromServeArgs } from '../../../lib/kubernetes/runtimes/ray-serve/serve-config';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { checkSchedulability } from '../../../lib/validation/deployability/schedulability';
import { workloadsOf } from '../../../lib/validation/deployability/workloads';
import { LORA, MULTI_NODE, only, QUANTIZED, selects, servingOptions, SINGLE_NODE } from '../fixtures';
import { schemaErrors } from '../schema-helpers';

const rayOptions = (hand = SINGLE_NODE, overrides = {}) => servingOptions(hand, { runtime: 'ray-serve', ...overrides });

function llmConfig(objects: readonly KubeObject[]): Record<string, any> {
  const service = only(objects, 'RayService');
  const config = JSON.parse(service.spec.serveConfigV2);
  expect(config.applications).toHaveLength(1);
  expect(config.applications[0].import_path).toBe('ray.serve.llm:build_openai_app');
  return config.applications[0].args.llm_configs[0];
}

describe('Ray Serve LLM runtime', () => {
  const objects = buildServingObjects(rayOptions());
  const service = only(objects, 'RayService');
  const workers = service.spec.rayClusterConfig.workerGroupSpecs;
  const head = service.spec.rayClusterConfig.headGroupSpec;

  test("GIVEN a single-node plan THEN engine_kwargs carry exactly the plan's vLLM flags, as vLLM's keyword arguments", () => {
    const plan = SINGLE_NODE.plan;
    const kwargs = llmConfig(objects).engine_kwargs;
    expect(kwargs).toMatchObject({
      tensor_parallel_size: plan.tensorParallelSize,
      pipeline_parallel_size: plan.pipelineParallelSize,
      max_model_len: plan.maxModelLen,
      gpu_memory_utilization: plan.gpuMemoryUtilization,
      max_num_seqs: plan.maxNumSeqs,
      max_num_batched_tokens: plan.maxNumBatchedTokens,
      dtype: plan.dtype,
      enable_prefix_caching: true,
    });
    // Ray Serve owns the port and the served name.
    expect(kwargs).not.toHaveProperty('port');
    expect(kwargs).not.toHaveProperty('served_model_name');
    expect(llmConfig(objects).model_loading_config).toEqual({ model_id: plan.model, model_source: '/models/base' });
  });

  test('GIVEN a quantized plan THEN quantization and the KV-cache dtype reach engine_kwargs as the flags say', () => {
    const kwargs = llmConfig(buildServingObjects(rayOptions(QUANTIZED))).engine_kwargs;
    const args = QUANTIZED.plan.engineArgs;
    const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
    expect(kwargs.quantization).toBe(flag('--quantization'));
    expect(kwargs.kv_cache_dtype).toBe(flag('--kv-cache-dtype'));
    expect(kwargs.tensor_parallel_size).toBe(4);
  });

  test('engine kwargs: values become numbers where they are numbers, bare flags become true', () => {
    expect(engineKwargsFromServeArgs(['m', '--port', '8000', '--max-model-len', '8192', '--dtype', 'bfloat16', '--enforce-eager', '--gpu-memory-utilization', '0.9']))
      .toEqual({ max_model_len: 8192, dtype: 'bfloat16', enforce_eager: true, gpu_memory_utilization: 0.9 });
  });

  test("GIVEN scaling 1..4 THEN Serve's autoscaler and the Ray worker group share those bounds, with the Ray autoscaler on", () => {
    expect(llmConfig(objects).deployment_config.autoscaling_config).toMatchObject({ min_replicas: 1, max_replicas: 4 });
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatchObject({ replicas: 1, minReplicas: 1, maxReplicas: 4, numOfHosts: 1 });
    expect(service.spec.rayClusterConfig.enableInTreeAutoscaling).toBe(true);
    expect(service.spec.upgradeStrategy).toEqual({ type: 'NewCluster' });
  });

  test('GIVEN a plan spanning nodes THEN each Serve replica counts that many worker pods', () => {
    const multi = only(buildServingObjects(rayOptions(MULTI_NODE)), 'RayService');
    const group = multi.spec.rayClusterConfig.workerGroupSpecs[0];
    expect(group.minReplicas).toBe(MULTI_NODE.plan.nodes);
    expect(group.maxReplicas).toBe(4 * MULTI_NODE.plan.nodes);
  });

  test("workers hold the plan's GPUs on the GPU node pool; the head holds none and stays off GPU nodes", () => {
    const worker = workers[0].template.spec;
    const container = worker.containers[0];
    expect(container.resources.limits['nvidia.com/gpu']).toBe(String(SINGLE_NODE.plan.acceleratorCount));
    expect(worker.nodeSelector).toEqual({ 'node.kubernetes.io/instance-type': SINGLE_NODE.plan.instanceType, 'karpenter.sh/nodepool': 'llm-gpu' });
    expect(worker.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(worker.serviceAccountName).toBe('vllm');
    expect(worker.initContainers[0].name).toBe('sync-weights');
    expect(head.rayStartParams).toMatchObject({ 'num-gpus': '0', 'num-cpus': '0' });
    expect(JSON.stringify(head.template)).not.toContain('nvidia.com/gpu');
    expect(head.template.spec.nodeSelector).toBeUndefined();
    expect(llmConfig(objects).accelerator_type).toBe('L40S');
  });

  test('the RayService, its pod templates and every other object pass their schemas (KubeRay v1.7.0 CRD)', () => {
    expect(schemaErrors(objects)).toBe('');
  });

  test('GIVEN a RayService with a misspelt field, a wrong type and a container image of the wrong type THEN validation reports all three', () => {
    const broken = JSON.parse(JSON.stringify(service));
    broken.spec.rayClusterConfig.workerGroupSpecs[0].maxReplica = 4;
    broken.spec.rayClusterConfig.enableInTreeAutoscaling = 'yes';
    broken.spec.rayClusterConfig.workerGroupSpecs[0].template.spec.containers[0].image = 5;
    const errors = schemaErrors([broken]);
    // The pod templates are checked as core/v1 Pods.
    expect(errors).toMatch(/Pod\/llm-serving\/llm-gpu[\s\S]*containers\[0\]\.image: must be string/);
    expect(errors).toMatch(/maxReplica/);
    expect(errors).toMatch(/enableInTreeAutoscaling/);
  });

  test('the Service KubeRay creates is named like the deployment on port serve 8000, and the Ingress points at it', () => {
    expect(service.spec.serveService.metadata.name).toBe('llm');
    expect(service.spec.serveService.spec.ports).toEqual([{ name: 'serve', port: 8000, targetPort: 8000, protocol: 'TCP' }]);
    const ingress = only(objects, 'Ingress');
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'llm', port: { name: 'serve' } });
  });

  test('the Ray pods reach each other on every port; outsiders reach only Serve, metrics and the dashboard', () => {
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'llm') as Record<string, any>;
    expect(selects(policy.spec.podSelector.matchLabels, workers[0].template.metadata.labels)).toBe(true);
    expect(selects(policy.spec.podSelector.matchLabels, head.template.metadata.labels)).toBe(true);
    const intra = policy.spec.ingress.find((r: any) => r.ports === undefined);
    expect(intra.from).toEqual([{ podSelector: policy.spec.podSelector }]);
    const ports = policy.spec.ingress.flatMap((r: any) => (r.ports ?? []).map((p: any) => p.port));
    expect(new Set(ports)).toEqual(new Set([8000, 8080, 8265]));
  });

  test('a PodMonitor scrapes Ray metrics on head and workers, and alerts use Ray Serve and re-exported vLLM series', () => {
    const monitor = only(objects, 'PodMonitor');
    expect(monitor.spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '15s' }]);
    expect(selects(monitor.spec.selector.matchLabels, head.template.metadata.labels)).toBe(true);
    expect(selects(monitor.spec.selector.matchLabels, workers[0].template.metadata.labels)).toBe(true);
    const exprs = only(objects, 'PrometheusRule').spec.groups[0].rules.map((r: any) => r.expr).join('\n');
    expect(exprs).toContain('ray_vllm_time_to_first_token_seconds_bucket');
    expect(exprs).toContain('ray_serve_deployment_queued_queries');
    expect(llmConfig(objects).log_engine_metrics).toBe(true);
  });

  test('needs the KubeRay operator, whose chart is pinned', () => {
    expect(servingOperators(rayOptions())).toEqual(['kuberay']);
    expect(operatorComponents(['kuberay'], 'c', ['Base'])).toEqual([expect.objectContaining({ chart: 'kuberay-operator', version: '1.7.0', dependsOn: ['Base'] })]);
  });

  test('the schedulability check counts a NewCluster upgrade as a second set of workers at their initial size', () => {
    const [workload] = workloadsOf(objects);
    expect(workload).toMatchObject({ kind: 'RayService', maxReplicas: 4, surgeReplicas: 1 });
    // GIVEN a NodePool holding only the 4 autoscaled workers THEN the upgrade's extra worker is reported Pending.
    const gpus = SINGLE_NODE.plan.acceleratorCount;
    const pool = { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'llm-gpu' }, spec: { limits: { 'nvidia.com/gpu': String(4 * gpus) }, template: { spec: { requirements: [] } } } };
    const findings = checkSchedulability({ engine: 'kubernetes', kubeObjects: [...objects, pool as unknown as KubeObject], nodeGroups: [] } as any);
    expect(findings.map((f) => f.message).join('\n')).toMatch(/rollout surge of 1/);
  });

  test('GIVEN minReplicas 2 THEN the GPU pool holds maxReplicas plus the 2 workers a NewCluster upgrade starts, and the check agrees', () => {
    const options = rayOptions(SINGLE_NODE, { autoscaling: { minReplicas: 2, maxReplicas: 4, scaleToZero: false, engine: 'keda' } });
    const surge = servingUpdateSurgeReplicas(options);
    expect(surge).toBe(2);
    expect(servingUpdateSurgeReplicas(servingOptions(SINGLE_NODE))).toBe(1);
    const pools = buildGpuNodePoolObjects({ name: 'llm', plan: SINGLE_NODE.plan, capacity: 'karpenter', clusterName: 'gpu', maxNodes: maxGpuNodes(4, SINGLE_NODE.plan, surge) });
    const serving = buildServingObjects(options);
    const check = (objects: readonly KubeObject[]) => checkSchedulability({ engine: 'kubernetes', kubeObjects: objects, nodeGroups: [] } as any);
    expect(check([...pools, ...serving])).toEqual([]);
    // The vLLM sizing (one surge replica) would leave the upgrade's second worker Pending.
    const vllmSized = buildGpuNodePoolObjects({ name: 'llm', plan: SINGLE_NODE.plan, capacity: 'karpenter', clusterName: 'gpu', maxNodes: maxGpuNodes(4, SINGLE_NODE.plan) });
    expect(check([...vllmSized, ...serving]).map((f) => f.message).join('\n')).toMatch(/rollout surge of 2/);
  });

  test('GIVEN LoRA adapters THEN ray-serve refuses them with the fix', () => {
    expect(() => buildServingObjects(rayOptions(LORA, { loraAdapters: [{ name: 'a', uri: 's3://adapters-bucket/a/' }] }))).toThrow(/loraAdapters[\s\S]*runtime.engine 'vllm'/);
  });
});

describe('GIVEN an API key (Serve LLM checks none) THEN the auth proxy Deployment fronts Serve', () => {
  const apiKeySecret = { secretName: 'llm-api-key', key: 'api-key' };
  const objects = buildServingObjects(rayOptions(SINGLE_NODE, { apiKeySecret, exposure: { kind: 'gateway-api', host: 'llm.example.com' } }));
  const deployment = only(objects, 'Deployment');
  const policy = (name: string) => objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name) as Record<string, any>;

  test("KubeRay's serve Service becomes <name>-serve and Service <name>, where the HTTPRoute sends callers, selects the proxy pods", () => {
    expect(only(objects, 'RayService').spec.serveService.metadata.name).toBe('llm-serve');
    const service = objects.find((o) => o.kind === 'Service') as Record<string, any>;
    expect(service.metadata.name).toBe('llm');
    expect(selects(service.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
    expect(only(objects, 'HTTPRoute').spec.rules[0].backendRefs).toEqual([expect.objectContaining({ name: 'llm', port: 8000 })]);
  });

  test('the proxy checks the key from the synced Secret and forwards to the serve Service', () => {
    const [proxy] = deployment.spec.template.spec.containers;
    expect(proxy.env).toContainEqual({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'llm-api-key', key: 'api-key' } } });
    const template = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'llm-auth-proxy') as Record<string, any>;
    expect(template.data['default.conf.template']).toContain('proxy_pass http://llm-serve.llm-serving.svc.cluster.local:8000;');
  });

  test('the gateway reaches the proxy, no longer the Ray pods', () => {
    expect(policy('llm-auth-proxy').spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway-system' } } }], ports: [{ protocol: 'TCP', port: 8000 }] }]);
    expect(JSON.stringify(policy('llm').spec.ingress)).not.toContain('gateway-system');
  });

  test('the proxy objects pass their schemas', () => {
    expect(schemaErrors(objects.filter((o) => o.metadata.name.startsWith('llm-auth-proxy') || o.kind === 'Service'))).toBe('');
  });
});
