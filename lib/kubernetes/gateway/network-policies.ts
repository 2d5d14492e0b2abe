/**
 * NetworkPolicies a model needs behind the gateway. Serving namespaces deny all traffic by default
 * (lib/kubernetes/network-policy.ts); these add (policies are additive) what the gateway path needs: the Envoy
 * proxies reach the model pods and the endpoint picker, and the picker reads the pods' metrics and the API server.
 */
import { toKubeObject } from '../kube-object';
import type { KubeObject } from '../types';
import { gatewayLabels, poolName } from './model-objects';
import type { GatewayModel } from './types';
import { ENVOY_GATEWAY_NAMESPACE, EPP_EXT_PROC_PORT } from './versions';

/** The label the llm-d router chart selects its EPP pods by (routerlib templates/_helpers.tpl `selectorLabels`, v0.10.0). */
export function eppPodSelector(model: string): Record<string, string> {
  return { 'llm-d-router-gateway': `${poolName(model)}-epp` };
}

/** Envoy Gateway runs the proxies of every Gateway in its own namespace (its default deployment mode). */
const fromProxies = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ENVOY_GATEWAY_NAMESPACE } } };

export function modelNetworkPolicies(model: GatewayModel, gateway: string): KubeObject[] {
  const labels = gatewayLabels(gateway, 'network-policy');
  const policy = (name: string, spec: object) => toKubeObject({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: model.namespace, labels },
    spec,
  } as never);
  return [
    policy(`${model.name}-from-gateway`, {
      podSelector: { matchLabels: { ...model.podSelector } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [fromProxies, { podSelector: { matchLabels: eppPodSelector(model.name) } }], ports: [{ protocol: 'TCP', port: model.port }] }],
    }),
    policy(`${model.name}-endpoint-picker`, {
      podSelector: { matchLabels: eppPodSelector(model.name) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [fromProxies], ports: [{ protocol: 'TCP', port: EPP_EXT_PROC_PORT }] }],
      egress: [
        { to: [{ podSelector: { matchLabels: { ...model.podSelector } } }], ports: [{ protocol: 'TCP', port: model.port }] },
        // The Kubernetes API (it watches its InferencePool and the pods).
        { ports: [{ protocol: 'TCP', port: 443 }] },
      ],
    }),
  ];
}
