import { LLM_EKS_MULTINODE } from '../../blueprints/eks/llm-eks-multinode';
import { describeEksBlueprint } from './eks-blueprint-checks';

describeEksBlueprint(LLM_EKS_MULTINODE, (rendered) => {
  it('needs more than one p5.48xlarge per replica for 405B in bf16 at 16k context', () => {
    const plan = rendered().plan.llm!;
    expect(plan).toMatchObject({ instanceType: 'p5.48xlarge', tensorParallelSize: 8, quantization: 'none' });
    expect(plan.nodes).toBeGreaterThan(1);
    expect(plan.pipelineParallelSize).toBe(plan.nodes);
  });

  it('runs each replica as a LeaderWorkerSet group of pipeline-parallel-size pods, on every engine', () => {
    const plan = rendered().plan.llm!;
    const lws = rendered().kubernetes.find((o) => o.kind === 'LeaderWorkerSet') as Record<string, any>;
    expect(lws.spec.leaderWorkerTemplate.size).toBe(plan.pipelineParallelSize);
    expect(rendered().kubernetes.some((o) => o.kind === 'Deployment')).toBe(false);
    // The spec's default canary does not apply: Argo Rollouts manages ReplicaSets, LWS rolls its groups itself.
    expect(rendered().kubernetes.some((o) => o.kind === 'Rollout' || o.kind === 'AnalysisTemplate')).toBe(false);
    expect(Object.values<any>(rendered().terraform.json.resource.helm_release).map((r) => r.chart)).not.toContain('argo-rollouts');
    expect(Object.values<any>(rendered().terraform.json.resource.kubernetes_manifest).some((m) => m.manifest.kind === 'LeaderWorkerSet')).toBe(true);
    expect(rendered().pulumi.resources.some((r) => r.type === 'kubernetes:leaderworkerset.x-k8s.io/v1:LeaderWorkerSet')).toBe(true);
  });

  it('installs LeaderWorkerSet and the EFA device plugin, and requests EFA devices for the pods', () => {
    const releases = Object.values<any>(rendered().terraform.json.resource.helm_release).map((r) => r.chart);
    expect(releases).toEqual(expect.arrayContaining(['lws', 'aws-efa-k8s-device-plugin']));
    expect(JSON.stringify(rendered().kubernetes)).toContain('vpc.amazonaws.com/efa');
  });
});
