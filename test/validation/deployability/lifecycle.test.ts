/**
 * Lifecycle: create, update, scale-out, scale-in and delete each have what they need: finalizer IAM actions, Helm
 * waits shorter than their caller's, something that grows node groups, nodes that can be replaced to be patched,
 * shared and locked Terraform state, and SageMaker update steps of whole instances.
 */
import { CHART_VERSIONS, gpuClusterComponents, HELM_TIMEOUT_SECONDS } from '../../../lib/eks/components';
import { karpenterControllerPolicy } from '../../../lib/eks/karpenter-iam';
import { buildGpuNodePoolObjects, maintenanceBudgets } from '../../../lib/kubernetes/node-pools';
import { trafficStep } from '../../../lib/sagemaker/guardrails';
import { stateBackendFor } from '../../../lib/synth/terraform-backend';
import { checkLifecycle, factsFromTerraform } from '../../../lib/validation/deployability';
import { LAMBDA_MAX_TIMEOUT_SECONDS } from '../../../lib/validation/deployability/facts-cloudformation';
import { handPlan } from '../../kubernetes/fixtures';
import { facts, gpuDeployment, gpuNodeGroup, gpuNodePool } from './support';

const rule = 'deployability/lifecycle';

describe('finalizers', () => {
  const policy = karpenterControllerPolicy({ clusterName: 'llm', partition: 'aws', region: 'us-east-1', accountId: '123456789012', interruptionQueueArn: 'arn:aws:sqs:us-east-1:123456789012:llm', nodeRoleArn: 'arn:aws:iam::123456789012:role/n' });

  test('GIVEN the Karpenter policy without iam:ListInstanceProfiles (the review finding) THEN deleting an EC2NodeClass would hang', () => {
    const statements = policy.Statement.map((s) => ({ ...s, Action: ([] as string[]).concat(s.Action as string).filter((a) => a !== 'iam:ListInstanceProfiles') }));
    const found = checkLifecycle(facts({ policies: [{ resource: 'KarpenterPolicy', statements }] }));
    expect(found).toEqual([expect.objectContaining({ rule, resource: 'KarpenterPolicy', message: expect.stringMatching(/Karpenter policy lacks iam:ListInstanceProfiles/) })]);
  });

  test('GIVEN the controller policy we render THEN every finalizer action is allowed', () => {
    expect(checkLifecycle(facts({ policies: [{ resource: 'KarpenterPolicy', statements: policy.Statement }] }))).toEqual([]);
  });
});

test('GIVEN a Helm release that waits as long as the Lambda calling it (the review finding) THEN it is reported; our timeout leaves a minute', () => {
  const release = (timeoutSeconds: number) => ({ resource: 'Chart', chart: 'keda', namespace: 'keda', timeoutSeconds, callerLimitSeconds: LAMBDA_MAX_TIMEOUT_SECONDS });
  expect(checkLifecycle(facts({ helmReleases: [release(900)] }))[0]!.message).toMatch(/waits up to 900s .* gives up after 900s/);
  expect(checkLifecycle(facts({ helmReleases: [release(HELM_TIMEOUT_SECONDS)] }))).toEqual([]);
});

test('GIVEN a GPU managed node group that must grow THEN the Cluster Autoscaler must be installed', () => {
  const nodeGroups = [gpuNodeGroup('g6.12xlarge', 1, 3)];
  expect(checkLifecycle(facts({ nodeGroups }))[0]!.message).toMatch(/nothing grows it \(no Cluster Autoscaler\)/);
  const components = gpuClusterComponents({ clusterName: 'llm', capacity: 'managed-nodegroup', keda: true, leaderWorkerSet: false, region: 'us-east-1' });
  const autoscaler = components.find((c) => c.id === 'ClusterAutoscaler')!;
  expect(autoscaler).toMatchObject({ version: CHART_VERSIONS.clusterAutoscaler, values: { autoDiscovery: { clusterName: 'llm' }, awsRegion: 'us-east-1' } });
  expect(checkLifecycle(facts({ nodeGroups, helmReleases: [{ resource: 'ca', chart: autoscaler.chart, namespace: autoscaler.namespace }] }))).toEqual([]);
});

describe('patching GPU nodes', () => {
  const selector = { 'karpenter.sh/nodepool': 'llm-gpu', 'node.kubernetes.io/instance-type': 'g6e.xlarge' };

  test('GIVEN nodes that never expire, do-not-disrupt pods and no window (the review finding) THEN nodes are never patched', () => {
    const objects = [gpuNodePool('llm-gpu', 'g6e.xlarge', 8, { expireAfter: 'Never' }), gpuDeployment({ gpus: 1, nodeSelector: selector, annotations: { 'karpenter.sh/do-not-disrupt': 'true' } })];
    expect(checkLifecycle(facts({ kubeObjects: objects }))[0]!.message).toMatch(/never expire and every pod on them is do-not-disrupt, with no maintenance window/);
  });

  test('GIVEN the node pools we build THEN drift replaces one node at a time inside a weekly window, and pods allow it', () => {
    const { plan } = handPlan({ modelId: 'meta-llama/Llama-3.1-8B-Instruct', instanceType: 'g6e.xlarge', tensorParallelSize: 1, weightsGiB: 15 });
    const pools = buildGpuNodePoolObjects({ name: 'llm', plan, capacity: 'karpenter', clusterName: 'llm' });
    expect(checkLifecycle(facts({ kubeObjects: [...pools, gpuDeployment({ gpus: 1, nodeSelector: selector })] }))).toEqual([]);
    // Sundays 02:00-06:00 UTC: drift is held from 06:00 for 164 h, i.e. until the next Sunday 02:00.
    expect(maintenanceBudgets()).toContainEqual({ nodes: '0', reasons: ['Drifted'], schedule: '0 6 * * 0', duration: '164h' });
    expect(maintenanceBudgets({ dayOfWeek: 6, startHour: 22, hours: 4 })).toContainEqual({ nodes: '0', reasons: ['Drifted'], schedule: '0 2 * * 0', duration: '164h' });
  });
});

describe('Terraform state', () => {
  test('GIVEN cdktf\'s default local backend at an absolute path (the review finding) THEN it is reported', () => {
    const found = checkLifecycle(factsFromTerraform({ terraform: { backend: { local: { path: '/home/me/terraform.llm.tfstate' } } } }));
    expect(found[0]).toMatchObject({ engine: 'terraform', message: expect.stringMatching(/absolute path '\/home\/me/) });
  });

  test('GIVEN no configuration THEN real deploys get S3 with locking, one key per blueprint; AIMD_TF_BACKEND=local keeps a relative file', () => {
    expect(stateBackendFor({ stackName: 'llm', account: '111122223333', region: 'eu-west-1', env: {} }))
      .toEqual({ type: 's3', bucket: 'aimd-tfstate-111122223333-eu-west-1', key: 'llm/terraform.tfstate', region: 'eu-west-1' });
    expect(stateBackendFor({ stackName: 'llm', account: '1', region: 'r', env: { AIMD_TF_BACKEND: 'local' } })).toEqual({ type: 'local', path: 'terraform.tfstate' });
    expect(() => stateBackendFor({ stackName: 'llm', account: '1', region: 'r', env: { AIMD_TF_BACKEND: 'consul' } })).toThrow(/AIMD_TF_BACKEND 'consul'/);
    const backend = (config: Record<string, unknown>) => checkLifecycle(factsFromTerraform({ terraform: { backend: { s3: config } } }));
    expect(backend({ bucket: 'b', key: 'k', use_lockfile: true })).toEqual([]);
    expect(backend({ bucket: 'b', key: 'k' })[0]!.message).toMatch(/no locking/);
  });

  test('GIVEN a Google Cloud or Azure deployment THEN its state stays in its own cloud (gcs / azurerm with Entra ID auth), locked by the backend itself', () => {
    expect(stateBackendFor({ stackName: 'llm-gke', account: '1', region: 'us-central1', cloud: 'gcp', project: 'ml-prod', env: {} }))
      .toEqual({ type: 'gcs', bucket: 'aimd-tfstate-ml-prod', prefix: 'llm-gke' });
    expect(stateBackendFor({ stackName: 'llm-aks', account: '1', region: 'eastus', cloud: 'azure', env: { AIMD_TF_STATE_STORAGE_ACCOUNT: 'mltfstate' } }))
      .toEqual({ type: 'azurerm', resourceGroupName: 'aimd-tfstate', storageAccountName: 'mltfstate', containerName: 'tfstate', key: 'llm-aks/terraform.tfstate' });
    expect(stateBackendFor({ stackName: 'llm-gke', account: '1', region: 'r', cloud: 'gcp', env: { AIMD_TF_BACKEND: 's3', AIMD_TF_STATE_BUCKET: 'shared' } }))
      .toMatchObject({ type: 's3', bucket: 'shared' });
    expect(() => stateBackendFor({ stackName: 'llm', account: '1', region: 'r', cloud: 'azure', env: { AIMD_TF_BACKEND: 'consul' } })).toThrow(/default: the deployment's cloud's, azurerm/);
  });
});

describe('SageMaker endpoint updates', () => {
  const update = (routing: string, step: { type: string; value: number }, instances: number) => checkLifecycle(facts({ endpointUpdates: [{ resource: 'Endpoint', routing, step, instances }] }));

  test('GIVEN a 10 % canary on a one-instance variant (the review finding) THEN it is no instance at all', () => {
    expect(update('CANARY', { type: 'CAPACITY_PERCENT', value: 10 }, 1)[0]!.message).toMatch(/0\.10 instance\(s\): it must be at least 1 and at most half the fleet/);
    expect(update('CANARY', { type: 'INSTANCE_COUNT', value: 1 }, 4)).toEqual([]);
  });

  test('THEN the guardrails adapt as UpdateEndpoint sizes steps: all at once for one instance, whole instances otherwise', () => {
    expect(trafficStep('CANARY', 10, 1).routing).toMatchObject({ type: 'ALL_AT_ONCE', adaptation: expect.stringMatching(/10 % canary of 1 instance/) });
    expect(trafficStep('CANARY', 10, 4).routing).toMatchObject({ type: 'CANARY', capacityInstances: 1 });
    expect(trafficStep('CANARY', 50, 5).routing).toMatchObject({ type: 'CANARY', capacityInstances: 2 });
    expect(trafficStep('LINEAR', 20, 10)).toEqual({ routing: { type: 'LINEAR', capacityPercent: 20, capacityInstances: 2 }, shifts: 5 });
    expect(trafficStep('LINEAR', 50, 1).routing.type).toBe('ALL_AT_ONCE');
    expect(trafficStep('CANARY', 10, undefined)).toEqual({ routing: { type: 'CANARY', capacityPercent: 10 }, shifts: 2 });
  });
});
