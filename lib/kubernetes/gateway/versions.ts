/**
 * The pinned releases the model gateway is built from. Each CRD schema in lib/validation/crds names the same release.
 */

/**
 * Envoy Gateway: the Gateway API implementation (GatewayClass controller, SecurityPolicy, BackendTrafficPolicy,
 * EnvoyExtensionPolicy). github.com/envoyproxy/gateway tag v1.9.0; chart `oci://docker.io/envoyproxy/gateway-helm`
 * of the same version (gateway.envoyproxy.io/v1.9/tasks/security/apikey-auth, read 2026-12-03).
 */
export const ENVOY_GATEWAY_VERSION = 'v1.9.0';
export const ENVOY_GATEWAY_CHART = { repository: 'oci://docker.io/envoyproxy', chart: 'gateway-helm', version: ENVOY_GATEWAY_VERSION } as const;
/** The controller name Envoy Gateway's GatewayClass names (gateway.envoyproxy.io quickstart.yaml, v1.9.0, read 2026-12-03). */
export const ENVOY_GATEWAY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';
export const ENVOY_GATEWAY_NAMESPACE = 'envoy-gateway-system';

/**
 * The endpoint picker (EPP) of each InferencePool: llm-d/llm-d-router tag v0.10.0 (the EPP moved there from
 * kubernetes-sigs/gateway-api-inference-extension, whose v1.6.0 README says so). Chart
 * `oci://ghcr.io/llm-d/charts/llm-d-router-gateway` and image `ghcr.io/llm-d/llm-d-router-endpoint-picker` of that
 * version (.github/ISSUE_TEMPLATE/new-release.md at v0.10.0, read 2026-12-03). The chart renders the InferencePool
 * (`inference.networking.k8s.io/v1`, named like the release) and the EPP Deployment/Service `<release>-epp` on gRPC
 * port 9002 (config/charts/routerlib values.yaml and templates/_inferencepool.yaml).
 */
export const LLM_D_ROUTER_VERSION = 'v0.10.0';
export const EPP_CHART = { repository: 'oci://ghcr.io/llm-d/charts', chart: 'llm-d-router-gateway', version: LLM_D_ROUTER_VERSION } as const;
export const EPP_EXT_PROC_PORT = 9002;

/**
 * The InferencePool API: kubernetes-sigs/gateway-api-inference-extension v1.6.0 (2026-08-10),
 * config/crd/bases/inference.networking.k8s.io_inferencepools.yaml, read 2026-12-03.
 */
export const INFERENCE_POOL_API = { group: 'inference.networking.k8s.io', version: 'v1', release: 'v1.6.0' } as const;

/**
 * Body-based routing: llm-d/llm-d-inference-payload-processor copies the request body's `model` into the
 * `X-Gateway-Model-Name` header (plugin `body-field-to-header`, config/charts/payload-processor/values.yaml) so that
 * HTTPRoutes can match on it. It has no release tag yet (read 2026-12-03): pinned to commit a3af1b0 (2026-05-05); its
 * chart `oci://ghcr.io/llm-d/charts/payload-processor` is published as the dev version `v0`.
 */
export const PAYLOAD_PROCESSOR_COMMIT = 'a3af1b069101df6ccee3686c69886e11150ab81e';
export const PAYLOAD_PROCESSOR_CHART = { repository: 'oci://ghcr.io/llm-d/charts', chart: 'payload-processor', version: 'v0' } as const;
/** gRPC ext_proc port of the payload processor (values.yaml `payloadProcessor.port`). */
export const PAYLOAD_PROCESSOR_PORT = 9004;
/** The header the payload processor writes (values.yaml plugin `model-extractor`, `headerName`). */
export const MODEL_NAME_HEADER = 'X-Gateway-Model-Name';

/** Header clients send their API key in (SecurityPolicy `apiKeyAuth.extractFrom`). */
export const API_KEY_HEADER = 'x-api-key';
/**
 * Header Envoy Gateway writes with the client id of the checked key (SecurityPolicy `apiKeyAuth.forwardClientIDHeader`,
 * CRD v1.9.0): the tenant's name. Routes and rate limits match on it; the API key auth filter runs before ext_proc
 * and the rate limit filters (internal/xds/translator/httpfilters.go, v1.9.0), and overwrites a client-sent value.
 */
export const TENANT_HEADER = 'x-aimd-tenant';

/**
 * Envoy Gateway resolves `InferencePool` backendRefs only through an extension server: the Envoy AI Gateway controller
 * (envoyproxy/ai-gateway tag v1.1.0, 2026-08-21). Charts `oci://docker.io/envoyproxy/ai-gateway-crds-helm` and
 * `ai-gateway-helm` v1.1.0 in `envoy-ai-gateway-system` (site/docs getting-started); Envoy Gateway's values
 * `manifests/envoy-gateway-values.yaml` + `examples/inference-pool/envoy-gateway-values-addon.yaml` of that tag point
 * its extensionManager at the controller (port 1063) and register InferencePool as a backend resource. Read 2026-12-03.
 */
export const AI_GATEWAY_VERSION = 'v1.1.0';
export const AI_GATEWAY_NAMESPACE = 'envoy-ai-gateway-system';
export const AI_GATEWAY_CHARTS = {
  crds: { repository: 'oci://docker.io/envoyproxy', chart: 'ai-gateway-crds-helm', version: AI_GATEWAY_VERSION },
  controller: { repository: 'oci://docker.io/envoyproxy', chart: 'ai-gateway-helm', version: AI_GATEWAY_VERSION },
} as const;
