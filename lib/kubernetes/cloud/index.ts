/** The clouds a serving deployment's Kubernetes objects can target; see types.ts. */
export type { ClusterCloud, ClusterCloudName, GpuNodeTarget, GpuPlacement, MetricsBinding, ModelDownload, PrometheusQueryBinding, WeightDownloadInput, WorkloadIdentityBinding } from './types';
export { awsCloud, eksGpuPlacement, POD_IDENTITY_AGENT_CIDR } from './aws';
export { gcpCloud, gmpQueryApiAddress, GCP_WORKLOAD_IDENTITY_KEDA_PROVIDER, gcsCheckpointUri, GMP_FRONTEND_NAMESPACE, GMP_FRONTEND_QUERY_ADDRESS, GOOGLE_CLOUD_CLI_IMAGE, GKE_ACCELERATOR_LABEL, GKE_NODE_POOL_LABEL, GKE_SERVICE_ACCOUNT_ANNOTATION } from './gcp';
export type { GcpCloudOptions } from './gcp';
export { azureCloud, AZURE_CLI_IMAGE, AZURE_WORKLOAD_IDENTITY_KEDA_PROVIDER, PROMETHEUS_QUERY_ENDPOINT_PLACEHOLDER, AKS_AGENT_POOL_LABEL, AKS_GPU_TAINT, AZURE_CLIENT_ID_ANNOTATION, AZURE_MONITOR_PROMETHEUS_API_VERSION, AZURE_WORKLOAD_IDENTITY_POD_LABEL } from './azure';
export type { AzureCloudOptions } from './azure';
export { genericCloud, genericClusterCloud, GPU_PRESENT_LABEL } from './generic';
export type { GenericCloudOptions } from './generic';
