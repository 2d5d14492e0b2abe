/**
 * Ray Serve LLM on KubeRay (`runtime.engine: 'ray-serve'`): every Kubernetes object of one deployment, from the plan.
 * The namespace, identity, secret sync and exposure are the shared builders; the workload is a RayService whose Serve
 * application runs vLLM with the plan's engine arguments, scaled by Serve's autoscaler between the spec's bounds and
 * by the Ray autoscaler (KubeRay in-tree) in GPU worker pods. Needs the `kuberay` operator on the cluster.
 */
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { servingContext, type ServingContext } from '../../context';
import { exposureObjects } from '../../exposure';
import { secretSyncObjects } from '../../external-secret';
import { toKubeObject } from '../../kube-object';
import { commonLabels, HTTP_PORT_NAME } from '../../labels';
import { servingNamespace, servingServiceAccount } from '../../namespace';
import { defaultDenyPolicy, dnsEgressPolicy } from '../../network-policy';
import type { LlmServingObjectsOptions } from '../../options';
import type { KubeObject } from '../../types';
import { validateLlmServingOptions } from '../../validate-options';
import type { KubernetesRuntime } from '../registry';
import { rayAuthProxyObjects } from './auth-proxy';
import { rayMonitoringObjects } from './monitoring';
import { rayNetworkPolicy } from './network-policy';
import { rayWorkerSelector } from './pod-templates';
import { rayService } from './ray-service';
import { validateRayServeOptions } from './validate';
import { RAY_LLM_IMAGE_REPOSITORY, RAY_LLM_IMAGE_TAG, RAY_SERVE_PORT_NAME } from './versions';

/** The shared serving context, with the Ray LLM image instead of the vLLM one. */
export function rayServeContext(options: LlmServingObjectsOptions): ServingContext {
  return servingContext({
    ...options,
    imageRepository: options.imageRepository ?? RAY_LLM_IMAGE_REPOSITORY,
    imageTag: options.imageTag ?? RAY_LLM_IMAGE_TAG,
  });
}

/**
 * Namespace, ServiceAccount, secret sync, RayService, worker PodDisruptionBudget, NetworkPolicies (default deny, DNS,
 * the Ray pods'), PodMonitor + DCGM ServiceMonitor + PrometheusRule, the auth proxy in front of Serve (with an API key),
 * and the Ingress or HTTPRoute when exposed (both point at Service `<name>`: the proxy's, or KubeRay's serve Service).
 * @throws InputValidationError listing every invalid option
 */
export function buildRayServeObjects(options: LlmServingObjectsOptions): KubeObject[] {
  validateLlmServingOptions(options);
  validateRayServeOptions(options);
  const ctx = rayServeContext(options);
  return [
    ...(options.createNamespace === false ? [] : [servingNamespace(ctx)]),
    servingServiceAccount(ctx),
    ...secretSyncObjects(ctx),
    rayService(ctx),
    rayWorkerDisruptionBudget(ctx),
    defaultDenyPolicy(ctx),
    dnsEgressPolicy(ctx),
    rayNetworkPolicy(ctx),
    ...rayMonitoringObjects(ctx),
    ...rayAuthProxyObjects(ctx),
    // Without the proxy the exposure targets KubeRay's serve Service directly, whose port is named `serve`.
    ...(options.apiKeySecret ? exposureObjects(ctx) : exposureObjects(ctx).map(toServePort)),
  ];
}

/** Drains take GPU workers one at a time; the Ray autoscaler deletes idle workers itself (not an eviction). */
function rayWorkerDisruptionBudget(ctx: ServingContext): KubeObject {
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: { maxUnavailable: 1, selector: { matchLabels: rayWorkerSelector(ctx.name) }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  };
  return toKubeObject(pdb);
}

/** KubeRay names the serve Service's port `serve`: an Ingress backend that names the vLLM port `http` must follow. */
function toServePort(object: KubeObject): KubeObject {
  if (object.kind !== 'Ingress') return object;
  return JSON.parse(JSON.stringify(object).split(`"name":"${HTTP_PORT_NAME}"`).join(`"name":"${RAY_SERVE_PORT_NAME}"`)) as KubeObject;
}

/** Ray Serve LLM on KubeRay. */
export const RAY_SERVE_RUNTIME: KubernetesRuntime = {
  engine: 'ray-serve',
  title: 'Ray Serve',
  // Serve LLM's OpenAI ingress checks no key: the auth proxy Deployment fronts it (auth-proxy.ts).
  endpointProtection: 'auth-proxy',
  objects: buildRayServeObjects,
  operators: () => ['kuberay'],
  // A NewCluster upgrade starts a second RayCluster at Serve's min_replicas beside the running one (ray-service.ts);
  // at least one, so that an upgrade of a scaled-to-zero service still has room for its first replica.
  updateSurgeReplicas: (options) => Math.max(1, options.autoscaling.scaleToZero ? 0 : options.autoscaling.minReplicas),
};
