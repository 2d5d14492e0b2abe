/**
 * The engine-free API of ai-model-deployment: the deployment spec, the catalogue, the planner and the
 * Kubernetes objects. Engine constructs live in the `./cdk`, `./terraform` and `./pulumi` entry points,
 * the validation harness in `./validation`, the blueprints in `./blueprints`.
 */
export * from './errors';
export * from './spec/types';
export { resolveDeploymentSpec, SUPPORTED_REGIONS } from './spec/resolve';
export * from './catalogue';
export * from './planner/types';
export { planLlmServing } from './planner/plan';
export { estimateMemory } from './planner/memory';
export { vllmEngineArgs, type EngineArgOptions } from './planner/engine-args';
export { MODELLED_VLLM_VERSION } from './planner/vllm-defaults';
export { planDeployment, type DeploymentPlan, type PlanSummary } from './plan/deployment-plan';
export * as kubernetes from './kubernetes';
export * as pipeline from './pipeline';
