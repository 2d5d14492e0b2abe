/**
 * The API key check Ray Serve LLM lacks: its OpenAI ingress does not read `VLLM_API_KEY` (ray-project/ray#55369,
 * #59578). KubeRay writes the Ray pods (a RayService has no sidecar field of its own beyond the pod templates, and a
 * NewCluster upgrade swaps the whole cluster), so the shared NGINX auth proxy (lib/kubernetes/runtimes/auth-proxy.ts)
 * runs as a small Deployment of its own in front of KubeRay's serve Service:
 *
 *   gateway / ALB -> Service `<name>` (port `http` 8000) -> auth proxy pods -> Service `<name>-serve` (KubeRay's) -> Serve
 *
 * The exposure objects keep pointing at `<name>` port `http`, like every runtime's. KubeRay's serve Service is
 * renamed `<name>-serve`, and the Ray pods no longer admit the gateway or the ALB (network-policy.ts): only the proxy,
 * which belongs to the deployment's pods, reaches Serve. Without an API key nothing of this is rendered and the
 * serve Service keeps the name `<name>` (the deployability check then reports the endpoint as unauthenticated).
 *
 * NGINX resolves the serve Service when it starts: until KubeRay has created it (first Serve application RUNNING)
 * the proxy restarts, which the kubelet's back-off absorbs.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import { commonLabels, HTTP_PORT, HTTP_PORT_NAME, instanceSelector } from '../../labels';
import { exposureIngressRules } from '../../network-policy';
import type { KubeObject } from '../../types';
import { AUTH_PROXY_USER_ID, authProxyConfigMap, authProxyContainer, authProxyVolumes, type AuthProxyOptions } from '../auth-proxy';
import { RAY_SERVE_PORT } from './versions';

/** `app.kubernetes.io/component` of the proxy pods. */
export const RAY_AUTH_PROXY_COMPONENT = 'auth-proxy';
/** Two proxies, so that a drain or a node loss never cuts the endpoint. */
const PROXY_REPLICAS = 2;
/** Seconds a terminating proxy keeps serving while the Service drops it, then NGINX finishes in-flight requests. */
const PRE_STOP_SLEEP_SECONDS = 15;
/** Pre-stop sleep + NGINX's 300 s proxy read timeout (auth-proxy.ts) for a long generation + a margin. */
const TERMINATION_GRACE_SECONDS = 330;
/** Serve's HTTP proxy health route (answered by every Serve proxy; KubeRay's readiness probe uses it). */
const SERVE_HEALTH_PATH = '/-/healthz';

/** The Service KubeRay creates for Serve: `<name>-serve` behind the proxy, `<name>` when there is no proxy. */
export function rayServeServiceName(ctx: ServingContext): string {
  return ctx.options.apiKeySecret ? `${ctx.name}-serve` : ctx.name;
}

function proxySelector(ctx: ServingContext): Record<string, string> {
  return { ...instanceSelector(ctx.name), 'app.kubernetes.io/component': RAY_AUTH_PROXY_COMPONENT };
}

function proxyName(ctx: ServingContext): string {
  return `${ctx.name}-auth-proxy`;
}

function proxyOptions(ctx: ServingContext): AuthProxyOptions | undefined {
  const apiKeySecret = ctx.options.apiKeySecret;
  if (apiKeySecret === undefined) return undefined;
  return {
    name: ctx.name,
    metadata: { name: proxyName(ctx), namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    listenPort: HTTP_PORT,
    upstreamHost: `${rayServeServiceName(ctx)}.${ctx.namespace}.svc.cluster.local`,
    upstreamPort: RAY_SERVE_PORT,
    openPaths: [SERVE_HEALTH_PATH],
    apiKeySecret,
  };
}

function proxyDeployment(ctx: ServingContext, proxy: AuthProxyOptions): KubeObject {
  const labels = { ...commonLabels(ctx.name, ctx.imageTag), ...proxySelector(ctx) };
  const container = authProxyContainer(proxy, PRE_STOP_SLEEP_SECONDS);
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: proxy.metadata,
    spec: {
      replicas: PROXY_REPLICAS,
      selector: { matchLabels: proxySelector(ctx) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          // The proxy calls nothing but Serve: no Kubernetes API, no AWS.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: AUTH_PROXY_USER_ID, runAsGroup: AUTH_PROXY_USER_ID, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            ...container,
            // Ready when Serve answers through it: the Service then sends callers only to proxies that reach Serve.
            readinessProbe: { httpGet: { path: SERVE_HEALTH_PATH, port: HTTP_PORT }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
            livenessProbe: { tcpSocket: { port: HTTP_PORT }, periodSeconds: 10, failureThreshold: 6 },
          }],
          volumes: authProxyVolumes(proxy),
          terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: proxySelector(ctx) } },
          ],
        },
      },
    },
  };
  return toKubeObject(deployment);
}

/** Service `<name>`: where the exposure objects send callers. */
function proxyService(ctx: ServingContext): KubeObject {
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: { type: 'ClusterIP', selector: proxySelector(ctx), ports: [{ name: HTTP_PORT_NAME, port: HTTP_PORT, targetPort: HTTP_PORT, protocol: 'TCP' }] },
  };
  return toKubeObject(service);
}

function proxyDisruptionBudget(ctx: ServingContext): KubeObject {
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: proxyName(ctx), namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: { maxUnavailable: 1, selector: { matchLabels: proxySelector(ctx) }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  };
  return toKubeObject(pdb);
}

/**
 * Callers (gateway or ALB) reach the proxy on 8000. The proxy pods carry the deployment's instance labels, so the Ray
 * pods' policy already lets them reach Serve and admits them as members of the cluster.
 */
function proxyNetworkPolicy(ctx: ServingContext): KubeObject {
  const policy: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: proxyName(ctx), namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      podSelector: { matchLabels: proxySelector(ctx) },
      policyTypes: ['Ingress'],
      ingress: exposureIngressRules(ctx, [{ protocol: 'TCP', port: HTTP_PORT }]),
    },
  };
  return toKubeObject(policy);
}

/** The proxy's ConfigMap, Deployment, Service, PodDisruptionBudget and NetworkPolicy; none without an API key. */
export function rayAuthProxyObjects(ctx: ServingContext): KubeObject[] {
  const proxy = proxyOptions(ctx);
  if (proxy === undefined) return [];
  return [authProxyConfigMap(proxy), proxyDeployment(ctx, proxy), proxyService(ctx), proxyDisruptionBudget(ctx), proxyNetworkPolicy(ctx)];
}
