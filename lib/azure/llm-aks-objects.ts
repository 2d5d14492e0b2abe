/**
 * The Kubernetes objects of an `llm-aks` deployment: the very same vLLM/KEDA/monitoring objects as on EKS, bound
 * to AKS through the cloud seam (`azureCloud`: the `gpu` agent pool and its `sku=gpu` taint, Entra Workload ID,
 * the Blob Storage download, Azure Monitor's ServiceMonitor), plus the NVIDIA device plugin placed on that pool.
 * Pure; the cdktf stack and the Pulumi program apply them with the Kubernetes provider, `aimd synth` writes them.
 */
import { buildNvidiaDevicePluginObjects } from '../kubernetes/nvidia-device-plugin';
import { azureCloud, AKS_AGENT_POOL_LABEL, AKS_GPU_TAINT } from '../kubernetes/cloud';
import { buildLlmServingObjects } from '../kubernetes/llm-serving';
import type { LlmServingObjectsOptions } from '../kubernetes/options';
import type { KubeObject } from '../kubernetes/types';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { LlmAksDesign } from './llm-aks-design';

/**
 * Where the model reader's client id goes in plain manifests, which are written before any apply: substitute
 * the cdktf output `model_reader_client_id` (e.g. `envsubst`). The engines pass the real value.
 */
export const MODEL_READER_CLIENT_ID_PLACEHOLDER = '${MODEL_READER_CLIENT_ID}';
/** The same for the identity KEDA queries the Monitor workspace as: the cdktf output `keda_client_id`. */
export const KEDA_CLIENT_ID_PLACEHOLDER = '${KEDA_CLIENT_ID}';

/** The Kubernetes Secret holding the deployment's API key, and its key. */
export function aksApiKeySecretName(design: Pick<LlmAksDesign, 'name'>): string {
  return `${design.name}-api-key`;
}
export const AKS_API_KEY_SECRET_KEY = 'api-key';

/** Prefix of the checkpoint in the weights container: `<model id>/`, as uploaded by `az storage blob upload-batch`. */
export function aksModelPrefix(plan: DeploymentPlan): string {
  return `${plan.spec.model.id ?? plan.spec.name}/`.replace(/^\/+/, '');
}

/**
 * The NVIDIA device plugin DaemonSet of lib/kubernetes (image pinned there), placed on the AKS GPU pool: AKS installs
 * the driver but not the plugin on GPU pools (learn.microsoft.com/azure/aks/use-nvidia-gpu, read 2026-12-03).
 */
export function aksDevicePluginObjects(design: LlmAksDesign): KubeObject[] {
  return buildNvidiaDevicePluginObjects({ capacity: 'managed-nodegroup' }).map((object) => {
    const copy = JSON.parse(JSON.stringify(object)) as Record<string, any>;
    const pod = copy.spec.template.spec;
    delete pod.affinity;
    pod.nodeSelector = { [AKS_AGENT_POOL_LABEL]: design.gpuPool.name };
    pod.tolerations = [{ key: AKS_GPU_TAINT.key, operator: 'Equal', value: AKS_GPU_TAINT.value, effect: AKS_GPU_TAINT.effect }];
    return copy as KubeObject;
  });
}

/**
 * The serving options of the deployment, shared by its objects and its Azure Monitor alert rules (lib/azure/alert-rules.ts).
 * @param clientId the model reader identity's client id (a cdktf token on Terraform) @default the placeholder
 * @param prometheusQueryEndpoint the Monitor workspace's query endpoint @default PROMETHEUS_QUERY_ENDPOINT_PLACEHOLDER
 * @param kedaClientId client id of the identity KEDA queries the workspace as (lib/azure/llm-aks-keda.ts)
 *   @default KEDA_CLIENT_ID_PLACEHOLDER
 */
export function llmAksServingOptions(design: LlmAksDesign, plan: DeploymentPlan, clientId: string = MODEL_READER_CLIENT_ID_PLACEHOLDER, prometheusQueryEndpoint?: string, kedaClientId: string = KEDA_CLIENT_ID_PLACEHOLDER): LlmServingObjectsOptions {
  const { llm, model, spec } = plan;
  if (llm === undefined || model === undefined) throw new Error(`Blueprint '${design.name}' needs an LLM plan (runtime 'vllm')`);
  return {
    name: design.name,
    namespace: design.workloadIdentity.namespace,
    plan: llm,
    model,
    modelSource: { bucketName: design.storage.containerName, prefix: aksModelPrefix(plan) },
    serviceAccountName: design.workloadIdentity.serviceAccount,
    // Every model API asks for a key (vLLM --api-key from this Secret). The operator creates it (docs/clouds/azure.md): no
    // random-value provider is installed for either engine, and a key in Terraform or Pulumi state is a key in plain text.
    apiKeySecret: { secretName: aksApiKeySecretName(design), key: AKS_API_KEY_SECRET_KEY },
    // Read by the AWS binding only; AKS GPU nodes come from the agent pool.
    capacity: 'managed-nodegroup',
    nodePoolName: design.gpuPool.name,
    // KEDA queries the Monitor workspace's query endpoint with its own Workload Identity (lib/kubernetes/cloud/azure.ts).
    cloud: azureCloud({
      clientId, storageAccountName: design.storage.accountName,
      ...(prometheusQueryEndpoint && { prometheusQueryEndpoint }), kedaIdentityClientId: kedaClientId,
    }),
    autoscaling: { minReplicas: Math.max(spec.scaling.minReplicas, 1), maxReplicas: spec.scaling.maxReplicas ?? Math.max(spec.scaling.minReplicas, 1), scaleToZero: false, engine: 'keda', offHours: spec.scaling.offHours },
    // Azure Monitor managed Prometheus takes no PrometheusRule objects: the same alerts are an Azure Prometheus rule group
    // (lib/azure/alert-rules.ts) routed to the deployment's action group. No Grafana sidecar dashboard.
    monitoring: { prometheusRules: false, dashboard: false, dcgmExporterNamespace: false },
  };
}

/**
 * Every object the deployment applies, in apply order (parameters as {@link llmAksServingOptions}).
 */
export function llmAksKubeObjects(design: LlmAksDesign, plan: DeploymentPlan, clientId: string = MODEL_READER_CLIENT_ID_PLACEHOLDER, prometheusQueryEndpoint?: string, kedaClientId: string = KEDA_CLIENT_ID_PLACEHOLDER): KubeObject[] {
  const serving = buildLlmServingObjects(llmAksServingOptions(design, plan, clientId, prometheusQueryEndpoint, kedaClientId));
  return [...aksDevicePluginObjects(design), ...serving];
}
