/**
 * The classic model-server example specs deploy on every engine: each file, read from YAML, rendered by CDK, cdktf,
 * Pulumi and plain Kubernetes (one synth per engine per spec) with zero error findings, and every engine applies the
 * same Kubernetes objects as the plain manifests.
 */
import { join } from 'node:path';
import { blueprintForSpec } from '../../blueprints/from-spec';
import { type KubeObject, kubeObjectId } from '../../lib/kubernetes/types';
import { checkSpecFile } from '../../lib/spec/check-spec';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { canonical, cdkKubeObjects, pulumiKubeObjects, terraformKubeObjects } from '../eks/eks-blueprint-checks';

const SPECS = join(__dirname, '..', '..', 'examples', 'specs');

function byId(objects: readonly KubeObject[]): Record<string, string> {
  return Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));
}

describe('examples/specs/torchserve-resnet-eks.yaml on every engine', () => {
  const file = join(SPECS, 'torchserve-resnet-eks.yaml');
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    rendered = await renderBlueprint(blueprintForSpec(checkSpecFile(file).file.spec, file));
  }, 300_000);

  test('THEN no engine reports an error finding', () => {
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
  });

  test('THEN CDK, cdktf and Pulumi apply the same TorchServe objects as the plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(Object.keys(reference).length).toBeGreaterThan(10);
    expect(rendered.kubernetes.some((o) => o.kind === 'Deployment' && JSON.stringify(o).includes('pytorch/torchserve:0.12.0-gpu'))).toBe(true);
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  test('THEN it is planned as a TorchServe model server on the spec instance', () => {
    expect(rendered.plan.modelServer).toMatchObject({ kind: 'model-server', engine: 'torchserve', instanceType: 'g6.xlarge' });
  });
});

describe('examples/specs/tensorflow-serving-eks.yaml on every engine', () => {
  const file = join(SPECS, 'tensorflow-serving-eks.yaml');
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    rendered = await renderBlueprint(blueprintForSpec(checkSpecFile(file).file.spec, file));
  }, 300_000);

  test('THEN no engine reports an error finding', () => {
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
  });

  test('THEN CDK, cdktf and Pulumi apply the same TF Serving objects as the plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(rendered.kubernetes.some((o) => o.kind === 'Deployment' && JSON.stringify(o).includes('tensorflow/serving:2.18.0-gpu'))).toBe(true);
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  test('THEN it is planned as a TF Serving model server on the spec instance', () => {
    expect(rendered.plan.modelServer).toMatchObject({ kind: 'model-server', engine: 'tensorflow-serving', instanceType: 'g6.xlarge' });
  });
});
