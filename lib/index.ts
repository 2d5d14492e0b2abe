/**
 * The engine-free API of ai-model-deployment: the deployment spec, the catalogue, the planner and the
 * Kubernetes objects. Engine constructs live in the `./cdk`, `./terraform` and `./pulumi` entry points,
 * the validation harness in `./validation`, the blueprints in `./blueprints`.
 */
export * from './errors';
export * from './spec/types';
export { resolveDeploymentSpec, SUPPORTED_REGIONS } from './spec/resolve';
export { loadSpecFile, parseSpecText, type LoadedSpecFile } from './spec/load-file';
export { checkSpec, checkSpecFile, type CheckedSpec } from './spec/check-spec';
export { SpecFileError, type LocatedProblem } from './spec/spec-file-error';
export { runtimesServedBy, RUNTIMES_BY_TARGET } from './spec/targets';
export { applyEnvironment, isProductionEnvironment, promotionOrder, ENVIRONMENT_TAG, type EnvironmentSpecInput } from './spec/environments';
export { resolveForEnvironment, type EnvironmentResolution } from './spec/resolve-environment';
export { floatingModelReferences } from './spec/model-version';
export { alarmSubscriptions, type AlarmSubscriptions, type ChatChannel } from './alerting/alarm-subscriptions';
export { gcpAlertRouting, gcpNotificationChannels, promQlAlertPolicies, type GcpAlertRouting, type GcpNotificationChannel, type GcpPromQlAlertPolicy } from './gcp/alert-routing';
export { gcpBillingBudget, type GcpBillingBudget } from './gcp/billing-budget';
export * from './catalogue';
export { DEFAULT_HUB_ENDPOINT, HubError, ensureHubModel, prefetchModelsForSpec, resolveHubOptions, type HubErrorKind, type HubOptions, type SpecWithModel } from './catalogue/hub';
export * from './planner/types';
export { planLlmServing } from './planner/plan';
export { estimateMemory } from './planner/memory';
export { vllmEngineArgs, type EngineArgOptions } from './planner/engine-args';
export { MODELLED_VLLM_VERSION } from './planner/vllm-defaults';
export { vllmRefusals, derivedMaxModelLen, type VllmRefusal, type ReplicaPlacement } from './planner/vllm-checks';
export { compatibilityTable, generationWarnings } from './planner/compatibility';
export { DEFAULT_COMPLEXITY_MARGIN } from './planner/choice';
export { planDeployment, type DeploymentPlan, type PlanSummary } from './plan/deployment-plan';
export { planModelServer, serverBatching, isModelServerPlan, modelServerProcessor, DEFAULT_MODEL_SERVER_INSTANCE_TYPE, DEFAULT_CPU_MODEL_SERVER_INSTANCE_TYPE, type ModelServerPlan, type ModelServerProcessor, type ServerBatching } from './plan/model-server-plan';
export type { GpuCapacityPlan } from './plan/gpu-capacity-plan';
export type { ServingPlan } from './plan/serving-plan';
export * as kubernetes from './kubernetes';
export * as drift from './drift';
export * as pipeline from './pipeline';
