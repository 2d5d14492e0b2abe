/**
 * The neutral description of `llm-gke`'s Google Cloud resources, read as a specification (cheap: no engine runs). The
 * cdktf stack and the Pulumi program render exactly this (test/blueprints/llm-gke.test.ts checks the rendered output).
 */
import fc from 'fast-check';
import { LLM_GKE } from '../../blueprints/gke/llm-gke';
import { llmGkeDeploymentConfig } from '../../blueprints/gke/deployment-config';
import { InputValidationError } from '../../lib/errors';
import { gkeKubeObjects } from '../../lib/gke/deployment-config';
import { gkeNameProblems, llmGkeDesign } from '../../lib/gke/llm-gke-design';
import { NAME_PATTERN } from '../../lib/spec/field-checks';
import { contextFor } from '../../lib/synth/context';

const context = contextFor(LLM_GKE);
const config = llmGkeDeploymentConfig(context, { project: 'aimd-review-project' });
const design = llmGkeDesign(config);

describe('llm-gke design', () => {
  test('the cluster is private GKE Standard: private nodes and endpoint, Workload Identity, Shielded Nodes, REGULAR channel', () => {
    expect(design.cluster.name).toBe('llm-gke');
    expect(design.cluster.privateClusterConfig).toEqual({ enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: '172.16.0.0/28', masterGlobalAccessConfig: { enabled: false } });
    expect(design.cluster.masterAuthorizedNetworksConfig.cidrBlocks).toEqual([{ cidrBlock: design.network.subnet.ipCidrRange, displayName: 'authorized' }]);
    expect(design.cluster.workloadIdentityConfig).toEqual({ workloadPool: 'aimd-review-project.svc.id.goog' });
    expect(design.cluster).toMatchObject({ enableShieldedNodes: true, releaseChannel: { channel: 'REGULAR' }, datapathProvider: 'ADVANCED_DATAPATH', deletionProtection: true, removeDefaultNodePool: true });
  });

  test('Managed Prometheus and GKE\'s DCGM metrics are on (vLLM and GPU alerts read them)', () => {
    expect(design.cluster.monitoringConfig).toEqual({ enableComponents: ['SYSTEM_COMPONENTS', 'DCGM'], managedPrometheus: { enabled: true } });
  });

  test('the network is the cluster\'s own: pods and services are secondary ranges of the node subnet, Cloud NAT for pulls', () => {
    expect(design.network.subnet.secondaryIpRanges.map((r) => r.rangeName)).toEqual([design.cluster.ipAllocationPolicy.clusterSecondaryRangeName, design.cluster.ipAllocationPolicy.servicesSecondaryRangeName]);
    expect(design.network.subnet.privateIpGoogleAccess).toBe(true);
    expect(design.network.nat.sourceSubnetworkIpRangesToNat).toBe('ALL_SUBNETWORKS_ALL_IP_RANGES');
  });

  test('the GPU pool has the plan\'s machine and accelerator, GKE\'s driver, the spec\'s bounds plus a surge node', () => {
    const plan = context.plan.llm!;
    expect(design.gpuPool.machineType).toBe(plan.instanceType);
    expect(design.gpuPool.guestAccelerators).toEqual([{ type: 'nvidia-l4', count: plan.acceleratorCount, gpuDriverInstallationConfig: { gpuDriverVersion: 'LATEST' } }]);
    // minReplicas 1 .. maxReplicas 4, plus one node for the rollout's surge pod.
    expect(design.gpuPool.autoscaling).toEqual({ totalMinNodeCount: 1, totalMaxNodeCount: 5, locationPolicy: 'ANY' });
    expect(design.gpuPool.labels).toEqual({ 'ai-model-deployment/deployment': 'llm-gke' });
  });

  test('the GPU pool\'s name and taint are the ones the serving pods select and tolerate', () => {
    const pod = (gkeKubeObjects(config).find((o) => o.kind === 'Deployment') as any).spec.template.spec;
    expect(pod.nodeSelector['cloud.google.com/gke-nodepool']).toBe(design.gpuPool.name);
    const [taint] = design.gpuPool.taints;
    expect(taint).toEqual({ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' });
    expect(pod.tolerations).toContainEqual(expect.objectContaining({ key: taint!.key, effect: 'NoSchedule' }));
  });

  test('every node runs as its own account, sees only the GKE metadata server, and boots shielded', () => {
    expect(design.nodeConfig.workloadMetadataConfig).toEqual({ mode: 'GKE_METADATA' });
    expect(design.nodeConfig.shieldedInstanceConfig).toEqual({ enableSecureBoot: true, enableIntegrityMonitoring: true });
    expect(design.nodeConfig.oauthScopes).toEqual(['https://www.googleapis.com/auth/cloud-platform']);
    expect(design.nodeAccount.roles).not.toContain('roles/storage.objectViewer');
  });

  test('the weights bucket is private, CMEK-encrypted with a rotated key, versioned and kept on destroy', () => {
    expect(design.weights.bucket).toMatchObject({ name: 'aimd-review-project-llm-gke-weights', uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced', versioning: { enabled: true }, forceDestroy: false });
    expect(design.weights.cryptoKey).toEqual({ name: 'llm-gke-weights', rotationPeriod: '7776000s', purpose: 'ENCRYPT_DECRYPT' });
    expect(design.weights.storageAgentRole).toBe('roles/cloudkms.cryptoKeyEncrypterDecrypter');
    expect(design.weights.retainOnDestroy).toBe(true);
  });

  test('the reader may only read objects, and only the serving ServiceAccount may act as it; KEDA only reads metrics', () => {
    expect(design.reader).toMatchObject({ accountId: 'llm-gke-reader', bucketRole: 'roles/storage.objectViewer' });
    expect(design.reader.workloadIdentity).toEqual({ role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:aimd-review-project.svc.id.goog[llm-gke/llm-gke-vllm]' });
    expect(design.keda.projectRole).toBe('roles/monitoring.viewer');
    expect(design.keda.workloadIdentity.member).toBe('serviceAccount:aimd-review-project.svc.id.goog[keda/keda-operator]');
  });

  test('the only firewall rule opens KEDA\'s metrics port (6443) to the control plane\'s /28', () => {
    expect(design.keda.firewall).toEqual({ name: 'llm-gke-cp-to-keda', direction: 'INGRESS', sourceRanges: [design.cluster.privateClusterConfig.masterIpv4CidrBlock], allows: [{ protocol: 'tcp', ports: ['6443'] }] });
  });

  test('each resource carries the deployment labels on its own copy', () => {
    expect(design.cluster.resourceLabels).toMatchObject({ 'aimd-deployment': 'llm-gke' });
    expect(design.weights.bucket.labels).toEqual(design.cluster.resourceLabels);
    expect(design.weights.bucket.labels).not.toBe(design.cluster.resourceLabels);
  });
});

describe('llm-gke names and Google\'s limits', () => {
  test('GIVEN any valid deployment name and project id THEN every derived name fits Google\'s rules', () => {
    // Spec names are NAME_PATTERN (1-40 characters); project ids are 6-30 characters (Resource Manager, read 2026-12-03).
    const name = fc.stringMatching(NAME_PATTERN);
    const project = fc.stringMatching(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
    fc.assert(fc.property(name, project, (n, p) => {
      const d = llmGkeDesign(llmGkeDeploymentConfig({ ...context, name: n }, { project: p }));
      expect(gkeNameProblems(d)).toEqual([]);
    }), { numRuns: 60 });
  });

  test('GIVEN a name GKE refuses THEN the design throws once, naming every name it breaks and the limit', () => {
    const long = 'a'.repeat(45);
    const bad = { ...config, name: long, serving: { ...config.serving, nodePoolName: `${long}-gpu` } };
    expect(() => llmGkeDesign(bad)).toThrow(InputValidationError);
    expect(() => llmGkeDesign(bad)).toThrow(/cluster\.name \('a{45}'\): is not a valid Google Cloud name: at most 40[\s\S]*gpuPool\.name/);
  });
});
