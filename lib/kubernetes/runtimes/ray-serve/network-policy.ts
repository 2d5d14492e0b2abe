/**
 * NetworkPolicy of the Ray pods, next to the namespace's default deny and DNS policies. A Ray cluster's nodes talk
 * on many ports (GCS 6379, dashboard 8265, client 10001, the raylet, object manager and worker ports Ray picks at
 * start: Ray docs "Configuring Ray", ports), so the pods of the deployment reach each other on every port;
 * from outside, only:
 * - the Serve HTTP port 8000 from Prometheus, and from the gateway or the ALB only when no auth proxy fronts Serve
 *   (with an API key callers go through the proxy pods, members of the deployment, auth-proxy.ts),
 * - the metrics port 8080 from Prometheus,
 * - the dashboard 8265 and Serve 8000 from the KubeRay operator, which submits the Serve config and checks health.
 * Egress: HTTPS (S3, STS, the Hub, the Kubernetes API the autoscaler calls), the Pod Identity agent, the group.
 */
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import { commonLabels, instanceSelector } from '../../labels';
import { exposureIngressRules, POD_IDENTITY_AGENT_CIDR } from '../../network-policy';
import type { KubeObject } from '../../types';
import { KUBERAY_OPERATOR_NAMESPACE, RAY_DASHBOARD_PORT, RAY_METRICS_PORT, RAY_SERVE_PORT } from './versions';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function rayNetworkPolicy(ctx: ServingContext): KubeObject {
  const fromNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: 'TCP' as const, port }));
  const cluster = { podSelector: { matchLabels: instanceSelector(ctx.name) } };
  const ingress: INetworkPolicyIngressRule[] = [
    { from: [cluster] },
    { from: [fromNamespace(ctx.monitoring.prometheusNamespace)], ports: tcp(RAY_METRICS_PORT, RAY_SERVE_PORT) },
    { from: [fromNamespace(KUBERAY_OPERATOR_NAMESPACE)], ports: tcp(RAY_DASHBOARD_PORT, RAY_SERVE_PORT) },
  ];
  // Callers reach Serve directly only when there is no auth proxy in front of it (auth-proxy.ts).
  if (!ctx.options.apiKeySecret) ingress.push(...exposureIngressRules(ctx, tcp(RAY_SERVE_PORT)));
  const policy: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      podSelector: { matchLabels: instanceSelector(ctx.name) },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress: [
        { ports: tcp(443) },
        { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [{ protocol: 'TCP', port: 80 }] },
        { to: [cluster] },
      ],
    },
  };
  return toKubeObject(policy);
}
