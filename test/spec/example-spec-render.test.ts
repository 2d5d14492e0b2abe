/**
 * A spec file deploys on every engine: the EKS example, read from YAML, rendered by CDK, cdktf, Pulumi and
 * plain Kubernetes under the spec's name, with no error finding from any engine's validation. (The other
 * examples are validated and planned in test/cli/spec-commands.test.ts; one render keeps CI fast.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blueprintForSpec, blueprintForSpecFile } from '../../blueprints/from-spec';
import { SpecFileError } from '../../lib/spec/spec-file-error';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { checkSpecFile } from '../../lib/spec/check-spec';

const FILE = join(__dirname, '..', '..', 'examples', 'specs', 'llama-8b-eks.yaml');

describe('examples/specs/llama-8b-eks.yaml on every engine', () => {
  let rendered: RenderedBlueprint;
  beforeAll(async () => {
    const { file } = checkSpecFile(FILE);
    rendered = await renderBlueprint(blueprintForSpec(file.spec, FILE));
  }, 300_000);

  test('THEN no engine reports an error finding', () => {
    expect(rendered.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('THEN every engine renders it under the spec\'s name with the planned vLLM settings', () => {
    expect(rendered.name).toBe('llama-8b-eks');
    expect(Object.keys(rendered.cdk.template.Resources ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(rendered.terraform.json.resource ?? {}).length).toBeGreaterThan(0);
    expect(rendered.pulumi.resources.length).toBeGreaterThan(0);
    const vllm = JSON.stringify(rendered.kubernetes);
    expect(vllm).toContain('meta-llama/Llama-3.1-8B-Instruct');
    expect(vllm).toContain('--max-model-len');
    expect(rendered.plan.llm?.maxModelLen).toBe(8192);
  });
});

describe('blueprintForSpecFile (the road of cdk -c spec= and Pulumi aimd:spec)', () => {
  test('GIVEN a spec file THEN the blueprint is named after the spec', () => {
    expect(blueprintForSpecFile(FILE).name).toBe('llama-8b-eks');
  });

  test('GIVEN TGI on EKS in a file THEN it is refused before any engine runs, with the line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aimd-spec-file-'));
    const path = join(dir, 'tgi.yaml');
    writeFileSync(path, 'name: tgi\nmodel:\n  id: meta-llama/Llama-3.1-8B-Instruct\nruntime:\n  engine: tgi\ntarget:\n  kind: eks\n');
    expect(() => blueprintForSpecFile(path)).toThrow(SpecFileError);
    expect(() => blueprintForSpecFile(path)).toThrow(/tgi\.yaml:5:11 runtime\.engine \('tgi'\): cannot be served on target 'eks' \(it serves vllm[^)]*\)/);
  });
});
