/**
 * The checks every `llm-eks*` blueprint passes, written once: render the blueprint on CDK, cdktf and Pulumi
 * (once, shared by all assertions) and check findings, object parity, vLLM arguments, probes, PDB, secrets
 * and the retained model bucket. Blueprint test files call {@link describeEksBlueprint} and add their own.
 */
import { type Blueprint, REVIEW_ACCOUNT } from '../../blueprints/blueprint';
import { modelBucketName } from '../../lib/eks/names';
import { type KubeObject, kubeObjectId } from '../../lib/kubernetes/types';
import { type RenderedBlueprint, renderBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';

/** JSON with object keys sorted, so that two engines' copies of an object compare as strings. */
export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(value));
}

/** Objects by `Kind/namespace/name`, canonical JSON as values. */
function byId(objects: readonly KubeObject[]): Record<string, string> {
  return Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));
}

/** The objects a CDK template applies: the `Manifest` of every `Custom::AWSCDK-EKS-KubernetesResource`. */
export function cdkKubeObjects(template: Record<string, any>): KubeObject[] {
  return Object.values<any>(template.Resources)
    .filter((r) => r.Type === 'Custom::AWSCDK-EKS-KubernetesResource')
    .flatMap((r) => {
      const manifest = r.Properties.Manifest;
      if (typeof manifest !== 'string') throw new Error(`a manifest holds unresolved references: ${JSON.stringify(manifest).slice(0, 200)}`);
      return JSON.parse(manifest) as KubeObject[];
    });
}

/** The objects a Terraform configuration applies: every `kubernetes_manifest`'s `manifest`. */
export function terraformKubeObjects(json: Record<string, any>): KubeObject[] {
  return Object.values<any>(json.resource?.kubernetes_manifest ?? {}).map((r) => r.manifest as KubeObject);
}

/** The objects a Pulumi program applies: typed Kubernetes resources (not ConfigGroups, releases or providers). */
export function pulumiKubeObjects(resources: RenderedBlueprint['pulumi']['resources']): KubeObject[] {
  return resources
    .filter((r) => r.type.startsWith('kubernetes:') && !/^kubernetes:(yaml|helm\.sh)/.test(r.type))
    .map((r) => r.inputs as unknown as KubeObject);
}

/** The vLLM server container of the serving workload (Deployment, Argo Rollouts Rollout, or LeaderWorkerSet leader). */
export function vllmServerContainer(objects: readonly KubeObject[]): Record<string, any> {
  const workload = objects.find((o) => o.kind === 'Deployment' || o.kind === 'Rollout' || o.kind === 'LeaderWorkerSet') as Record<string, any> | undefined;
  if (!workload) throw new Error('no Deployment, Rollout or LeaderWorkerSet among the objects');
  const podSpec = workload.kind !== 'LeaderWorkerSet'
    ? workload.spec.template.spec
    : (workload.spec.leaderWorkerTemplate.leaderTemplate ?? workload.spec.leaderWorkerTemplate.workerTemplate).spec;
  return (podSpec.containers as Array<Record<string, any>>).find((c) => c.name === 'vllm')!;
}

/** Renders once per file; every `it` reads the same result. */
export function describeEksBlueprint(blueprint: Blueprint, more?: (rendered: () => RenderedBlueprint) => void): void {
  describe(`blueprint ${blueprint.name}`, () => {
    let rendered: RenderedBlueprint;
    beforeAll(async () => {
      rendered = await renderBlueprint(blueprint);
    });

    it('renders on CDK, cdktf and Pulumi with zero error findings', () => {
      const errors = errorsOf(rendered.findings);
      expect(formatFindings(errors)).toBe('');
    });

    it('applies the same Kubernetes objects on CDK, cdktf and Pulumi as its plain manifests', () => {
      // GIVEN the objects of the plain-manifest rendering
      const reference = byId(rendered.kubernetes);
      expect(Object.keys(reference).length).toBeGreaterThan(5);
      // THEN every engine carries exactly those objects, field for field
      expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
      expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
      expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
    });

    it("starts vLLM with exactly the plan's engine arguments (model path replaced by the local copy)", () => {
      const plan = rendered.plan.llm!;
      const args = vllmServerContainer(rendered.kubernetes).args as string[];
      expect(args.slice(1, plan.engineArgs.length)).toEqual(plan.engineArgs.slice(1));
      expect(args[0]).toBe('/models/base');
    });

    it('gives the server startup, readiness and liveness probes, and a PodDisruptionBudget', () => {
      const container = vllmServerContainer(rendered.kubernetes);
      expect(container.startupProbe).toBeDefined();
      expect(container.readinessProbe).toBeDefined();
      expect(container.livenessProbe.httpGet.path).toBe('/health');
      expect(rendered.kubernetes.some((o) => o.kind === 'PodDisruptionBudget')).toBe(true);
    });

    it('carries no secret value: no Secret object, no literal token in any environment variable', () => {
      expect(rendered.kubernetes.filter((o) => o.kind === 'Secret')).toEqual([]);
      const text = JSON.stringify(rendered.kubernetes);
      expect(text).not.toMatch(/hf_[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16}|aws_secret_access_key/i);
    });

    it('keeps the model bucket when the stack is destroyed (CloudFormation Retain, Terraform prevent_destroy)', () => {
      const plan = rendered.plan;
      const bucketName = modelBucketName(blueprint.name, REVIEW_ACCOUNT, plan.spec.region);
      const cfnBucket = Object.values<any>(rendered.cdk.template.Resources).find((r) => r.Type === 'AWS::S3::Bucket' && r.Properties.BucketName === bucketName);
      expect(cfnBucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      expect(cfnBucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      const tfBucket = Object.values<any>(rendered.terraform.json.resource.aws_s3_bucket).find((b) => b.bucket === bucketName);
      expect(tfBucket.lifecycle).toEqual({ prevent_destroy: true });
    });

    more?.(() => rendered);
  });
}
