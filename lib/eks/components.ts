/**
 * The cluster software a GPU inference cluster runs besides the model server, as Helm releases with
 * pinned chart versions: one list that the CDK (`addHelmChart`), cdktf (`helm_release`) and Pulumi
 * (`helm.v3.Release`) constructs install the same way. Engine-free.
 *
 * Which components a cluster needs follows from its capacity mode and from what the serving objects use:
 * Karpenter only in `karpenter` mode; the NVIDIA device plugin only where the node image does not bring
 * one (EKS Auto Mode and Bottlerocket do); KEDA for ScaledObjects; LeaderWorkerSet for multi-node plans; Argo
 * Rollouts for Rollouts (progressive delivery);
 * the Prometheus operator for ServiceMonitor/PrometheusRule and as KEDA's metrics source.
 */
import type { ClusterOperator } from '../kubernetes/runtimes/registry';
import type { EksCapacity } from '../spec/types';
import { ARGO_ROLLOUTS_CHART_VERSION, argoRolloutsComponent, type ArgoRolloutsComponentOptions } from './argo-rollouts-component';
import { ALERTMANAGER_SERVICE_ACCOUNT, alertmanagerConfig, alertmanagerGrant } from './alert-routing';
import {
  ALB_CONTROLLER_NAMESPACE,
  ALB_CONTROLLER_SERVICE_ACCOUNT,
  albControllerGrant,
  CLUSTER_AUTOSCALER_NAMESPACE,
  CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
  clusterAutoscalerGrant,
  EXTERNAL_SECRETS_NAMESPACE,
  EXTERNAL_SECRETS_SERVICE_ACCOUNT,
  externalSecretsGrant,
  type PodIdentityGrant,
} from './add-on-components';
import { KEDA_CHART_VERSION, kedaComponent } from './keda-component';
import { operatorComponents } from './operators';
import type { LlmCaptureOptions } from './llm-capture';
import type { ManagedPrometheusTarget } from './managed-prometheus';
import { OTEL_COLLECTOR_CHART_VERSION, otelCollectorComponent } from './otel-collector-component';
import { GPU_OPERATOR_CHART_VERSION, gpuOperatorComponent } from './gpu-operator-component';

/** One Helm release. */
export interface HelmComponent {
  /** Construct id / resource name, PascalCase. */
  readonly id: string;
  readonly release: string;
  readonly chart: string;
  /** `https://...` chart repository, or `oci://registry/path` (without the chart name) for OCI charts. */
  readonly repository: string;
  readonly version: string;
  readonly namespace: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Ids of components installed first (their CRDs or nodes are needed). */
  readonly dependsOn: readonly string[];
  /** Where the version was read. */
  readonly source: string;
  /** IAM role the chart's service account assumes through Pod Identity, created before the release. @default - none */
  readonly podIdentity?: PodIdentityGrant;
}

/** True for OCI-hosted charts (each engine spells their location differently). */
export function isOciChart(component: HelmComponent): boolean {
  return component.repository.startsWith('oci://');
}

/** Chart versions. Bump together with the sources; `aimd synth` output changes with them. */
export const CHART_VERSIONS = {
  /** endoflife.date/karpenter (1.11.1 of 2026-04-09, supports Kubernetes 1.29–1.35), read 2026-11-24. */
  karpenter: '1.11.1',
  /** See keda-component.ts (github.com/kedacore/charts/releases/tag/v2.21.1), read 2026-11-24. */
  keda: KEDA_CHART_VERSION,
  /** kubernetes/autoscaler release cluster-autoscaler-chart-9.56.0 (2026-03-02), read 2026-12-02. */
  clusterAutoscaler: '9.56.0',
  /** llm-d.ai model-server-orchestration docs recommend LWS release 1.0.0, read 2026-11-24. */
  leaderWorkerSet: '1.0.0',
  /** github.com/NVIDIA/k8s-device-plugin chart 0.18.2 (nvidia.github.io/k8s-device-plugin), read 2026-11-24. */
  nvidiaDevicePlugin: '0.18.2',
  /** docs.nvidia.com/datacenter/dcgm/latest/release-notes/dcgm-exporter.html (4.6.0-4.8.3, 2026-07-15), read 2026-11-24. */
  dcgmExporter: '4.8.3',
  /** github.com/aws/eks-charts release v0.0.244 (2026-09-10) bumps aws-efa-k8s-device-plugin to v0.5.21, read 2026-11-24. */
  efaDevicePlugin: 'v0.5.21',
  /** github.com/prometheus-community/helm-charts release kube-prometheus-stack-87.14.0, read 2026-11-24. */
  kubePrometheusStack: '87.14.0',
  /** github.com/external-secrets/external-secrets release v0.20.4 (chart of the same version, serves the external-secrets.io/v1 API), read 2026-11-24. */
  externalSecrets: '0.20.4',
  /** EKS user guide "Install AWS Load Balancer Controller with Helm" (controller v2.14.1 = chart 1.14.1, eks-charts), read 2026-11-24. */
  awsLoadBalancerController: '1.14.1',
  /** See argo-rollouts-component.ts (argo-helm chart 2.41.0 = Argo Rollouts v1.9.0), read 2026-12-03. */
  argoRollouts: ARGO_ROLLOUTS_CHART_VERSION,
  /** See otel-collector-component.ts (opentelemetry-collector chart 0.158.3 = collector 0.153.0), read 2026-12-03. */
  otelCollector: OTEL_COLLECTOR_CHART_VERSION,
  /** See gpu-operator-component.ts (NVIDIA/gpu-operator v26.7.0), read 2026-12-03. */
  gpuOperator: GPU_OPERATOR_CHART_VERSION,
} as const;

/**
 * How long Helm waits for a release (`--wait --timeout`), seconds. CDK's Helm custom resource runs in a Lambda
 * function, which stops at 900 s (Lambda quotas, read 2026-12-02): Helm must answer a minute before that, or a slow
 * install fails without its error and leaves the release half-done. The other engines use the same value.
 */
export const HELM_TIMEOUT_SECONDS = 840;

/** Namespace and release of the Prometheus stack; KEDA's Prometheus trigger queries its service. */
export const MONITORING_NAMESPACE = 'monitoring';
const PROMETHEUS_RELEASE = 'kube-prometheus-stack';
/** In-cluster Prometheus URL of the stack installed here (`<release>-prometheus.<namespace>:9090`). */
export const PROMETHEUS_HOST_PORT = `${PROMETHEUS_RELEASE}-prometheus.${MONITORING_NAMESPACE}.svc:9090`;
export const PROMETHEUS_URL = `http://${PROMETHEUS_HOST_PORT}`;

/** Namespace of the DCGM exporter; the serving objects' ServiceMonitor looks for it here. */
export const DCGM_NAMESPACE = 'gpu-monitoring';

/** Karpenter runs here with its service account `karpenter` (the Pod Identity association names both). */
export const KARPENTER_NAMESPACE = 'kube-system';
export const KARPENTER_SERVICE_ACCOUNT = 'karpenter';

/** Taint every GPU node carries so that only pods tolerating it (the model server, GPU daemons) land there. */
export const GPU_TAINT = { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' } as const;
const GPU_TOLERATION = { key: GPU_TAINT.key, operator: 'Exists', effect: GPU_TAINT.effect };

/**
 * GPU nodes as each capacity mode labels them: managed node groups get `nvidia.com/gpu.present` from
 * us, Karpenter and Auto Mode nodes carry the well-known `instance-gpu-manufacturer` label.
 */
const GPU_NODE_AFFINITY = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        { matchExpressions: [{ key: 'nvidia.com/gpu.present', operator: 'In', values: ['true'] }] },
        { matchExpressions: [{ key: 'karpenter.k8s.aws/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] }] },
        { matchExpressions: [{ key: 'eks.amazonaws.com/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] }] },
      ],
    },
  },
};

export interface ClusterComponentOptions {
  readonly clusterName: string;
  readonly capacity: EksCapacity;
  /** Node image family of GPU nodes. Bottlerocket NVIDIA variants ship the device plugin. @default 'al2023' */
  readonly amiFamily?: 'al2023' | 'bottlerocket';
  /** SQS queue Karpenter drains nodes from; required in `karpenter` mode. */
  readonly interruptionQueueName?: string;
  /** Serving objects use KEDA ScaledObjects. */
  readonly keda: boolean;
  /** Serving objects use a LeaderWorkerSet (multi-node plans). */
  readonly leaderWorkerSet: boolean;
  /**
   * A plan on the cluster serves from MIG slices (`plan.mig`): install the NVIDIA GPU Operator with its MIG manager
   * and a `mixed`-strategy device plugin in place of the standalone device plugin (lib/eks/gpu-operator-component.ts).
   * Only on AL2023 nodes outside Auto Mode (Auto Mode's node classes cannot be partitioned, Bottlerocket brings its own
   * plugin); elsewhere the deployability check reports the missing resource.
   * @default false
   */
  readonly mig?: boolean;
  /**
   * Install the Argo Rollouts controller: serving objects use a Rollout (progressive delivery). `gatewayApiPlugin`
   * loads its Gateway API traffic router plugin (the Rollout routes through an HTTPRoute).
   * @default - not installed
   */
  readonly argoRollouts?: ArgoRolloutsComponentOptions;
  /**
   * Install the External Secrets Operator, allowed to read only these Secrets Manager secrets (names or ARNs).
   * @default - not installed
   */
  readonly externalSecrets?: { readonly secretIds: readonly string[] };
  /**
   * Install the AWS Load Balancer Controller for the serving Ingress. Ignored in EKS Auto Mode, which brings its own
   * (the serving objects add the IngressClass there). `vpcId` spares the controller the instance metadata lookup;
   * engines whose VPC id is not a string (Pulumi outputs) set it on the release instead.
   * @default - not installed
   */
  readonly albController?: { readonly region: string; readonly vpcId?: string };
  /**
   * Region of the cluster: the Cluster Autoscaler (installed for `managed-nodegroup` capacity, whose node groups
   * nothing else grows) calls the Auto Scaling API there.
   * @default - required with capacity `managed-nodegroup`
   */
  readonly region?: string;
  /**
   * ARN of the SNS topic Alertmanager sends Prometheus alerts to (with `region`); Alertmanager gets a Pod Identity
   * role that may publish there.
   * @default - alerts stay in Alertmanager (its default route has no receiver)
   */
  readonly alertTopicArn?: string;
  /**
   * Operators the serving runtime needs (KServe, KubeRay, Seldon Core, Argo Rollouts), installed after the base
   * components (lib/eks/operators.ts).
   * @default - none
   */
  readonly operators?: readonly ClusterOperator[];
  /**
   * Install the OpenTelemetry Collector (lib/eks/otel-collector-component.ts) that receives the model server's OTLP
   * traces and writes them to X-Ray in `region`. Needs `region`.
   * @default true where `region` is given
   */
  readonly otelCollector?: boolean;
  /**
   * Capture sampled summaries of vLLM's requests to S3 through the collector (lib/eks/llm-capture.ts), for the LLM
   * drift job. Needs the collector.
   * @default - no capture
   */
  readonly llmCapture?: LlmCaptureOptions;
  /**
   * Remote-write the cluster's metrics to this Amazon Managed Service for Prometheus workspace through the collector
   * (lib/eks/managed-prometheus.ts). Needs the collector.
   * @default - metrics stay in the cluster's Prometheus
   */
  readonly managedPrometheus?: ManagedPrometheusTarget;
  /**
   * Releases a platform adds on top of the cluster's own (e.g. a model gateway's Envoy Gateway and AI Gateway,
   * lib/kubernetes/gateway), installed last; their `dependsOn` name components of this list or of their own.
   * @default - none
   */
  readonly additionalComponents?: readonly HelmComponent[];
}

/** The Helm releases a GPU inference cluster needs, in install order. */
export function gpuClusterComponents(options: ClusterComponentOptions): HelmComponent[] {
  const components: HelmComponent[] = [];
  const base: string[] = [];
  if (options.capacity === 'karpenter') {
    if (!options.interruptionQueueName) throw new Error("gpuClusterComponents: capacity 'karpenter' needs interruptionQueueName");
    components.push({
      id: 'Karpenter',
      release: 'karpenter',
      chart: 'karpenter',
      repository: 'oci://public.ecr.aws/karpenter',
      version: CHART_VERSIONS.karpenter,
      namespace: KARPENTER_NAMESPACE,
      values: {
        settings: { clusterName: options.clusterName, interruptionQueue: options.interruptionQueueName },
        serviceAccount: { name: KARPENTER_SERVICE_ACCOUNT },
        controller: { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
      },
      dependsOn: [],
      source: 'Karpenter getting started: helm upgrade --install karpenter oci://public.ecr.aws/karpenter/karpenter',
    });
    base.push('Karpenter');
  }
  if (options.capacity === 'managed-nodegroup') {
    if (!options.region) throw new Error("gpuClusterComponents: capacity 'managed-nodegroup' needs region (Cluster Autoscaler)");
    components.push(clusterAutoscaler(options.clusterName, options.region));
  }
  // EKS Auto Mode runs its own device plugin; Bottlerocket NVIDIA variants ship one in the image. With MIG the GPU
  // Operator's device plugin takes its place: one plugin per node.
  const al2023Nodes = options.capacity !== 'auto-mode' && (options.amiFamily ?? 'al2023') === 'al2023';
  if (al2023Nodes && options.mig) components.push(gpuOperatorComponent(base));
  if (al2023Nodes && !options.mig) {
    components.push({
      id: 'NvidiaDevicePlugin',
      release: 'nvidia-device-plugin',
      chart: 'nvidia-device-plugin',
      repository: 'https://nvidia.github.io/k8s-device-plugin',
      version: CHART_VERSIONS.nvidiaDevicePlugin,
      namespace: 'kube-system',
      values: { affinity: GPU_NODE_AFFINITY, tolerations: [GPU_TOLERATION, { key: 'CriticalAddonsOnly', operator: 'Exists' }] },
      dependsOn: base,
      source: 'EKS user guide: AL2023 accelerated AMIs need the NVIDIA device plugin installed separately',
    });
  }
  components.push({
    id: 'PrometheusStack',
    release: PROMETHEUS_RELEASE,
    chart: 'kube-prometheus-stack',
    repository: 'https://prometheus-community.github.io/helm-charts',
    version: CHART_VERSIONS.kubePrometheusStack,
    namespace: MONITORING_NAMESPACE,
    values: {
      prometheus: {
        prometheusSpec: {
          // Pick up the ServiceMonitors, PodMonitors and rules of every namespace, not only the chart's own.
          serviceMonitorSelectorNilUsesHelmValues: false,
          podMonitorSelectorNilUsesHelmValues: false,
          ruleSelectorNilUsesHelmValues: false,
          retention: '15d',
        },
      },
      ...(options.alertTopicArn !== undefined && options.region !== undefined && {
        alertmanager: {
          serviceAccount: { create: true, name: ALERTMANAGER_SERVICE_ACCOUNT },
          config: alertmanagerConfig(options.alertTopicArn, options.region),
        },
      }),
      grafana: {
        // null removes the chart's well-known default password; Grafana then generates one into its secret.
        adminPassword: null,
        sidecar: { dashboards: { enabled: true, label: 'grafana_dashboard', searchNamespace: 'ALL' } },
      },
    },
    dependsOn: base,
    source: 'prometheus-community kube-prometheus-stack',
    ...(options.alertTopicArn !== undefined && { podIdentity: alertmanagerGrant(options.clusterName) }),
  });
  components.push({
    id: 'DcgmExporter',
    release: 'dcgm-exporter',
    chart: 'dcgm-exporter',
    repository: 'https://nvidia.github.io/dcgm-exporter/helm-charts',
    version: CHART_VERSIONS.dcgmExporter,
    namespace: DCGM_NAMESPACE,
    values: {
      affinity: GPU_NODE_AFFINITY,
      tolerations: [GPU_TOLERATION],
      // The serving objects bring their own ServiceMonitor (selecting app.kubernetes.io/component=dcgm-exporter).
      serviceMonitor: { enabled: false },
    },
    dependsOn: [...base, 'PrometheusStack'],
    source: 'NVIDIA DCGM exporter Helm chart',
  });
  if (options.keda) components.push(kedaComponent(base));
  // Multi-node replicas request vpc.amazonaws.com/efa; AL2023 and Bottlerocket AMIs need the plugin installed
  // (EKS user guide, "Manage EFA devices on Amazon EKS", read 2026-11-24). Auto Mode manages its own devices.
  if (options.leaderWorkerSet && options.capacity !== 'auto-mode') {
    components.push({
      id: 'EfaDevicePlugin',
      release: 'aws-efa-k8s-device-plugin',
      chart: 'aws-efa-k8s-device-plugin',
      repository: 'https://aws.github.io/eks-charts',
      version: CHART_VERSIONS.efaDevicePlugin,
      namespace: 'kube-system',
      values: { tolerations: [GPU_TOLERATION, { key: 'CriticalAddonsOnly', operator: 'Exists' }] },
      dependsOn: base,
      source: 'EKS user guide: install the EFA Kubernetes device plugin with Helm from eks-charts',
    });
  }
  if (options.leaderWorkerSet) {
    components.push({
      id: 'LeaderWorkerSet',
      release: 'lws',
      chart: 'lws',
      repository: 'oci://registry.k8s.io/lws/charts',
      version: CHART_VERSIONS.leaderWorkerSet,
      namespace: 'lws-system',
      values: {},
      dependsOn: base,
      source: 'helm install lws oci://registry.k8s.io/lws/charts/lws --namespace lws-system --create-namespace',
    });
  }
  // After the Prometheus stack: the canary analysis queries it.
  if (options.argoRollouts) components.push(argoRolloutsComponent(options.argoRollouts, [...base, 'PrometheusStack']));
  if ((options.otelCollector ?? true) && options.region !== undefined) {
    components.push(otelCollectorComponent({
      clusterName: options.clusterName, region: options.region, llmCapture: options.llmCapture,
      managedPrometheus: options.managedPrometheus, prometheusHostPort: PROMETHEUS_HOST_PORT,
    }, base));
  }
  components.push(...awsAddOns(options, base));
  components.push(...operatorComponents(options.operators ?? [], options.clusterName, [...base, 'PrometheusStack']));
  components.push(...(options.additionalComponents ?? []));
  return components;
}

/** The External Secrets Operator and the AWS Load Balancer Controller, each with its Pod Identity grant. */
function awsAddOns(options: ClusterComponentOptions, base: readonly string[]): HelmComponent[] {
  const addOns: HelmComponent[] = [];
  if (options.externalSecrets && options.externalSecrets.secretIds.length > 0) {
    addOns.push({
      id: 'ExternalSecrets',
      release: 'external-secrets',
      chart: 'external-secrets',
      repository: 'https://charts.external-secrets.io',
      version: CHART_VERSIONS.externalSecrets,
      namespace: EXTERNAL_SECRETS_NAMESPACE,
      values: { installCRDs: true, serviceAccount: { create: true, name: EXTERNAL_SECRETS_SERVICE_ACCOUNT } },
      dependsOn: [...base],
      source: 'external-secrets.io getting started: helm install external-secrets external-secrets/external-secrets -n external-secrets --create-namespace',
      podIdentity: externalSecretsGrant(options.clusterName, options.externalSecrets.secretIds),
    });
  }
  if (options.albController && options.capacity !== 'auto-mode') {
    const { region, vpcId } = options.albController;
    addOns.push({
      id: 'AwsLoadBalancerController',
      release: 'aws-load-balancer-controller',
      chart: 'aws-load-balancer-controller',
      repository: 'https://aws.github.io/eks-charts',
      version: CHART_VERSIONS.awsLoadBalancerController,
      namespace: ALB_CONTROLLER_NAMESPACE,
      values: {
        clusterName: options.clusterName,
        // Pods cannot reach IMDS through a hop limit of 1: give the region and VPC the controller would look up there.
        region,
        ...(vpcId !== undefined && { vpcId }),
        serviceAccount: { create: true, name: ALB_CONTROLLER_SERVICE_ACCOUNT },
      },
      dependsOn: [...base],
      source: 'EKS user guide: helm install aws-load-balancer-controller eks/aws-load-balancer-controller -n kube-system --set clusterName=... --set serviceAccount.name=aws-load-balancer-controller',
      podIdentity: albControllerGrant(options.clusterName),
    });
  }
  return addOns;
}

/**
 * The Cluster Autoscaler grows and shrinks managed node groups: without it a node group stays at its desired size and
 * scaled-out replicas stay Pending. It discovers the groups by the tags EKS puts on their Auto Scaling groups.
 */
function clusterAutoscaler(clusterName: string, region: string): HelmComponent {
  return {
    id: 'ClusterAutoscaler',
    release: 'cluster-autoscaler',
    chart: 'cluster-autoscaler',
    repository: 'https://kubernetes.github.io/autoscaler',
    version: CHART_VERSIONS.clusterAutoscaler,
    namespace: CLUSTER_AUTOSCALER_NAMESPACE,
    values: {
      cloudProvider: 'aws',
      awsRegion: region,
      autoDiscovery: { clusterName },
      rbac: { serviceAccount: { create: true, name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } },
      // Scale in only nodes that stayed empty (a GPU node that holds a loaded model is never "underutilized").
      extraArgs: { 'balance-similar-node-groups': true, 'skip-nodes-with-local-storage': true, 'scale-down-unneeded-time': '10m' },
    },
    dependsOn: [],
    source: 'kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md: helm install cluster-autoscaler autoscaler/cluster-autoscaler --set autoDiscovery.clusterName=<cluster> --set awsRegion=<region>',
    podIdentity: clusterAutoscalerGrant(clusterName),
  };
}
