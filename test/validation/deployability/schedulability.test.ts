/**
 * Schedulability: at max replicas plus the rollout's surge, every pod fits an instance of its pool and the pool
 * holds all the nodes; multi-node groups fit whole.
 */
import { checkSchedulability } from '../../../lib/validation/deployability';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { facts, gpuDeployment, gpuNodeGroup, gpuNodePool, plannedObjects, scaledObject } from './support';

const MANAGED = { 'node.kubernetes.io/instance-type': 'g6.12xlarge', 'nvidia.com/gpu.present': 'true' };

describe('GIVEN the review finding on llm-eks-quantized: 4-GPU pods, KEDA max 2, a rollout surge of 1', () => {
  const objects = [gpuDeployment({ gpus: 4, nodeSelector: MANAGED }), scaledObject('llm', 2)];

  test('WHEN the GPU node group allows 2 nodes THEN the third pod (second replica during a rollout) is reported Pending', () => {
    const found = checkSchedulability(facts({ kubeObjects: objects, nodeGroups: [gpuNodeGroup('g6.12xlarge', 1, 2)] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', rule: 'deployability/schedulability', resource: 'Deployment/llm/llm' });
    expect(found[0]!.message).toMatch(/maxReplicas 2 plus a rollout surge of 1 .* need 3 × g6\.12xlarge.*allows 2/);
  });

  test('WHEN the node group holds (max replicas + surge) nodes THEN nothing is reported', () => {
    expect(checkSchedulability(facts({ kubeObjects: objects, nodeGroups: [gpuNodeGroup('g6.12xlarge', 1, 3)] }))).toEqual([]);
  });
});

describe('GIVEN a Karpenter NodePool whose GPU limit equals max replicas × GPUs', () => {
  const pool = { 'karpenter.sh/nodepool': 'llm-gpu', 'node.kubernetes.io/instance-type': 'g6e.xlarge' };

  test('THEN a surge at peak scale cannot be scheduled', () => {
    const found = checkSchedulability(facts({ kubeObjects: [gpuDeployment({ gpus: 1, nodeSelector: pool }), scaledObject('llm', 4), gpuNodePool('llm-gpu', 'g6e.xlarge', 4)] }));
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/need 5 × g6e\.xlarge.*NodePool 'llm-gpu'.*allows 4/)]);
  });

  test('THEN one more node of headroom is enough, and a Recreate strategy needs none', () => {
    expect(checkSchedulability(facts({ kubeObjects: [gpuDeployment({ gpus: 1, nodeSelector: pool }), scaledObject('llm', 4), gpuNodePool('llm-gpu', 'g6e.xlarge', 5)] }))).toEqual([]);
    expect(checkSchedulability(facts({ kubeObjects: [gpuDeployment({ gpus: 1, nodeSelector: pool, maxSurge: 0 }), scaledObject('llm', 4), gpuNodePool('llm-gpu', 'g6e.xlarge', 4)] }))).toEqual([]);
  });
});

test('GIVEN a LeaderWorkerSet of 2-node groups THEN whole groups at max + surge must fit the pool', () => {
  const template = (gpus: number) => ({
    metadata: { labels: { app: 'big' } },
    spec: { nodeSelector: { 'karpenter.sh/nodepool': 'big-gpu' }, containers: [{ name: 'vllm', resources: { requests: { 'nvidia.com/gpu': String(gpus), cpu: '32', memory: '512Gi' } } }] },
  });
  const lws = {
    apiVersion: 'leaderworkerset.x-k8s.io/v1', kind: 'LeaderWorkerSet', metadata: { name: 'big', namespace: 'llm' },
    spec: { leaderWorkerTemplate: { size: 2, leaderTemplate: template(8), workerTemplate: template(8) }, rolloutStrategy: { rollingUpdateConfiguration: { maxSurge: 1 } } },
  };
  // 2 groups + 1 surging group = 6 nodes of 8 GPUs.
  expect(checkSchedulability(facts({ kubeObjects: [lws, scaledObject('big', 2, 'LeaderWorkerSet'), gpuNodePool('big-gpu', 'p5.48xlarge', 32)] }))[0]!.message).toMatch(/need 6 × p5\.48xlarge.*allows 4/);
  expect(checkSchedulability(facts({ kubeObjects: [lws, scaledObject('big', 2, 'LeaderWorkerSet'), gpuNodePool('big-gpu', 'p5.48xlarge', 48)] }))).toEqual([]);
});

test('GIVEN a pod asking for more GPUs than its instance type has THEN it can never be scheduled', () => {
  const found = checkSchedulability(facts({ kubeObjects: [gpuDeployment({ gpus: 8, nodeSelector: MANAGED })], nodeGroups: [gpuNodeGroup('g6.12xlarge', 1, 10)] }));
  expect(found[0]!.message).toMatch(/more than one g6\.12xlarge offers: it can never be scheduled/);
});

describe('GIVEN every blueprint as planned', () => {
  test.each(plannedObjects())('THEN %s fits its node pools at max replicas plus surge', (_name, objects) => {
    expect(checkSchedulability(facts({ kubeObjects: objects }, 'kubernetes'))).toEqual([]);
  });
});

describe('GIVEN a plan with ranked fallbacks: the pool and the pods allow several instance types', () => {
  // g6e.12xlarge (384 GiB) is the choice's smaller fallback partner of g6e.24xlarge (768 GiB); both have 4 L40S.
  const fallbackPool = () => {
    const pool = gpuNodePool('llm-gpu', 'g6e.24xlarge', 16) as Record<string, any>;
    pool.spec.template.spec.requirements[0].values = ['g6e.24xlarge', 'g6e.12xlarge'];
    return pool as KubeObject;
  };
  const deployment = (memory: string) => {
    const d = gpuDeployment({ gpus: 4, nodeSelector: { 'karpenter.sh/nodepool': 'llm-gpu' } }) as Record<string, any>;
    const spec = d.spec.template.spec;
    spec.containers[0].resources.requests.memory = memory;
    spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['g6e.24xlarge', 'g6e.12xlarge'] }] }] } } };
    return d as KubeObject;
  };

  test('WHEN the pod fits only the larger type THEN it is reported against the smallest type the pool may launch', () => {
    const found = checkSchedulability(facts({ kubeObjects: [deployment('500Gi'), scaledObject('llm', 2), fallbackPool()] }));
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/more than one g6e\.12xlarge offers/)]);
  });

  test('WHEN the pod is sized for the smallest type THEN nothing is reported', () => {
    expect(checkSchedulability(facts({ kubeObjects: [deployment('192Gi'), scaledObject('llm', 2), fallbackPool()] }))).toEqual([]);
  });
});
