import { buildLlmServingObjects } from '../../lib/kubernetes';
import { InputValidationError } from '../../lib/errors';
import { handPlan, MULTI_NODE, servingOptions, SINGLE_NODE } from './fixtures';

function problemsOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputValidationError) return error.problems.map((p) => ({ field: p.field, message: p.message }));
    throw error;
  }
  throw new Error('expected an InputValidationError');
}

describe('invalid options are reported all at once, naming field, value and fix', () => {
  test('GIVEN several mistakes WHEN built THEN one error lists each of them', () => {
    const run = () =>
      buildLlmServingObjects(
        servingOptions(SINGLE_NODE, {
          name: 'LLM_Serving',
          imageTag: 'latest',
          autoscaling: { minReplicas: 5, maxReplicas: 3, scaleToZero: false, engine: 'keda' },
          exposure: { kind: 'alb-ingress', host: 'llm.internal.example.com' },
          loraAdapters: [{ name: 'a', uri: 'https://example.com/a' }],
        }),
      );
    expect(() => run()).toThrow(/LLM serving objects has 6 problems/);
    expect(problemsOf(run).map((p) => p.field)).toEqual([
      'name',
      'loraAdapters',
      'loraAdapters[0].uri',
      'autoscaling.minReplicas',
      'exposure.certificateArn',
      'imageTag',
    ]);
    expect(() => run()).toThrow(/autoscaling\.minReplicas \(5\): must be less than or equal to 'maxReplicas' \(3\)/);
  });

  test('GIVEN scale to zero on the HPA without a wake-up query WHEN built THEN both gaps are named', () => {
    const run = () => buildLlmServingObjects(servingOptions(SINGLE_NODE, { autoscaling: { minReplicas: 0, maxReplicas: 2, scaleToZero: true, engine: 'hpa' } }));
    expect(problemsOf(run).map((p) => p.field)).toEqual(['autoscaling.scaleToZero', 'autoscaling.wakeUpQuery']);
  });

  test('GIVEN a gated model from the Hub without a token secret WHEN built THEN the fix says where the token comes from', () => {
    const run = () => buildLlmServingObjects(servingOptions(SINGLE_NODE, { modelSource: { huggingFaceId: 'meta-llama/Llama-3.1-8B-Instruct' } }));
    expect(() => run()).toThrow(/gated on the Hugging Face Hub.*Fix: sync the token from Secrets Manager into a Kubernetes Secret/);
  });

  test('GIVEN a multi-node plan whose PP degree is not its node count WHEN built THEN the plan is rejected', () => {
    const bad = { ...MULTI_NODE, plan: { ...MULTI_NODE.plan, pipelineParallelSize: 4 } };
    expect(problemsOf(() => buildLlmServingObjects(servingOptions(bad)))).toContainEqual({ field: 'plan.pipelineParallelSize', message: 'must equal plan.nodes (2): one pipeline stage per node' });
  });

  test('GIVEN a SageMaker plan WHEN built THEN it is refused', () => {
    const sagemaker = { ...SINGLE_NODE, plan: { ...SINGLE_NODE.plan, platform: 'sagemaker' as const } };
    expect(problemsOf(() => buildLlmServingObjects(servingOptions(sagemaker))).map((p) => p.field)).toEqual(['plan.platform']);
  });

  test('GIVEN engine tokens for the bucket and the role WHEN built THEN they are passed through unchecked', () => {
    const tokens = buildLlmServingObjects(
      servingOptions(handPlan({ modelId: 'Qwen/Qwen2.5-7B-Instruct', instanceType: 'g6e.xlarge', tensorParallelSize: 1, weightsGiB: 14.2 }), {
        modelSource: { bucketName: '${Token[TOKEN.123]}', prefix: 'qwen/' },
        serviceAccountRoleArn: '${Token[TOKEN.456]}',
      }),
    );
    const init = (tokens.find((o) => o.kind === 'Deployment') as any).spec.template.spec.initContainers[0];
    expect(init.env).toContainEqual({ name: 'MODEL_S3_URI', value: 's3://${Token[TOKEN.123]}/qwen/' });
  });
});

describe('the plan and the objects agree on the port', () => {
  test('GIVEN engine args serving on another port WHEN built THEN the mismatch is named', () => {
    const args = SINGLE_NODE.plan.engineArgs.map((a, i, all) => (all[i - 1] === '--port' ? '9000' : a));
    const plan = { ...SINGLE_NODE.plan, engineArgs: args };
    expect(() => buildLlmServingObjects(servingOptions({ ...SINGLE_NODE, plan }))).toThrow(/plan\.engineArgs \('--port 9000'\): the Service, probes and NetworkPolicy use port 8000/);
  });
});
