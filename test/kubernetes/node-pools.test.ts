import { buildGpuNodePoolObjects, buildLlmServingObjects, buildNvidiaDevicePluginObjects, KARPENTER_AMI_ALIASES, NVIDIA_DEVICE_PLUGIN_IMAGE } from '../../lib/kubernetes';
import { findModel, getInstanceType } from '../../lib/catalogue';
import { planLlmServing } from '../../lib/planner/plan';
import { MULTI_NODE, only, servingOptions, SINGLE_NODE } from './fixtures';

describe('Karpenter GPU capacity', () => {
  // GIVEN the 405B plan on p5.48xlarge, with a capacity block
  const objects = buildGpuNodePoolObjects({ name: 'llm-405b', plan: MULTI_NODE.plan, capacity: 'karpenter', clusterName: 'gpu', capacityReservationId: 'cr-0123456789abcdef0' });
  const nodeClass = only(objects, 'EC2NodeClass');
  const pool = only(objects, 'NodePool');

  test('THEN the NodePool is the one the serving pods select, limited to the plan\'s instance type', () => {
    const lws = only(buildLlmServingObjects(servingOptions(MULTI_NODE, { name: 'llm-405b' })), 'LeaderWorkerSet');
    expect(lws.spec.leaderWorkerTemplate.workerTemplate.spec.nodeSelector['karpenter.sh/nodepool']).toBe(pool.metadata.name);
    expect(pool.spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: nodeClass.metadata.name });
    expect(pool.spec.template.spec.requirements).toEqual(expect.arrayContaining([
      { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.48xlarge'] },
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['p5'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['reserved', 'on-demand'] },
    ]));
  });

  test('THEN GPU nodes are tainted, never expire, and only empty nodes are consolidated', () => {
    expect(pool.spec.template.spec.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
    expect(pool.spec.template.spec.expireAfter).toBe('Never');
    expect(pool.spec.disruption.consolidationPolicy).toBe('WhenEmpty');
    // 2 nodes × 1 replica × 2 headroom × 8 GPUs.
    expect(pool.spec.limits).toEqual({ 'nvidia.com/gpu': '32' });
  });

  test('THEN the EC2NodeClass pins the AMI, uses the NVMe as RAID0, enforces IMDSv2 with one hop and targets the reservation', () => {
    expect(nodeClass.spec.amiSelectorTerms).toEqual([{ alias: KARPENTER_AMI_ALIASES.al2023 }]);
    expect(nodeClass.spec.amiSelectorTerms[0].alias).not.toMatch(/latest/);
    expect(nodeClass.spec.instanceStorePolicy).toBe('RAID0');
    expect(nodeClass.spec.metadataOptions).toMatchObject({ httpTokens: 'required', httpPutResponseHopLimit: 1 });
    expect(nodeClass.spec.capacityReservationSelectorTerms).toEqual([{ id: 'cr-0123456789abcdef0' }]);
    expect(nodeClass.spec.role).toBe('KarpenterNodeRole-gpu');
    expect(nodeClass.spec.blockDeviceMappings[0].ebs).toMatchObject({ encrypted: true, volumeType: 'gp3' });
  });

  test('GIVEN Bottlerocket WHEN built THEN the OS and data volumes are separate and the alias is pinned', () => {
    const [bottlerocket] = buildGpuNodePoolObjects({ name: 'llm', plan: SINGLE_NODE.plan, capacity: 'karpenter', clusterName: 'gpu', amiFamily: 'bottlerocket' }) as any[];
    expect(bottlerocket.spec.amiSelectorTerms).toEqual([{ alias: KARPENTER_AMI_ALIASES.bottlerocket }]);
    expect(bottlerocket.spec.blockDeviceMappings.map((b: any) => b.deviceName)).toEqual(['/dev/xvda', '/dev/xvdb']);
  });
});

describe('EKS Auto Mode GPU capacity', () => {
  test('GIVEN auto mode WHEN built THEN a NodePool references an eks.amazonaws.com NodeClass sized for the model', () => {
    const objects = buildGpuNodePoolObjects({ name: 'llm', plan: SINGLE_NODE.plan, capacity: 'auto-mode', clusterName: 'gpu', nodeRoleName: 'gpu-auto-node' });
    const nodeClass = only(objects, 'NodeClass');
    const pool = only(objects, 'NodePool');
    expect(nodeClass.apiVersion).toBe('eks.amazonaws.com/v1');
    expect(nodeClass.spec).toMatchObject({ role: 'gpu-auto-node', ephemeralStorage: { size: '200Gi' } });
    expect(pool.spec.template.spec.nodeClassRef).toEqual({ group: 'eks.amazonaws.com', kind: 'NodeClass', name: 'llm-gpu' });
    expect(pool.spec.template.spec.requirements).toContainEqual({ key: 'eks.amazonaws.com/instance-family', operator: 'In', values: ['g6e'] });
    expect(pool.spec.template.spec.expireAfter).toBeUndefined();
  });

  test('GIVEN auto mode without a node role WHEN built THEN the missing role is named', () => {
    expect(() => buildGpuNodePoolObjects({ name: 'llm', plan: SINGLE_NODE.plan, capacity: 'auto-mode', clusterName: 'gpu' })).toThrow(/nodeRoleName \(undefined\): an Auto Mode NodeClass requires the node IAM role/);
  });
});

describe('NVIDIA device plugin only where the node image lacks it', () => {
  test.each([
    ['karpenter', 'al2023', 1],
    ['managed-nodegroup', 'al2023', 1],
    ['karpenter', 'bottlerocket', 0],
    ['auto-mode', undefined, 0],
  ] as const)('GIVEN %s with %s nodes THEN %i DaemonSet(s)', (capacity, amiFamily, count) => {
    const objects = buildNvidiaDevicePluginObjects({ capacity, amiFamily });
    expect(objects).toHaveLength(count);
    if (count === 1) {
      const daemonSet = only(objects, 'DaemonSet');
      expect(daemonSet.spec.template.spec.containers[0].image).toBe(NVIDIA_DEVICE_PLUGIN_IMAGE);
      expect(daemonSet.spec.template.spec.tolerations).toContainEqual({ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' });
    }
  });
});

describe('pods follow the capacity mode', () => {
  test.each([
    ['karpenter', { 'node.kubernetes.io/instance-type': 'g6e.xlarge', 'karpenter.sh/nodepool': 'llm-gpu' }],
    ['auto-mode', { 'node.kubernetes.io/instance-type': 'g6e.xlarge', 'karpenter.sh/nodepool': 'llm-gpu', 'eks.amazonaws.com/compute-type': 'auto' }],
    ['managed-nodegroup', { 'node.kubernetes.io/instance-type': 'g6e.xlarge' }],
  ] as const)('GIVEN %s capacity THEN the pods select %j', (capacity, selector) => {
    const deployment = only(buildLlmServingObjects(servingOptions(SINGLE_NODE, { capacity })), 'Deployment');
    expect(deployment.spec.template.spec.nodeSelector).toEqual(selector);
  });
});

describe('ranked fallbacks in the GPU NodePool (issue 15)', () => {
  // GIVEN a planned 70B in fp8 (g6e.12xlarge, falling back to g6e.24xlarge) (its choice and ranked fallbacks come from the planner, not by hand)
  const planned = planLlmServing({ model: findModel('meta-llama/Llama-3.1-70B-Instruct'), quantization: 'fp8', maxModelLen: 8192, requestsPerSecond: 2 });
  const types = [planned.instanceType, ...(planned.fallbacks ?? []).map((f) => f.instanceType)];
  const objects = buildGpuNodePoolObjects({ name: 'llm-70b', plan: planned, capacity: 'karpenter', clusterName: 'gpu' });
  const pool = only(objects, 'NodePool');
  const requirement = (key: string) => pool.spec.template.spec.requirements.find((r: { key: string }) => r.key === key);

  test('THEN the instance-type requirement is the choice, then its fallbacks in price order', () => {
    expect(types.length).toBeGreaterThan(1);
    expect(requirement('node.kubernetes.io/instance-type')).toEqual({ key: 'node.kubernetes.io/instance-type', operator: 'In', values: types });
  });

  test('THEN the family requirement admits every fallback and the GPU limit counts the same GPUs per node', () => {
    const families = requirement('karpenter.k8s.aws/instance-family').values;
    for (const type of types) expect(families).toContain(getInstanceType(type).family);
    for (const type of types) expect(getInstanceType(type).acceleratorCount).toBe(planned.acceleratorCount);
  });
});
