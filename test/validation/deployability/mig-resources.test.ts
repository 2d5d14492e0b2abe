/**
 * MIG resources: pods that request `nvidia.com/mig-<profile>` need a MIG manager and a `mixed`-strategy device plugin
 * somewhere in the output. The check reads Helm releases and objects (pure facts, no engine runs); the one Terraform
 * synth at the end renders a MIG spec and shows the GPU Operator release the EKS clusters now install for it.
 */
import { llmEksBlueprint } from '../../../blueprints/eks/llm-eks-blueprint';
import { findModel } from '../../../lib/catalogue';
import { gpuClusterComponents, type HelmComponent } from '../../../lib/eks/components';
import { GPU_OPERATOR_CHART_VERSION } from '../../../lib/eks/gpu-operator-component';
import { buildGpuNodePoolObjects, buildLlmServingObjects } from '../../../lib/kubernetes';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { planLlmServing } from '../../../lib/planner/plan';
import { contextFor } from '../../../lib/synth/context';
import { synthTerraform } from '../../../lib/synth/engines';
import { checkMigResources, emptyFacts } from '../../../lib/validation/deployability';
import type { HelmReleaseFact } from '../../../lib/validation/deployability/facts';
import { parse } from 'yaml';
import { servingOptions, SINGLE_NODE } from '../../kubernetes/fixtures';

const RULE = 'deployability/mig-resources';
const model = findModel('Qwen/Qwen2.5-7B-Instruct');
const plan = planLlmServing({ model, quantization: 'awq', maxModelLen: 4096, gpuSharing: 'mig' });
const migObjects: KubeObject[] = [
  ...buildLlmServingObjects(servingOptions({ ...SINGLE_NODE, plan, model })),
  ...buildGpuNodePoolObjects({ name: 'llm', plan, capacity: 'karpenter', clusterName: 'gpu' }),
];

const releasesOf = (components: readonly HelmComponent[]): HelmReleaseFact[] =>
  components.map((c) => ({ resource: c.id, chart: c.chart, namespace: c.namespace, values: c.values as Record<string, unknown> }));
const clusterReleases = (mig: boolean) => releasesOf(gpuClusterComponents({ clusterName: 'gpu', capacity: 'karpenter', interruptionQueueName: 'gpu', keda: true, leaderWorkerSet: false, mig }));
const findings = (helmReleases: HelmReleaseFact[], engine: 'cdk' | 'kubernetes' = 'cdk', kubeObjects = migObjects) =>
  checkMigResources({ ...emptyFacts(engine), kubeObjects, helmReleases });

describe('pods that request MIG slices', () => {
  test('GIVEN the cluster releases without the MIG install (the standalone device plugin, strategy none) THEN the pods can never be scheduled', () => {
    expect(plan.mig?.resource).toMatch(/^nvidia\.com\/mig-/);
    expect(findings(clusterReleases(false))).toEqual([expect.objectContaining({
      rule: RULE, severity: 'error', resource: expect.stringMatching(/^Deployment\//),
      message: expect.stringMatching(new RegExp(`request ${plan.mig!.resource.replace(/\./g, '\\.')}, but no MIG manager .* and no device plugin .*mixed.*found: NvidiaDevicePlugin \\(nvidia-device-plugin, migStrategy none\\).*stay Pending.*Fix: install the NVIDIA GPU Operator`)),
    })]);
  });

  test('GIVEN the cluster releases with the MIG install (GPU Operator, mixed, MIG manager) THEN nothing is reported', () => {
    expect(findings(clusterReleases(true))).toEqual([]);
  });

  test('GIVEN the GPU Operator with its default single strategy, or with the MIG manager off THEN the missing half is named', () => {
    const operator = (values: Record<string, unknown>): HelmReleaseFact[] => [{ resource: 'op', chart: 'gpu-operator', namespace: 'gpu-operator', values }];
    expect(findings(operator({ migManager: { enabled: true } }))[0]?.message).toMatch(/but no device plugin runs the 'mixed' MIG strategy.*mig\.strategy single/);
    expect(findings(operator({ mig: { strategy: 'mixed' }, migManager: { enabled: false } }))[0]?.message).toMatch(/but no MIG manager partitions the GPUs \(/);
  });

  test('GIVEN MIG manager and mixed device plugin as DaemonSets (no Helm) THEN nothing is reported: the check reads objects too', () => {
    const daemonSet = (name: string, container: Record<string, unknown>): KubeObject => ({
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'kube-system' }, spec: { template: { spec: { containers: [container] } } },
    });
    const objects = [
      ...migObjects,
      daemonSet('mig-manager', { name: 'm', image: 'nvcr.io/nvidia/cloud-native/k8s-mig-manager:v0.15.0' }),
      daemonSet('device-plugin', { name: 'p', image: 'nvcr.io/nvidia/k8s-device-plugin:v0.18.2', env: [{ name: 'MIG_STRATEGY', value: 'mixed' }] }),
    ];
    expect(findings([], 'cdk', objects)).toEqual([]);
  });

  test('GIVEN plain Kubernetes output (the cluster is the user\'s) THEN a warning, not an error; GIVEN no MIG request THEN nothing', () => {
    expect(findings([], 'kubernetes').map((f) => f.severity)).toEqual(['warning']);
    const wholeGpu = buildLlmServingObjects(servingOptions(SINGLE_NODE));
    expect(findings([], 'cdk', wholeGpu)).toEqual([]);
  });
});

describe('the GPU Operator release of a MIG spec (one Terraform synth)', () => {
  const blueprint = llmEksBlueprint({
    name: 'llm-eks-mig',
    description: 'Test blueprint: a 7B AWQ model on one MIG slice',
    spec: {
      name: 'llm-eks-mig',
      model: { id: 'Qwen/Qwen2.5-7B-Instruct' },
      runtime: { engine: 'vllm', quantization: 'awq', maxModelLen: 4096 },
      target: { kind: 'eks', capacity: 'karpenter', gpuSharing: 'mig' },
    },
  });
  let rendered: { json: Record<string, any>; findings: readonly { rule: string; severity: string; message: string }[] };
  beforeAll(() => {
    const out = synthTerraform([blueprint], [contextFor(blueprint)]);
    rendered = { json: out.stacks.get(blueprint.name)!, findings: out.findings.get(blueprint.name) ?? [] };
  });

  test('THEN helm_release gpu-operator is pinned, leaves driver and toolkit to the AMI, runs the MIG manager with the mixed strategy', () => {
    const releases = Object.values<Record<string, any>>(rendered.json.resource.helm_release);
    const operator = releases.find((r) => r.chart === 'gpu-operator');
    expect(operator).toMatchObject({ repository: 'https://helm.ngc.nvidia.com/nvidia', version: GPU_OPERATOR_CHART_VERSION, namespace: 'gpu-operator' });
    const values = Object.assign({}, ...(operator?.values as string[]).map((doc) => parse(doc) as object));
    expect(values).toMatchObject({
      driver: { enabled: false }, toolkit: { enabled: false }, mig: { strategy: 'mixed' }, migManager: { enabled: true },
      devicePlugin: { enabled: true }, dcgmExporter: { enabled: false },
    });
    // One device plugin per node: the operator's replaces the standalone release.
    expect(releases.map((r) => r.chart)).not.toContain('nvidia-device-plugin');
  });

  test('THEN the pods request a MIG slice, the check finds it provided, and the whole synth has no error finding', () => {
    expect(JSON.stringify(rendered.json)).toMatch(/nvidia\.com\/mig-\dg\.\d+gb/);
    expect(rendered.findings.filter((f) => f.rule === RULE)).toEqual([]);
    expect(rendered.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});
