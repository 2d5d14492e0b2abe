/**
 * The gateway's platform objects, built once whatever models sit behind it: the GatewayClass and Gateway (Envoy
 * Gateway), the API key check of every tenant (SecurityPolicy `apiKeyAuth`, keys synced from Secrets Manager by the
 * External Secrets Operator), body-based routing (the payload processor as an ext_proc EnvoyExtensionPolicy) and the
 * catch-all route that lets those filters run before the model is known. Models are not read here: adding one
 * changes none of these objects.
 */
import type { HelmComponent } from '../../eks/components';
import { secretSyncObjectsFor } from '../external-secret';
import { toKubeObject } from '../kube-object';
import type { KubeObject } from '../types';
import inferencePoolCrd from './data/inferencepool-crd-v1.6.0.json';
import { gatewayLabels } from './model-objects';
import type { ModelGatewayProps } from './types';
import {
  AI_GATEWAY_CHARTS, AI_GATEWAY_NAMESPACE, AI_GATEWAY_VERSION, API_KEY_HEADER, ENVOY_GATEWAY_CHART, ENVOY_GATEWAY_CONTROLLER, ENVOY_GATEWAY_NAMESPACE, PAYLOAD_PROCESSOR_CHART, PAYLOAD_PROCESSOR_COMMIT,
  PAYLOAD_PROCESSOR_PORT, TENANT_HEADER,
} from './versions';

type PlatformProps = Pick<ModelGatewayProps, 'name' | 'namespace' | 'region' | 'tenants' | 'tlsCertificateSecretName'>;

const GATEWAY_REF = (name: string) => ({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name });

/** The Kubernetes Secret holding a tenant's key: one entry, the tenant's name (its client id) mapped to the key. */
export function tenantSecretName(gateway: string, tenant: string): string {
  return `${gateway}-tenant-${tenant}`;
}

/** The payload processor's release (and Service) name. */
export function payloadProcessorName(gateway: string): string {
  return `${gateway}-payload-processor`;
}

export function gatewayPlatformObjects(props: PlatformProps): KubeObject[] {
  const { name, namespace } = props;
  const labels = (component: string) => gatewayLabels(name, component);
  const listener = props.tlsCertificateSecretName === undefined
    ? { name: 'http', protocol: 'HTTP', port: 80 }
    : { name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: props.tlsCertificateSecretName }] } };
  const objects: object[] = [
    // The InferencePool CRD: neither chart ships it (the Inference Extension publishes it as a release manifest,
    // config/crd/bases/inference.networking.k8s.io_inferencepools.yaml at v1.6.0, unchanged here).
    inferencePoolCrd,
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name, labels: labels('gateway') }, spec: { controllerName: ENVOY_GATEWAY_CONTROLLER } },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name, namespace, labels: labels('gateway') },
      // Routes from every namespace: each model's HTTPRoute lives beside its pods.
      spec: { gatewayClassName: name, listeners: [{ ...listener, allowedRoutes: { namespaces: { from: 'All' } } }] },
    },
    {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'SecurityPolicy',
      metadata: { name: `${name}-api-keys`, namespace, labels: labels('api-keys') },
      spec: {
        targetRefs: [GATEWAY_REF(name)],
        apiKeyAuth: {
          credentialRefs: props.tenants.map((t) => ({ group: '', kind: 'Secret', name: tenantSecretName(name, t.name) })),
          extractFrom: [{ headers: [API_KEY_HEADER] }],
          forwardClientIDHeader: TENANT_HEADER,
          // The key is not passed on to the model servers.
          sanitize: true,
        },
      },
    },
    {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'EnvoyExtensionPolicy',
      metadata: { name: `${name}-body-based-routing`, namespace, labels: labels('body-based-routing') },
      spec: {
        targetRefs: [GATEWAY_REF(name)],
        extProc: [{
          backendRefs: [{ group: '', kind: 'Service', name: payloadProcessorName(name), port: PAYLOAD_PROCESSOR_PORT }],
          // The processor reads the JSON body to find `model`; it answers on headers only.
          processingMode: { request: { body: 'Buffered' } },
        }],
      },
    },
    {
      // Matches any /v1 request so that the Gateway's filters (API key, body-based routing) run; once the model
      // header is set the model's own route (two header matches) wins. Left here, a request gets 500: no backend.
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `${name}-unrouted`, namespace, labels: labels('route') },
      spec: { parentRefs: [GATEWAY_REF(name)], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/v1' } }] }] },
    },
  ];
  const secrets = secretSyncObjectsFor(
    { name, namespace, labels: labels('api-keys') },
    props.tenants.map((t) => ({ secretName: tenantSecretName(name, t.name), key: t.name, fromSecretsManager: { secretId: t.apiKeySecretId, region: props.region } })),
  );
  return [...objects.map((o) => toKubeObject(o as never)), ...secrets];
}

/**
 * Envoy Gateway's values from envoyproxy/ai-gateway v1.1.0 (manifests/envoy-gateway-values.yaml and
 * examples/inference-pool/envoy-gateway-values-addon.yaml): the AI Gateway controller as extension server, InferencePool
 * as a backend resource it resolves.
 */
const ENVOY_GATEWAY_VALUES = {
  config: {
    envoyGateway: {
      gateway: { controllerName: ENVOY_GATEWAY_CONTROLLER },
      provider: { type: 'Kubernetes' },
      extensionApis: { enableEnvoyPatchPolicy: true, enableBackend: true },
      extensionManager: {
        hooks: {
          xdsTranslator: {
            translation: { listener: { includeAll: true }, route: { includeAll: true }, cluster: { includeAll: true }, secret: { includeAll: true } },
            post: ['Translation', 'Cluster', 'Route'],
          },
        },
        service: { fqdn: { hostname: `ai-gateway-controller.${AI_GATEWAY_NAMESPACE}.svc.cluster.local`, port: 1063 } },
        backendResources: [{ group: 'inference.networking.k8s.io', kind: 'InferencePool', version: 'v1' }],
      },
    },
  },
};

/**
 * Envoy Gateway (controller, Gateway API CRDs), the Envoy AI Gateway controller that resolves InferencePool backends
 * for it, and the payload processor: installed once, before any model's endpoint picker.
 */
export function gatewayPlatformComponents(props: Pick<ModelGatewayProps, 'name' | 'namespace'>, dependsOn: readonly string[]): HelmComponent[] {
  const aiGatewaySource = (chart: string) => `helm upgrade -i ${chart} oci://docker.io/envoyproxy/${chart} --version ${AI_GATEWAY_VERSION} -n ${AI_GATEWAY_NAMESPACE} (envoyproxy/ai-gateway ${AI_GATEWAY_VERSION}, site/docs/getting-started, read 2026-12-03)`;
  return [
    {
      id: 'EnvoyGateway',
      release: 'eg',
      ...ENVOY_GATEWAY_CHART,
      namespace: ENVOY_GATEWAY_NAMESPACE,
      values: ENVOY_GATEWAY_VALUES,
      dependsOn,
      source: `helm install eg ${ENVOY_GATEWAY_CHART.repository}/${ENVOY_GATEWAY_CHART.chart} --version ${ENVOY_GATEWAY_CHART.version} -n ${ENVOY_GATEWAY_NAMESPACE} with envoyproxy/ai-gateway ${AI_GATEWAY_VERSION} examples/inference-pool values (read 2026-12-03)`,
    },
    { id: 'AiGatewayCrds', release: 'aieg-crd', ...AI_GATEWAY_CHARTS.crds, namespace: AI_GATEWAY_NAMESPACE, values: {}, dependsOn, source: aiGatewaySource('ai-gateway-crds-helm') },
    { id: 'AiGatewayController', release: 'aieg', ...AI_GATEWAY_CHARTS.controller, namespace: AI_GATEWAY_NAMESPACE, values: {}, dependsOn: [...dependsOn, 'AiGatewayCrds', 'EnvoyGateway'], source: aiGatewaySource('ai-gateway-helm') },
    {
      id: 'PayloadProcessor',
      release: payloadProcessorName(props.name),
      ...PAYLOAD_PROCESSOR_CHART,
      namespace: props.namespace,
      values: {
        payloadProcessor: {
          name: payloadProcessorName(props.name),
          // No release tag exists yet: the chart's image is `main` (see versions.ts); pin a digest when one is tagged.
          port: PAYLOAD_PROCESSOR_PORT,
        },
        // Envoy Gateway attaches it through the EnvoyExtensionPolicy above, not a provider-specific filter.
        provider: { name: 'none' },
      },
      dependsOn: [...dependsOn, 'EnvoyGateway'],
      source: `helm install ${payloadProcessorName(props.name)} ${PAYLOAD_PROCESSOR_CHART.repository}/${PAYLOAD_PROCESSOR_CHART.chart} --version ${PAYLOAD_PROCESSOR_CHART.version} (llm-d/llm-d-inference-payload-processor commit ${PAYLOAD_PROCESSOR_COMMIT.slice(0, 7)}, config/charts/payload-processor/README.md, read 2026-12-03)`,
    },
  ];
}
