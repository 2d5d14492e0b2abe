import { InputValidationError } from '../../lib/errors';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';

const minimal: DeploymentSpecInput = {
  name: 'llama-chat',
  model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
  runtime: { engine: 'vllm' },
  target: { kind: 'eks' },
};

function problemsOf(input: unknown): InputValidationError {
  try {
    resolveDeploymentSpec(input);
  } catch (error) {
    if (error instanceof InputValidationError) return error;
    throw error;
  }
  throw new Error('expected the spec to be rejected');
}

describe('resolveDeploymentSpec', () => {
  test('GIVEN a minimal LLM spec WHEN resolved THEN every section gets its documented default', () => {
    const spec = resolveDeploymentSpec(minimal);
    expect(spec.region).toBe('us-east-1');
    expect(spec.model.task).toBe('text-generation');
    expect(spec.runtime).toMatchObject({ dtype: 'auto', quantization: 'none', kvCacheDtype: 'auto', gpuMemoryUtilization: 0.9 });
    expect(spec.traffic).toMatchObject({ requestsPerSecond: 1, promptTokens: 1024, outputTokens: 256 });
    expect(spec.scaling).toMatchObject({ minReplicas: 1, scaleToZero: false });
    expect(spec.rollout.strategy).toBe('canary');
    expect(spec.rollout.rollbackAlarms).toEqual(['latency-p95', 'errors-5xx', 'model-errors']);
    expect(spec.security).toMatchObject({ vpc: { create: true }, kmsKey: 'create', networkIsolation: true });
    expect(spec.monitoring.dataCapture.enabled).toBe(false);
  });

  test('GIVEN a SageMaker real-time spec WHEN resolved THEN data capture is on by default', () => {
    const spec = resolveDeploymentSpec({ ...minimal, target: { kind: 'sagemaker', mode: 'realtime' } });
    expect(spec.monitoring.dataCapture).toEqual({ enabled: true, samplingPercent: 20 });
  });

  test('GIVEN a spec with many mistakes WHEN resolved THEN one error lists every problem with field, value and fix', () => {
    const error = problemsOf({
      name: 'Bad_Name',
      region: 'mars-1',
      model: { id: 'x', configPath: './config.json' },
      runtime: { engine: 'vllm', gpuMemoryUtilization: 1.5, maxNumSeqs: 0, version: 'latest' },
      target: { kind: 'eks', capacity: 'spot-magic' },
      scaling: { minReplicas: 5, maxReplicas: 3 },
      rollout: { strategy: 'canary', rollbackAlarms: [] },
    });
    const fields = error.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining([
      'name', 'region', 'model.id', 'runtime.gpuMemoryUtilization', 'runtime.maxNumSeqs', 'runtime.version',
      'target.capacity', 'scaling.minReplicas', 'rollout.rollbackAlarms',
    ]));
    expect(error.message).toMatch(/scaling\.minReplicas \(5\): must be less than or equal to scaling\.maxReplicas \(3\)\. Fix: /);
    expect(error.message).toMatch(/runtime\.gpuMemoryUtilization \(1\.5\): must be a number in \(0, 1\]/);
    for (const problem of error.problems) expect(problem.fix.length).toBeGreaterThan(5);
  });

  test('GIVEN an unknown field WHEN resolved THEN it is named rather than silently ignored', () => {
    const error = problemsOf({ ...minimal, runtime: { engine: 'vllm', tensorParalelSize: 2 } });
    expect(error.problems).toEqual([expect.objectContaining({ field: 'runtime.tensorParalelSize', value: 2 })]);
  });

  test('GIVEN serverless memory that is not a 1 GB step WHEN resolved THEN the allowed values are listed', () => {
    const error = problemsOf({ ...minimal, runtime: { engine: 'huggingface' }, target: { kind: 'sagemaker', mode: 'serverless', serverlessMemoryMb: 1500 } });
    expect(error.message).toMatch(/target\.serverlessMemoryMb \(1500\): must be 1024-6144 MB in 1024 MB steps\. Fix: use 1024, 2048/);
  });

  test('GIVEN an LLM engine on Lambda WHEN resolved THEN the fix names GPU targets', () => {
    const error = problemsOf({ ...minimal, target: { kind: 'lambda' } });
    expect(error.message).toMatch(/runtime\.engine \('vllm'\): LLM engines need GPUs.*Fix: use target\.kind 'sagemaker' or 'eks'/);
  });

  test('GIVEN LoRA adapters with a duplicate name and a non-S3 uri WHEN resolved THEN both are reported', () => {
    const error = problemsOf({
      ...minimal,
      runtime: { engine: 'vllm', lora: { adapters: [{ name: 'a', uri: 's3://b/a' }, { name: 'a', uri: 'https://x' }] } },
    });
    expect(error.problems.map((p) => p.field)).toEqual(['runtime.lora.adapters[1].uri', 'runtime.lora.adapters[1].name']);
  });

  test('GIVEN zero minimum replicas without scale-to-zero WHEN resolved THEN the fix says to enable it', () => {
    const error = problemsOf({ ...minimal, scaling: { minReplicas: 0 } });
    expect(error.message).toMatch(/scaleToZero/);
  });

  test('GIVEN something that is not an object WHEN resolved THEN the error says what to pass', () => {
    expect(() => resolveDeploymentSpec('llama')).toThrow(/must be an object/);
  });
});
