/**
 * The AKS binding: a GPU agent pool selected by name and tainted `sku=gpu:NoSchedule`, Microsoft Entra Workload ID,
 * the Azure CLI copying weights from Blob Storage, and Azure Monitor managed Prometheus (which reads ServiceMonitors
 * under its own API group).
 */
import { HOME_PATH, isS3Source, LOCAL_MODEL_PATH, loraAdapterPath, MODEL_MOUNT_PATH } from '../model-source';
import { bucketPath, downloadContainer } from './object-store-download';
import type { ClusterCloud, GpuNodeTarget, GpuPlacement, WeightDownloadInput } from './types';

/**
 * Azure CLI image for the download init container. Source: mcr.microsoft.com/azure-cli tags (2.77.0 used with
 * workload identity pods in public AKS guides; Microsoft Learn, "Run Azure CLI in a Docker container"), read 2026-12-03.
 */
export const AZURE_CLI_IMAGE = 'mcr.microsoft.com/azure-cli:2.77.0';

/** AKS labels nodes with their agent pool (AKS docs, "Manage node pools", read 2026-12-03). */
export const AKS_AGENT_POOL_LABEL = 'kubernetes.azure.com/agentpool';
/** The taint AKS docs give GPU pools (`az aks nodepool add --node-taints sku=gpu:NoSchedule`, "Use GPUs on AKS", read 2026-12-03). */
export const AKS_GPU_TAINT = { key: 'sku', value: 'gpu', effect: 'NoSchedule' } as const;
/** Microsoft Entra Workload ID: the ServiceAccount annotation and the pod label its webhook acts on (AKS docs, "Workload identity overview", read 2026-12-03). */
export const AZURE_CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
export const AZURE_WORKLOAD_IDENTITY_POD_LABEL = 'azure.workload.identity/use';
/**
 * Azure Monitor managed Prometheus reads ServiceMonitor and PodMonitor under `azmonitoring.coreos.com/v1`, not the
 * Prometheus Operator's group (Azure Monitor docs, "Create custom Prometheus scrape jobs using CRDs", read
 * 2026-12-03). Its alert rules are Azure resources (Prometheus rule groups), not PrometheusRule objects.
 */
export const AZURE_MONITOR_PROMETHEUS_API_VERSION = 'azmonitoring.coreos.com/v1';

/**
 * KEDA's Prometheus triggers on AKS query the Azure Monitor workspace's Prometheus query endpoint
 * (`https://<workspace>.<region>.prometheus.monitor.azure.com`, the workspace's `query_endpoint`), which takes Entra
 * tokens only. A TriggerAuthentication with `podIdentity.provider: azure-workload` makes KEDA's operator present its
 * own Workload Identity (the managed identity federated with KEDA's ServiceAccount, which needs "Monitoring Data
 * Reader" on the workspace); `identityId` picks another federated identity. Sources: KEDA docs, Prometheus scaler,
 * "Azure Monitor Managed Service for Prometheus" (https://keda.sh/docs/latest/scalers/prometheus/) and
 * "Azure AD Workload Identity" authentication provider (https://keda.sh/docs/latest/authentication-providers/azure-ad-workload-identity/: `identityId` defaults to the client id annotated on the KEDA operator ServiceAccount, Helm `podIdentity.azureWorkload.clientId`);
 * Azure Monitor docs, "Integrate KEDA with your Azure Kubernetes Service cluster"
 * (https://learn.microsoft.com/azure/azure-monitor/essentials/integrate-keda); read 2026-12-03.
 */
export const AZURE_WORKLOAD_IDENTITY_KEDA_PROVIDER = 'azure-workload';
/** Stands for the workspace's query endpoint until an engine resolves it (Terraform: `azurerm_monitor_workspace.query_endpoint`). */
export const PROMETHEUS_QUERY_ENDPOINT_PLACEHOLDER = '${PROMETHEUS_QUERY_ENDPOINT}';

export interface AzureCloudOptions {
  /** Client id of the user-assigned managed identity the ServiceAccount federates with. */
  readonly clientId: string;
  /**
   * Prometheus query endpoint of the Azure Monitor workspace the cluster's metrics go to.
   * @default PROMETHEUS_QUERY_ENDPOINT_PLACEHOLDER
   */
  readonly prometheusQueryEndpoint?: string;
  /**
   * Client id of the managed identity KEDA queries the workspace as (TriggerAuthentication `podIdentity.identityId`).
   * @default - KEDA operator's own Workload Identity (its ServiceAccount's `azure.workload.identity/client-id`)
   */
  readonly kedaIdentityClientId?: string;
  /** Storage account holding the weights container (`modelSource.bucketName` is the container). */
  readonly storageAccountName: string;
}

function aksGpuPlacement(target: GpuNodeTarget): GpuPlacement {
  return {
    nodeSelector: { 'node.kubernetes.io/instance-type': target.instanceType, [AKS_AGENT_POOL_LABEL]: target.nodePoolName },
    tolerations: [{ key: AKS_GPU_TAINT.key, operator: 'Equal', value: AKS_GPU_TAINT.value, effect: AKS_GPU_TAINT.effect }],
  };
}

/**
 * The webhook injects `AZURE_CLIENT_ID`, `AZURE_TENANT_ID` and `AZURE_FEDERATED_TOKEN_FILE` into the pod's
 * containers; `az login --federated-token` trades the projected token for Entra credentials (Azure CLI reference,
 * "az login", read 2026-12-03), then `download-batch --auth-mode login` reads the blobs under the prefix.
 * download-batch keeps blob paths, so the prefix directory is moved into place afterwards.
 */
function blobWeightDownload(storageAccountName: string, input: WeightDownloadInput) {
  const staging = `${MODEL_MOUNT_PATH}/.download`;
  const env = [
    { name: 'HOME', value: HOME_PATH },
    { name: 'AZURE_CONFIG_DIR', value: `${HOME_PATH}/.azure` },
    { name: 'STORAGE_ACCOUNT', value: storageAccountName },
  ];
  const login = 'az login --service-principal -u "$AZURE_CLIENT_ID" -t "$AZURE_TENANT_ID" --federated-token "$(cat "$AZURE_FEDERATED_TOKEN_FILE")" --allow-no-subscriptions --output none';
  const steps = ['set -eu', login];
  const copy = (container: string, prefix: string, target: string, key: string) => {
    env.push({ name: `${key}_CONTAINER`, value: container }, { name: `${key}_PREFIX`, value: prefix });
    steps.push(
      `az storage blob download-batch --auth-mode login --account-name "$STORAGE_ACCOUNT" --source "$${key}_CONTAINER" --pattern "$${key}_PREFIX*" --destination ${staging}/${key} --output none`,
      `mv "${staging}/${key}/$${key}_PREFIX" ${target}`,
    );
  };
  if (isS3Source(input.source)) {
    const path = bucketPath(input.source);
    copy(input.source.bucketName, path.slice(input.source.bucketName.length + 1), LOCAL_MODEL_PATH, 'MODEL');
  }
  input.adapters.forEach((adapter, index) => {
    // https://<account>.blob.core.windows.net/<container>/<prefix>
    const [, container = '', prefix = ''] = /^https:\/\/[^/]+\/([^/]+)\/?(.*)$/.exec(adapter.uri) ?? [];
    copy(container, prefix.replace(/\/*$/, '/'), loraAdapterPath(adapter), `LORA_${index}`);
  });
  return steps.length === 2 ? undefined : downloadContainer(AZURE_CLI_IMAGE, env, steps);
}

/** An AKS cluster with Workload ID and Azure Monitor managed Prometheus. */
export function azureCloud(options: AzureCloudOptions): ClusterCloud {
  return {
    name: 'azure',
    gpuPlacement: aksGpuPlacement,
    identity: {
      serviceAccountAnnotations: { [AZURE_CLIENT_ID_ANNOTATION]: options.clientId },
      podLabels: { [AZURE_WORKLOAD_IDENTITY_POD_LABEL]: 'true' },
      // Entra ID is reached over HTTPS, which the serving NetworkPolicy already allows.
      egress: [],
    },
    modelDownload: {
      uriScheme: 'https://',
      checkpointUri: (source) => `https://${options.storageAccountName}.blob.core.windows.net/${bucketPath(source)}`,
      initContainer: (input) => blobWeightDownload(options.storageAccountName, input),
    },
    metrics: {
      kind: 'service-monitor',
      apiVersion: AZURE_MONITOR_PROMETHEUS_API_VERSION,
      rules: 'none',
      query: {
        serverAddress: options.prometheusQueryEndpoint ?? PROMETHEUS_QUERY_ENDPOINT_PLACEHOLDER,
        podIdentity: { provider: AZURE_WORKLOAD_IDENTITY_KEDA_PROVIDER, ...(options.kedaIdentityClientId && { identityId: options.kedaIdentityClientId }) },
      },
    },
  };
}
