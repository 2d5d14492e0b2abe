import { findModel } from '../../lib/catalogue';
import { buildGpuNodePoolObjects, buildLlmServingObjects, LOCAL_MODEL_PATH } from '../../lib/kubernetes';
import { planLlmServing } from '../../lib/planner/plan';
import type { LlmPlanRequest } from '../../lib/planner/types';
import { only } from './fixtures';
import { schemaErrors } from './schema-helpers';

/** The four EKS blueprints' shapes, planned by the real planner and rendered end to end. */
describe.each([
  ['8B, KEDA 1..N', { model: findModel('meta-llama/Llama-3.1-8B-Instruct') }],
  ['405B, multi-node', { model: findModel('meta-llama/Llama-3.1-405B-Instruct') }],
  ['8B with LoRA', { model: findModel('meta-llama/Llama-3.1-8B-Instruct'), lora: { maxLoras: 4, maxLoraRank: 16 } }],
  ['70B AWQ', { model: findModel('meta-llama/Llama-3.1-70B-Instruct'), quantization: 'awq' as const }],
])('GIVEN the planner\'s plan for %s', (_, request: LlmPlanRequest) => {
  const plan = planLlmServing(request);
  const objects = [
    ...buildLlmServingObjects({
      name: 'llm',
      namespace: 'llm',
      plan,
      model: request.model,
      modelSource: { bucketName: 'model-bucket', prefix: 'weights/' },
      serviceAccountName: 'vllm',
      huggingFaceTokenSecret: { secretName: 'hf-token', key: 'token' },
      capacity: 'karpenter',
      loraAdapters: request.lora ? [{ name: 'tenant-a', uri: 's3://model-bucket/adapters/tenant-a/' }] : undefined,
      autoscaling: { minReplicas: 1, maxReplicas: Math.max(2, plan.replicas), scaleToZero: false, engine: 'keda' },
      monitoring: { prometheusRules: true, dashboard: true },
    }),
    ...buildGpuNodePoolObjects({ name: 'llm', plan, capacity: 'karpenter', clusterName: 'gpu' }),
  ];
  const workload = only(objects, plan.nodes > 1 ? 'LeaderWorkerSet' : 'Deployment');
  const pod = plan.nodes > 1 ? workload.spec.leaderWorkerTemplate.leaderTemplate : workload.spec.template;

  test('THEN vLLM runs the plan\'s engine arguments on the local path', () => {
    expect(pod.spec.containers[0].args.slice(0, plan.engineArgs.length)).toEqual([LOCAL_MODEL_PATH, ...plan.engineArgs.slice(1)]);
  });

  test('THEN a multi-node plan gets a group of pipelineParallelSize pods, a single-node plan a Deployment', () => {
    if (plan.nodes > 1) expect(workload.spec.leaderWorkerTemplate.size).toBe(plan.pipelineParallelSize);
    else expect(workload.kind).toBe('Deployment');
  });

  test('THEN every object passes the validation harness', () => {
    expect(schemaErrors(objects)).toBe('');
  });
});
