/**
 * The spec's `graph`: the EKS example file validates, plans and yields the steps' InferenceServices and the
 * InferenceGraph in the deployment's Kubernetes objects; graphs a target cannot render are refused with a fix.
 */
import { join } from 'node:path';
import { llmEksDeploymentConfig } from '../../blueprints/eks/deployment-config';
import { deploymentKubeObjects } from '../../lib/eks/deployment-config';
import { servingObjectUris } from '../../lib/eks/serving';
import { InputValidationError, type InputProblem } from '../../lib/errors';
import { checkSpecFile } from '../../lib/spec/check-spec';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';

const FILE = join(__dirname, '..', '..', 'examples', 'specs', 'inference-graph-eks.yaml');

describe('examples/specs/inference-graph-eks.yaml', () => {
  test('THEN it plans, and the deployment applies the three steps and the graph, reading every step from S3', () => {
    const { plan } = checkSpecFile(FILE);
    expect(plan.spec.graph?.steps.map((s) => s.name)).toEqual(['preprocess', 'classifier', 'postprocess']);
    const config = llmEksDeploymentConfig({ name: 'inference-graph-eks', plan, env: { account: '123456789012', region: 'us-east-1' } });
    const objects = deploymentKubeObjects(config);
    expect(objects.filter((o) => o.kind === 'InferenceService').map((o) => o.metadata.name)).toEqual(['inference-graph-eks', 'preprocess', 'classifier', 'postprocess']);
    expect(objects.filter((o) => o.kind === 'InferenceGraph').map((o) => o.metadata.name)).toEqual(['inference-graph-eks-graph']);
    // The deployment's role is granted the S3 locations its pods read: every step's model among them.
    expect(servingObjectUris(config.serving)).toEqual(expect.arrayContaining(plan.spec.graph!.steps.map((s) => s.model.uri)));
  });
});

describe('graphs a target cannot render', () => {
  const STEP = { name: 'classifier', model: { format: 'sklearn', uri: 's3://my-models/classifier/' } };
  const problemsOf = (input: object): InputProblem[] => {
    try {
      resolveDeploymentSpec(input);
    } catch (e) {
      if (e instanceof InputValidationError) return [...e.problems];
      throw e;
    }
    return [];
  };
  const eks = (engine: string, graph: object) => ({ name: 'g', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine }, target: { kind: 'eks' }, graph });

  test('GIVEN a graph on EKS with vLLM THEN runtime.engine is refused: an InferenceGraph needs KServe', () => {
    expect(problemsOf(eks('vllm', { kind: 'sequence', steps: [STEP] }))).toContainEqual(expect.objectContaining({ field: 'runtime.engine', fix: expect.stringMatching(/kserve/) }));
  });

  test('GIVEN a switch step without a condition and a sequence step with one THEN both are refused', () => {
    const fields = problemsOf(eks('kserve', { kind: 'switch', steps: [STEP] })).map((p) => p.field);
    expect(fields).toContain('graph.steps[0].condition');
    const sequence = problemsOf(eks('kserve', { kind: 'sequence', steps: [{ ...STEP, condition: 'x' }] }));
    expect(sequence).toContainEqual(expect.objectContaining({ field: 'graph.steps[0].condition', message: expect.stringMatching(/only applies to a switch/) }));
  });

  test('GIVEN an unknown kind, no steps and an unknown key THEN every problem is listed', () => {
    const fields = problemsOf(eks('kserve', { kind: 'dag', steps: [], extra: 1 })).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['graph.kind', 'graph.steps', 'graph.extra']));
  });
});
