import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSpec, checkSpecFile } from '../../lib/spec/check-spec';
import { parseSpecText } from '../../lib/spec/load-file';
import { SpecFileError } from '../../lib/spec/spec-file-error';
import { runtimesServedBy, RUNTIMES_BY_TARGET, targetRuntimeProblems } from '../../lib/spec/targets';

function problemsOf(text: string, file = 'spec.yaml'): SpecFileError {
  try {
    checkSpec(parseSpecText(text, file));
  } catch (error) {
    if (error instanceof SpecFileError) return error;
    throw error;
  }
  throw new Error('expected the spec to be refused');
}

const LLAMA_EKS = `name: my-llm
model:
  id: meta-llama/Llama-3.1-8B-Instruct
runtime:
  engine: vllm
target:
  kind: eks
`;

describe('checkSpec', () => {
  test('GIVEN a valid LLM spec on EKS THEN it is planned: instance, GPUs, parallelism, replicas and cost', () => {
    const { plan } = checkSpec(parseSpecText(LLAMA_EKS, 'my.yaml'));
    expect(plan.llm?.acceleratorCount).toBeGreaterThan(0);
    expect(plan.summary.parallelism).toMatch(/^TP=\d+ PP=\d+/);
    expect(plan.summary.monthlyCostUsd).toBeGreaterThan(0);
  });

  test('GIVEN TGI on EKS WHEN validated THEN it is refused at its line with the runtimes EKS serves, never substituted', () => {
    const error = problemsOf(LLAMA_EKS.replace('engine: vllm', 'engine: tgi'), 'tgi.yaml');
    expect(error.infeasible).toBe(false);
    expect(error.located).toEqual([expect.objectContaining({ file: 'tgi.yaml', line: 5, column: 11, field: 'runtime.engine', value: 'tgi' })]);
    expect(error.message).toContain(`tgi.yaml:5:11 runtime.engine ('tgi'): cannot be served on target 'eks' (it serves ${runtimesServedBy('eks').join(', ')}). Fix: use one of ${runtimesServedBy('eks').join(', ')}, or target.kind sagemaker for tgi`);
  });

  test('GIVEN several problems in one spec THEN all of them are reported at once, in the order they appear in the file', () => {
    const text = `${LLAMA_EKS.replace('engine: vllm', 'engine: vllm\n  gpuMemoryUtilization: 1.5\n  colour: blue')}scaling:\n  minReplicas: 5\n  maxReplicas: 2\n`;
    const error = problemsOf(text, 'many.yaml');
    expect(error.located.map((p) => `${p.line}:${p.column} ${p.field}`)).toEqual([
      '6:25 runtime.gpuMemoryUtilization', '7:3 runtime.colour', '11:16 scaling.minReplicas',
    ]);
    expect(error.message).toMatch(/many\.yaml:7:3 runtime\.colour \('blue'\): is not a known field\. Fix: remove it or use one of engine, version/);
  });

  test('GIVEN a model that is not in the catalogue THEN model.id is named with the closest catalogue id', () => {
    const error = problemsOf(LLAMA_EKS.replace('meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.1-8B-Instrukt'));
    expect(error.located).toEqual([expect.objectContaining({ field: 'model.id', line: 3, column: 7 })]);
    expect(error.message).toMatch(/did you mean 'meta-llama\/Llama-3\.1-8B-Instruct/);
  });

  test('GIVEN a valid spec no instance can serve THEN it is reported as infeasible (exit code 1), with the planner\'s reason', () => {
    const error = problemsOf(LLAMA_EKS.replace('8B-Instruct', '405B-Instruct').replace('kind: eks', 'kind: eks\n  accelerator: t4'));
    expect(error.infeasible).toBe(true);
    expect(error.located[0]).toMatchObject({ field: 'model.id', line: 3 });
    expect(error.message).toMatch(/cannot be served as specified/);
  });

  test('GIVEN a serverless spec with a shadow rollout THEN the serverless renderers\' own refusal surfaces at validation', () => {
    const text = `name: fraud
model:
  id: fraud
  artifact:
    uri: s3://my-bucket/fraud.onnx
runtime:
  engine: onnxruntime
target:
  kind: lambda
rollout:
  strategy: shadow
`;
    const error = problemsOf(text);
    expect(error.located).toEqual([expect.objectContaining({ field: 'rollout.strategy', line: 11, column: 13 })]);
  });

  test('GIVEN a greengrass spec THEN it is refused: Greengrass has no spec renderer yet, and the kinds that have one are listed', () => {
    const text = 'name: edge\nmodel:\n  id: sensor\nruntime:\n  engine: onnxruntime\ntarget:\n  kind: greengrass\n  thingGroupName: sensors\n';
    const error = problemsOf(text);
    expect(error.located).toEqual([expect.objectContaining({ field: 'target.kind', line: 7, column: 9 })]);
    expect(error.message).toMatch(/has no renderer for specs yet: Greengrass fleets .*Fix: use one of eks, sagemaker, lambda, batch, streaming/);
  });
});

describe('checkSpecFile and model.configPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aimd-config-path-'));
  mkdirSync(join(dir, 'specs'));
  copyFileSync(join(__dirname, '..', 'fixtures', 'hf-configs', 'llama-3.1-8b-instruct.json'), join(dir, 'specs', 'config.json'));
  const spec = (configPath: string) => LLAMA_EKS.replace('  id: meta-llama/Llama-3.1-8B-Instruct', `  configPath: ${configPath}`);

  test('GIVEN a relative configPath THEN it is read from the spec file\'s folder, wherever aimd runs from', () => {
    writeFileSync(join(dir, 'specs', 'own.yaml'), spec('./config.json'));
    const { plan } = checkSpecFile(join(dir, 'specs', 'own.yaml'));
    expect(plan.llm?.weightsGiB).toBeGreaterThan(14);
  });

  test('GIVEN a configPath that does not exist THEN model.configPath is named at its line', () => {
    writeFileSync(join(dir, 'specs', 'missing.yaml'), spec('./nope.json'));
    expect(() => checkSpecFile(join(dir, 'specs', 'missing.yaml'))).toThrow(/missing\.yaml:3:15 model\.configPath \('.*nope\.json'\): cannot be used: .*nope\.json: cannot be read \(ENOENT\)/);
  });
});

describe('runtimes per target', () => {
  test('each target serves its listed runtimes and refuses every other one by name', () => {
    for (const [kind, served] of Object.entries(RUNTIMES_BY_TARGET)) {
      for (const engine of served!) expect(targetRuntimeProblems(kind, engine)).toEqual([]);
    }
    expect(targetRuntimeProblems('lambda', 'vllm')).toEqual([expect.objectContaining({ field: 'runtime.engine', message: "cannot be served on target 'lambda' (it serves onnxruntime)" })]);
  });
});
