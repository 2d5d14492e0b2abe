/**
 * `buildLlmServingObjects`: every Kubernetes object of one vLLM deployment, from a plan. Pure: the same options
 * give the same objects, whichever engine (CDK, cdktf, Pulumi) applies them or whether they are written as YAML.
 *
 * Order matters for engines that apply in sequence: namespace and identity first, then the workload, then what
 * points at it.
 */
import { rolloutServices, vllmRollout } from './argo-rollout';
import { autoscalerObjects } from './autoscaling';
import { withOffHoursFloor } from './scheduled-capacity';
import { servingContext, type ServingContext } from './context';
import { vllmDashboardConfigMap } from './dashboard';
import { vllmDisruptionBudget } from './disruption-budget';
import { exposureObjects } from './exposure';
import { secretSyncObjects } from './external-secret';
import { vllmLeaderWorkerSet } from './leader-worker-set';
import { monitoringObjects } from './monitoring';
import { servingNamespace, servingServiceAccount } from './namespace';
import { servingNetworkPolicies } from './network-policy';
import type { LlmServingObjectsOptions } from './options';
import { vllmAnalysisTemplate } from './rollout-analysis';
import { vllmService } from './service';
import type { KubeObject } from './types';
import { validateLlmServingOptions } from './validate-options';
import { vllmDeployment } from './vllm-deployment';

export type { LlmServingObjectsOptions } from './options';

/**
 * The objects serving `options.plan`: Namespace, ServiceAccount, a Deployment (one node per replica), an Argo
 * Rollouts Rollout with its AnalysisTemplate (and stable/canary Services when traffic is routed) when
 * `options.rollout` is set, or a LeaderWorkerSet (plan.nodes > 1), Service, PodDisruptionBudget, NetworkPolicies (namespace default deny, DNS, the server's own), KEDA ScaledObject or HPA,
 * ServiceMonitors, PrometheusRule, dashboard ConfigMap, the Ingress (plus Auto Mode's IngressClass) or HTTPRoute when
 * exposed, and the SecretStore + ExternalSecret syncing the Hugging Face token from Secrets Manager.
 * @throws InputValidationError listing every invalid option
 */
export function buildLlmServingObjects(options: LlmServingObjectsOptions): KubeObject[] {
  validateLlmServingOptions(options);
  const ctx = servingContext(options);
  return withOffHoursFloor([
    ...(options.createNamespace === false ? [] : [servingNamespace(ctx)]),
    servingServiceAccount(ctx),
    // The token Secret exists before the pods that mount it start.
    ...secretSyncObjects(ctx),
    // The AnalysisTemplate exists before the Rollout that names it.
    ...(ctx.rollout ? [vllmAnalysisTemplate(ctx, ctx.rollout)] : []),
    servingWorkload(ctx),
    vllmService(ctx),
    ...(ctx.rollout ? rolloutServices(ctx, ctx.rollout) : []),
    vllmDisruptionBudget(ctx),
    ...servingNetworkPolicies(ctx),
    ...autoscalerObjects(ctx),
    ...monitoringObjects(ctx),
    ...(ctx.monitoring.dashboard ? [vllmDashboardConfigMap(ctx)] : []),
    ...exposureObjects(ctx),
  ], options.autoscaling.offHours);
}

/** LeaderWorkerSet for multi-node plans (LWS rolls groups itself), a Rollout for progressive delivery, else a Deployment. */
function servingWorkload(ctx: ServingContext): KubeObject {
  if (ctx.layout.multiNode) return vllmLeaderWorkerSet(ctx);
  return ctx.rollout ? vllmRollout(ctx, ctx.rollout) : vllmDeployment(ctx);
}
