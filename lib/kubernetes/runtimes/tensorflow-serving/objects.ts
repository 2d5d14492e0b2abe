/**
 * `buildTfServingObjects`: every Kubernetes object of one TensorFlow Serving deployment, in apply order, from a
 * classic model-server plan. Pure: every engine applies the same list.
 *
 * Autoscaling: KEDA on the request rate per replica, `:tensorflow:serving:request_count` (counter, labels
 * `model_name`, `status`; tensorflow_serving/servables/tensorflow/util.cc, exported on the Prometheus path of
 * `monitoring.config`, read 2026-12-03), against the rate the plan sized one replica for.
 */
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import { InputValidationError, type InputProblem } from '../../../errors';
import { scalingBehavior, type IScaledObject } from '../../autoscaling';
import { exposureObjectsFor } from '../../exposure';
import { secretSyncObjectsFor } from '../../external-secret';
import { toKubeObject } from '../../kube-object';
import type { IServiceMonitor } from '../../monitoring';
import { tfServingPrometheusRule } from './alerts';
import { restrictedNamespace } from '../../namespace';
import { POD_IDENTITY_AGENT_CIDR } from '../../network-policy';
import type { KubeObject } from '../../types';
import { authProxyConfigMap } from '../auth-proxy';
import { isModelServerOptions, type ModelServerObjectsOptions, type ServingObjectsOptions } from '../model-server-options';
import { type ModelServerContext, modelServerContext, modelServerMetadata } from '../torchserve/context';
import { TF_SERVING_CPU_IMAGE_TAG, TF_SERVING_IMAGE_REPOSITORY, TF_SERVING_IMAGE_TAG, TF_SERVING_METRICS_PATH, TF_SERVING_PROXY_PORT, tfServingStatusPath } from './versions';
import { tfServingAuthProxy, tfServingConfigMap, tfServingDeployment } from './workload';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function tfServingContext(options: ModelServerObjectsOptions): ModelServerContext {
  return modelServerContext(options, 'tensorflow-serving', TF_SERVING_IMAGE_REPOSITORY, options.plan.gpusPerPod > 0 ? TF_SERVING_IMAGE_TAG : TF_SERVING_CPU_IMAGE_TAG);
}

/** @throws InputValidationError listing every option TF Serving cannot honour */
export function buildTfServingObjects(given: ServingObjectsOptions): KubeObject[] {
  const options = requireOptions(given);
  const ctx = tfServingContext(options);
  return [
    ...(options.createNamespace === false ? [] : [restrictedNamespace(ctx.namespace)]),
    serviceAccount(ctx),
    ...secretSyncObjectsFor(ctx, [options.apiKeySecret]),
    tfServingConfigMap(ctx),
    authProxyConfigMap(tfServingAuthProxy(ctx)),
    tfServingDeployment(ctx),
    service(ctx),
    disruptionBudget(ctx),
    ...networkPolicies(ctx),
    tfServingScaledObject(ctx),
    serviceMonitor(ctx),
    ...tfServingPrometheusRule(ctx, targetRequestsPerReplica(ctx) * ctx.autoscaling.maxReplicas),
    ...exposureObjectsFor({
      name: ctx.name,
      namespace: ctx.namespace,
      labels: ctx.labels,
      capacity: options.capacity,
      exposure: options.exposure,
      gateway: ctx.gateway,
      http: { port: TF_SERVING_PROXY_PORT, portName: 'http', pathPrefix: '/v1/models', healthPath: tfServingStatusPath(ctx.modelName) },
    }),
  ];
}

function requireOptions(options: ServingObjectsOptions): ModelServerObjectsOptions {
  if (!isModelServerOptions(options)) {
    throw new InputValidationError('TensorFlow Serving deployment', [{ field: 'plan', value: 'LLM serving plan', message: 'TF Serving serves classic models from a model-server plan', fix: "plan the spec with planDeployment (runtime.engine 'tensorflow-serving' on eks)" }]);
  }
  const problems: InputProblem[] = [];
  const a = options.autoscaling;
  if (options.apiKeySecret === undefined) problems.push({ field: 'apiKeySecret', value: undefined, message: 'TF Serving has no authentication and is only deployed behind its key-checking proxy', fix: 'give the API-key Secret synced from Secrets Manager' });
  if (a.engine !== 'keda') problems.push({ field: 'autoscaling.engine', value: a.engine, message: 'TF Serving scales with KEDA on :tensorflow:serving:request_count only', fix: "use 'keda'" });
  if (a.scaleToZero) problems.push({ field: 'autoscaling.scaleToZero', value: true, message: 'a TF Serving deployment at zero exports no metric to wake on', fix: 'keep at least one replica' });
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1 || a.maxReplicas < a.minReplicas) {
    problems.push({ field: 'autoscaling.maxReplicas', value: a.maxReplicas, message: `must be at least minReplicas (${a.minReplicas}), which must be at least 1`, fix: 'raise maxReplicas' });
  }
  if (problems.length > 0) throw new InputValidationError(`TensorFlow Serving deployment '${options.name}'`, problems);
  return options;
}

function serviceAccount(ctx: ModelServerContext): KubeObject {
  const roleArn = ctx.options.serviceAccountRoleArn;
  const account: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { ...modelServerMetadata(ctx, ctx.options.serviceAccountName), ...(roleArn ? { annotations: { 'eks.amazonaws.com/role-arn': roleArn } } : {}) },
    automountServiceAccountToken: false,
  };
  return toKubeObject(account);
}

/** One port: the proxy (REST inference with a key; model status and metrics without). gRPC stays inside the pod. */
function service(ctx: ModelServerContext): KubeObject {
  const object: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: modelServerMetadata(ctx),
    spec: { type: 'ClusterIP', selector: { ...ctx.selector }, ports: [{ name: 'http', port: TF_SERVING_PROXY_PORT, targetPort: 'http', protocol: 'TCP' }] },
  };
  return toKubeObject(object);
}

function disruptionBudget(ctx: ModelServerContext): KubeObject {
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: modelServerMetadata(ctx),
    spec: { maxUnavailable: 1, selector: { matchLabels: { ...ctx.selector } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  };
  return toKubeObject(pdb);
}

function policy(ctx: ModelServerContext, name: string, spec: INetworkPolicy['spec']): KubeObject {
  const object: INetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: modelServerMetadata(ctx, name), spec };
  return toKubeObject(object);
}

function exposureIngress(ctx: ModelServerContext): INetworkPolicyIngressRule[] {
  const exposure = ctx.options.exposure;
  const http: INetworkPolicyPort[] = [{ protocol: 'TCP', port: TF_SERVING_PROXY_PORT }];
  if (exposure?.kind === 'gateway-api') {
    return [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: exposure.trafficSourceNamespace ?? ctx.gateway.namespace } } }], ports: http }];
  }
  if (exposure?.kind === 'alb-ingress') return [{ from: ctx.albSourceCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: http }];
  return [];
}

/** Default deny, DNS, then only the proxy's port (from the namespace, Prometheus, the ALB or gateway); 8500/8501 from nowhere. */
function networkPolicies(ctx: ModelServerContext): KubeObject[] {
  const fromNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  const proxy: INetworkPolicyPort[] = [{ protocol: 'TCP', port: TF_SERVING_PROXY_PORT }];
  return [
    policy(ctx, `${ctx.name}-default-deny`, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(ctx, `${ctx.name}-allow-dns`, { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] }),
    policy(ctx, ctx.name, {
      podSelector: { matchLabels: { ...ctx.selector } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [fromNamespace(ctx.monitoring.prometheusNamespace), fromNamespace(ctx.namespace)], ports: proxy },
        ...exposureIngress(ctx),
      ],
      egress: [
        { ports: [{ protocol: 'TCP', port: 443 }] },
        { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [{ protocol: 'TCP', port: 80 }] },
      ],
    }),
  ];
}

/** Requests per second per replica over one minute, all statuses. */
export function requestRateQuery(ctx: ModelServerContext): string {
  return `sum(rate(:tensorflow:serving:request_count{namespace="${ctx.namespace}",service="${ctx.name}",model_name="${ctx.modelName}"}[1m])) or vector(0)`;
}

/** The rate one replica was planned for (the spec's traffic over the planned replicas). */
export function targetRequestsPerReplica(ctx: ModelServerContext): number {
  const plan = ctx.options.plan;
  return Math.max(1, Math.ceil(plan.requestsPerSecond / Math.max(1, plan.replicas)));
}

export function tfServingScaledObject(ctx: ModelServerContext): KubeObject {
  const a = ctx.autoscaling;
  const scaledObject: IScaledObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: modelServerMetadata(ctx),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: ctx.name },
      minReplicaCount: a.minReplicas,
      maxReplicaCount: a.maxReplicas,
      pollingInterval: 15,
      cooldownPeriod: 300,
      advanced: { horizontalPodAutoscalerConfig: { name: ctx.name, behavior: scalingBehavior() } },
      triggers: [{ type: 'prometheus', name: 'request-rate', metricType: 'AverageValue', metadata: { serverAddress: a.prometheusAddress, query: requestRateQuery(ctx), threshold: String(targetRequestsPerReplica(ctx)) } }],
    },
  };
  return toKubeObject(scaledObject);
}

/** Prometheus scrapes the metrics path through the proxy's port (it passes that path without a key). */
function serviceMonitor(ctx: ModelServerContext): KubeObject {
  const meta = modelServerMetadata(ctx);
  const monitor: IServiceMonitor = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { ...meta, labels: { ...meta.labels, ...ctx.monitoring.prometheusSelectorLabels } },
    spec: { selector: { matchLabels: { ...ctx.selector } }, endpoints: [{ port: 'http', path: TF_SERVING_METRICS_PATH, interval: '15s' }] },
  };
  return toKubeObject(monitor);
}
