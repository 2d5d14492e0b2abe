/**
 * The model gateway: one OpenAI-compatible endpoint in front of many model deployments. Requests route by their
 * `model` field (base names and LoRA adapters) to the deployment serving it, through an InferencePool whose endpoint
 * picker balances on queue depth and KV cache; each tenant's API key is checked at the gateway and limits which models
 * it reaches; per-tenant, per-model rate limits are enforced by Envoy. See docs/gateway.md. Pure: no engine import.
 */
import type { HelmComponent } from '../../eks/components';
import type { KubeObject } from '../types';
import { eppComponent, inferencePoolOf, modelRateLimit, modelRoute, routingTable } from './model-objects';
import { modelNetworkPolicies } from './network-policies';
import { gatewayPlatformComponents, gatewayPlatformObjects } from './platform-objects';
import type { GatewayModel, GatewayRoute, ModelGatewayProps } from './types';
import { trafficSplitRateLimit, trafficSplitRoute } from './traffic-split';
import { trafficSplitDashboardConfigMap, trafficSplitPrometheusRule } from './traffic-split-monitoring';
import { validateModelGateway } from './validate';

/** What one model adds behind the gateway. */
export interface GatewayModelObjects {
  readonly model: string;
  /** Its HTTPRoute, rate limit policy and NetworkPolicies (applied after its picker's release). */
  readonly objects: readonly KubeObject[];
  /** Its endpoint picker and InferencePool (Helm release of the llm-d router chart). */
  readonly components: readonly HelmComponent[];
  /** The InferencePool its release creates, for validation and review (not applied separately). */
  readonly inferencePool: KubeObject;
}

/** What one A/B split adds: applied once all its arms are (they name every arm's Service). */
export interface GatewaySplitObjects {
  readonly name: string;
  /** The arm applied last (its deployment's objects are the ones the split's objects follow). */
  readonly lastBackend: string;
  readonly objects: readonly KubeObject[];
}

/** The gateway's objects, split by owner: the platform's, then each model's. */
export interface ModelGateway {
  readonly platform: { readonly objects: readonly KubeObject[]; readonly components: readonly HelmComponent[] };
  readonly models: readonly GatewayModelObjects[];
  /** The HTTPRoute of each A/B split (a name answered by several deployments by weight). */
  readonly trafficSplits: readonly KubeObject[];
  /** Each A/B split's objects: its HTTPRoute, per-tenant rate limits, PrometheusRule (per-arm series and alerts) and dashboard. */
  readonly splits: readonly GatewaySplitObjects[];
  readonly routes: readonly GatewayRoute[];
}

/**
 * Builds every object of the gateway. `dependsOn` are the ids of the cluster components the releases wait for
 * (the External Secrets Operator, the Gateway API CRDs come with Envoy Gateway's chart).
 * @throws InputValidationError listing every problem with the models and tenants
 */
export function modelGateway(props: ModelGatewayProps, dependsOn: readonly string[] = []): ModelGateway {
  validateModelGateway(props);
  const platformComponents = gatewayPlatformComponents(props, dependsOn);
  const platformIds = platformComponents.map((c) => c.id);
  return {
    platform: { objects: gatewayPlatformObjects(props), components: platformComponents },
    models: props.models.map((model) => gatewayModelObjects(model, props, [...dependsOn, ...platformIds])),
    trafficSplits: (props.trafficSplits ?? []).map((split) => trafficSplitRoute(split, props)).filter((o): o is KubeObject => o !== undefined),
    splits: (props.trafficSplits ?? []).map((split) => ({
      name: split.name,
      lastBackend: split.backends[split.backends.length - 1]!.model,
      objects: [trafficSplitRoute(split, props), trafficSplitRateLimit(split, props), trafficSplitPrometheusRule(split, props), trafficSplitDashboardConfigMap(split, props)]
        .filter((o): o is KubeObject => o !== undefined),
    })),
    routes: routingTable(props),
  };
}

function gatewayModelObjects(model: GatewayModel, props: ModelGatewayProps, dependsOn: readonly string[]): GatewayModelObjects {
  const route = modelRoute(model, props);
  return {
    model: model.name,
    // The rate limit targets the model's own route: none when every name it serves is split.
    objects: [route, route !== undefined ? modelRateLimit(model, props) : undefined, ...modelNetworkPolicies(model, props.name)].filter((o): o is KubeObject => o !== undefined),
    components: [eppComponent(model, dependsOn)],
    inferencePool: inferencePoolOf(model),
  };
}

/** Every Kubernetes object of the gateway, platform first (what a GitOps tree or an engine applies). */
export function modelGatewayObjects(gateway: ModelGateway): KubeObject[] {
  return [...gateway.platform.objects, ...gateway.models.flatMap((m) => m.objects), ...gateway.splits.flatMap((s) => s.objects)];
}

export { routingTable, poolName } from './model-objects';
export { tenantSecretName } from './platform-objects';
export { trafficSplitQueries, type SplitArmQueries } from './traffic-split';
export { AB_ARM_SERIES, trafficSplitDashboard } from './traffic-split-monitoring';
export type { GatewayModel, GatewayRoute, GatewaySplitBackend, GatewayTenant, GatewayTrafficSplit, ModelGatewayProps } from './types';
export { API_KEY_HEADER, MODEL_NAME_HEADER, TENANT_HEADER } from './versions';
