import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { checkSpecFile } from '../../lib/spec/check-spec';

async function aimd(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; } });
  return { code, out, err };
}

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'specs');
const LMI_ON_EKS = 'name: lmi-eks\nmodel:\n  id: meta-llama/Llama-3.1-8B-Instruct\nruntime:\n  engine: lmi\ntarget:\n  kind: eks\n';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'aimd-spec-cli-'));
}

describe('aimd validate --spec', () => {
  test('GIVEN the examples folder THEN every spec file in it validates and plans: one line per spec, exit 0', async () => {
    const { code, out, err } = await aimd('validate', '--spec', EXAMPLES);
    expect(err).toBe('');
    expect(code).toBe(0);
    const specs = readdirSync(EXAMPLES).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(specs.length).toBeGreaterThanOrEqual(3);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(specs.length);
    for (const line of lines) expect(line).toMatch(/^ok {4}\S+ {2}[a-z0-9-]+: [a-z]+\/[a-z-]+, /);
    expect(out).toMatch(/llama-8b-eks: eks\/vllm, \S+ \(\d+ × [\w-]+\), TP=\d+ PP=\d+, \d+ replica\(s\), \$[\d,]+\/month/);
  });

  test('GIVEN a folder with a good spec and LMI on EKS THEN both are reported, the refusal lists what EKS serves, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-good.yaml'), readFileSync(join(EXAMPLES, 'llama-8b-eks.yaml')));
    writeFileSync(join(dir, 'b-lmi.yaml'), LMI_ON_EKS);
    writeFileSync(join(dir, 'notes.txt'), 'not a spec');
    const { code, out, err } = await aimd('validate', '--spec', dir);
    expect(code).toBe(2);
    expect(out).toMatch(/^ok {4}.*a-good\.yaml/m);
    expect(out).toMatch(/^FAIL {2}.*b-lmi\.yaml {2}1 problem\(s\)/m);
    expect(out).not.toMatch(/notes\.txt/);
    expect(err).toContain(`${join(dir, 'b-lmi.yaml')}:5:11 runtime.engine ('lmi'): cannot be served on target 'eks' (it serves vllm, tgi`);
  });

  test('GIVEN two specs with the same name THEN the second is refused: the name is the stack name', async () => {
    const dir = tempDir();
    const text = readFileSync(join(EXAMPLES, 'llama-8b-eks.yaml'), 'utf8');
    writeFileSync(join(dir, 'one.yaml'), text);
    writeFileSync(join(dir, 'two.yaml'), text);
    const { code, err } = await aimd('validate', '--spec', dir);
    expect(code).toBe(2);
    expect(err).toMatch(/two\.yaml:\d+:\d+ name \('llama-8b-eks'\): is also the name of .*one\.yaml/);
  });

  test('GIVEN no --spec or a missing path THEN exit 2 naming the flag', async () => {
    expect((await aimd('validate')).code).toBe(2);
    const missing = await aimd('validate', '--spec', join(tmpdir(), 'nope', 'x.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--spec \('.*x\.yaml'\): does not exist/);
  });
});

describe('aimd plan --spec', () => {
  test('GIVEN an LLM spec THEN it prints the plan table of aimd plan after the spec\'s summary', async () => {
    const { code, out } = await aimd('plan', '--spec', join(EXAMPLES, 'llama-8b-eks.yaml'));
    expect(code).toBe(0);
    expect(out).toMatch(/^spec {6}.*llama-8b-eks\.yaml \(llama-8b-eks: eks\/vllm\)/);
    expect(out).toMatch(/^parallelism +tensor \d+, pipeline \d+/m);
    expect(out).toMatch(/vllm serve meta-llama\/Llama-3\.1-8B-Instruct/);
  });

  test('GIVEN --json THEN one object with the summary and the LLM plan', async () => {
    const { code, out } = await aimd('plan', '--spec', join(EXAMPLES, 'mistral-7b-sagemaker.yaml'), '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ name: 'mistral-7b-sagemaker', target: 'sagemaker', runtime: 'tgi' });
    expect(json.llm.instanceType).toMatch(/^ml\./);
  });

  test('GIVEN LMI on EKS THEN plan refuses it like validate (exit 2)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lmi.yaml'), LMI_ON_EKS);
    const { code, err } = await aimd('plan', '--spec', join(dir, 'lmi.yaml'));
    expect(code).toBe(2);
    expect(err).toMatch(/lmi\.yaml:5:11 runtime\.engine \('lmi'\): cannot be served on target 'eks' \(it serves vllm, tgi\b/);
  });

  test('GIVEN --spec with a flag the spec sets THEN exit 2 naming the spec field to edit instead', async () => {
    const { code, err } = await aimd('plan', '--spec', join(EXAMPLES, 'llama-8b-eks.yaml'), '--max-model-len', '4096');
    expect(code).toBe(2);
    expect(err).toMatch(/--max-model-len \('4096'\): cannot be combined with --spec\. Fix: set runtime\.maxModelLen in the spec file instead/);
  });
});

describe('aimd init', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['eks', 'meta-llama/Llama-3.1-8B-Instruct', /engine: vllm/],
    ['sagemaker', 'Qwen/Qwen2.5-7B-Instruct', /engine: vllm/],
    ['sagemaker', 'distilbert/distilbert-base-uncased-finetuned-sst-2-english', /engine: huggingface/],
    ['lambda', 'fraud-detector', /engine: onnxruntime/],
    ['batch', 'churn-scorer', /engine: onnxruntime/],
    ['streaming', 'sensor-anomaly', /engine: onnxruntime/],
  ];
  test.each(cases)('GIVEN --target %s --model %s THEN the written spec validates and plans as written, with the plan in comments', async (target, model, engine) => {
    const dir = tempDir();
    const out = join(dir, `${target}.yaml`);
    const run = await aimd('init', '--model', model, '--target', target, '--out', out);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(engine);
    expect(text).toMatch(/^\$schema: \S+deployment-spec\.schema\.json$/m);
    expect(text).toMatch(/^# Plan for these settings/m);
    if (target === 'eks' || engine.source.includes('vllm')) expect(text).toMatch(/^# {3}GPUs {9}\d+ × [\w-]+ per node$/m);
    const { plan } = checkSpecFile(out);
    expect(plan.spec.target.kind).toBe(target);
    expect(readdirSync(dir)).toEqual([`${target}.yaml`]); // no temp file left behind
  });

  test('GIVEN --target greengrass THEN it says Greengrass cannot deploy from a spec yet and writes nothing', async () => {
    const dir = tempDir();
    const run = await aimd('init', '--model', 'sensor', '--target', 'greengrass', '--out', join(dir, 'edge.yaml'));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--target \('greengrass'\): cannot deploy from a spec yet: Greengrass fleets/);
    expect(existsSync(join(dir, 'edge.yaml'))).toBe(false);
  });

  test('GIVEN an existing --out THEN it is kept unless --force', async () => {
    const dir = tempDir();
    const out = join(dir, 'mine.yaml');
    writeFileSync(out, 'keep me');
    const refused = await aimd('init', '--model', 'llama-3.1-8b-instruct', '--target', 'eks', '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--out .*already exists\. Fix: choose another file, or pass --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await aimd('init', '--model', 'llama-3.1-8b-instruct', '--target', 'eks', '--out', out, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^name: llama-3-1-8b-instruct$/m);
  });

  test('GIVEN --out that is not YAML or in a missing folder THEN exit 2 before anything is written', async () => {
    const dir = tempDir();
    const json = await aimd('init', '--model', 'fraud', '--target', 'lambda', '--out', join(dir, 'fraud.json'));
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/--out .*must be a \.yaml or \.yml file/);
    const missing = await aimd('init', '--model', 'fraud', '--target', 'lambda', '--out', join(dir, 'nope', 'fraud.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/folder that does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('GIVEN an LLM on lambda or an unknown model on EKS THEN exit 2 with the fix', async () => {
    const lambda = await aimd('init', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--target', 'lambda');
    expect(lambda.code).toBe(2);
    expect(lambda.err).toMatch(/LLMs need GPUs.*Fix: use --target eks or --target sagemaker/);
    const unknown = await aimd('init', '--model', 'llama-3.1-8b-instrukt', '--target', 'eks');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/did you mean 'llama-3\.1-8b-instruct'/i);
  });

  test('GIVEN no --out THEN the spec is printed on stdout', async () => {
    const { code, out } = await aimd('init', '--model', 'fraud-detector', '--target', 'lambda');
    expect(code).toBe(0);
    expect(out).toMatch(/^name: fraud-detector$/m);
    expect(out).toMatch(/uri: s3:\/\/my-model-bucket\/fraud-detector\/model\.onnx/);
  });
});
