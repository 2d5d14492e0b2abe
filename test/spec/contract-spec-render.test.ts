/**
 * The container-contract example specs deploy on every engine: examples/specs/bentoml-eks.yaml and
 * custom-fastapi-eks.yaml, read from YAML, rendered once each by CDK, cdktf, Pulumi and plain manifests, with no
 * error finding (the exposure check accepts the endpoint because the contract declares the bearer check), and the
 * same Kubernetes objects on every engine.
 */
import { join } from 'node:path';
import { blueprintForSpec } from '../../blueprints/from-spec';
import { checkSpecFile } from '../../lib/spec/check-spec';
import { type KubeObject, kubeObjectId } from '../../lib/kubernetes/types';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { canonical, cdkKubeObjects, pulumiKubeObjects, terraformKubeObjects } from '../eks/eks-blueprint-checks';

const SPECS = join(__dirname, '..', '..', 'examples', 'specs');
const byId = (objects: readonly KubeObject[]) => Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));
const deployment = (r: RenderedBlueprint) => r.kubernetes.find((o) => o.kind === 'Deployment') as Record<string, any>;

describe.each([
  { file: 'bentoml-eks.yaml', engine: 'bentoml', port: 3000, live: '/livez', metric: 'bentoml_service_request_in_progress' },
  { file: 'custom-fastapi-eks.yaml', engine: 'custom', port: 8080, live: '/healthz', metric: 'http_requests_total' },
])('examples/specs/$file on every engine', ({ file, engine, port, live, metric }) => {
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    const path = join(SPECS, file);
    rendered = await renderBlueprint(blueprintForSpec(checkSpecFile(path).file.spec, path));
  }, 300_000);

  test('THEN no engine reports an error finding', () => {
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
  });

  test('THEN CDK, cdktf and Pulumi apply the same Kubernetes objects as the plain manifests', () => {
    const reference = byId(rendered.kubernetes);
    expect(Object.keys(reference).length).toBeGreaterThan(8);
    expect(byId(cdkKubeObjects(rendered.cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered.terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered.pulumi.resources))).toEqual(reference);
  });

  test('THEN the user\'s image runs on the contract\'s port and probes, scaled on its metric, planned on the GPU node', () => {
    expect(rendered.plan.modelServer).toMatchObject({ kind: 'model-server', engine, instanceType: 'g6.xlarge' });
    const container = deployment(rendered).spec.template.spec.containers[0];
    expect(container.image).toBe(rendered.plan.spec.runtime.image);
    expect(container.ports[0].containerPort).toBe(port);
    expect(container.livenessProbe.httpGet.path).toBe(live);
    expect(container.env.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['MODEL_DIR', 'API_KEY']));
    const scaled = rendered.kubernetes.find((o) => o.kind === 'ScaledObject') as Record<string, any>;
    expect(scaled.spec.triggers[0].metadata.query).toContain(metric);
  });
});
