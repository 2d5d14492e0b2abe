/**
 * The GKE binding: GPU node pools selected by node pool and accelerator label, Workload Identity Federation for GKE,
 * the Google Cloud CLI copying weights from Cloud Storage, and Google Cloud Managed Service for Prometheus.
 */
import { GPU_TAINT_KEY } from '../labels';
import { HOME_PATH, isS3Source, LOCAL_MODEL_PATH, loraAdapterPath } from '../model-source';
import { bucketPath, downloadContainer } from './object-store-download';
import type { ClusterCloud, GpuNodeTarget, GpuPlacement, PrometheusQueryBinding, WeightDownloadInput } from './types';

/**
 * Google Cloud CLI image for the download init container: `:VERSION-stable` (gcloud with gsutil and bq on Debian 12,
 * the image Google recommends since `:slim` was retired). Source: GoogleCloudPlatform/cloud-sdk-docker README
 * ("docker pull gcr.io/google.com/cloudsdktool/google-cloud-cli:573.0.0-stable"), read 2026-12-03.
 */
export const GOOGLE_CLOUD_CLI_IMAGE = 'gcr.io/google.com/cloudsdktool/google-cloud-cli:573.0.0-stable';

/** GKE labels every node with its node pool and, on GPU pools, its accelerator (GKE docs, "About GPUs in GKE", read 2026-12-03). */
export const GKE_NODE_POOL_LABEL = 'cloud.google.com/gke-nodepool';
export const GKE_ACCELERATOR_LABEL = 'cloud.google.com/gke-accelerator';
/** The Kubernetes ServiceAccount annotation naming the IAM service account it acts as (GKE docs, "Authenticate to Google Cloud APIs from GKE workloads", read 2026-12-03). */
export const GKE_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';
/**
 * The GKE metadata server serves Workload Identity tokens on 169.254.169.254:80; clusters with network policy must
 * also allow 169.254.169.252:988, where it listens on Dataplane V2 (GKE docs, "Authenticate to Google Cloud APIs from
 * GKE workloads", restrictions, read 2026-12-03).
 */
export const GKE_METADATA_SERVER_ENDPOINTS = [
  { cidr: '169.254.169.254/32', port: 80 },
  { cidr: '169.254.169.252/32', port: 988 },
] as const;

/**
 * KEDA's Prometheus triggers on GKE query Managed Service for Prometheus through its query frontend: the `frontend`
 * Deployment and Service (image gke.gcr.io/prometheus-engine/frontend, `--web.listen-address=:9090`) in `gmp-public`,
 * which signs each query with its own Workload Identity and serves the Prometheus HTTP API unauthenticated inside the
 * cluster. Sources: GKE docs, Managed Service for Prometheus, "Horizontal Pod autoscaling (HPA)", KEDA section
 * (`serverAddress: http://frontend.NAMESPACE.svc:9090`) and "Query using the Prometheus API or UI" (the frontend),
 * https://cloud.google.com/stackdriver/docs/managed-prometheus/hpa; frontend README,
 * GoogleCloudPlatform/prometheus-engine cmd/frontend ("re-exposes the JSON/HTTP API unauthenticated"); read 2026-12-03.
 * The frontend is an add-on of the cluster (one per cluster), not of a deployment.
 */
export const GMP_FRONTEND_NAMESPACE = 'gmp-public';
export const GMP_FRONTEND_QUERY_ADDRESS = `http://frontend.${GMP_FRONTEND_NAMESPACE}.svc:9090`;

/**
 * The Managed Service for Prometheus query API of a project (Prometheus HTTP API root). KEDA's Prometheus scaler
 * queries it directly with the operator's own Workload Identity (TriggerAuthentication `podIdentity.provider: gcp`):
 * the integration the GMP HPA page sends KEDA users to (cloud.google.com/stackdriver/docs/managed-prometheus/hpa,
 * "Use KEDA") and that KEDA documents (keda.sh/docs/2.18/scalers/prometheus, "Example: Google Managed Prometheus":
 * `serverAddress: https://monitoring.googleapis.com/v1/projects/<project>/location/global/prometheus`); read 2026-12-03.
 * Nothing runs in the cluster for it, unlike the query frontend.
 */
export function gmpQueryApiAddress(project: string): string {
  return `https://monitoring.googleapis.com/v1/projects/${project}/location/global/prometheus`;
}
/** KEDA's GCP Workload Identity pod identity provider (keda.sh/docs/2.18/authentication-providers/gcp-workload-identity, read 2026-12-03). */
export const GCP_WORKLOAD_IDENTITY_KEDA_PROVIDER = 'gcp';

export interface GcpCloudOptions {
  /**
   * Google Cloud project whose Managed Service for Prometheus KEDA queries through the GMP query API
   * ({@link gmpQueryApiAddress}), authenticated as the KEDA operator's Workload Identity. Cannot be combined with
   * `prometheusQueryAddress` (which wins).
   * @default - none: the in-cluster GMP query frontend (`GMP_FRONTEND_QUERY_ADDRESS`), which the cluster must run
   */
  readonly project?: string;
  /**
   * Prometheus HTTP API KEDA's triggers query, unauthenticated (e.g. a GMP query frontend's Service).
   * @default - the GMP query API of `project`, else GMP_FRONTEND_QUERY_ADDRESS
   */
  readonly prometheusQueryAddress?: string;
  /**
   * IAM service account the Kubernetes ServiceAccount acts as (annotation `iam.gke.io/gcp-service-account`).
   * @default - none: IAM grants the Kubernetes ServiceAccount's principal directly (Workload Identity Federation for GKE)
   */
  readonly serviceAccountEmail?: string;
  /**
   * GKE accelerator name of the GPU pool (`nvidia-l4`, `nvidia-h100-80gb`), selected with `cloud.google.com/gke-accelerator`.
   * @default - not selected: the node pool and machine type pick the nodes
   */
  readonly acceleratorType?: string;
}

/** The deployment's GKE node pool and machine type; GKE taints GPU nodes `nvidia.com/gpu=present:NoSchedule`. */
function gkeGpuPlacement(target: GpuNodeTarget, acceleratorType: string | undefined): GpuPlacement {
  const nodeSelector: Record<string, string> = {
    'node.kubernetes.io/instance-type': target.instanceType,
    [GKE_NODE_POOL_LABEL]: target.nodePoolName,
    ...(acceleratorType ? { [GKE_ACCELERATOR_LABEL]: acceleratorType } : {}),
  };
  return { nodeSelector, tolerations: [{ key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }] };
}

export function gcsCheckpointUri(source: { readonly bucketName: string; readonly prefix: string }): string {
  return `gs://${bucketPath(source)}`;
}

/**
 * `gcloud storage rsync --recursive` copies the checkpoint and adapters with the pod's Workload Identity (the CLI
 * asks the GKE metadata server); `--exclude` takes a Python regex on the relative path and skips Meta's duplicate
 * `original/` checkpoint (gcloud reference, "gcloud storage rsync", read 2026-12-03). `CLOUDSDK_CONFIG` points the
 * CLI's state at the writable home: the root filesystem is read-only.
 */
export function gcsWeightDownload(input: WeightDownloadInput) {
  const env = [
    { name: 'HOME', value: HOME_PATH },
    { name: 'CLOUDSDK_CONFIG', value: `${HOME_PATH}/.config/gcloud` },
  ];
  const steps = ['set -eu'];
  if (isS3Source(input.source)) {
    env.push({ name: 'MODEL_GCS_URI', value: gcsCheckpointUri(input.source) });
    steps.push(`gcloud storage rsync --recursive "$MODEL_GCS_URI" ${LOCAL_MODEL_PATH} --exclude='^original/'`);
  }
  input.adapters.forEach((adapter, index) => {
    env.push({ name: `LORA_${index}_GCS_URI`, value: adapter.uri });
    steps.push(`gcloud storage rsync --recursive "$LORA_${index}_GCS_URI" ${loraAdapterPath(adapter)}`);
  });
  return steps.length === 1 ? undefined : downloadContainer(GOOGLE_CLOUD_CLI_IMAGE, env, steps);
}

/** The GMP query API with KEDA's Workload Identity where a project is given; an unauthenticated in-cluster address otherwise. */
function gmpQuery(options: GcpCloudOptions): PrometheusQueryBinding {
  if (options.prometheusQueryAddress !== undefined || options.project === undefined) return { serverAddress: options.prometheusQueryAddress ?? GMP_FRONTEND_QUERY_ADDRESS };
  return { serverAddress: gmpQueryApiAddress(options.project), podIdentity: { provider: GCP_WORKLOAD_IDENTITY_KEDA_PROVIDER } };
}

/** A GKE Standard cluster with Workload Identity and Managed Prometheus (see blueprints `llm-gke`). */
export function gcpCloud(options: GcpCloudOptions = {}): ClusterCloud {
  return {
    name: 'gcp',
    gpuPlacement: (target) => gkeGpuPlacement(target, options.acceleratorType),
    identity: {
      serviceAccountAnnotations: options.serviceAccountEmail ? { [GKE_SERVICE_ACCOUNT_ANNOTATION]: options.serviceAccountEmail } : {},
      podLabels: {},
      egress: GKE_METADATA_SERVER_ENDPOINTS,
    },
    modelDownload: { uriScheme: 'gs://', checkpointUri: gcsCheckpointUri, initContainer: gcsWeightDownload },
    metrics: { kind: 'pod-monitoring', rules: 'gmp-rules', query: gmpQuery(options) },
  };
}
