import { buildLlmServingObjects, LOCAL_MODEL_PATH, VLLM_IMAGE_TAG } from '../../lib/kubernetes';
import { vllmEngineArgs } from '../../lib/planner/engine-args';
import { allContainers, named, only, selects, servingOptions, SINGLE_NODE } from './fixtures';

describe('single-node vLLM serving objects', () => {
  // GIVEN Llama 3.1 8B planned on one L40S, weights in S3, KEDA 1..4, an internal ALB
  const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE));
  const deployment = only(objects, 'Deployment');
  const pod = deployment.spec.template;
  const vllm = pod.spec.containers[0];

  test('THEN the objects are, in apply order, namespace and identity, workload, and what points at it', () => {
    expect(objects.map((o) => o.kind)).toEqual([
      'Namespace', 'ServiceAccount', 'Deployment', 'Service', 'PodDisruptionBudget', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy',
      'ScaledObject', 'ServiceMonitor', 'ServiceMonitor', 'PrometheusRule', 'ConfigMap', 'Ingress',
    ]);
    expect(objects.some((o) => o.kind === 'LeaderWorkerSet')).toBe(false);
  });

  test('THEN vLLM runs exactly the plan\'s arguments with the synced local path as the model', () => {
    expect(vllm.command).toEqual(['vllm', 'serve']);
    expect(vllm.args).toEqual(vllmEngineArgs(SINGLE_NODE.config, { modelPath: LOCAL_MODEL_PATH }));
    expect(vllm.args).toEqual(expect.arrayContaining(['--tensor-parallel-size', '1', '--max-model-len', '8192', '--enable-prefix-caching', '--served-model-name', 'meta-llama/Llama-3.1-8B-Instruct']));
  });

  test('THEN the image is the pinned vLLM release, never latest', () => {
    expect(vllm.image).toBe(`vllm/vllm-openai:${VLLM_IMAGE_TAG}`);
    expect(allContainers(objects).every(({ container }) => !/:latest$|^[^:]+$/.test(container.image))).toBe(true);
  });

  test('THEN GPU requests equal limits equal the GPUs of the plan', () => {
    expect(vllm.resources.requests['nvidia.com/gpu']).toBe('1');
    expect(vllm.resources.limits['nvidia.com/gpu']).toBe('1');
    expect(vllm.resources.requests['vpc.amazonaws.com/efa']).toBeUndefined();
  });

  test('THEN /dev/shm is a memory-backed emptyDir and the model volume holds the checkpoint', () => {
    const volumes = Object.fromEntries(pod.spec.volumes.map((v: any) => [v.name, v]));
    const shmMount = vllm.volumeMounts.find((m: any) => m.mountPath === '/dev/shm');
    expect(volumes[shmMount.name].emptyDir).toEqual({ medium: 'Memory', sizeLimit: '2Gi' });
    // 8.03e9 parameters × 2 bytes = 14.96 GiB, × 1.1 + 10 GiB headroom.
    expect(volumes.models.emptyDir.sizeLimit).toBe('27Gi');
  });

  test('THEN the pod lands on the plan\'s GPU nodes, tolerates their taint and spreads across zones', () => {
    expect(pod.spec.nodeSelector).toEqual({ 'node.kubernetes.io/instance-type': 'g6e.xlarge', 'karpenter.sh/nodepool': 'llm-gpu' });
    expect(pod.spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    // Drift may replace the node inside the NodePool's maintenance window: no do-not-disrupt (it kept nodes unpatched).
    expect(pod.metadata.annotations?.['karpenter.sh/do-not-disrupt']).toBeUndefined();
    expect(pod.spec.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1 });
  });

  test('THEN probes mean something: start-up budget, ready on /v1/models, alive on /health', () => {
    expect(vllm.startupProbe.httpGet.path).toBe('/health');
    expect(vllm.startupProbe.failureThreshold * vllm.startupProbe.periodSeconds).toBeGreaterThanOrEqual(450);
    expect(vllm.readinessProbe.httpGet.path).toBe('/v1/models');
    expect(vllm.livenessProbe.httpGet.path).toBe('/health');
  });

  test('THEN an init container syncs the weights from S3 with the service account\'s role', () => {
    const init = pod.spec.initContainers[0];
    expect(init.image).toMatch(/^public\.ecr\.aws\/aws-cli\/aws-cli:2\.\d+\.\d+$/);
    expect(init.env).toContainEqual({ name: 'MODEL_S3_URI', value: 's3://models-123456789012-us-east-1/meta-llama/model/' });
    expect(init.command.join(' ')).toContain(`aws s3 sync "$MODEL_S3_URI" ${LOCAL_MODEL_PATH}`);
    expect(pod.spec.serviceAccountName).toBe('vllm');
    expect(only(objects, 'ServiceAccount').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/llm-model-reader' });
  });

  test('THEN every container runs non-root, read-only, without capabilities, under RuntimeDefault seccomp', () => {
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 2000, seccompProfile: { type: 'RuntimeDefault' } });
    for (const { container } of allContainers(objects)) {
      expect(container.securityContext).toEqual({
        runAsNonRoot: true, runAsUser: 2000, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true, seccompProfile: { type: 'RuntimeDefault' },
      });
    }
    expect(only(objects, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('THEN the PodDisruptionBudget and the Service select the serving pods', () => {
    const labels = pod.metadata.labels;
    const pdb = only(objects, 'PodDisruptionBudget');
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(selects(pdb.spec.selector.matchLabels, labels)).toBe(true);
    const service = only(objects, 'Service');
    expect(service.spec.type).toBe('ClusterIP');
    expect(selects(service.spec.selector, labels)).toBe(true);
    expect(selects(deployment.spec.selector.matchLabels, labels)).toBe(true);
  });

  test('THEN the namespace denies by default, and the server\'s policy opens port 8000 only to Prometheus and the ALB', () => {
    expect(named(objects, 'NetworkPolicy', 'llm-default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(named(objects, 'NetworkPolicy', 'llm-allow-dns').spec.egress).toEqual([{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }]);
    const policy = named(objects, 'NetworkPolicy', 'llm');
    expect(selects(policy.spec.podSelector.matchLabels, pod.metadata.labels)).toBe(true);
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 8000 }] },
      { from: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: 8000 }] },
    ]);
  });

  test('THEN the internal ALB terminates TLS with the certificate and routes to the Service', () => {
    const ingress = only(objects, 'Ingress');
    expect(ingress.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internal',
      'alb.ingress.kubernetes.io/certificate-arn': 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
    });
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'llm', port: { name: 'http' } });
  });
});
