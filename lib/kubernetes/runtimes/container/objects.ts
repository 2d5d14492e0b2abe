/**
 * `buildContainerObjects`: every Kubernetes object of a `custom` or `bentoml` deployment, in apply order, from a
 * classic model-server plan and the user's container contract. Pure; every engine applies the same list.
 */
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { scalingBehavior, type IScaledObject } from '../../autoscaling';
import { exposureObjectsFor } from '../../exposure';
import { secretSyncObjectsFor } from '../../external-secret';
import { toKubeObject } from '../../kube-object';
import type { IServiceMonitor } from '../../monitoring';
import { restrictedNamespace } from '../../namespace';
import { POD_IDENTITY_AGENT_CIDR } from '../../network-policy';
import type { KubeObject } from '../../types';
import type { ServingObjectsOptions } from '../model-server-options';
import { containerContext, containerMetadata, scaleQuery, type ContainerContext } from './context';
import { containerPrometheusRule } from './alerts';
import { containerDeployment, containerDisruptionBudget, containerService } from './workload';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Namespace, ServiceAccount, the API-key ExternalSecret, Deployment, Service, PodDisruptionBudget, NetworkPolicies,
 * KEDA ScaledObject on the contract's metric, ServiceMonitor on its metrics path, PrometheusRule, and the exposure.
 * @throws InputValidationError listing every option the contract runtime cannot honour
 */
export function buildContainerObjects(given: ServingObjectsOptions): KubeObject[] {
  const ctx = containerContext(given);
  const options = ctx.options;
  return [
    ...(options.createNamespace === false ? [] : [restrictedNamespace(ctx.namespace)]),
    serviceAccount(ctx),
    ...secretSyncObjectsFor(ctx, [options.apiKeySecret]),
    containerDeployment(ctx),
    containerService(ctx),
    containerDisruptionBudget(ctx),
    ...containerNetworkPolicies(ctx),
    containerScaledObject(ctx),
    containerServiceMonitor(ctx),
    ...containerPrometheusRule(ctx),
    ...exposureObjectsFor({
      name: ctx.name,
      namespace: ctx.namespace,
      labels: ctx.labels,
      capacity: options.capacity,
      exposure: options.exposure,
      gateway: ctx.gateway,
      http: { port: ctx.contract.port, portName: 'http', pathPrefix: '/', healthPath: ctx.contract.readinessPath },
    }),
  ];
}

function serviceAccount(ctx: ContainerContext): KubeObject {
  const roleArn = ctx.options.serviceAccountRoleArn;
  const account: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { ...containerMetadata(ctx, ctx.options.serviceAccountName), ...(roleArn ? { annotations: { 'eks.amazonaws.com/role-arn': roleArn } } : {}) },
    automountServiceAccountToken: false,
  };
  return toKubeObject(account);
}

export function containerScaledObject(ctx: ContainerContext): KubeObject {
  const a = ctx.options.autoscaling;
  const scaledObject: IScaledObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: containerMetadata(ctx),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: ctx.name },
      minReplicaCount: a.minReplicas,
      maxReplicaCount: a.maxReplicas,
      pollingInterval: 15,
      cooldownPeriod: 300,
      advanced: { horizontalPodAutoscalerConfig: { name: ctx.name, behavior: scalingBehavior() } },
      triggers: [{
        type: 'prometheus',
        name: 'contract-metric',
        metricType: 'AverageValue',
        metadata: { serverAddress: ctx.prometheusAddress, query: scaleQuery(ctx), threshold: String(ctx.contract.scaleThreshold) },
      }],
    },
  };
  return toKubeObject(scaledObject);
}

/** Prometheus scrapes the contract's metrics path on the API port. */
export function containerServiceMonitor(ctx: ContainerContext): KubeObject {
  const meta = containerMetadata(ctx);
  const monitor: IServiceMonitor = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { ...meta, labels: { ...meta.labels, ...ctx.prometheusSelectorLabels } },
    spec: { selector: { matchLabels: { ...ctx.selector } }, endpoints: [{ port: 'http', path: ctx.contract.metricsPath, interval: '15s' }] },
  };
  return toKubeObject(monitor);
}

function policy(ctx: ContainerContext, name: string, spec: INetworkPolicy['spec']): KubeObject {
  const object: INetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: containerMetadata(ctx, name), spec };
  return toKubeObject(object);
}

/** Default deny, DNS, then the service's port from Prometheus, its namespace and the exposure; egress to S3 and Pod Identity. */
export function containerNetworkPolicies(ctx: ContainerContext): KubeObject[] {
  const fromNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  const port: INetworkPolicyPort[] = [{ protocol: 'TCP', port: ctx.contract.port }];
  const exposure = ctx.options.exposure;
  const exposed: INetworkPolicyIngressRule[] = exposure?.kind === 'gateway-api'
    ? [{ from: [fromNamespace(exposure.trafficSourceNamespace ?? ctx.gateway.namespace)], ports: port }]
    : exposure?.kind === 'alb-ingress' ? [{ from: ctx.albSourceCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: port }] : [];
  return [
    policy(ctx, `${ctx.name}-default-deny`, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(ctx, `${ctx.name}-allow-dns`, { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] }),
    policy(ctx, ctx.name, {
      podSelector: { matchLabels: { ...ctx.selector } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [fromNamespace(ctx.prometheusNamespace), fromNamespace(ctx.namespace)], ports: port }, ...exposed],
      egress: [
        { ports: [{ protocol: 'TCP', port: 443 }] },
        { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [{ protocol: 'TCP', port: 80 }] },
      ],
    }),
  ];
}
