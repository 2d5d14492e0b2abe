/**
 * Reaching KServe's predictor pods under the namespace's default deny: KServe creates the pods, so the policies select
 * them by the label KServe puts on every pod of an InferenceService (`serving.kserve.io/inferenceservice: <name>`).
 * They accept the model port from Prometheus and from the gateway (or the ALB), and reach HTTPS (S3, STS) and the EKS
 * Pod Identity agent, which the storage initializer needs to copy the model.
 *
 * Our Service `<name>` (port `http` 8000, like the vLLM runtime's) fronts the LLM predictor, so the exposure
 * objects, the ServiceMonitor and the `service="<name>"` series the alerts and KEDA query work unchanged.
 */
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import { commonLabels, HTTP_PORT, HTTP_PORT_NAME } from '../../labels';
import { exposureIngressRules, POD_IDENTITY_AGENT_CIDR } from '../../network-policy';
import type { KubeObject } from '../../types';
import { kserveLabels } from './inference-service';
import { INFERENCE_GRAPH_LABEL, inferenceGraphName } from './inference-graph';
import { KSERVE_AUTH_PROXY_PORT } from './auth-proxy';
import { INFERENCE_SERVICE_LABEL, KSERVE_HTTP_PORT, KSERVE_METRICS_PORT } from './versions';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Names of every InferenceService of the deployment: the LLM first, then the classic models. */
export function inferenceServiceNames(ctx: ServingContext): string[] {
  return [ctx.name, ...(ctx.options.classicModels ?? []).map((model) => model.name)];
}

/** The LLM predictor behind the port every exposure and monitor of this library uses. */
export function llmService(ctx: ServingContext): KubeObject {
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      type: 'ClusterIP',
      selector: { [INFERENCE_SERVICE_LABEL]: ctx.name },
      // Through the key-checking proxy when there is a key (KServe's server checks none), else the server itself.
      ports: [{ name: HTTP_PORT_NAME, port: HTTP_PORT, targetPort: ctx.options.apiKeySecret ? KSERVE_AUTH_PROXY_PORT : KSERVE_HTTP_PORT, protocol: 'TCP' }],
    },
  };
  return toKubeObject(service);
}

/** Every predictor pod: ingress on the model and metrics ports, egress to S3/STS and the Pod Identity agent. */
export function kserveNetworkPolicy(ctx: ServingContext): KubeObject {
  const fromNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  // Prometheus scrapes the LLM through our Service (the proxy's port when there is one) and the classic models directly.
  const servicePort = ctx.options.apiKeySecret ? KSERVE_AUTH_PROXY_PORT : KSERVE_HTTP_PORT;
  const metricsPorts = [...new Set([servicePort, KSERVE_HTTP_PORT, ...(ctx.options.classicModels ?? []).map((m) => KSERVE_METRICS_PORT[m.format])])];
  const ingress: INetworkPolicyIngressRule[] = [
    { from: [fromNamespace(ctx.monitoring.prometheusNamespace)], ports: metricsPorts.map((port): INetworkPolicyPort => ({ protocol: 'TCP', port })) },
    // Callers reach the proxy only: the server's own port stays closed to them.
    ...exposureIngressRules(ctx, [{ protocol: 'TCP', port: servicePort }]),
    // The inference graph's router calls the steps' predictors.
    ...(ctx.options.inferenceGraph
      ? [{ from: [{ podSelector: { matchLabels: { [INFERENCE_GRAPH_LABEL]: inferenceGraphName(ctx) } } }], ports: [{ protocol: 'TCP' as const, port: KSERVE_HTTP_PORT }] }]
      : []),
  ];
  const policy: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${ctx.name}-kserve`, namespace: ctx.namespace, labels: kserveLabels(ctx) },
    spec: {
      podSelector: { matchExpressions: [{ key: INFERENCE_SERVICE_LABEL, operator: 'In', values: inferenceServiceNames(ctx) }] },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress: [
        { ports: [{ protocol: 'TCP', port: 443 }] },
        { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [{ protocol: 'TCP', port: 80 }] },
      ],
    },
  };
  return toKubeObject(policy);
}

/** One pod at a time through drains, per InferenceService; a pod still loading may go. */
export function kserveDisruptionBudget(ctx: ServingContext, name: string): KubeObject {
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: ctx.namespace, labels: kserveLabels(ctx) },
    spec: { maxUnavailable: 1, selector: { matchLabels: { [INFERENCE_SERVICE_LABEL]: name } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  };
  return toKubeObject(pdb);
}
