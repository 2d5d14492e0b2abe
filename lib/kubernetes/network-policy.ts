/**
 * NetworkPolicy: the serving pods accept port 8000 only from Prometheus and from the gateway (or the ALB);
 * the pods of a multi-node group also reach each other on every port (Ray, NCCL). Egress stays open: the
 * weights come from S3 (or the Hub) and NCCL picks its ports at run time.
 *
 * An internal ALB with `target-type: ip` sends from its own network interfaces, not from a namespace, so the
 * ALB rule is an ipBlock; on EKS the VPC CNI gives pods addresses in the same subnets, so prefer the ALB
 * subnets' CIDRs (`exposure.sourceCidrs`) or security groups for pods for a tighter rule.
 */
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { commonLabels, HTTP_PORT, instanceSelector } from './labels';
import type { KubeObject } from './types';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function vllmNetworkPolicy(ctx: ServingContext): KubeObject {
  const httpPort: INetworkPolicyPort[] = [{ protocol: 'TCP', port: HTTP_PORT }];
  const fromNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  const ingress: INetworkPolicyIngressRule[] = [{ from: [fromNamespace(ctx.monitoring.prometheusNamespace)], ports: httpPort }];
  const exposure = ctx.options.exposure;
  if (exposure?.kind === 'gateway-api') {
    ingress.push({ from: [fromNamespace(exposure.trafficSourceNamespace ?? ctx.gateway.namespace)], ports: httpPort });
  } else if (exposure?.kind === 'alb-ingress') {
    ingress.push({ from: ctx.albSourceCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: httpPort });
  }
  if (ctx.layout.multiNode) ingress.push({ from: [{ podSelector: { matchLabels: instanceSelector(ctx.name) } }] });
  const policy: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: { podSelector: { matchLabels: instanceSelector(ctx.name) }, policyTypes: ['Ingress'], ingress },
  };
  return toKubeObject(policy);
}
