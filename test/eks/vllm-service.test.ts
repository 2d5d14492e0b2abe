import * as k8s from '@pulumi/kubernetes';
import { portableClusterComponents, VllmService } from '../../constructs/pulumi/eks/vllm-service';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { capturePulumiProgram, validatePulumiResources } from '../../lib/validation/pulumi-mocks';

describe('VllmService (Pulumi) on a cluster that is not EKS', () => {
  it('deploys the serving objects and the portable cluster software with the given provider only, no AWS resource', async () => {
    // GIVEN a plan and a Kubernetes provider for some other cluster (GKE, AKS, on-prem)
    const plan = planDeployment(resolveDeploymentSpec({ name: 'chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'vllm' }, target: { kind: 'eks', capacity: 'managed-nodegroup' } }));
    const inputs = {
      name: 'chat', namespace: 'chat', plan: plan.llm!, model: plan.model!, capacity: 'managed-nodegroup' as const,
      modelBucketName: 'weights-bucket', autoscaling: { minReplicas: 1, maxReplicas: 2, scaleToZero: false, engine: 'keda' as const },
    };
    // WHEN the service is declared
    const resources = await capturePulumiProgram(() => {
      const provider = new k8s.Provider('other-cluster', { kubeconfig: '{"apiVersion":"v1","kind":"Config"}' });
      new VllmService('chat', { ...inputs, provider, clusterComponents: portableClusterComponents(inputs) });
    });
    // THEN everything it creates is a Kubernetes resource, all through that provider
    expect(validatePulumiResources(resources)).toEqual([]);
    expect(resources.filter((r) => r.type.startsWith('aws:'))).toEqual([]);
    const kube = resources.filter((r) => r.custom && r.type.startsWith('kubernetes:'));
    expect(kube.length).toBeGreaterThan(10);
    for (const resource of kube) expect(resource.provider).toContain('pulumi:providers:kubernetes::other-cluster');
    const charts = resources.filter((r) => r.type === 'kubernetes:helm.sh/v3:Release').map((r) => r.inputs.chart);
    expect(charts.sort()).toEqual(['dcgm-exporter', 'keda', 'kube-prometheus-stack']);
    expect(resources.some((r) => r.type === 'kubernetes:apps/v1:Deployment')).toBe(true);
  });
});
