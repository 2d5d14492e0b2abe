/**
 * The environments example deploys on every engine: staging and prod of
 * examples/specs/fraud-onnx-environments.yaml are rendered from the same file, each under
 * `<name>-<environment>` in its own account, with no error finding; prod's recipients are subscribed.
 */
import { join } from 'node:path';
import { blueprintForSpecFile } from '../../blueprints/from-spec';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';

const FILE = join(__dirname, '..', '..', 'examples', 'specs', 'fraud-onnx-environments.yaml');

describe('examples/specs/fraud-onnx-environments.yaml, environment prod, on every engine', () => {
  let prod: RenderedBlueprint;
  beforeAll(async () => {
    prod = await renderBlueprint(blueprintForSpecFile(FILE, 'prod'));
  }, 300_000);

  test('THEN no engine reports an error finding', () => {
    expect(prod.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('THEN it is named after the environment and planned in its region and account', () => {
    expect(prod.name).toBe('fraud-onnx-env-prod');
    expect(prod.plan.spec.region).toBe('eu-west-1');
    expect(prod.plan.spec.account).toBe('222222222222');
    expect(prod.plan.spec.tags).toMatchObject({ 'aimd:environment': 'prod', tier: 'critical', team: 'risk' });
  });
});
