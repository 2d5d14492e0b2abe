/**
 * `ClusterCloud`: the few things a serving deployment's Kubernetes objects must know about the cloud running the
 * cluster, and nothing else. Every builder (pod template, ServiceAccount, NetworkPolicy, monitoring) asks the cloud
 * for these four and stays the same on EKS, GKE, AKS or any cluster:
 *
 * - GPU scheduling: which node selector and tolerations put a pod on the deployment's GPU nodes;
 * - workload identity: how the ServiceAccount and pods are bound to a cloud identity (and where its token comes from);
 * - model download: the init container copying the weights from the cloud's object store to local disk;
 * - metrics: which custom resources make the cluster's Prometheus scrape and alert.
 *
 * Values are pure data plus pure functions: building one never calls a cloud.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IToleration } from 'kubernetes-models/v1/Toleration';
import type { LlmServingObjectsOptions, LoraAdapterSource, ModelSource } from '../options';

/** The clouds with a binding; `kubernetes` is any cluster (on-prem included) with no cloud integration assumed. */
export type ClusterCloudName = 'aws' | 'gcp' | 'azure' | 'kubernetes';

/** What scheduling needs to know about the deployment's GPU nodes. */
export interface GpuNodeTarget {
  /** Machine type of the GPU nodes (`g6e.xlarge`, `a3-highgpu-8g`, `Standard_NC24ads_A100_v4`). */
  readonly instanceType: string;
  /** Node pool of the deployment (Karpenter NodePool, GKE node pool, AKS agent pool). */
  readonly nodePoolName: string;
  /** How the cluster's GPU nodes are provisioned (read by the AWS binding only). */
  readonly capacity: LlmServingObjectsOptions['capacity'];
}

export interface GpuPlacement {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly IToleration[];
}

/** An egress destination the identity needs besides HTTPS (a link-local credential endpoint). */
export interface IdentityEndpoint {
  readonly cidr: string;
  readonly port: number;
}

export interface WorkloadIdentityBinding {
  /** Annotations of the serving ServiceAccount (GKE: `iam.gke.io/gcp-service-account`; AKS: `azure.workload.identity/client-id`). */
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** Labels of every serving pod (AKS: `azure.workload.identity/use: "true"`). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Link-local credential endpoints the NetworkPolicy must open (EKS Pod Identity agent, GKE metadata server). */
  readonly egress: readonly IdentityEndpoint[];
}

/** What the model download container is given. */
export interface WeightDownloadInput {
  readonly source: ModelSource;
  readonly adapters: readonly LoraAdapterSource[];
  /** The plan's region (AWS CLI needs it; others ignore it). */
  readonly region: string;
}

export interface ModelDownload {
  /**
   * URI scheme of the cloud's object store (`s3://`, `gs://`, `https://` for Blob Storage), which LoRA adapter URIs
   * must use; undefined when the cloud has no object store binding (then only Hub sources are accepted).
   */
  readonly uriScheme?: 's3://' | 'gs://' | 'https://';
  /** The bucket-like URI of a checkpoint stored in the cloud's object store (bucketName + prefix). */
  checkpointUri?(source: { readonly bucketName: string; readonly prefix: string }): string;
  /** The init container that copies the weights to local disk; undefined when there is nothing to copy. */
  initContainer(input: WeightDownloadInput): IContainer | undefined;
}

/**
 * Where KEDA's Prometheus triggers query the cluster's metrics, and how they authenticate.
 * - EKS: no binding; the in-cluster kube-prometheus-stack Prometheus (`DEFAULT_PROMETHEUS_ADDRESS`), unauthenticated.
 * - GKE: the Managed Service for Prometheus query API of the project, which takes Google credentials only: a
 *   TriggerAuthentication with KEDA's `gcp` pod identity provider (or, without a project, an in-cluster GMP query
 *   frontend that signs queries with its own Workload Identity).
 * - AKS: the Azure Monitor workspace's query endpoint, which takes Entra tokens only: a TriggerAuthentication with
 *   KEDA's `azure-workload` pod identity provider.
 */
export interface PrometheusQueryBinding {
  /** The Prometheus trigger's `serverAddress` (an HTTP API root that serves `/api/v1/query`). */
  readonly serverAddress: string;
  /**
   * `spec.podIdentity` of the TriggerAuthentication every Prometheus trigger references (keda.sh/v1alpha1).
   * @default - none: the endpoint takes unauthenticated in-cluster queries
   */
  readonly podIdentity?: { readonly provider: 'azure-workload' | 'gcp'; readonly identityId?: string };
}

/**
 * How the cluster's Prometheus is told what to scrape and alert on, and (`query`) where KEDA reads it back.
 * - `service-monitor`: Prometheus Operator ServiceMonitor / PrometheusRule under `apiVersion` (kube-prometheus-stack:
 *   `monitoring.coreos.com/v1`; Azure Monitor managed Prometheus: `azmonitoring.coreos.com/v1`, no rules CR).
 * - `pod-monitoring`: Google Cloud Managed Service for Prometheus PodMonitoring and Rules (`monitoring.googleapis.com/v1`).
 */
export type MetricsBinding =
  | { readonly kind: 'service-monitor'; readonly apiVersion: string; readonly rules: 'prometheus-rule' | 'none'; readonly query?: PrometheusQueryBinding }
  | { readonly kind: 'pod-monitoring'; readonly rules: 'gmp-rules'; readonly query?: PrometheusQueryBinding };

/** The cloud running the cluster, as the Kubernetes objects see it. */
export interface ClusterCloud {
  readonly name: ClusterCloudName;
  gpuPlacement(target: GpuNodeTarget): GpuPlacement;
  readonly identity: WorkloadIdentityBinding;
  readonly modelDownload: ModelDownload;
  readonly metrics: MetricsBinding;
}
