/** Plans for the SageMaker unit tests: a valid base spec per mode, with overrides. */
import { planDeployment, type DeploymentPlan } from '../../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../../lib/spec/types';

type Overrides = Partial<Omit<DeploymentSpecInput, 'target'>> & { readonly target?: Record<string, unknown> };

const BASE: Record<'realtime' | 'serverless' | 'async' | 'multi-model' | 'llm', DeploymentSpecInput> = {
  realtime: { name: 'tabular', model: { id: 'fraud-xgboost', task: 'tabular' }, runtime: { engine: 'xgboost' }, target: { kind: 'sagemaker', mode: 'realtime', instanceType: 'ml.m7i.xlarge' } },
  serverless: { name: 'classifier', model: { id: 'distilbert-sst2', task: 'classification' }, runtime: { engine: 'huggingface' }, target: { kind: 'sagemaker', mode: 'serverless' }, security: { networkIsolation: false } },
  async: { name: 'speech', model: { id: 'whisper', task: 'speech' }, runtime: { engine: 'huggingface' }, target: { kind: 'sagemaker', mode: 'async', instanceType: 'ml.g5.xlarge' }, scaling: { minReplicas: 0, scaleToZero: true } },
  'multi-model': { name: 'segments', model: { id: 'churn', task: 'tabular' }, runtime: { engine: 'sklearn' }, target: { kind: 'sagemaker', mode: 'multi-model', instanceType: 'ml.c7i.xlarge' } },
  llm: { name: 'chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'lmi' }, target: { kind: 'sagemaker', mode: 'realtime' }, traffic: { requestsPerSecond: 2 } },
};

/** Resolves and plans a base spec of the given kind with shallow section overrides. */
export function planFor(kind: keyof typeof BASE, overrides: Overrides = {}): DeploymentPlan {
  const base = BASE[kind];
  const spec = { ...base, ...overrides, target: { ...base.target, ...(overrides.target ?? {}) } } as DeploymentSpecInput;
  return planDeployment(resolveDeploymentSpec(spec));
}

/** A plan whose resolved spec is patched after validation, to reach the SageMaker checks directly. */
export function withSpec(plan: DeploymentPlan, patch: (spec: any) => any): DeploymentPlan {
  return { ...plan, spec: patch(structuredClone(plan.spec)) };
}
