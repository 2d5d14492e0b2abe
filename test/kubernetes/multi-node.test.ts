import { buildLlmServingObjects, LOCAL_MODEL_PATH } from '../../lib/kubernetes';
import { vllmEngineArgs } from '../../lib/planner/engine-args';
import { MULTI_NODE, named, only, selects, servingOptions } from './fixtures';

describe('multi-node vLLM serving (Llama 3.1 405B on 2 × p5.48xlarge)', () => {
  // GIVEN a plan with TP 8 inside each node and PP 2 across two nodes
  const objects = buildLlmServingObjects(servingOptions(MULTI_NODE, { name: 'llm-405b' }));
  const lws = only(objects, 'LeaderWorkerSet');
  const template = lws.spec.leaderWorkerTemplate;
  const leader = template.leaderTemplate.spec.containers[0];
  const worker = template.workerTemplate.spec.containers[0];

  test('THEN the workload is a LeaderWorkerSet whose group size is the pipeline-parallel degree', () => {
    expect(lws.apiVersion).toBe('leaderworkerset.x-k8s.io/v1');
    expect(template.size).toBe(MULTI_NODE.plan.pipelineParallelSize);
    expect(template.size).toBe(MULTI_NODE.plan.nodes);
    expect(template.restartPolicy).toBe('RecreateGroupOnPodRestart');
    expect(objects.some((o) => o.kind === 'Deployment')).toBe(false);
  });

  test('THEN each pod holds one pipeline stage: the GPUs of its node and all its EFA devices', () => {
    for (const container of [leader, worker]) {
      expect(container.resources.requests).toMatchObject({ 'nvidia.com/gpu': '8', 'vpc.amazonaws.com/efa': '32' });
      expect(container.resources.limits).toMatchObject({ 'nvidia.com/gpu': '8', 'vpc.amazonaws.com/efa': '32' });
      expect(container.env).toContainEqual({ name: 'FI_PROVIDER', value: 'efa' });
    }
  });

  test('THEN the leader starts the Ray head, waits for the group, then execs vllm serve with exactly the plan\'s arguments', () => {
    expect(leader.command[0]).toBe('/bin/bash');
    expect(leader.command[2]).toMatch(/multi-node-serving\.sh leader --ray_cluster_size=\$LWS_GROUP_SIZE .*&& exec vllm serve "\$@"$/);
    expect(leader.args).toEqual(vllmEngineArgs(MULTI_NODE.config, { modelPath: LOCAL_MODEL_PATH }));
    expect(leader.args).toEqual(expect.arrayContaining(['--tensor-parallel-size', '8', '--pipeline-parallel-size', '2']));
    expect(leader.readinessProbe.httpGet.path).toBe('/v1/models');
  });

  test('THEN workers join the leader\'s Ray cluster and serve no HTTP', () => {
    expect(worker.command[2]).toMatch(/multi-node-serving\.sh worker --ray_address=\$LWS_LEADER_ADDRESS/);
    expect(worker.args).toBeUndefined();
    expect(worker.readinessProbe).toBeUndefined();
  });

  test('THEN workers start with the leader (LeaderReady would deadlock on a leader that is ready only once workers joined)', () => {
    expect(lws.spec.startupPolicy).toBe('LeaderCreated');
  });

  test('THEN workers sync the same weights, so every stage finds the checkpoint at the same path', () => {
    const [leaderInit] = template.leaderTemplate.spec.initContainers;
    const [workerInit] = template.workerTemplate.spec.initContainers;
    expect(workerInit).toEqual(leaderInit);
    // Checkpoint: max(plan's 755 GiB, 405e9 × 2 bytes = 754.4 GiB) = 755 GiB; × 1.1 + 10 GiB = 840.5, rounded up.
    expect(template.workerTemplate.spec.volumes.find((v: any) => v.name === 'models').emptyDir.sizeLimit).toBe('841Gi');
  });

  test('THEN all pods of a group share a zone, and groups spread across zones', () => {
    const term = template.workerTemplate.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    expect(term).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', matchLabelKeys: ['leaderworkerset.sigs.k8s.io/group-key'] });
    expect(template.leaderTemplate.spec.topologySpreadConstraints[0].topologyKey).toBe('topology.kubernetes.io/zone');
  });

  test('THEN the Service sends traffic to leaders only, while the PDB and NetworkPolicy cover the whole group', () => {
    const leaderLabels = template.leaderTemplate.metadata.labels;
    const workerLabels = template.workerTemplate.metadata.labels;
    const service = only(objects, 'Service');
    expect(selects(service.spec.selector, leaderLabels)).toBe(true);
    expect(selects(service.spec.selector, workerLabels)).toBe(false);
    const pdb = only(objects, 'PodDisruptionBudget');
    const policy = named(objects, 'NetworkPolicy', objects.find((o) => o.kind === 'LeaderWorkerSet')!.metadata.name);
    for (const labels of [leaderLabels, workerLabels]) {
      expect(selects(pdb.spec.selector.matchLabels, labels)).toBe(true);
      expect(selects(policy.spec.podSelector.matchLabels, labels)).toBe(true);
    }
    // Ray and NCCL between the pods of the group, on any port.
    expect(policy.spec.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: policy.spec.podSelector.matchLabels } }] });
    expect(policy.spec.egress).toContainEqual({ to: [{ podSelector: { matchLabels: policy.spec.podSelector.matchLabels } }] });
  });

  test('THEN the start-up budget includes loading half the checkpoint per node and forming the Ray cluster', () => {
    // 1.5 × (300 s warm-up + 755 GiB / 2 nodes / 0.5 GiB/s + 120 s Ray) = 1763 s → 177 periods of 10 s.
    expect(leader.startupProbe.failureThreshold).toBe(177);
    expect(leader.startupProbe.periodSeconds).toBe(10);
  });

  test('THEN KEDA scales the LeaderWorkerSet through its scale subresource', () => {
    expect(only(objects, 'ScaledObject').spec.scaleTargetRef).toEqual({ apiVersion: 'leaderworkerset.x-k8s.io/v1', kind: 'LeaderWorkerSet', name: 'llm-405b' });
  });
});
