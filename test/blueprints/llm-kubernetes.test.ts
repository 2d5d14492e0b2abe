/**
 * `llm-kubernetes`: an existing cluster gets only the serving objects, with the generic binding, applied by a Pulumi
 * component on the spec's kubeconfig context (and by Terraform's kubernetes provider). Each engine once.
 */
import { LLM_KUBERNETES } from '../../blueprints/kubernetes/llm-kubernetes';
import { contextFor } from '../../lib/synth/context';
import { synthKubernetes, synthPulumi, synthTerraform } from '../../lib/synth/engines';
import type { KubeObject } from '../../lib/kubernetes/types';
import type { RecordedPulumiResource } from '../../lib/validation/pulumi-mocks';
import type { ValidationFinding } from '../../lib/validation/types';

describe('llm-kubernetes', () => {
  const context = contextFor(LLM_KUBERNETES);
  let objects: readonly KubeObject[];
  let pulumi: readonly RecordedPulumiResource[];
  let tf: Record<string, any>;
  let findings: ValidationFinding[];

  beforeAll(async () => {
    const k = synthKubernetes([LLM_KUBERNETES], [context]);
    objects = k.objects.get('llm-kubernetes') ?? [];
    const p = await synthPulumi(LLM_KUBERNETES, context);
    pulumi = p.resources;
    const t = synthTerraform([LLM_KUBERNETES], [context]);
    tf = t.stacks.get('llm-kubernetes')!;
    findings = [...(k.findings.get('llm-kubernetes') ?? []), ...p.findings, ...(t.findings.get('llm-kubernetes') ?? [])];
  }, 120_000);

  test('THEN it renders with zero findings, and CDK refuses: there is no AWS resource to make', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(() => LLM_KUBERNETES.renderCdk({} as never, context)).toThrow(/deploys to an existing Kubernetes cluster, and CDK is AWS-only[\s\S]*plain manifests/);
  });

  test('THEN the objects use the generic binding: GPU Feature Discovery label, no cloud identity, the model from the Hub', () => {
    const pod = (objects.find((o) => o.kind === 'Deployment') as any).spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
    expect(pod.initContainers).toBeUndefined();
    expect(pod.containers[0].args[0]).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(objects.find((o) => o.kind === 'ServiceAccount')!.metadata.annotations).toBeUndefined();
    expect(objects.some((o) => o.kind === 'NodePool' || o.kind === 'EC2NodeClass')).toBe(false);
  });

  test('THEN Pulumi applies them with a kubernetes.Provider on the spec\'s kubeconfig context, and nothing else', () => {
    const providers = pulumi.filter((r) => r.type === 'pulumi:providers:kubernetes');
    expect(providers.map((p) => p.inputs.context)).toEqual(['gpu-cluster']);
    expect(pulumi.filter((r) => r.custom && !r.type.startsWith('kubernetes:') && !r.type.startsWith('pulumi:providers:'))).toEqual([]);
  });

  test('THEN Terraform applies the same objects through the kubernetes provider on that context', () => {
    expect(tf.provider.kubernetes[0]).toMatchObject({ config_context: 'gpu-cluster' });
    expect(Object.keys(tf.resource.kubernetes_manifest)).toHaveLength(objects.length);
  });
});
