/**
 * What one model adds behind the gateway: its InferencePool and endpoint picker (one Helm release of the llm-d router
 * chart), the HTTPRoute that sends its `model` names from its allowed tenants to the pool, and its per-tenant rate
 * limits. Nothing here touches the platform's objects, so adding a model adds objects and changes none.
 */
import type { HelmComponent } from '../../eks/components';
import { REQUEST_TIMEOUT_SECONDS } from '../exposure';
import { toKubeObject } from '../kube-object';
import type { KubeObject, KubeObjectMeta } from '../types';
import type { GatewayModel, GatewayRoute, GatewayTenant, ModelGatewayProps } from './types';
import { splitModelNames, splitTenants } from './traffic-split';
import { modelNamesOf } from './validate';
import { EPP_CHART, EPP_EXT_PROC_PORT, INFERENCE_POOL_API, LLM_D_ROUTER_VERSION, MODEL_NAME_HEADER, TENANT_HEADER } from './versions';

/** Labels of every gateway object. */
export function gatewayLabels(gateway: string, component: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': 'model-gateway', 'app.kubernetes.io/instance': gateway, 'app.kubernetes.io/component': component, 'app.kubernetes.io/managed-by': 'ai-model-deployment' };
}

/** The InferencePool of a model (also the llm-d router chart's release name, which names the pool). */
export function poolName(model: string): string {
  return `${model}-pool`;
}

function tenantsOf(model: GatewayModel, tenants: readonly GatewayTenant[]): GatewayTenant[] {
  return tenants.filter((t) => t.allowedModels.includes(model.name));
}

/**
 * The routing table: every `model` field value, the deployment that answers it and who may call it; a split name
 * (A/B) has one row per deployment with its weight, callable by the tenants allowed every backend.
 */
export function routingTable(props: Pick<ModelGatewayProps, 'models' | 'tenants' | 'trafficSplits'>): GatewayRoute[] {
  return props.models.flatMap((model) => {
    const tenants = tenantsOf(model, props.tenants).map((t) => t.name);
    const row = (modelName: string, kind: GatewayRoute['kind']): GatewayRoute => {
      const split = props.trafficSplits?.find((sp) => sp.modelName === modelName && sp.backends.some((b) => b.model === model.name));
      if (split === undefined) return { modelName, deployment: model.name, namespace: model.namespace, pool: poolName(model.name), kind, tenants };
      const weight = split.backends.find((b) => b.model === model.name)!.weight;
      return { modelName, deployment: model.name, namespace: model.namespace, pool: poolName(model.name), kind, tenants: splitTenants(split, props), weight };
    };
    return [...model.servedModelNames.map((n) => row(n, 'base')), ...(model.loraAdapters ?? []).map((n) => row(n, 'lora'))];
  });
}

/** The fields of inference.networking.k8s.io/v1 InferencePool the chart sets (routerlib templates/_inferencepool.yaml, v0.10.0). */
export interface IInferencePool {
  readonly apiVersion: 'inference.networking.k8s.io/v1';
  readonly kind: 'InferencePool';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly targetPorts: readonly { readonly number: number }[];
    readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
    readonly endpointPickerRef: { readonly name: string; readonly port: { readonly number: number }; readonly failureMode: 'FailOpen' | 'FailClose' };
  };
}

/**
 * The InferencePool the llm-d router chart renders from {@link eppComponent}'s values: the chart owns it (its EPP runs
 * in pool mode only when the chart creates the pool, templates/_deployment.yaml), so it is not applied from here; it is
 * built to check our values against the pinned CRD and to document what the release creates.
 */
export function inferencePoolOf(model: GatewayModel): KubeObject {
  const pool: IInferencePool = {
    apiVersion: `${INFERENCE_POOL_API.group}/${INFERENCE_POOL_API.version}` as 'inference.networking.k8s.io/v1',
    kind: 'InferencePool',
    metadata: { name: poolName(model.name), namespace: model.namespace },
    spec: {
      targetPorts: [{ number: model.port }],
      selector: { matchLabels: { ...model.podSelector } },
      // FailOpen (the chart's default): with the picker down the gateway still sends to some pod of the pool.
      endpointPickerRef: { name: `${poolName(model.name)}-epp`, port: { number: EPP_EXT_PROC_PORT }, failureMode: 'FailOpen' },
    },
  };
  return toKubeObject(pool);
}

/**
 * The endpoint picker and InferencePool of one model: a release of the llm-d router gateway chart in the model's
 * namespace. Its default scheduling plugins score pods by queue depth, KV-cache utilisation and prefix-cache hits
 * (queue-scorer, kv-cache-utilization-scorer, prefix-cache-scorer: routerlib templates/_config.yaml, llm-d-router
 * v0.10.0). Every pod of a deployment loads all its LoRA adapters (`--lora-modules`), so any pod of the pool serves them.
 */
export function eppComponent(model: GatewayModel, dependsOn: readonly string[]): HelmComponent {
  return {
    id: `${pascal(model.name)}EndpointPicker`,
    release: poolName(model.name),
    chart: EPP_CHART.chart,
    repository: EPP_CHART.repository,
    version: EPP_CHART.version,
    namespace: model.namespace,
    values: {
      router: {
        modelServers: { matchLabels: { ...model.podSelector }, targetPorts: [{ number: model.port }], protocol: 'http' },
        epp: { image: { tag: LLM_D_ROUTER_VERSION, pullPolicy: 'IfNotPresent' }, extProcPort: EPP_EXT_PROC_PORT },
        inferencePool: { create: true, failureMode: 'FailOpen' },
      },
      // Envoy Gateway reads the InferencePool itself: none of the chart's provider-specific objects (gke, istio).
      provider: { name: 'none' },
      httpRoute: { create: false },
    },
    dependsOn,
    source: `helm install ${poolName(model.name)} ${EPP_CHART.repository}/${EPP_CHART.chart} --version ${EPP_CHART.version} (llm-d/llm-d-router ${LLM_D_ROUTER_VERSION}, config/charts/llm-d-router-gateway, read 2026-12-03)`,
  };
}

function pascal(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/**
 * The model's HTTPRoute: one match per (model name, allowed tenant), each needing both headers, so a tenant not
 * allowed this model matches no route and gets 404 from the gateway; the pool's endpoint picker then picks the pod.
 */
export function modelRoute(model: GatewayModel, props: Pick<ModelGatewayProps, 'name' | 'namespace' | 'tenants' | 'trafficSplits'>): KubeObject | undefined {
  const tenants = tenantsOf(model, props.tenants);
  // A split name is routed by its split's HTTPRoute only (two routes matching one name would race).
  const split = splitModelNames(props);
  const names = modelNamesOf(model).filter((n) => !split.has(n));
  if (tenants.length === 0 || names.length === 0) return undefined;
  const matches = names.flatMap((modelName) => tenants.map((tenant) => ({
    path: { type: 'PathPrefix', value: '/v1' },
    headers: [
      { type: 'Exact', name: MODEL_NAME_HEADER, value: modelName },
      { type: 'Exact', name: TENANT_HEADER, value: tenant.name },
    ],
  })));
  return toKubeObject({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: `${model.name}-gateway`, namespace: model.namespace, labels: gatewayLabels(props.name, 'route') },
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: props.name, namespace: props.namespace }],
      rules: [{
        matches,
        backendRefs: [{ group: INFERENCE_POOL_API.group, kind: 'InferencePool', name: poolName(model.name) }],
        timeouts: { request: `${REQUEST_TIMEOUT_SECONDS}s` },
      }],
    },
  } as never);
}

/**
 * Per-tenant limits on one model: Envoy Gateway local rate limiting (BackendTrafficPolicy `rateLimit.local`), one
 * rule per allowed tenant keyed on {@link TENANT_HEADER}, the lower of the model's and the tenant's limit. Local means
 * per Envoy replica: N gateway replicas admit up to N times the limit (a global limit needs Envoy Gateway's Redis
 * rate limit service, not installed here).
 */
export function modelRateLimit(model: GatewayModel, props: Pick<ModelGatewayProps, 'name' | 'tenants'>): KubeObject | undefined {
  const rules = tenantsOf(model, props.tenants).flatMap((tenant) => {
    const limits = [tenant.requestsPerMinute, model.requestsPerMinutePerTenant].filter((l): l is number => l !== undefined);
    if (limits.length === 0) return [];
    return [{ clientSelectors: [{ headers: [{ type: 'Exact', name: TENANT_HEADER, value: tenant.name }] }], limit: { requests: Math.min(...limits), unit: 'Minute' } }];
  });
  if (rules.length === 0) return undefined;
  return toKubeObject({
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    metadata: { name: `${model.name}-rate-limit`, namespace: model.namespace, labels: gatewayLabels(props.name, 'rate-limit') },
    spec: {
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: `${model.name}-gateway` }],
      rateLimit: { local: { rules } },
    },
  } as never);
}
