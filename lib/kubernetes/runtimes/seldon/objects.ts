/**
 * `buildSeldonObjects`: every Kubernetes object of one Seldon Core v2 deployment of a classic model, in apply order.
 * Pure. Seldon's controller (the `seldon-core` operator) turns them into pods: the SeldonRuntime into the scheduler,
 * envoy and gateways of the namespace; the Server into a StatefulSet of agent + rclone + MLServer/Triton pods; the
 * Model into a model loaded on that Server from S3.
 */
import { InputValidationError, type InputProblem } from '../../../errors';
import { toKubeObject, type TypedObject } from '../../kube-object';
import { restrictedNamespace } from '../../namespace';
import { POD_IDENTITY_AGENT_CIDR } from '../../network-policy';
import { DEFAULT_PROMETHEUS_NAMESPACE, DEFAULT_PROMETHEUS_SELECTOR_LABELS } from '../../options';
import type { KubeObject, KubeObjectMeta } from '../../types';
import { MANAGED_BY } from '../../versions';
import { seldonPrometheusRule } from './alerts';
import { isModelServerOptions, type ModelServerObjectsOptions, type ServingObjectsOptions } from '../model-server-options';
import { modelServerGpuResources } from '../model-server-workload';
import {
  SELDON_AGENT_GRPC_PORT,
  SELDON_AGENT_HTTP_PORT,
  SELDON_AGENT_METRICS_PORT,
  SELDON_AGENT_METRICS_PORT_NAME,
  SELDON_CONFIG_NAME,
  SELDON_CORE_VERSION,
  SELDON_AGENT_ROLE,
  SELDON_SERVER_LABEL,
  SELDON_SIDECAR_CONTAINERS,
} from './versions';

/** The Seldon server type: a ServerConfig of the setup chart (`mlserver` for sklearn/xgboost, `triton` for ONNX...). */
export type SeldonServerType = 'mlserver' | 'triton';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Name of the rclone config Secret (S3 through the pod's AWS credentials, no keys). */
export function seldonStorageSecretName(name: string): string {
  return `${name}-rclone-s3`;
}

/**
 * The server type of a model-server plan: Seldon's `triton` ServerConfig, which serves ONNX models on the plan's GPU,
 * or on CPU when the plan is a CPU plan (`runtime.accelerator: cpu`; Triton's ONNX Runtime backend runs on CPU).
 * MLServer (sklearn, xgboost) is not rendered yet (docs/runtimes/seldon.md).
 */
export function seldonServerType(_options: ModelServerObjectsOptions): SeldonServerType {
  return 'triton';
}

/**
 * Model requirements, matched against the server's capabilities: seldon-core-v2-setup values.yaml at v2.10.2,
 * `serverConfig.triton.serverCapabilities: "triton,dali,fil,onnx,openvino,python,pytorch,tensorflow,tensorrt"` and
 * `serverConfig.mlserver.serverCapabilities: "mlserver,alibi-detect,alibi-explain,huggingface,lightgbm,mlflow,python,sklearn,spark-mlib,xgboost"`.
 */
export function seldonRequirements(type: SeldonServerType): string[] {
  return type === 'triton' ? ['onnx'] : ['sklearn'];
}

/**
 * Namespace, ServiceAccount, the rclone Secret, SeldonRuntime, Server, Model, NetworkPolicies and PodMonitor.
 * `apiKeySecret` is not synced: Seldon's envoy cannot check a key, so the model is refused any exposure instead.
 * @throws InputValidationError listing every option Seldon cannot honour
 */
export function buildSeldonObjects(given: ServingObjectsOptions): KubeObject[] {
  const options = requireModelServerOptions(given);
  validate(options);
  const type = seldonServerType(options);
  return [
    ...(options.createNamespace === false ? [] : [restrictedNamespace(options.namespace)]),
    serviceAccount(options),
    agentRoleBinding(options),
    storageSecret(options),
    seldonRuntime(options),
    seldonServer(options, type),
    seldonModel(options, type),
    ...seldonNetworkPolicies(options),
    seldonPodMonitor(options),
  ].map((o) => toKubeObject(o as TypedObject)).concat(seldonPrometheusRule(options, seldonLabels(options)));
}

function requireModelServerOptions(options: ServingObjectsOptions): ModelServerObjectsOptions {
  if (!isModelServerOptions(options)) {
    throw new InputValidationError('Seldon deployment', [{ field: 'plan', value: 'LLM serving plan', message: 'Seldon serves classic models from a model-server plan', fix: "plan the spec with planDeployment (runtime.engine 'seldon' on eks)" }]);
  }
  return options;
}

function validate(options: ModelServerObjectsOptions): void {
  const problems: InputProblem[] = [];
  const a = options.autoscaling;
  if (a.scaleToZero) problems.push({ field: 'autoscaling.scaleToZero', value: true, message: 'a Seldon Server keeps at least one replica here', fix: 'keep at least one replica' });
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1 || !Number.isInteger(a.maxReplicas) || a.maxReplicas < a.minReplicas) {
    problems.push({ field: 'autoscaling.maxReplicas', value: a.maxReplicas, message: `must be an integer at least minReplicas (${a.minReplicas}), which must be at least 1`, fix: 'raise maxReplicas' });
  }
  // Seldon's envoy has no authentication of callers: exposing it would publish an open inference endpoint.
  if (options.exposure !== undefined) {
    problems.push({ field: 'exposure', value: options.exposure.kind, message: "Seldon Core v2's envoy does not authenticate callers, and this library does not yet front it with an authenticating gateway", fix: 'leave exposure unset (in-cluster ClusterIP only) and call it from inside the cluster' });
  }
  if (problems.length > 0) throw new InputValidationError(`Seldon deployment '${options.name}'`, problems);
}

export function seldonLabels(options: ModelServerObjectsOptions): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'seldon',
    'app.kubernetes.io/instance': options.name,
    'app.kubernetes.io/version': SELDON_CORE_VERSION,
    'app.kubernetes.io/part-of': 'model-serving',
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

function meta(options: ModelServerObjectsOptions, name: string): KubeObjectMeta {
  return { name, namespace: options.namespace, labels: seldonLabels(options) };
}

function serviceAccount(options: ModelServerObjectsOptions): object {
  const roleArn = options.serviceAccountRoleArn;
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { ...meta(options, options.serviceAccountName), ...(roleArn ? { annotations: { 'eks.amazonaws.com/role-arn': roleArn } } : {}) },
  };
}

/**
 * The agent reads its rclone Secrets and ConfigMaps through the Kubernetes API: bind the `agent-role` the
 * SeldonRuntime creates in the namespace (operator/controllers/reconcilers/seldon/rbac_reconciler.go at v2.10.2,
 * `AgentRoleName`, bound there to `seldon-server` only) to our service account, which the Server pods run as.
 */
function agentRoleBinding(options: ModelServerObjectsOptions): object {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta(options, `${options.name}-seldon-agent`),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: SELDON_AGENT_ROLE },
    subjects: [{ kind: 'ServiceAccount', name: options.serviceAccountName, namespace: options.namespace }],
  };
}

/** The `restricted` Pod Security Standard for a container (Seldon's ServerConfigs set only the pod's runAsNonRoot/user). */
const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

/**
 * The rclone remote the agent downloads models with (docs-gb/kubernetes/storage-secrets.md at v2.10.2: a Secret
 * holding an rclone config, named by the SeldonRuntime's `config_secrets` and the Model's `secretName`). `env_auth`
 * makes rclone use the AWS SDK's default credential chain, i.e. the Pod Identity credentials of the Server pod's
 * service account: no key is written anywhere.
 */
function storageSecret(options: ModelServerObjectsOptions): object {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(options, seldonStorageSecretName(options.name)),
    type: 'Opaque',
    stringData: { s3: ['type: s3', 'name: s3', 'parameters:', '  provider: AWS', '  env_auth: true', ''].join('\n') },
  };
}

/** The namespace's Seldon control plane (what the seldon-core-v2-runtime chart renders, templates/seldon-runtime.yaml). */
function seldonRuntime(options: ModelServerObjectsOptions): object {
  return {
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'SeldonRuntime',
    metadata: meta(options, 'seldon'),
    spec: {
      seldonConfig: SELDON_CONFIG_NAME,
      // Pipelines need Kafka (dataflow engine, pipeline gateway); this deployment serves one Model without it.
      overrides: [
        { name: 'seldon-dataflow-engine', disable: true },
        { name: 'seldon-pipelinegateway', disable: true },
        { name: 'hodometer', disable: true },
      ],
      config: { agentConfig: { rclone: { config_secrets: [seldonStorageSecretName(options.name)] } } },
    },
  };
}

/** The Server: replicas and autoscaling bounds from the spec, the pod's resources from the model-server plan. */
export function seldonServer(options: ModelServerObjectsOptions, type: SeldonServerType): object {
  const plan = options.plan;
  const a = options.autoscaling;
  return {
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'Server',
    metadata: meta(options, options.name),
    spec: {
      serverConfig: type,
      replicas: a.minReplicas,
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      // Merged into the ServerConfig's pod spec by the controller (MergePodSpecs, containers merged by name,
      // operator/controllers/reconcilers/common/patch_utils.go at v2.10.2): our identity, the GPU node pool, the
      // plan's resources on the model server, the restricted security context on its three containers.
      podSpec: {
        serviceAccountName: options.serviceAccountName,
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        nodeSelector: { 'karpenter.sh/nodepool': options.nodePoolName ?? `${options.name}-gpu` },
        // A CPU plan (gpusPerPod 0) requests no GPU and tolerates no GPU taint: it runs on its own CPU NodePool.
        ...(plan.gpusPerPod > 0 && { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] }),
        containers: [
          {
            name: type,
            securityContext: RESTRICTED_CONTAINER,
            resources: {
              requests: { cpu: String(plan.cpuRequest), memory: `${plan.memoryRequestGiB}Gi`, ...modelServerGpuResources(plan) },
              limits: { memory: `${plan.memoryLimitGiB}Gi`, ...modelServerGpuResources(plan) },
            },
          },
          ...SELDON_SIDECAR_CONTAINERS.map((name) => ({ name, securityContext: RESTRICTED_CONTAINER })),
        ],
      },
    },
  };
}

/** The model, loaded by the agent from `s3://<bucket>/<prefix>` on a Server of a matching capability. */
export function seldonModel(options: ModelServerObjectsOptions, type: SeldonServerType): object {
  const a = options.autoscaling;
  return {
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'Model',
    metadata: meta(options, options.name),
    spec: {
      storageUri: `s3://${options.modelSource.bucketName}/${options.modelSource.prefix}`,
      requirements: seldonRequirements(type),
      server: options.name,
      secretName: seldonStorageSecretName(options.name),
      replicas: a.minReplicas,
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
    },
  };
}

function policy(options: ModelServerObjectsOptions, name: string, spec: object): object {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(options, name), spec };
}

/**
 * Default deny, DNS, then the Server pods (selected by Seldon's `seldon-server-name` label): agent HTTP/gRPC from
 * the namespace (envoy, model gateway), metrics from Prometheus; egress to HTTPS (S3), the Pod Identity agent and
 * the namespace (the scheduler's control plane). The SeldonRuntime's own pods talk within the namespace and to the
 * controller in seldon-mesh.
 */
export function seldonNetworkPolicies(options: ModelServerObjectsOptions): object[] {
  const fromNamespace = (namespace: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } });
  const prometheus = options.monitoring.prometheusNamespace ?? DEFAULT_PROMETHEUS_NAMESPACE;
  return [
    policy(options, `${options.name}-default-deny`, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(options, `${options.name}-allow-dns`, { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] }),
    policy(options, `${options.name}-seldon-control-plane`, {
      podSelector: { matchExpressions: [{ key: SELDON_SERVER_LABEL, operator: 'DoesNotExist' }] },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }, fromNamespace('seldon-mesh')] }],
      egress: [{ to: [{ podSelector: {} }, fromNamespace('seldon-mesh')] }],
    }),
    policy(options, options.name, {
      podSelector: { matchLabels: { [SELDON_SERVER_LABEL]: options.name } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [fromNamespace(prometheus)], ports: [{ protocol: 'TCP', port: SELDON_AGENT_METRICS_PORT }] },
        { from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: SELDON_AGENT_HTTP_PORT }, { protocol: 'TCP', port: SELDON_AGENT_GRPC_PORT }] },
      ],
      egress: [
        { ports: [{ protocol: 'TCP', port: 443 }] },
        { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT_CIDR } }], ports: [{ protocol: 'TCP', port: 80 }] },
        { to: [{ podSelector: {} }] },
      ],
    }),
  ];
}

/** The agent's metrics (`seldon_model_infer_total`...) on the Server pods' `metrics` port. */
export function seldonPodMonitor(options: ModelServerObjectsOptions): object {
  const selectorLabels = options.monitoring.prometheusSelectorLabels ?? DEFAULT_PROMETHEUS_SELECTOR_LABELS;
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { ...meta(options, options.name), labels: { ...seldonLabels(options), ...selectorLabels } },
    spec: {
      selector: { matchLabels: { [SELDON_SERVER_LABEL]: options.name } },
      podMetricsEndpoints: [{ port: SELDON_AGENT_METRICS_PORT_NAME, path: '/metrics', interval: '15s' }],
    },
  };
}
