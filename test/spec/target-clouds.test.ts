import { InputValidationError } from '../../lib/errors';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { cloudOfTarget, targetCloudProblems, targetRuntimeProblems } from '../../lib/spec/targets';
import type { DeploymentSpecInput, TargetSpec } from '../../lib/spec/types';

const llm = (target: Record<string, unknown>): DeploymentSpecInput => ({
  name: 'chat', model: { id: 'llama-3.1-8b-instruct' }, runtime: { engine: 'vllm' }, target: target as unknown as TargetSpec,
  traffic: { requestsPerSecond: 1, promptTokens: 512, outputTokens: 128 },
});

function problemsOf(input: DeploymentSpecInput): InputValidationError {
  try {
    resolveDeploymentSpec(input);
  } catch (error) {
    if (error instanceof InputValidationError) return error;
    throw error;
  }
  throw new Error('expected the spec to be refused');
}

describe('the cloud a target runs on', () => {
  test.each([
    [{ kind: 'eks' }, 'aws'], [{ kind: 'lambda' }, 'aws'], [{ kind: 'gke' }, 'gcp'], [{ kind: 'vertex-ai' }, 'gcp'],
    [{ kind: 'aks' }, 'azure'], [{ kind: 'azureml' }, 'azure'], [{ kind: 'kubernetes' }, 'aws'],
    [{ kind: 'kubernetes', cloud: 'azure' }, 'azure'], [{ kind: 'huggingface-endpoint', cloud: 'gcp' }, 'gcp'],
  ])('GIVEN target %j THEN its plan is sized on %s', (target, cloud) => {
    expect(cloudOfTarget(target as TargetSpec)).toBe(cloud);
  });

  test('GIVEN a cloud that contradicts the kind THEN the problem names the field, the value and the fix', () => {
    expect(targetCloudProblems('gke', 'azure')).toEqual([expect.objectContaining({ field: 'target.cloud', value: 'azure', fix: "remove target.cloud or set it to 'gcp'" })]);
    expect(targetCloudProblems('kubernetes', 'ibm')).toEqual([expect.objectContaining({ field: 'target.cloud', fix: 'use one of aws, gcp, azure' })]);
    expect(targetCloudProblems('kubernetes', 'gcp')).toEqual([]);
  });

  test('GIVEN a GKE spec with a wrong cloud and an unknown key WHEN resolved THEN both are reported at once', () => {
    const error = problemsOf(llm({ kind: 'gke', cloud: 'aws', machineType: 'a3-highgpu-8g' }));
    expect(error.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['target.cloud', 'target.machineType']));
  });

  test('GIVEN valid targets of other clouds WHEN resolved THEN they keep their settings', () => {
    expect(resolveDeploymentSpec(llm({ kind: 'aks', instanceType: 'Standard_NC24ads_A100_v4', namespace: 'chat' })).target).toMatchObject({ kind: 'aks', instanceType: 'Standard_NC24ads_A100_v4' });
    expect(resolveDeploymentSpec(llm({ kind: 'huggingface-endpoint', scaleToZeroAfterMinutes: 15 })).target).toMatchObject({ scaleToZeroAfterMinutes: 15 });
    expect(() => resolveDeploymentSpec(llm({ kind: 'huggingface-endpoint', scaleToZeroAfterMinutes: -1 }))).toThrow(/scaleToZeroAfterMinutes/);
  });

  test('GIVEN a target of another cloud WHEN its runtime is not served there THEN it is refused with the runtimes it serves', () => {
    expect(targetRuntimeProblems('vertex-ai', 'triton')).toEqual([expect.objectContaining({ field: 'runtime.engine', message: expect.stringContaining("cannot be served on target 'vertex-ai'") })]);
  });


  test('GIVEN the managed platforms of other clouds WHEN checked for their runtime THEN vLLM is served and others are refused', () => {
    expect(targetRuntimeProblems('vertex-ai', 'vllm')).toEqual([]);
    expect(targetRuntimeProblems('azureml', 'vllm')).toEqual([]);
    expect(targetRuntimeProblems('azureml', 'tgi')).toEqual([expect.objectContaining({ field: 'runtime.engine', message: expect.stringContaining('serves vllm') })]);
  });

  test('GIVEN a Google Cloud target WHEN its region is an AWS region THEN it is refused with the Google Cloud regions', () => {
    expect(() => resolveDeploymentSpec({ ...llm({ kind: 'vertex-ai' }), region: 'us-east-1' })).toThrow(/region.*us-central1/s);
    expect(resolveDeploymentSpec({ ...llm({ kind: 'vertex-ai' }), region: 'us-central1' }).region).toBe('us-central1');
  });
});
