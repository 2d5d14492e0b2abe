/**
 * Seldon Core v2 release, ports and labels, from github.com/SeldonIO/seldon-core tag v2.10.2 (released 2025-12-18,
 * the newest v2 tag, read 2026-12-03). Licence: Business Source License 1.1 (LICENSE at that tag): production use
 * needs a commercial licence from Seldon except for non-profit educational institutions (docs/runtimes/seldon.md).
 */

/** Chart and app version of seldon-core-v2-crds / -setup (k8s/helm-charts/<chart>/Chart.yaml `version: 2.10.2`). */
export const SELDON_CORE_VERSION = '2.10.2';
/** Helm repository of the charts (docs-gb/getting-started/kubernetes-installation/helm.md at v2.10.2). */
export const SELDON_CHART_REPOSITORY = 'https://seldonio.github.io/helm-charts';
/** Namespace of the controller (the docs install seldon-core-v2-setup with `--namespace seldon-mesh`). */
export const SELDON_OPERATOR_NAMESPACE = 'seldon-mesh';
/**
 * Label the controller puts on every Server pod, the Server's name as value
 * (operator/pkg/constants/constants.go `ServerLabelNameKey = "seldon-server-name"`).
 */
export const SELDON_SERVER_LABEL = 'seldon-server-name';
/**
 * Ports of a Server pod (the `mlserver`/`triton` ServerConfigs of seldon-core-v2-setup,
 * templates/_components-statefulsets.tpl): the agent's HTTP 9001, gRPC 9501, metrics 9006 (port name `metrics`),
 * readiness 9008 (`/ready`); the model server behind it listens on 9000/9500 and rclone on 5572, pod-local.
 */
export const SELDON_AGENT_HTTP_PORT = 9001;
export const SELDON_AGENT_GRPC_PORT = 9501;
export const SELDON_AGENT_METRICS_PORT = 9006;
export const SELDON_AGENT_METRICS_PORT_NAME = 'metrics';
/** The scheduler's control plane: agents dial it on 9005 (SeldonRuntime `seldon-scheduler` Service, agent.go `agentPort`). */
export const SELDON_SCHEDULER_AGENT_PORT = 9005;
/**
 * Per-model inference counter the agent exports (docs-gb/examples/notebooks/metrics.ipynb at v2.10.2:
 * `seldon_model_infer_total{model, server, server_replica, code, method_type}`).
 */
export const SELDON_MODEL_INFER_METRIC = 'seldon_model_infer_total';
/**
 * Per-model inference latency histogram of the agent (`modelHistogramName`, scheduler/pkg/metrics/agent.go, listed in
 * docs-gb/operational-monitoring of SeldonIO/seldon-core, read 2026-12-03), seconds.
 */
export const SELDON_MODEL_LATENCY_HISTOGRAM = 'seldon_model_infer_api_seconds';
/** The SeldonConfig the setup chart installs (SeldonRuntime `seldonConfig: default`, docs-gb/kubernetes/storage-secrets.md). */
export const SELDON_CONFIG_NAME = 'default';
/** Role the SeldonRuntime creates for the agent (operator/controllers/reconcilers/seldon/rbac_reconciler.go `AgentRoleName`). */
export const SELDON_AGENT_ROLE = 'agent-role';
/** The containers beside the model server in every ServerConfig of seldon-core-v2-setup: `rclone` and `agent`. */
export const SELDON_SIDECAR_CONTAINERS = ['rclone', 'agent'] as const;
