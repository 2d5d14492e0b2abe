/**
 * `triton-eks`: a Triton ensemble on EKS, synthesized once per engine (CDK, cdktf, Pulumi) and as plain manifests.
 * Every engine applies the same objects with zero error findings; the GPU capacity is sized from the classic
 * model-server plan; the generated model configurations reach the pods.
 */
import { REVIEW_ACCOUNT } from '../../blueprints/blueprint';
import { TRITON_EKS } from '../../blueprints/eks/triton-eks';
import { modelBucketName } from '../../lib/eks/names';
import { tritonRepositoryFileProblems } from '../../lib/kubernetes/runtimes/triton/repository-check';
import { type KubeObject, kubeObjectId } from '../../lib/kubernetes/types';
import { type RenderedBlueprint, renderBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { canonical, cdkKubeObjects, pulumiKubeObjects, terraformKubeObjects } from './eks-blueprint-checks';

function byId(objects: readonly KubeObject[]): Record<string, string> {
  return Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));
}

function find(objects: readonly KubeObject[], kind: string): Record<string, any> {
  const found = objects.find((o) => o.kind === kind);
  if (!found) throw new Error(`no ${kind} among the objects`);
  return found as Record<string, any>;
}

describe('blueprint triton-eks', () => {
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    rendered = await renderBlueprint(TRITON_EKS);
  });

  it('renders on CDK, cdktf and Pulumi with zero error findings', () => {
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
  });

  it('applies the same Kubernetes objects on CDK, cdktf and Pulumi as its plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(Object.keys(reference).length).toBeGreaterThan(10);
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  it('is planned as a classic model server on the spec instance, priced from the catalogue', () => {
    const { modelServer, llm, summary } = rendered.plan;
    expect(llm).toBeUndefined();
    expect(modelServer).toMatchObject({ kind: 'model-server', engine: 'triton', instanceType: 'g6.xlarge', gpusPerPod: 1, replicas: 1 });
    // g6.xlarge: $0.8048/h on demand in us-east-1 × 730 h.
    expect(summary).toMatchObject({ compute: 'g6.xlarge (1 × l4)', monthlyCostUsd: 588, billing: 'hourly' });
  });

  it('sizes the Karpenter GPU NodePool from the model-server plan: its instance type, max replicas plus the rollout surge', () => {
    const pool = find(rendered.kubernetes, 'NodePool');
    const requirement = pool.spec.template.spec.requirements.find((r: any) => r.key === 'node.kubernetes.io/instance-type');
    expect(requirement.values).toEqual(['g6.xlarge']);
    expect(pool.spec.limits['nvidia.com/gpu']).toBe('5');
  });

  it('runs tritonserver on the synced local repository with health probes, metrics port and a graceful exit', () => {
    const pod = find(rendered.kubernetes, 'Deployment').spec.template.spec;
    const triton = pod.containers.find((c: any) => c.name === 'triton');
    expect(triton.image).toMatch(/^nvcr\.io\/nvidia\/tritonserver:\d{2}\.\d{2}-py3$/);
    expect(triton.args).toEqual(expect.arrayContaining(['--model-repository=/models/repository', '--exit-timeout-secs=60']));
    expect(triton.readinessProbe.httpGet.path).toBe('/v2/health/ready');
    expect(triton.livenessProbe.httpGet.path).toBe('/v2/health/live');
    expect(triton.ports.map((p: any) => p.containerPort)).toEqual([8000, 8001, 8002]);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(60);
    const sync = pod.initContainers[0];
    const bucket = modelBucketName('triton-eks', REVIEW_ACCOUNT, rendered.plan.spec.region);
    expect(sync.env).toContainEqual({ name: 'MODEL_REPOSITORY_S3_URI', value: `s3://${bucket}/models/resnet50-classifier/` });
  });

  it('ships the generated config.pbtxt of every model of the ensemble, and they pass the repository check', () => {
    const data = find(rendered.kubernetes, 'ConfigMap').data as Record<string, string>;
    const files = Object.fromEntries(Object.entries(data).map(([key, text]) => [key.replace(/\.config\.pbtxt$/, ''), text]));
    expect(Object.keys(files).sort()).toEqual(['classify', 'postprocess', 'preprocess', 'resnet50']);
    expect(tritonRepositoryFileProblems(files)).toEqual([]);
    expect(files.resnet50).toContain('max_batch_size: 16');
  });

  it('scales with KEDA on Triton pending requests, between 1 and 4 replicas', () => {
    const scaledObject = find(rendered.kubernetes, 'ScaledObject');
    expect(scaledObject.spec).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 4 });
    expect(scaledObject.spec.triggers[0].metadata.query).toContain('nv_inference_pending_request_count');
  });

  it('reads the model bucket as its own service account, the one Pod Identity binds the least-privilege role to', () => {
    expect(find(rendered.kubernetes, 'Deployment').spec.template.spec.serviceAccountName).toBe('triton-eks-triton');
    const associations = Object.values<any>(rendered.cdk.template.Resources).filter((r) => r.Type === 'AWS::EKS::PodIdentityAssociation');
    expect(associations.map((a) => [a.Properties.Namespace, a.Properties.ServiceAccount])).toContainEqual(['triton-eks', 'triton-eks-triton']);
  });

  it('carries no secret value: the API key comes from Secrets Manager through an ExternalSecret', () => {
    expect(rendered.kubernetes.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(find(rendered.kubernetes, 'ExternalSecret').spec.data[0].remoteRef.key).toBe('aimd/triton-eks/api-key');
  });
});
