/**
 * `buildTritonObjects`: every Kubernetes object of one Triton Inference Server deployment, in apply order, from a
 * classic model-server plan. Pure: the CDK, cdktf and Pulumi engines and the plain manifests apply the same list.
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
import { isModelServerOptions, type ModelServerObjectsOptions, type ServingObjectsOptions } from '../model-server-options';
import { tritonContext, type TritonContext } from './context';
import { tritonDashboardConfigMap } from './dashboard';
import { tritonPrometheusRule, tritonScaledObject, tritonServiceMonitor } from './observability';
import { TRITON_GRPC_PORT, TRITON_HTTP_PORT, TRITON_METRICS_PORT, TRITON_READY_PATH } from './versions';
import { tritonConfigMap, tritonDeployment, tritonDisruptionBudget, tritonMetadata, tritonService } from './workload';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Namespace, ServiceAccount, the API-key ExternalSecret, the ConfigMap of model configurations, Deployment, Service,
 * PodDisruptionBudget, NetworkPolicies, KEDA ScaledObject, ServiceMonitor, PrometheusRule and the Grafana dashboard.
 * @throws InputValidationError listing every option Triton cannot honour, or every problem of its model repository
 */
export function buildTritonObjects(given: ServingObjectsOptions): KubeObject[] {
  const options = requireModelServerOptions(given);
  validate(options);
  const ctx = tritonContext(options);
  const configMap = tritonConfigMap(ctx);
  return [
    ...(options.createNamespace === false ? [] : [restrictedNamespace(ctx.namespace)]),
    tritonServiceAccount(ctx),
    ...secretSyncObjectsFor(ctx, [options.apiKeySecret]),
    ...(configMap ? [configMap] : []),
    tritonDeployment(ctx),
    tritonService(ctx),
    tritonDisruptionBudget(ctx),
    ...tritonNetworkPolicies(ctx),
    tritonScaledObject(ctx),
    tritonServiceMonitor(ctx),
    ...(ctx.monitoring.prometheusRules ? [tritonPrometheusRule(ctx)] : []),
    ...(options.monitoring.dashboard ? [tritonDashboardConfigMap(ctx)] : []),
    ...exposureObjectsFor({
      name: ctx.name,
      namespace: ctx.namespace,
      labels: ctx.labels,
      capacity: options.capacity,
      exposure: options.exposure,
      gateway: ctx.gateway,
      // The KServe v2 HTTP API lives under /v2; the ALB health-checks readiness (every model loaded).
      http: { port: TRITON_HTTP_PORT, portName: 'http', pathPrefix: '/v2', healthPath: TRITON_READY_PATH },
    }),
  ];
}

function requireModelServerOptions(options: ServingObjectsOptions): ModelServerObjectsOptions {
  if (!isModelServerOptions(options)) {
    throw new InputValidationError('Triton deployment', [{ field: 'plan', value: 'LLM serving plan', message: 'Triton serves classic models from a model-server plan', fix: "plan the spec with planDeployment (runtime.engine 'triton' on eks)" }]);
  }
  return options;
}

function validate(options: ModelServerObjectsOptions): void {
  const problems: InputProblem[] = [];
  const a = options.autoscaling;
  if (a.engine !== 'keda') problems.push({ field: 'autoscaling.engine', value: a.engine, message: 'Triton scales with KEDA on nv_inference_pending_request_count only', fix: "use 'keda'" });
  if (a.scaleToZero) problems.push({ field: 'autoscaling.scaleToZero', value: true, message: 'a Triton deployment at zero exports no metric to wake on', fix: 'keep at least one replica' });
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1 || a.maxReplicas < a.minReplicas) {
    problems.push({ field: 'autoscaling.maxReplicas', value: a.maxReplicas, message: `must be at least minReplicas (${a.minReplicas}), which must be at least 1`, fix: 'raise maxReplicas' });
  }
  if (problems.length > 0) throw new InputValidationError(`Triton deployment '${options.name}'`, problems);
}

function tritonServiceAccount(ctx: TritonContext): KubeObject {
  const roleArn = ctx.options.serviceAccountRoleArn;
  const account: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { ...tritonMetadata(ctx, ctx.options.serviceAccountName), ...(roleArn ? { annotations: { 'eks.amazonaws.com/role-arn': roleArn } } : {}) },
    automountServiceAccountToken: false,
  };
  return toKubeObject(account);
}

function policy(ctx: TritonContext, name: string, spec: INetworkPolicy['spec']): KubeObject {
  const object: INetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: tritonMetadata(ctx, name), spec };
  return toKubeObject(object);
}

/** HTTP from the gateway's data plane, or from the ALB's addresses (target-type ip sends from its own ENIs). */
function exposureIngress(ctx: TritonContext): INetworkPolicyIngressRule[] {
  const exposure = ctx.options.exposure;
  const http: INetworkPolicyPort[] = [{ protocol: 'TCP', port: TRITON_HTTP_PORT }];
  if (exposure?.kind === 'gateway-api') {
    const namespace = exposure.trafficSourceNamespace ?? ctx.gateway.namespace;
    return [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } }], ports: http }];
  }
  if (exposure?.kind === 'alb-ingress') return [{ from: ctx.albSourceCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: http }];
  return [];
}

/**
 * Default deny for the namespace, DNS for every pod, then Triton's own rules: metrics from Prometheus; HTTP and gRPC
 * from pods of the same namespace, and from the gateway or ALB when exposed; egress to HTTPS (S3) and
 * the Pod Identity agent for the repository sync.
 */
export function tritonNetworkPolicies(ctx: TritonContext): KubeObject[] {
  const fromNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  return [
    policy(ctx, `${ctx.name}-default-deny`, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(ctx, `${ctx.name}-allow-dns`, { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] }),
    policy(ctx, ctx.name, {
      podSelector: { matchLabels: { ...ctx.selector } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [fromNamespace(ctx.monitoring.prometheusNamespace)], ports: [{ protocol: 'TCP', port: TRITON_METRICS_PORT }] },
        { from: [fromNamespace(ctx.namespace)], ports: [{ protocol: 'TCP', port: TRITON_HTTP_PORT }, { protocol: 'TCP', port: TRITON_GRPC_PORT }] },
        ...exposureIngress(ctx),
      ],
      egress: [
        { ports: [{ protocol: 'TCP', port: 443 }] },
        { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [{ protocol: 'TCP', port: 80 }] },
      ],
    }),
  ];
}
