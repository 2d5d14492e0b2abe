/**
 * NetworkPolicies of a serving namespace: deny everything by default (ingress and egress, every pod of the
 * namespace), let every pod resolve names, then open exactly what the model server needs.
 *
 * - Ingress to port 8000 only from Prometheus and from the gateway (or the ALB); the pods of a multi-node group
 *   also reach each other on every port (Ray, NCCL's TCP bootstrap).
 * - Egress: DNS (any resolver: EKS Auto Mode answers on the node), HTTPS (S3, STS and the Hugging Face Hub sit
 *   behind changing public addresses, so port 443 is the tightest rule a NetworkPolicy can express), the EKS Pod
 *   Identity agent on the link-local address 169.254.170.23:80 (EKS user guide, "EKS Pod Identity"), the trace
 *   collector's namespace on its OTLP port when tracing is on, and the group's own pods.
 *
 * Policies do nothing unless the cluster enforces them: VPC CNI `enableNetworkPolicy` or, in Auto Mode, the network
 * policy controller ConfigMap plus a NodeClass `networkPolicy` (see node-pools.ts and the engines' cluster constructs).
 *
 * An internal ALB with `target-type: ip` sends from its own network interfaces, not from a namespace, so the
 * ALB rule is an ipBlock; on EKS the VPC CNI gives pods addresses in the same subnets, so prefer the ALB
 * subnets' CIDRs (`exposure.sourceCidrs`) or security groups for pods for a tighter rule.
 */
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { commonLabels, HTTP_PORT, instanceSelector } from './labels';
import type { KubeObject } from './types';

export { POD_IDENTITY_AGENT_CIDR } from './cloud/aws';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function policy(ctx: ServingContext, name: string, spec: INetworkPolicy['spec']): KubeObject {
  const object: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec,
  };
  return toKubeObject(object);
}

/** Every pod of the namespace: no traffic in or out unless another policy allows it. */
export function defaultDenyPolicy(ctx: ServingContext): KubeObject {
  return policy(ctx, `${ctx.name}-default-deny`, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
}

/** Every pod of the namespace may resolve names. */
export function dnsEgressPolicy(ctx: ServingContext): KubeObject {
  return policy(ctx, `${ctx.name}-allow-dns`, {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
  });
}

/**
 * Who may call the exposed endpoint: the gateway's data plane (Gateway API) or the ALB's subnets (ALB Ingress), on
 * the given ports. None when the deployment is not exposed.
 */
export function exposureIngressRules(ctx: ServingContext, ports: INetworkPolicyPort[]): INetworkPolicyIngressRule[] {
  const exposure = ctx.options.exposure;
  if (exposure?.kind === 'gateway-api') {
    return [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: exposure.trafficSourceNamespace ?? ctx.gateway.namespace } } }], ports }];
  }
  if (exposure?.kind === 'alb-ingress') return [{ from: ctx.albSourceCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports }];
  return [];
}

/** What the serving pods accept and reach. */
export function vllmNetworkPolicy(ctx: ServingContext): KubeObject {
  const httpPort: INetworkPolicyPort[] = [{ protocol: 'TCP', port: HTTP_PORT }];
  const fromNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  const ingress: INetworkPolicyIngressRule[] = [{ from: [fromNamespace(ctx.monitoring.prometheusNamespace)], ports: httpPort }, ...exposureIngressRules(ctx, httpPort)];
  const egress: INetworkPolicyEgressRule[] = [
    { ports: [{ protocol: 'TCP', port: 443 }] },
    // The cloud identity's link-local credential endpoints (EKS Pod Identity agent, GKE metadata server).
    ...ctx.cloud.identity.egress.map((endpoint): INetworkPolicyEgressRule => ({ to: [{ ipBlock: { cidr: endpoint.cidr } }], ports: [{ protocol: 'TCP', port: endpoint.port }] })),
  ];
  if (ctx.options.tracing) {
    // OTLP/gRPC to the trace collector's pods (4317 unless the endpoint says otherwise).
    egress.push({ to: [fromNamespace(ctx.options.tracing.collectorNamespace)], ports: [{ protocol: 'TCP', port: ctx.options.tracing.port ?? 4317 }] });
  }
  if (ctx.layout.multiNode) {
    const group = { podSelector: { matchLabels: instanceSelector(ctx.name) } };
    ingress.push({ from: [group] });
    egress.push({ to: [group] });
  }
  return policy(ctx, ctx.name, { podSelector: { matchLabels: instanceSelector(ctx.name) }, policyTypes: ['Ingress', 'Egress'], ingress, egress });
}

/** Default deny, DNS, then the serving pods' own rules. */
export function servingNetworkPolicies(ctx: ServingContext): KubeObject[] {
  return [defaultDenyPolicy(ctx), dnsEgressPolicy(ctx), vllmNetworkPolicy(ctx)];
}
