/**
 * Many planned vLLM deployments on one cluster behind one model gateway: the neutral objects of the
 * `llm-platform-eks` blueprint. Each model keeps its own GPU NodePool, vLLM Deployment, Service and KEDA
 * ScaledObject (its own queue-depth signal); the gateway (lib/kubernetes/gateway) routes by `model`. The platform's
 * objects never read the models, so adding a model adds objects and changes none of the platform's.
 */
import { platformBudget } from '../budgets/platform-budget';
import type { HelmComponent } from './components';
import { type ClusterServingCapacity, clusterServingCapacity } from './cluster-fit';
import { type LlmEksDeploymentConfig, deploymentKubeObjects, gpuClusterSettings, gpuNodePoolObjects } from './deployment-config';
import { servingSecretIds } from './serving';
import { modelGateway, type GatewayModel, type GatewayTenant, type GatewayTrafficSplit, type ModelGateway } from '../kubernetes/gateway';
import { serverSelector, HTTP_PORT } from '../kubernetes/labels';
import type { KubeObject } from '../kubernetes/types';

/** A model behind the gateway: its deployment config and the gateway's per-tenant limit for it. */
export interface PlatformModel {
  readonly config: LlmEksDeploymentConfig;
  /** @default - no per-model limit */
  readonly requestsPerMinutePerTenant?: number;
}

export interface PlatformGatewayProps {
  /** Names the Gateway. */
  readonly name: string;
  readonly namespace: string;
  readonly region: string;
  readonly models: readonly PlatformModel[];
  readonly tenants: readonly GatewayTenant[];
  /** A/B splits of a model name across deployments of `models` (lib/eks/platform-ab.ts). @default - none */
  readonly trafficSplits?: readonly GatewayTrafficSplit[];
}

/** One model's objects on the shared cluster: its serving objects and its gateway objects. */
export interface PlatformModelObjects {
  readonly name: string;
  readonly objects: readonly KubeObject[];
  readonly components: readonly HelmComponent[];
  /** Its gateway objects, then those of the A/B splits it is the last arm of (applied after its picker's release). */
  readonly gatewayObjects: readonly KubeObject[];
}

export interface PlatformGatewayObjects {
  readonly gateway: ModelGateway;
  readonly platform: { readonly objects: readonly KubeObject[]; readonly components: readonly HelmComponent[] };
  readonly models: readonly PlatformModelObjects[];
}

/** The `--served-model-name` of the plan (vLLM's, `lib/planner/engine-args.ts`), else the model id. */
export function servedModelName(config: LlmEksDeploymentConfig): string {
  const plan = config.serving.plan;
  const args = 'engineArgs' in plan ? plan.engineArgs : [];
  const at = args.indexOf('--served-model-name');
  return at >= 0 ? args[at + 1]! : config.serving.model?.id ?? config.name;
}

/** What the gateway needs to know of a deployment: its names (base and LoRA adapters), pods and port. */
export function gatewayModelOf(model: PlatformModel): GatewayModel {
  const serving = model.config.serving;
  return {
    name: serving.name,
    namespace: serving.namespace,
    servedModelNames: [servedModelName(model.config)],
    loraAdapters: serving.loraAdapters?.map((a) => a.name),
    podSelector: serverSelector(serving.name),
    port: HTTP_PORT,
    ...(model.requestsPerMinutePerTenant !== undefined && { requestsPerMinutePerTenant: model.requestsPerMinutePerTenant }),
  };
}

/**
 * Every object of the platform's gateway and of each model. The models' own API key is left out: the gateway checks
 * each tenant's key and strips it, so a key on the vLLM pods would refuse every routed request.
 * @throws InputValidationError from the gateway (names served twice, unknown models in a tenant's list...)
 */
export function platformGatewayObjects(props: PlatformGatewayProps): PlatformGatewayObjects {
  const gateway = modelGateway({
    name: props.name, namespace: props.namespace, region: props.region, models: props.models.map(gatewayModelOf), tenants: props.tenants,
    ...(props.trafficSplits !== undefined && props.trafficSplits.length > 0 && { trafficSplits: props.trafficSplits }),
  });
  return {
    gateway,
    platform: gateway.platform,
    models: props.models.map((model, i) => {
      const name = model.config.serving.name;
      // A split names every arm's Service: its objects follow the last arm's.
      const gatewayObjects = [...gateway.models[i]!.objects, ...gateway.splits.filter((s) => s.lastBackend === name).flatMap((s) => s.objects)];
      return { name, objects: [...deploymentKubeObjects(withoutModelApiKey(model.config)), ...gatewayObjects], components: gateway.models[i]!.components, gatewayObjects };
    }),
  };
}

/** The deployment as it runs behind the gateway: no API key of its own (the gateway checked the tenant's). */
export function withoutModelApiKey(config: LlmEksDeploymentConfig): LlmEksDeploymentConfig {
  return { ...config, serving: { ...config.serving, apiKeySecret: undefined } };
}

/** The earlier model that creates a model's namespace, when the model leaves it to another (`createNamespace: false`). */
function namespaceOwner(configs: readonly LlmEksDeploymentConfig[], i: number): { namespaceFrom?: number } {
  if (configs[i]!.serving.createNamespace !== false) return {};
  const owner = configs.findIndex((c, j) => j < i && c.serving.namespace === configs[i]!.serving.namespace && c.serving.createNamespace !== false);
  if (owner < 0) throw new Error(`Model '${configs[i]!.serving.name}' creates no namespace and no earlier model creates '${configs[i]!.serving.namespace}'`);
  return { namespaceFrom: owner };
}

/**
 * The Secrets Manager names of a platform's tenant keys, `aimd/<platform>/tenants/*`: the External Secrets Operator
 * may read these and no other tenant secret (its policy matches the name plus Secrets Manager's random suffix).
 */
export function tenantSecretIdPattern(platformName: string): string {
  return `aimd/${platformName}/tenants/*`;
}

/** One model as every engine installs it on the platform's cluster. */
export interface PlatformModelInstall {
  /** Its deployment, without an API key of its own: GPU NodePool (the cluster builds the first model's) and serving objects. */
  readonly config: LlmEksDeploymentConfig;
  /** Its GPU NodePool objects; none for the first model, whose NodePool the cluster builds. */
  readonly nodePoolObjects: readonly KubeObject[];
  /** What it needs of the cluster (checked by the serving constructs). */
  readonly servingCapacity: ClusterServingCapacity;
  /** Its endpoint picker release (creates its InferencePool), installed after the platform objects. */
  readonly components: readonly HelmComponent[];
  /** Its HTTPRoute, policies and network policies, applied after its release. */
  readonly gatewayObjects: readonly KubeObject[];
  /**
   * Index (in `models`) of the model whose serving creates this one's namespace, when it does not create it itself
   * (a later A/B arm): engines apply this model's serving after that one's. @default - it creates its own namespace
   */
  readonly namespaceFrom?: number;
}

/** The platform in install order, the same for every engine (docs/gateway.md "Install order"). */
export interface PlatformInstall {
  /**
   * The cluster: the first model's settings, its ESO allowed the models' secrets and the tenants' keys, plus the gateway's
   * releases; its budget follows every model's planned cost.
   */
  readonly clusterSettings: ReturnType<typeof gpuClusterSettings> & { readonly additionalComponents: readonly HelmComponent[]; readonly mig: boolean };
  /** InferencePool CRD, GatewayClass, Gateway, policies, tenant keys: applied after the cluster's releases. */
  readonly platformObjects: readonly KubeObject[];
  readonly models: readonly PlatformModelInstall[];
}

/**
 * How the engines install a platform built by {@link platformGatewayObjects}: the cluster is sized by the first model
 * (it builds that model's GPU NodePool), every other model brings its own NodePool.
 */
export function platformInstall(platformName: string, models: readonly PlatformModel[], built: PlatformGatewayObjects): PlatformInstall {
  const configs = models.map((m) => withoutModelApiKey(m.config));
  const first = gpuClusterSettings(configs[0]!);
  return {
    clusterSettings: {
      ...first,
      // One budget for the cluster and every model on it: the sum of their planned costs (lib/budgets/platform-budget.ts).
      budget: platformBudget(platformName, configs.map((c) => c.budget)),
      externalSecretIds: [...new Set([...configs.flatMap((c) => servingSecretIds(c.serving)), tenantSecretIdPattern(platformName)])],
      additionalComponents: built.platform.components,
      // Any model on MIG slices needs the cluster's MIG manager, not only the first one.
      mig: configs.some((c) => c.serving.plan.mig !== undefined),
    },
    platformObjects: built.platform.objects,
    models: configs.map((config, i) => ({
      config,
      ...namespaceOwner(configs, i),
      nodePoolObjects: i === 0 ? [] : gpuNodePoolObjects(config),
      servingCapacity: clusterServingCapacity(gpuClusterSettings(config)),
      components: built.gateway.models[i]!.components, gatewayObjects: built.models[i]!.gatewayObjects })),
  };
}
