/**
 * EKS GPU inference on Pulumi: `GpuInferenceCluster` (from @pulumi/aws), `EksModelAccess`, and
 * `VllmService`, which deploys the serving objects to any Kubernetes cluster given a provider.
 */
export * from './gpu-inference-cluster';
export * from './model-access';
export * from './model-bucket';
export * from './vllm-service';
export { applyKubeObjects } from './kube-objects';
export { installHelmComponents } from './helm-releases';
