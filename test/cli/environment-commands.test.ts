/**
 * `--environment` on the spec commands: one spec file, validated and planned per environment; production
 * refuses floating model versions with the line of the field; without --environment nothing changes.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { selectBlueprint } from '../../lib/synth/select-blueprint';
import { specBlueprints } from '../../lib/cli/synth-specs';

async function aimd(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; } });
  return { code, out, err };
}

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'specs', 'fraud-onnx-environments.yaml');
/** The example with its sha256 removed: the S3 artifact floats. */
function floatingCopy(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'aimd-env-')), 'floating.yaml');
  writeFileSync(path, readFileSync(EXAMPLE, 'utf8').replace(/^ {4}sha256: .*\n/m, ''));
  return path;
}

describe('aimd validate --spec --environment', () => {
  test('GIVEN the example THEN each environment validates under <name>-<environment>, and without --environment it is the spec as written', async () => {
    const prod = await aimd('validate', '--spec', EXAMPLE, '--environment', 'prod');
    expect(prod).toMatchObject({ code: 0, err: '' });
    expect(prod.out).toMatch(/^ok {4}\S+ {2}fraud-onnx-env-prod: lambda\/onnxruntime, /);
    expect((await aimd('validate', '--spec', EXAMPLE, '--environment', 'staging')).out).toMatch(/fraud-onnx-env-staging: /);
    expect((await aimd('validate', '--spec', EXAMPLE)).out).toMatch(/ {2}fraud-onnx-env: /);
  });

  test('GIVEN a floating S3 artifact THEN prod refuses it at the line of the uri (exit 2) and staging warns', async () => {
    const file = floatingCopy();
    const prod = await aimd('validate', '--spec', file, '--environment', 'prod');
    expect(prod.code).toBe(2);
    expect(prod.err).toMatch(/floating\.yaml:15:10 model\.artifact\.uri \('s3:\/\/my-model-bucket\/fraud-classifier\/model\.onnx'\): names an S3 location without a version.*production environment 'prod'.*Fix: set model\.artifact\.version/);
    const staging = await aimd('validate', '--spec', file, '--environment', 'staging');
    expect(staging.code).toBe(0);
    expect(staging.err).toMatch(/^warning: \S+floating\.yaml:15:10 model\.artifact\.uri/);
    const json = JSON.parse((await aimd('validate', '--spec', file, '--environment', 'staging', '--json')).out);
    expect(json[0]).toMatchObject({ name: 'fraud-onnx-env-staging', environment: { name: 'staging', production: false }, warnings: [{ field: 'model.artifact.uri', line: 15 }] });
  });

  test('GIVEN an environment the spec does not declare THEN exit 2 listing the declared ones', async () => {
    const { code, err } = await aimd('validate', '--spec', EXAMPLE, '--environment', 'qa');
    expect(code).toBe(2);
    expect(err).toMatch(/--environment \('qa'\): is not an environment of the spec \(declared: staging, prod\)/);
  });
});

describe('aimd plan --spec --environment and aimd synth --environment', () => {
  test('GIVEN prod THEN the plan names the environment and its traffic', async () => {
    const { code, out } = await aimd('plan', '--spec', EXAMPLE, '--environment', 'prod', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ name: 'fraud-onnx-env-prod', environment: { name: 'prod', production: true } });
    expect((await aimd('plan', '--spec', EXAMPLE, '--environment', 'prod')).out).toMatch(/^env {7}prod \(production: model versions must be pinned\)$/m);
  });

  test('GIVEN --environment without --spec THEN plan and synth refuse it before any engine runs', async () => {
    expect((await aimd('plan', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--environment', 'prod')).err).toMatch(/--environment \('prod'\): selects an environment of a spec file and needs --spec/);
    const synth = await aimd('synth', '--blueprint', 'serverless-onnx', '--environment', 'prod');
    expect(synth.code).toBe(2);
    expect(synth.err).toMatch(/--environment \('prod'\): selects an environment of spec files and needs --spec/);
  });
});

describe('specBlueprints (aimd synth --spec --environment)', () => {
  test('GIVEN a floating artifact in staging THEN the blueprint is the environment\'s and synth is told the warning', () => {
    const warnings: string[] = [];
    const [blueprint] = specBlueprints([floatingCopy()], [], 'staging', (line) => warnings.push(line));
    expect(blueprint!.name).toBe('fraud-onnx-env-staging');
    expect(warnings).toEqual([expect.stringMatching(/^warning: \S+floating\.yaml:15:10 model\.artifact\.uri/)]);
  });
});

describe('aimd synth --spec --environment (the out/ layout)', () => {
  test('GIVEN staging THEN out/terraform/<name>-staging/ holds the stack, next to the layout without environments', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'aimd-env-out-')), 'out');
    const { code } = await aimd('synth', '--spec', EXAMPLE, '--environment', 'staging', '--engine', 'terraform', '--no-security-checks', '--no-bundling', '--out', out, '--json');
    expect(code).toBe(0);
    expect(existsSync(join(out, 'terraform', 'fraud-onnx-env-staging', 'cdk.tf.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).rows).toEqual([expect.objectContaining({ blueprint: 'fraud-onnx-env-staging', engine: 'terraform', errors: 0 })]);
  }, 300_000);
});

describe('selectBlueprint (cdk -c environment=, Pulumi aimd:environment)', () => {
  const flags = { blueprint: '-c blueprint=<name>', spec: '-c spec=<file>', environment: '-c environment=<name>' };
  test('GIVEN a spec and an environment THEN the blueprint is the environment\'s', () => {
    expect(selectBlueprint({ spec: EXAMPLE, environment: 'staging', flags, subject: 'CDK app context' })?.name).toBe('fraud-onnx-env-staging');
  });
  test('GIVEN an environment without a spec THEN it is refused naming the flag', () => {
    expect(() => selectBlueprint({ blueprint: 'serverless-onnx', environment: 'prod', flags, subject: 'CDK app context' })).toThrow(/-c environment=<name> \('prod'\): selects an environment of a spec file and needs -c spec=<file>/);
  });
});
