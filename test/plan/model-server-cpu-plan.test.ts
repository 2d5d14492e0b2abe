/**
 * Classic models that need no GPU are planned on CPU nodes: `runtime.accelerator: 'cpu'` (or a CPU
 * `target.instanceType`) picks a priced c7i/m7i instance from the catalogue, the pods request CPU and memory only,
 * tolerate no GPU taint, and land on an untainted NodePool bounded by vCPUs. Without that choice a classic model still
 * gets a GPU. Pure tests of the planner, the runtime builders and the NodePool builder (no synthesis).
 */
import { TRITON_EKS_REPOSITORY } from '../../blueprints/eks/triton-eks';
import { getInstanceType } from '../../lib/catalogue';
import { InputValidationError } from '../../lib/errors';
import { buildGpuNodePoolObjects } from '../../lib/kubernetes/node-pools';
import type { ModelServerObjectsOptions } from '../../lib/kubernetes/runtimes/model-server-options';
import { buildServingObjects } from '../../lib/kubernetes/runtimes/registry';
import type { KubeObject } from '../../lib/kubernetes/types';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { DEFAULT_CPU_MODEL_SERVER_INSTANCE_TYPE, DEFAULT_MODEL_SERVER_INSTANCE_TYPE, type ModelServerPlan } from '../../lib/plan/model-server-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput, RuntimeEngine } from '../../lib/spec/types';
import { schemaErrors } from '../kubernetes/schema-helpers';

function plan(engine: RuntimeEngine, runtime: Partial<DeploymentSpecInput['runtime']> = {}, target: Record<string, unknown> = {}) {
  return planDeployment(resolveDeploymentSpec({
    name: 'fraud',
    model: { id: 'fraud-xgb-onnx', task: 'tabular' },
    runtime: { engine, ...runtime },
    target: { kind: 'eks', ...target },
    traffic: { requestsPerSecond: 300, p95LatencyMs: 50 },
    scaling: { minReplicas: 2, maxReplicas: 4 },
  } as DeploymentSpecInput));
}

function options(engine: RuntimeEngine, modelServer: ModelServerPlan): ModelServerObjectsOptions {
  return {
    name: 'fraud',
    runtime: engine,
    namespace: 'risk',
    plan: modelServer,
    modelSource: { bucketName: 'models-bucket', prefix: 'fraud/' },
    serviceAccountName: 'fraud-server',
    apiKeySecret: { secretName: 'fraud-api-key', key: 'api-key', fromSecretsManager: { secretId: 'aimd/fraud/api-key', region: 'us-east-1' } },
    capacity: 'karpenter',
    autoscaling: { minReplicas: 2, maxReplicas: 4, scaleToZero: false, engine: 'keda' },
    monitoring: { prometheusRules: false, dashboard: false },
    ...(engine === 'triton' && { tritonRepository: TRITON_EKS_REPOSITORY }),
  };
}

const podOf = (objects: readonly KubeObject[]) => (objects.find((o) => o.kind === 'Deployment') as Record<string, any>).spec.template.spec;
const requestsGpu = (pod: Record<string, any>) => (pod.containers as Array<Record<string, any>>).some((c) => 'nvidia.com/gpu' in (c.resources?.requests ?? {}) || 'nvidia.com/gpu' in (c.resources?.limits ?? {}));
const errorOf = (f: () => unknown) => { try { f(); } catch (e) { return e as InputValidationError; } throw new Error('did not throw'); };

describe('a TorchServe tabular model with runtime.accelerator cpu', () => {
  const deployment = plan('torchserve', { accelerator: 'cpu' });
  const modelServer = deployment.modelServer!;
  const objects = buildServingObjects(options('torchserve', modelServer));
  const pod = podOf(objects);

  test('plans the default CPU instance of the catalogue, priced: c7i.xlarge at its us-east-1 on-demand rate', () => {
    const c7i = getInstanceType(DEFAULT_CPU_MODEL_SERVER_INSTANCE_TYPE);
    expect(c7i.acceleratorCount).toBe(0);
    expect(modelServer).toMatchObject({ processor: 'cpu', instanceType: 'c7i.xlarge', accelerator: 'cpu', acceleratorCount: 0, gpusPerPod: 0, replicas: 2 });
    expect(modelServer.costPerHourUsd).toBe(c7i.onDemandPricePerHourUsd['us-east-1']);
    expect(modelServer.monthlyCostUsd).toBe(Math.round(0.1785 * 2 * 730));
    expect(deployment.summary.compute).toBe('c7i.xlarge (cpu only)');
  });

  test('gives the server all but one vCPU and three quarters of the memory of the node', () => {
    expect(modelServer).toMatchObject({ cpuRequest: 3, memoryRequestGiB: 6, memoryLimitGiB: 6 });
  });

  test('its pod requests CPU and memory only, tolerates no GPU taint and runs the CPU image', () => {
    expect(requestsGpu(pod)).toBe(false);
    expect(pod.containers[0].resources.requests).toEqual({ cpu: '3', memory: '6Gi' });
    expect(pod.tolerations).toBeUndefined();
    expect(pod.containers[0].image).toBe('pytorch/torchserve:0.12.0-cpu');
    expect(pod.nodeSelector).toMatchObject({ 'node.kubernetes.io/instance-type': 'c7i.xlarge', 'karpenter.sh/nodepool': 'fraud-gpu' });
  });

  test('passes schema validation', () => {
    expect(schemaErrors(objects)).toBe('');
  });

  test('its NodePool has no GPU taint and is bounded by vCPUs, not GPUs', () => {
    const pool = buildGpuNodePoolObjects({ name: 'fraud', plan: modelServer, capacity: 'karpenter', clusterName: 'c', maxNodes: 5 })
      .find((o) => o.kind === 'NodePool') as Record<string, any>;
    expect(pool.spec.template.spec.taints).toBeUndefined();
    expect(pool.spec.limits).toEqual({ cpu: '20' });
    expect(pool.spec.template.spec.requirements).toContainEqual({ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['c7i.xlarge'] });
  });
});

describe('an ONNX tabular model on Triton with a CPU instance type', () => {
  const modelServer = plan('triton', {}, { instanceType: 'm7i.2xlarge' }).modelServer!;
  const objects = buildServingObjects(options('triton', modelServer));

  test('a CPU target.instanceType alone makes a CPU plan on that instance', () => {
    expect(modelServer).toMatchObject({ processor: 'cpu', instanceType: 'm7i.2xlarge', gpusPerPod: 0, cpuRequest: 7, memoryRequestGiB: 24 });
    expect(modelServer.costPerHourUsd).toBe(0.4032);
  });

  test('the Triton pod requests no GPU and every model instance is KIND_CPU', () => {
    expect(requestsGpu(podOf(objects))).toBe(false);
    const configs = Object.values((objects.find((o) => o.kind === 'ConfigMap' && /config/.test(o.metadata.name)) as Record<string, any>)?.data ?? {}) as string[];
    const withGroups = configs.filter((c) => c.includes('instance_group'));
    expect(withGroups.length).toBeGreaterThan(0);
    for (const text of withGroups) {
      expect(text).toContain('kind: KIND_CPU');
      expect(text).not.toContain('KIND_GPU');
    }
    expect(schemaErrors(objects)).toBe('');
  });
});

describe('a classic model that needs a GPU still plans one', () => {
  test('without runtime.accelerator, TorchServe plans the default GPU node and its pod requests the GPU', () => {
    const modelServer = plan('torchserve').modelServer!;
    expect(modelServer).toMatchObject({ processor: 'gpu', instanceType: DEFAULT_MODEL_SERVER_INSTANCE_TYPE, accelerator: 'l4', gpusPerPod: 1 });
    const pod = podOf(buildServingObjects(options('torchserve', modelServer)));
    expect(pod.containers[0].resources.requests['nvidia.com/gpu']).toBe('1');
    expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(pod.containers[0].image).toBe('pytorch/torchserve:0.12.0-gpu');
  });

  test('runtime.accelerator gpu with a GPU instance type plans that GPU', () => {
    expect(plan('triton', { accelerator: 'gpu' }, { instanceType: 'g5.xlarge' }).modelServer).toMatchObject({ processor: 'gpu', accelerator: 'a10g', gpusPerPod: 1 });
  });
});

describe('contradictions are refused with field, value and fix', () => {
  test('cpu on a GPU instance type, and gpu on a CPU one', () => {
    expect(errorOf(() => plan('triton', { accelerator: 'cpu' }, { instanceType: 'g6.xlarge' })).problems)
      .toEqual([expect.objectContaining({ field: 'target.instanceType', value: 'g6.xlarge', fix: expect.stringContaining('c7i.xlarge') })]);
    expect(errorOf(() => plan('triton', { accelerator: 'gpu' }, { instanceType: 'm7i.large' })).problems)
      .toEqual([expect.objectContaining({ field: 'target.instanceType', value: 'm7i.large', message: 'has no GPU' })]);
  });

  test('a CPU plan on GPU managed node groups or with MIG is refused, every problem at once', () => {
    const problems = errorOf(() => plan('triton', { accelerator: 'cpu' }, { capacity: 'managed-nodegroup', gpuSharing: 'mig' })).problems;
    expect(problems.map((p) => p.field)).toEqual(['target.capacity', 'target.gpuSharing']);
  });

  test('the spec refuses an unknown accelerator, cpu for an LLM engine, and the field off EKS', () => {
    expect(() => resolveDeploymentSpec({ name: 'x', model: { id: 'x', task: 'tabular' }, runtime: { engine: 'triton', accelerator: 'tpu' }, target: { kind: 'eks' } } as unknown as DeploymentSpecInput))
      .toThrow(/runtime.accelerator \('tpu'\): must be one of gpu, cpu/);
    expect(() => resolveDeploymentSpec({ name: 'x', model: { id: 'llama-3.1-8b-instruct' }, runtime: { engine: 'vllm', accelerator: 'cpu' }, target: { kind: 'eks' } } as DeploymentSpecInput))
      .toThrow(/runtime.accelerator \('cpu'\): LLM engines are planned on GPUs only/);
    expect(() => resolveDeploymentSpec({ name: 'x', model: { id: 'x', task: 'tabular' }, runtime: { engine: 'sklearn', accelerator: 'cpu' }, target: { kind: 'sagemaker', mode: 'realtime' } } as DeploymentSpecInput))
      .toThrow(/runtime.accelerator \('cpu'\): applies to classic model servers on target eks/);
  });
});
