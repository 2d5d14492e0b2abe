/**
 * Engine-neutral Kubernetes objects for LLM serving with vLLM: pure builders returning plain objects that every
 * engine applies as they are. See docs/kubernetes-objects.md.
 */
export * from './types';
export { buildLlmServingObjects } from './llm-serving';
export type { LlmServingObjectsOptions, AutoscalingOptions, ExposureOptions, MonitoringOptions, ModelSource, S3ModelSource, HuggingFaceModelSource, LoraAdapterSource, ProgressiveRolloutOptions, RolloutAnalysisOptions } from './options';
export {
  DEFAULT_ALB_SOURCE_CIDRS,
  DEFAULT_DCGM_EXPORTER_NAMESPACE,
  DEFAULT_GATEWAY,
  DEFAULT_PROMETHEUS_ADDRESS,
  DEFAULT_PROMETHEUS_NAMESPACE,
  DEFAULT_PROMETHEUS_SELECTOR_LABELS,
  DEFAULT_TARGET_KV_CACHE_USAGE,
  DEFAULT_TARGET_QUEUE_DEPTH,
  DEFAULT_MAX_5XX_RATIO,
} from './options';
export { canaryPeakPods, canarySurgeReplicas } from './rollout-capacity';
export type { CanaryCapacityShape, CanaryTrafficRouting } from './rollout-capacity';
export { rolloutSurgeReplicas } from './rollout-settings';
export { buildGpuNodePoolObjects } from './node-pools';
export type { GpuNodePoolOptions } from './node-pools';
export { buildNvidiaDevicePluginObjects, needsNvidiaDevicePlugin } from './nvidia-device-plugin';
export type { NvidiaDevicePluginOptions } from './nvidia-device-plugin';
export { vllmDashboard } from './dashboard';
export { startupBudget } from './probes';
export type { StartupBudget } from './probes';
export { gpuNodePoolName, HTTP_PORT } from './labels';
export { LOCAL_MODEL_PATH, checkpointUri } from './model-source';
export { AWS_CLI_IMAGE, KARPENTER_AMI_ALIASES, NVIDIA_DEVICE_PLUGIN_IMAGE, VLLM_IMAGE_REPOSITORY, VLLM_IMAGE_TAG } from './versions';
export { buildServingObjects, servingOperators, kubernetesRuntime, kubernetesRuntimeEngines } from './runtimes/registry';
export type { KubernetesRuntime, ClusterOperator } from './runtimes/registry';
export type { ModelServerObjectsOptions, ServingObjectsOptions } from './runtimes/model-server-options';
export { buildTritonObjects } from './runtimes/triton/objects';
export { tritonConfigPbtxt, TRITON_DATA_TYPES } from './runtimes/triton/model-config';
export type { TritonDataType, TritonDynamicBatching, TritonEnsembleStep, TritonModelConfig, TritonModelKind, TritonTensor } from './runtimes/triton/model-config';
export { parsePbtxt, readTritonConfig } from './runtimes/triton/pbtxt';
export { tritonRepositoryFileProblems, tritonRepositoryProblems } from './runtimes/triton/repository-check';
export { tritonConfigFiles, tritonRepositoryConfigs } from './runtimes/triton/repository';
export type { TritonModelRepository, TritonRepositoryModel } from './runtimes/triton/repository';
export { TRITON_IMAGE_REPOSITORY, TRITON_IMAGE_TAG } from './runtimes/triton/versions';
export { awsCloud, gcpCloud, azureCloud, genericCloud, genericClusterCloud, GMP_FRONTEND_QUERY_ADDRESS, PROMETHEUS_QUERY_ENDPOINT_PLACEHOLDER, AZURE_WORKLOAD_IDENTITY_KEDA_PROVIDER } from './cloud';
export type { ClusterCloud, ClusterCloudName, GcpCloudOptions, AzureCloudOptions, GenericCloudOptions, GpuNodeTarget, GpuPlacement, MetricsBinding, PrometheusQueryBinding } from './cloud';
