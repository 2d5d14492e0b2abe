/**
 * A/B splits behind the gateway: one `model` field value answered by several deployments by weight. The split's
 * HTTPRoute lists each deployment (its Service, or its InferencePool where the gateway supports several pools in one
 * rule: see {@link GatewayTrafficSplit.backendKind}) as a backendRef with its weight; the Gateway picks an arm by weight
 * ("the sum of all the weights within a single route rule is the denominator", Gateway API HTTP traffic splitting,
 * https://gateway-api.sigs.k8s.io/guides/traffic-splitting, read 2026-12-03), then a pod of that arm. Each arm is read
 * on its own vLLM series, which the ServiceMonitor labels with the deployment's Service (`service` = the deployment
 * name, lib/kubernetes/service.ts). See docs/ab-testing.md.
 */
import { REQUEST_TIMEOUT_SECONDS } from '../exposure';
import { toKubeObject } from '../kube-object';
import type { KubeObject } from '../types';
import { gatewayLabels, poolName } from './model-objects';
import type { GatewaySplitBackend, GatewayTrafficSplit, ModelGatewayProps } from './types';
import { INFERENCE_POOL_API, MODEL_NAME_HEADER, TENANT_HEADER } from './versions';

/** Names routed by a split (and so by no model's own route). */
export function splitModelNames(props: Pick<ModelGatewayProps, 'trafficSplits'>): Set<string> {
  return new Set((props.trafficSplits ?? []).map((s) => s.modelName));
}

/** Tenants allowed every backend of a split: only they reach the split name. */
export function splitTenants(split: GatewayTrafficSplit, props: Pick<ModelGatewayProps, 'tenants'>): string[] {
  return props.tenants.filter((t) => split.backends.every((b) => t.allowedModels.includes(b.model))).map((t) => t.name);
}

/** Namespace of a split: its backends' (validation requires one namespace, so no ReferenceGrant is needed). */
export function splitNamespace(split: GatewayTrafficSplit, props: Pick<ModelGatewayProps, 'models'>): string {
  return props.models.find((m) => m.name === split.backends[0]!.model)!.namespace;
}

/**
 * The split's HTTPRoute: one match per allowed tenant on the split name, one weighted backendRef per deployment (its
 * Service, or its InferencePool with `backendKind: 'InferencePool'`). Undefined when no tenant may call every backend.
 */
export function trafficSplitRoute(split: GatewayTrafficSplit, props: Pick<ModelGatewayProps, 'name' | 'namespace' | 'models' | 'tenants'>): KubeObject | undefined {
  const tenants = splitTenants(split, props);
  if (tenants.length === 0) return undefined;
  return toKubeObject({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: `${split.name}-split`, namespace: splitNamespace(split, props), labels: gatewayLabels(props.name, 'traffic-split') },
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: props.name, namespace: props.namespace }],
      rules: [{
        matches: tenants.map((tenant) => ({
          path: { type: 'PathPrefix', value: '/v1' },
          headers: [{ type: 'Exact', name: MODEL_NAME_HEADER, value: split.modelName }, { type: 'Exact', name: TENANT_HEADER, value: tenant }],
        })),
        backendRefs: split.backends.map((b) => splitBackendRef(split, b, props)),
        timeouts: { request: `${REQUEST_TIMEOUT_SECONDS}s` },
      }],
    },
  } as never);
}

/**
 * Per-tenant limits on the split name, as on a model's own route (lib/kubernetes/gateway/model-objects.ts
 * `modelRateLimit`): the lowest of the tenant's limit and every arm's per-tenant limit, so an A/B test never lets a
 * tenant past what the model allowed it. Undefined when no tenant reaching the split has a limit.
 */
export function trafficSplitRateLimit(split: GatewayTrafficSplit, props: Pick<ModelGatewayProps, 'name' | 'models' | 'tenants'>): KubeObject | undefined {
  const armLimits = split.backends.map((b) => props.models.find((m) => m.name === b.model)?.requestsPerMinutePerTenant).filter((l): l is number => l !== undefined);
  const rules = props.tenants.filter((t) => splitTenants(split, props).includes(t.name)).flatMap((tenant) => {
    const limits = [tenant.requestsPerMinute, ...armLimits].filter((l): l is number => l !== undefined);
    if (limits.length === 0) return [];
    return [{ clientSelectors: [{ headers: [{ type: 'Exact', name: TENANT_HEADER, value: tenant.name }] }], limit: { requests: Math.min(...limits), unit: 'Minute' } }];
  });
  if (rules.length === 0) return undefined;
  return toKubeObject({
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'BackendTrafficPolicy',
    metadata: { name: `${split.name}-split-rate-limit`, namespace: splitNamespace(split, props), labels: gatewayLabels(props.name, 'rate-limit') },
    spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: `${split.name}-split` }], rateLimit: { local: { rules } } },
  } as never);
}

/** One weighted backendRef: the deployment's Service (default) or its InferencePool ({@link GatewayTrafficSplit.backendKind}). */
function splitBackendRef(split: GatewayTrafficSplit, backend: GatewaySplitBackend, props: Pick<ModelGatewayProps, 'models'>): Record<string, unknown> {
  if (split.backendKind === 'InferencePool') return { group: INFERENCE_POOL_API.group, kind: 'InferencePool', name: poolName(backend.model), weight: backend.weight };
  // The vLLM Service is named like the deployment and listens on the pods' API port (lib/kubernetes/service.ts).
  const model = props.models.find((m) => m.name === backend.model)!;
  return { group: '', kind: 'Service', name: backend.model, port: model.port, weight: backend.weight };
}

/** PromQL of one arm of a split, each over 5 minutes, on that deployment's vLLM series only. */
export interface SplitArmQueries {
  readonly deployment: string;
  readonly weight: number;
  /** Finished requests per second. */
  readonly requestsPerSecond: string;
  /** Share of the API's responses that were HTTP 5xx. */
  readonly errorRatio: string;
  readonly e2eLatencyP95Seconds: string;
  readonly timeToFirstTokenP95Seconds: string;
}

/**
 * The per-arm queries of a split. Metric names (read 2026-12-03, as in lib/kubernetes/rollout-analysis.ts):
 * `vllm:request_success_total`, `vllm:e2e_request_latency_seconds`, `vllm:time_to_first_token_seconds` (vLLM V1
 * metrics, docs/design/metrics.md, labelled `model_name`), `http_requests_total{status="5xx"}` (vLLM's
 * prometheus-fastapi-instrumentator).
 */
export function trafficSplitQueries(split: GatewayTrafficSplit, props: Pick<ModelGatewayProps, 'models'>): SplitArmQueries[] {
  const namespace = splitNamespace(split, props);
  return split.backends.map((b) => {
    const s = `namespace="${namespace}",service="${b.model}"`;
    const named = `{${s},model_name="${split.modelName}"}`;
    const p95 = (histogram: string) => `histogram_quantile(0.95, sum by (le) (rate(${histogram}_bucket${named}[5m])))`;
    return {
      deployment: b.model,
      weight: b.weight,
      requestsPerSecond: `sum(rate(vllm:request_success_total${named}[5m]))`,
      errorRatio: `sum(rate(http_requests_total{${s},status="5xx"}[5m])) / sum(rate(http_requests_total{${s}}[5m]))`,
      e2eLatencyP95Seconds: p95('vllm:e2e_request_latency_seconds'),
      timeToFirstTokenP95Seconds: p95('vllm:time_to_first_token_seconds'),
    };
  });
}
