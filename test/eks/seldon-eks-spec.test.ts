/**
 * examples/specs/seldon-onnx-eks.yaml: Seldon Core v2 from a spec file, synthesized once per engine (CDK, cdktf,
 * Pulumi) and as plain manifests. Every engine applies the same objects with zero error findings, the cluster installs
 * the pinned Seldon charts, and the Server runs as the service account Pod Identity binds the model-bucket role to.
 */
import { blueprintForSpecFile } from '../../blueprints/from-spec';
import { REVIEW_ACCOUNT } from '../../blueprints/blueprint';
import { modelBucketName } from '../../lib/eks/names';
import { type KubeObject, kubeObjectId } from '../../lib/kubernetes/types';
import { type RenderedBlueprint, renderBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { canonical, cdkKubeObjects, pulumiKubeObjects, terraformKubeObjects } from './eks-blueprint-checks';

const FILE = `${__dirname}/../../examples/specs/seldon-onnx-eks.yaml`;

function byId(objects: readonly KubeObject[]): Record<string, string> {
  return Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));
}

function find(objects: readonly KubeObject[], kind: string): Record<string, any> {
  const found = objects.find((o) => o.kind === kind);
  if (!found) throw new Error(`no ${kind} among the objects`);
  return found as Record<string, any>;
}

describe('examples/specs/seldon-onnx-eks.yaml on every engine', () => {
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    rendered = await renderBlueprint(blueprintForSpecFile(FILE));
  }, 300_000);

  it('renders on CDK, cdktf and Pulumi with zero error findings', () => {
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
  });

  it('applies the same Kubernetes objects on CDK, cdktf and Pulumi as its plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(rendered.kubernetes.map((o) => o.kind)).toEqual(expect.arrayContaining(['SeldonRuntime', 'Server', 'Model', 'PodMonitor']));
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  it('is planned as a classic model server on the spec instance', () => {
    expect(rendered.plan.modelServer).toMatchObject({ kind: 'model-server', engine: 'seldon', instanceType: 'g6.xlarge', gpusPerPod: 1 });
  });

  it('loads the Model from the blueprint model bucket onto a Triton-type Server bounded 1..3', () => {
    const bucket = modelBucketName('seldon-onnx-eks', REVIEW_ACCOUNT, rendered.plan.spec.region);
    expect(find(rendered.kubernetes, 'Model').spec).toMatchObject({ storageUri: `s3://${bucket}/models/fraud-onnx/`, server: 'seldon-onnx-eks', minReplicas: 1, maxReplicas: 3 });
    expect(find(rendered.kubernetes, 'Server').spec).toMatchObject({ serverConfig: 'triton', minReplicas: 1, maxReplicas: 3 });
  });

  it('runs the Server as the service account Pod Identity binds the model-bucket role to', () => {
    const account = find(rendered.kubernetes, 'Server').spec.podSpec.serviceAccountName;
    const associations = Object.values<any>(rendered.cdk.template.Resources).filter((r) => r.Type === 'AWS::EKS::PodIdentityAssociation');
    expect(associations.map((a) => [a.Properties.Namespace, a.Properties.ServiceAccount])).toContainEqual(['seldon-onnx-eks', account]);
  });

  it('installs the pinned Seldon Core v2 charts on the cluster', () => {
    const charts = Object.values<any>(rendered.cdk.template.Resources).filter((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart').map((r) => [r.Properties.Chart, r.Properties.Version]);
    expect(charts).toEqual(expect.arrayContaining([['seldon-core-v2-crds', '2.10.2'], ['seldon-core-v2-setup', '2.10.2']]));
  });
});
