/**
 * Inputs of the model gateway: the model deployments behind it and the tenants that call it. Plain data, so the
 * platform (one Gateway, its policies, the tenants' keys) and each model's objects can be built apart.
 */

/** One model deployment behind the gateway (a vLLM Deployment and its Service, already built elsewhere). */
export interface GatewayModel {
  /** The deployment's name: names its InferencePool (`<name>-pool`), endpoint picker and HTTPRoute. */
  readonly name: string;
  /** Namespace of the deployment's pods; its gateway objects go there too. */
  readonly namespace: string;
  /**
   * Names clients put in the request's `model` field for the base model (vLLM `--served-model-name`).
   * LoRA adapters are listed apart in `loraAdapters`.
   */
  readonly servedModelNames: readonly string[];
  /** LoRA adapter names this deployment loads (vLLM `--lora-modules name=...`): routed to it as well. @default - none */
  readonly loraAdapters?: readonly string[];
  /** Labels that select the deployment's serving pods (the InferencePool's selector). */
  readonly podSelector: Readonly<Record<string, string>>;
  /** Port of the OpenAI-compatible API on each pod (the InferencePool's target port). */
  readonly port: number;
  /**
   * Requests per minute one tenant may send to this model, enforced per gateway replica (see docs/gateway.md).
   * A tenant's own `requestsPerMinute` wins when lower. @default - no per-model limit
   */
  readonly requestsPerMinutePerTenant?: number;
}

/** A caller of the gateway, with its own API key. */
export interface GatewayTenant {
  /** DNS-1123 label; the client id Envoy Gateway forwards in {@link TENANT_HEADER} once the key is checked. */
  readonly name: string;
  /** The Secrets Manager secret (name or ARN) whose string value is the tenant's API key. */
  readonly apiKeySecretId: string;
  /** `GatewayModel.name`s this tenant may call (all their served names and adapters). */
  readonly allowedModels: readonly string[];
  /** Requests per minute this tenant may send to each allowed model, per gateway replica. @default - no per-tenant limit */
  readonly requestsPerMinute?: number;
}

/** One deployment answering a split model name, and its share. */
export interface GatewaySplitBackend {
  /** The `GatewayModel.name` of the deployment. */
  readonly model: string;
  /** Percent of the name's requests it answers (integer 1-99; a split's weights sum to 100). */
  readonly weight: number;
}

/**
 * An A/B split: one `model` field value answered by two or more deployments by weight (HTTPRoute backendRefs weights
 * over their InferencePools). Every backend serves `modelName` as a base name and runs in the same namespace.
 */
export interface GatewayTrafficSplit {
  /** DNS-1123 label naming the split's HTTPRoute (`<name>-split`). */
  readonly name: string;
  /** The `model` field value split between the backends (a `servedModelNames` entry of each). */
  readonly modelName: string;
  readonly backends: readonly GatewaySplitBackend[];
  /**
   * What each weighted backendRef names. `Service`: each deployment's Service (Gateway API core weighted split; the
   * endpoint picker is skipped for the split name, Envoy balances over the arm's pods). `InferencePool`: each
   * deployment's pool, so each arm keeps its picker; the Inference Extension's conformance test
   * GatewayWeightedAcrossTwoInferencePools covers it, but the pinned Envoy AI Gateway (v1.1.0) refuses more than one
   * InferencePool per route rule and then publishes no xDS for the whole listener
   * (internal/extensionserver/post_route_modify.go, v1.1.0, read 2026-12-03): use it only with a gateway that passes.
   * @default 'Service'
   */
  readonly backendKind?: 'Service' | 'InferencePool';
}

/** The whole gateway: where it runs, the models behind it and its tenants. */
export interface ModelGatewayProps {
  /** Names the Gateway and the platform's objects. */
  readonly name: string;
  /** Namespace of the Gateway, its policies and the tenants' key Secrets. */
  readonly namespace: string;
  /** Region of the Secrets Manager secrets holding the tenants' keys. */
  readonly region: string;
  readonly models: readonly GatewayModel[];
  readonly tenants: readonly GatewayTenant[];
  /**
   * TLS for the listener: the Kubernetes Secret (in `namespace`) holding the certificate. Without it the listener is
   * plain HTTP on port 80 and TLS must end in front of it (an NLB with an ACM certificate).
   * @default - HTTP listener on port 80
   */
  readonly tlsCertificateSecretName?: string;
  /**
   * A/B splits of model names across deployments (see docs/ab-testing.md). A split name is routed by its split's
   * HTTPRoute only, to the tenants allowed every backend. @default - none
   */
  readonly trafficSplits?: readonly GatewayTrafficSplit[];
}

/** One row of the routing table: a `model` field value and the deployment that answers it. */
export interface GatewayRoute {
  readonly modelName: string;
  readonly deployment: string;
  readonly namespace: string;
  readonly pool: string;
  /** `base` for a served model name, `lora` for an adapter. */
  readonly kind: 'base' | 'lora';
  /** Tenants allowed to call it. */
  readonly tenants: readonly string[];
  /** Percent of this name's requests the deployment answers, when the name is split (A/B). @default - all of them */
  readonly weight?: number;
}
