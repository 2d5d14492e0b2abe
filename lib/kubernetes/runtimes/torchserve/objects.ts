/**
 * `buildTorchServeObjects`: every Kubernetes object of one TorchServe deployment, in apply order, from a classic
 * model-server plan. Pure: the CDK, cdktf and Pulumi engines and the plain manifests apply the same list.
 */
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import { InputValidationError, type InputProblem } from '../../../errors';
import { exposureObjectsFor } from '../../exposure';
import { secretSyncObjectsFor } from '../../external-secret';
import { toKubeObject } from '../../kube-object';
import { restrictedNamespace } from '../../namespace';
import { POD_IDENTITY_AGENT_CIDR } from '../../network-policy';
import type { KubeObject } from '../../types';
import { authProxyConfigMap } from '../auth-proxy';
import { isModelServerOptions, type ModelServerObjectsOptions, type ServingObjectsOptions } from '../model-server-options';
import { torchServeContext, type TorchServeContext } from './context';
import { torchServePrometheusRule, torchServeScaledObject, torchServeServiceMonitor } from './observability';
import { TORCHSERVE_METRICS_PORT, TORCHSERVE_PING_PATH, TORCHSERVE_PROXY_PORT } from './versions';
import {
  torchServeAuthProxy,
  torchServeConfigMap,
  torchServeDeployment,
  torchServeDisruptionBudget,
  torchServeMetadata,
  torchServeService,
} from './workload';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Namespace, ServiceAccount, the API-key ExternalSecret, the `config.properties` and proxy ConfigMaps, Deployment,
 * Service, PodDisruptionBudget, NetworkPolicies, KEDA ScaledObject and ServiceMonitor, then the exposure.
 * @throws InputValidationError listing every option TorchServe cannot honour
 */
export function buildTorchServeObjects(given: ServingObjectsOptions): KubeObject[] {
  const options = requireOptions(given);
  const ctx = torchServeContext(options);
  return [
    ...(options.createNamespace === false ? [] : [restrictedNamespace(ctx.namespace)]),
    serviceAccount(ctx),
    ...secretSyncObjectsFor(ctx, [options.apiKeySecret]),
    torchServeConfigMap(ctx),
    authProxyConfigMap(torchServeAuthProxy(ctx)),
    torchServeDeployment(ctx),
    torchServeService(ctx),
    torchServeDisruptionBudget(ctx),
    ...torchServeNetworkPolicies(ctx),
    torchServeScaledObject(ctx),
    torchServeServiceMonitor(ctx),
    ...torchServePrometheusRule(ctx),
    ...exposureObjectsFor({
      name: ctx.name,
      namespace: ctx.namespace,
      labels: ctx.labels,
      capacity: options.capacity,
      exposure: options.exposure,
      gateway: ctx.gateway,
      // The inference API (`/predictions/<model>`) through the proxy; the ALB health-checks /ping.
      http: { port: TORCHSERVE_PROXY_PORT, portName: 'http', pathPrefix: '/predictions', healthPath: TORCHSERVE_PING_PATH },
    }),
  ];
}

function requireOptions(options: ServingObjectsOptions): ModelServerObjectsOptions {
  const problems: InputProblem[] = [];
  if (!isModelServerOptions(options)) {
    throw new InputValidationError('TorchServe deployment', [{ field: 'plan', value: 'LLM serving plan', message: 'TorchServe serves classic models from a model-server plan', fix: "plan the spec with planDeployment (runtime.engine 'torchserve' on eks)" }]);
  }
  const a = options.autoscaling;
  if (options.apiKeySecret === undefined) problems.push({ field: 'apiKeySecret', value: undefined, message: 'TorchServe is only deployed behind its key-checking proxy', fix: 'give the API-key Secret synced from Secrets Manager' });
  if (a.engine !== 'keda') problems.push({ field: 'autoscaling.engine', value: a.engine, message: 'TorchServe scales with KEDA on ts_queue_latency_microseconds only', fix: "use 'keda'" });
  if (a.scaleToZero) problems.push({ field: 'autoscaling.scaleToZero', value: true, message: 'a TorchServe deployment at zero exports no metric to wake on', fix: 'keep at least one replica' });
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1 || a.maxReplicas < a.minReplicas) {
    problems.push({ field: 'autoscaling.maxReplicas', value: a.maxReplicas, message: `must be at least minReplicas (${a.minReplicas}), which must be at least 1`, fix: 'raise maxReplicas' });
  }
  if (problems.length > 0) throw new InputValidationError(`TorchServe deployment '${options.name}'`, problems);
  return options;
}

function serviceAccount(ctx: TorchServeContext): KubeObject {
  const roleArn = ctx.options.serviceAccountRoleArn;
  const account: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { ...torchServeMetadata(ctx, ctx.options.serviceAccountName), ...(roleArn ? { annotations: { 'eks.amazonaws.com/role-arn': roleArn } } : {}) },
    automountServiceAccountToken: false,
  };
  return toKubeObject(account);
}

function policy(ctx: TorchServeContext, name: string, spec: INetworkPolicy['spec']): KubeObject {
  const object: INetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: torchServeMetadata(ctx, name), spec };
  return toKubeObject(object);
}

function exposureIngress(ctx: TorchServeContext): INetworkPolicyIngressRule[] {
  const exposure = ctx.options.exposure;
  const http: INetworkPolicyPort[] = [{ protocol: 'TCP', port: TORCHSERVE_PROXY_PORT }];
  if (exposure?.kind === 'gateway-api') {
    const namespace = exposure.trafficSourceNamespace ?? ctx.gateway.namespace;
    return [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } }], ports: http }];
  }
  if (exposure?.kind === 'alb-ingress') return [{ from: ctx.albSourceCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: http }];
  return [];
}

/**
 * Default deny, DNS, then TorchServe's own rules: metrics from Prometheus; the proxy's HTTP port from the namespace
 * and the gateway or ALB. No rule opens the management port 8081 (it listens on 127.0.0.1 besides). Egress: HTTPS
 * (S3) and the Pod Identity agent for the model store sync.
 */
export function torchServeNetworkPolicies(ctx: TorchServeContext): KubeObject[] {
  const fromNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  return [
    policy(ctx, `${ctx.name}-default-deny`, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(ctx, `${ctx.name}-allow-dns`, { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] }),
    policy(ctx, ctx.name, {
      podSelector: { matchLabels: { ...ctx.selector } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [fromNamespace(ctx.monitoring.prometheusNamespace)], ports: [{ protocol: 'TCP', port: TORCHSERVE_METRICS_PORT }] },
        { from: [fromNamespace(ctx.namespace)], ports: [{ protocol: 'TCP', port: TORCHSERVE_PROXY_PORT }] },
        ...exposureIngress(ctx),
      ],
      egress: [
        { ports: [{ protocol: 'TCP', port: 443 }] },
        { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [{ protocol: 'TCP', port: 80 }] },
      ],
    }),
  ];
}
