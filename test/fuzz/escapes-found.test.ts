/**
 * Inputs the fuzzer (tools/fuzz, docs/fuzzing.md) found escaping, each now refused with field, value
 * and fix. One test per escape, so that a regression names what came back.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blueprintForSpec } from '../../blueprints/from-spec';
import { main } from '../../lib/cli/main';
import { formatProblems, InputValidationError } from '../../lib/errors';
import { checkSpec } from '../../lib/spec/check-spec';
import { parseSpecText } from '../../lib/spec/load-file';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { contextFor } from '../../lib/synth/context';

const LAMBDA = { name: 'fraud', model: { id: 'fraud-classifier' }, runtime: { engine: 'onnxruntime' }, target: { kind: 'lambda' } };
const SAGEMAKER = { name: 'churn', model: { id: 'churn-xgb' }, runtime: { engine: 'xgboost' }, target: { kind: 'sagemaker', mode: 'realtime' } };
const EKS = { name: 'chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'vllm' }, target: { kind: 'eks' } };

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputValidationError) return error.problems.map((p) => p.field);
    throw error;
  }
  throw new Error('expected a refusal');
}

const checked = (spec: object) => () => checkSpec({ ...parseSpecText('{}', 'spec.yaml'), spec: spec as never });

describe('spec values that were accepted or crashed before', () => {
  test('GIVEN quoted booleans, a non-string description and a dataCapture without enabled THEN each field is refused', () => {
    expect(fieldsOf(() => resolveDeploymentSpec({
      ...LAMBDA, description: 12, scaling: { scaleToZero: 'no' }, monitoring: { dashboard: 'yes', dataCapture: { samplingPercent: 5 } }, security: { networkIsolation: 1 },
    }))).toEqual(expect.arrayContaining(['description', 'scaling.scaleToZero', 'monitoring.dashboard', 'monitoring.dataCapture.enabled', 'security.networkIsolation']));
  });

  test('GIVEN unknown keys in lora, an adapter and dataCapture, and an empty key THEN each is named, the empty one quoted', () => {
    expect(fieldsOf(() => resolveDeploymentSpec({
      ...EKS, runtime: { engine: 'vllm', lora: { adapters: [{ name: 'a', uri: 's3://b/a/', rank: 8 }], extra: 1 } }, traffic: { '': 1 }, monitoring: { dataCapture: { enabled: true, constructor: 1 } },
    }))).toEqual(expect.arrayContaining(['runtime.lora.extra', 'runtime.lora.adapters[0].rank', 'traffic.""', 'monitoring.dataCapture.constructor']));
  });

  test('GIVEN NaN replicas THEN the message never says "at least NaN"', () => {
    const spec = { ...LAMBDA, scaling: { minReplicas: Number.NaN, maxReplicas: 3 } };
    expect(() => resolveDeploymentSpec(spec)).toThrow(/scaling\.minReplicas \(NaN\): must be an integer/);
    expect(() => resolveDeploymentSpec(spec)).not.toThrow(/at least NaN/);
  });

  test('GIVEN a target kind named like an Object.prototype property, or no object at all THEN the library refuses, never a TypeError', () => {
    expect(fieldsOf(() => blueprintForSpec({ ...LAMBDA, target: { kind: 'constructor' } } as never))).toEqual(['target.kind']);
    expect(fieldsOf(() => blueprintForSpec(null as never))).toEqual(['(spec)']);
  });

  test('GIVEN an instance type outside the catalogue THEN the library road names target.instanceType, as aimd validate does', () => {
    const blueprint = blueprintForSpec({ ...SAGEMAKER, target: { kind: 'sagemaker', mode: 'realtime', instanceType: 'ml.m5.xlarge' } } as never);
    expect(fieldsOf(() => contextFor(blueprint))).toEqual(['target.instanceType']);
  });

  test('GIVEN SageMaker drift detection THEN the features come from monitoring.drift.captureFields, named when missing', () => {
    expect(fieldsOf(checked({ ...SAGEMAKER, monitoring: { driftDetection: true, dataCapture: { enabled: true } } }))).toEqual(['monitoring.drift.captureFields']);
    expect(() => checked({ ...SAGEMAKER, monitoring: { driftDetection: true, dataCapture: { enabled: true }, drift: { captureFields: ['age'] } } })()).not.toThrow();
  });

  test('GIVEN a shadow rollout on a SageMaker spec THEN rollout.strategy is named (a spec cannot name the shadow model)', () => {
    expect(fieldsOf(checked({ ...SAGEMAKER, rollout: { strategy: 'shadow' } }))).toEqual(['rollout.strategy']);
  });

  test('GIVEN a batch spec on SageMaker Batch Transform THEN target.executor is refused before any engine renders', () => {
    const batch = { ...LAMBDA, target: { kind: 'batch', executor: 'sagemaker-batch-transform' } };
    expect(fieldsOf(checked(batch))).toEqual(['target.executor']);
    expect(fieldsOf(() => blueprintForSpec(batch as never))).toEqual(['target.executor']);
  });

  test('GIVEN an EKS checkpoint in another bucket THEN model.artifact.uri is refused at validation; the deployment\'s own bucket is accepted', () => {
    expect(fieldsOf(checked({ ...EKS, model: { ...EKS.model, artifact: { uri: 's3://my-model-bucket/model/' } } }))).toEqual(['model.artifact.uri']);
    expect(() => checked({ ...EKS, model: { ...EKS.model, artifact: { uri: 's3://chat-models-210987654321-us-east-1/llama/' } } })()).not.toThrow();
  });

  test('GIVEN an EKS spec scaled to zero THEN scaling.scaleToZero is refused at validation (rendering needs a wake-up query)', () => {
    expect(fieldsOf(checked({ ...EKS, scaling: { minReplicas: 0, scaleToZero: true } }))).toEqual(['scaling.scaleToZero']);
  });

  test('GIVEN tags with characters or empty values AWS rejects at deploy time THEN tags is refused; letters, spaces and _.:/=+-@ pass', () => {
    for (const tags of [{ team: '?D0$a' }, { 'a#b': 'c' }, { team: '' }]) expect(fieldsOf(() => resolveDeploymentSpec({ ...LAMBDA, tags }))).toEqual(['tags']);
    expect(() => resolveDeploymentSpec({ ...LAMBDA, tags: { 'cost-center': 'ml team/a=b+c@d:ü' } })).not.toThrow();
  });

  test('GIVEN a value or message with line breaks THEN each problem stays on one line', () => {
    const text = formatProblems([{ field: '--data', value: 'a\nb', message: "cannot be read (ENOENT: open 'a\nb')", fix: 'pass a file' }]);
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toContain("('a\\nb')");
  });
});

describe('aimd command lines that crashed or printed more than one line per problem', () => {
  async function aimd(...argv: string[]): Promise<{ code: number; err: string; dir: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'aimd-escapes-'));
    const cwd = process.cwd();
    const err: string[] = [];
    process.chdir(dir);
    try {
      const code = await main(argv, { out: () => undefined, err: (t) => err.push(t) });
      return { code, err: err.join('\n'), dir };
    } finally {
      process.chdir(cwd);
    }
  }

  test('GIVEN baseline --out in a missing folder THEN exit 2 naming --out, and nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aimd-baseline-'));
    writeFileSync(join(dir, 'data.csv'), 'age,label\n1,0\n2,1\n');
    const run = await aimd('baseline', '--data', join(dir, 'data.csv'), '--out', 'missing/baseline.json');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^- --out \('missing\/baseline\.json'\): is in a folder that does not exist/m);
    expect(readdirSync(run.dir)).toEqual([]);
  });

  test('GIVEN init --name that is not a spec name THEN --name is refused as a flag', async () => {
    const run = await aimd('init', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--target', 'eks', '--name', 'Bad_Name');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^- --name \('Bad_Name'\): must be 1-40 lower-case letters/m);
  });

  test('GIVEN plan --model-config of a missing file THEN one problem names --model-config', async () => {
    const run = await aimd('plan', '--model-config', 'missing.json');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^- --model-config \('missing\.json'\): cannot be used: .*ENOENT.*\. Fix: /m);
  });
});
