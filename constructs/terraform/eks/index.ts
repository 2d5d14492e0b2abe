/** EKS GPU inference on Terraform (cdktf): the cluster, the vLLM deployment on it, and their parts. */
export * from './gpu-inference-cluster';
export * from './llm-serving-on-eks';
export * from './gpu-cluster-monitoring';
export * from './helm-releases';
export * from './karpenter';
export * from './kms-key';
export * from './kube-objects';
export * from './managed-nodegroup';
export * from './model-bucket';
export * from './network';
