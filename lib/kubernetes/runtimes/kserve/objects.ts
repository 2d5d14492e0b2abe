/**
 * `buildKserveObjects`: every Kubernetes object of one KServe deployment. KServe's controller (raw `Standard` mode,
 * installed with its CRDs and runtimes by the `kserve` cluster operator) turns each InferenceService into the
 * Deployment, Service and KEDA ScaledObject; we bring what it does not: the restricted namespace and the identity,
 * the Service the gateway and Prometheus use, PodDisruptionBudgets, NetworkPolicies and the monitors. Pure.
 */
import { servingContext } from '../../context';
import { vllmDashboardConfigMap } from '../../dashboard';
import { exposureObjects } from '../../exposure';
import { secretSyncObjects } from '../../external-secret';
import { monitoringObjects } from '../../monitoring';
import { servingNamespace, servingServiceAccount } from '../../namespace';
import { defaultDenyPolicy, dnsEgressPolicy } from '../../network-policy';
import type { LlmServingObjectsOptions } from '../../options';
import type { KubeObject } from '../../types';
import { classicInferenceService } from './classic-predictor';
import { llmInferenceService } from './llm-predictor';
import { classicModelsPodMonitor } from './monitoring';
import { kserveAuthProxy } from './auth-proxy';
import { inferenceServiceNames, kserveDisruptionBudget, kserveNetworkPolicy, llmService } from './network';
import { authProxyConfigMap } from '../auth-proxy';
import type { ServingContext } from '../../context';
import { graphClassicModels, inferenceGraph, inferenceGraphNetworkPolicy, relaxForGraphRouter } from './inference-graph';
import { validateKserveOptions } from './validate';
import { KSERVE_VERSION } from './versions';

/**
 * Namespace, ServiceAccount, token/API-key sync, the auth proxy's config, the LLM InferenceService and one per classic model, the LLM's
 * Service, PodDisruptionBudgets, NetworkPolicies (default deny, DNS, the predictors'), ServiceMonitors, PodMonitor,
 * PrometheusRule, dashboard and exposure.
 * @throws InputValidationError listing every invalid option
 */
export function buildKserveObjects(options: LlmServingObjectsOptions): KubeObject[] {
  validateKserveOptions(options);
  const graph = options.inferenceGraph;
  // A graph's steps are classic models: InferenceServices, PDBs, policies and monitors like the others.
  const classicModels = [...(options.classicModels ?? []), ...graphClassicModels(graph)];
  // Objects are labelled with the KServe release that runs them.
  const ctx = servingContext({ ...options, classicModels, imageTag: KSERVE_VERSION });
  const namespace = graph ? relaxForGraphRouter(servingNamespace(ctx)) : servingNamespace(ctx);
  return [
    ...(options.createNamespace === false ? [] : [namespace]),
    servingServiceAccount(ctx),
    ...secretSyncObjects(ctx),
    ...authProxyConfigMaps(ctx),
    llmInferenceService(ctx),
    ...classicModels.map((model) => classicInferenceService(ctx, model)),
    ...(graph ? [inferenceGraph(ctx, graph), inferenceGraphNetworkPolicy(ctx, graph)] : []),
    llmService(ctx),
    ...inferenceServiceNames(ctx).map((name) => kserveDisruptionBudget(ctx, name)),
    defaultDenyPolicy(ctx),
    dnsEgressPolicy(ctx),
    kserveNetworkPolicy(ctx),
    ...monitoringObjects(ctx),
    ...classicModelsPodMonitor(ctx),
    ...(ctx.monitoring.dashboard ? [vllmDashboardConfigMap(ctx)] : []),
    ...exposureObjects(ctx),
  ];
}

/** The auth proxy's NGINX template, when the LLM predictor has one. */
function authProxyConfigMaps(ctx: ServingContext): KubeObject[] {
  const proxy = kserveAuthProxy(ctx);
  return proxy ? [authProxyConfigMap(proxy)] : [];
}
