import { App, Stack } from 'aws-cdk-lib';
import { TerraformStack, Testing } from 'cdktf';
import { GpuInferenceCluster as CdkCluster } from '../../constructs/cdk/eks/gpu-inference-cluster';
import { LlmServingOnEks as CdkServing } from '../../constructs/cdk/eks/llm-serving-on-eks';
import { GpuInferenceCluster as TfCluster } from '../../constructs/terraform/eks/gpu-inference-cluster';
import { LlmServingOnEks as TfServing } from '../../constructs/terraform/eks/llm-serving-on-eks';
import { VllmService } from '../../constructs/pulumi/eks/vllm-service';
import { clusterFitProblems, clusterServingCapacity } from '../../lib/eks/cluster-fit';
import type { LlmServingInputs } from '../../lib/eks/serving';
import { InputValidationError } from '../../lib/errors';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';

const plan = planDeployment(resolveDeploymentSpec({ name: 'chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'vllm' }, target: { kind: 'eks' } }));

/** A cluster planned for at most 3 replicas of deployment `chat`, in namespace `chat`, bucket `weights`. */
const clusterProps = {
  clusterName: 'chat', deploymentName: 'chat', plan: plan.llm!, model: plan.model!, capacity: 'karpenter' as const,
  servingNamespace: 'chat', modelBucketName: 'weights', minReplicas: 1, maxReplicas: 3,
};

function serving(overrides: Partial<LlmServingInputs> = {}, maxReplicas = 3): LlmServingInputs {
  return {
    name: 'chat', namespace: 'chat', plan: plan.llm!, model: plan.model!, capacity: 'karpenter', modelBucketName: 'weights',
    autoscaling: { minReplicas: 1, maxReplicas, scaleToZero: false, engine: 'keda' },
    ...overrides,
  };
}

describe('clusterFitProblems', () => {
  const cluster = clusterServingCapacity(clusterProps);

  test('accepts serving that matches its cluster', () => {
    expect(clusterFitProblems(cluster, serving())).toEqual([]);
  });

  test('refuses a serving max above the replicas the cluster capacity holds, naming both values and the fix', () => {
    // WHEN serving may scale to 5 replicas on a cluster planned for 3
    const problems = clusterFitProblems(cluster, serving({}, 5));

    // THEN
    expect(problems).toEqual([{
      field: 'autoscaling.maxReplicas', value: 5,
      message: "is more than the 3 replicas the cluster's GPU capacity holds (its maxReplicas): replicas 4..5 could never schedule",
      fix: "raise the cluster's maxReplicas to at least 5, or lower autoscaling.maxReplicas to 3",
    }]);
  });

  test('refuses a traffic-routed canary whose extra pods the cluster did not size for, and accepts it once the cluster holds them', () => {
    // GIVEN a Gateway API canary of 10 % at 3 replicas: the promotion runs 3 canary + ceil(90 % × 3) stable pods
    const canary = serving({ exposure: { kind: 'gateway-api', host: 'chat.internal.example.com' }, rollout: { strategy: 'canary', canaryPercent: 10 } });
    // WHEN the cluster holds maxReplicas + the one pod of a rolling update THEN the canary is refused with the fix
    expect(clusterFitProblems(cluster, canary)).toEqual([expect.objectContaining({
      field: 'rollout',
      message: expect.stringMatching(/needs 3 \+ 3 replicas at once during a rollout .* holds 4 \(maxReplicas 3 \+ rolloutSurgeReplicas 1\)/),
      fix: expect.stringContaining('rolloutSurgeReplicas 3'),
    })]);
    expect(clusterFitProblems(clusterServingCapacity({ ...clusterProps, rolloutSurgeReplicas: 3 }), canary)).toEqual([]);
    // A replica-based canary (no exposure) surges one pod, like the Deployment.
    expect(clusterFitProblems(cluster, serving({ rollout: { strategy: 'canary' } }))).toEqual([]);
  });

  test('reports every disagreement at once: namespace, bucket, capacity, deployment name, plan', () => {
    const other = planDeployment(resolveDeploymentSpec({ name: 'big', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'vllm' }, target: { kind: 'eks', instanceType: 'p5.48xlarge' } }));
    const problems = clusterFitProblems(cluster, serving({ namespace: 'other', modelBucketName: 'elsewhere', capacity: 'auto-mode', name: 'chat2', plan: other.llm! }));
    expect(problems.map((p) => p.field).sort()).toEqual(['capacity', 'modelBucketName', 'name', 'namespace', 'plan.instanceType']);
    expect(problems.find((p) => p.field === 'namespace')).toMatchObject({ value: 'other', message: 'differs from the cluster\'s servingNamespace ("chat")' });
    expect(problems.find((p) => p.field === 'modelBucketName')?.fix).toBe("read the model from the cluster's bucket: modelBucketName 'weights'");
  });

  test("defaults the cluster's bound like the cluster constructs do (the plan's replicas × 2)", () => {
    const { maxReplicas: _omit, ...unbounded } = clusterProps;
    expect(clusterServingCapacity(unbounded).maxReplicas).toBe(Math.max(plan.llm!.replicas * 2, 1));
  });
});

describe('every engine refuses serving that does not fit its cluster', () => {
  test('CDK LlmServingOnEks', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'us-east-1' } });
    const cluster = new CdkCluster(stack, 'Gpu', clusterProps);
    expect(() => new CdkServing(stack, 'Serving', { ...serving({ namespace: 'other' }, 5), cluster }))
      .toThrow(/S\/Serving on cluster 'chat' has 2 problems:[\s\S]*- namespace \('other'\): differs from the cluster's servingNamespace \("chat"\)[\s\S]*- autoscaling\.maxReplicas \(5\)/);
  });

  test('Terraform LlmServingOnEks', () => {
    const stack = new TerraformStack(Testing.app(), 'S');
    const cluster = new TfCluster(stack, 'Gpu', { ...clusterProps, region: 'us-east-1', accountId: '123456789012', accessLogsBucketName: 'weights-logs' });
    expect(() => new TfServing(stack, 'Serving', { ...serving({}, 5), cluster, region: 'us-east-1' })).toThrow(InputValidationError);
  });

  test('Pulumi VllmService given its cluster', () => {
    const cluster = { servingCapacity: clusterServingCapacity(clusterProps) };
    expect(() => new VllmService('chat', { ...serving({ modelBucketName: 'elsewhere' }), cluster, provider: undefined as never }))
      .toThrow(/VllmService chat on cluster 'chat' has 1 problem:\n- modelBucketName \('elsewhere'\)/);
  });
});
