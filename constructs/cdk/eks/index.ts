/** EKS GPU inference on AWS CDK: the cluster, the vLLM deployment on it, and their parts. */
export * from './gpu-inference-cluster';
export * from './llm-serving-on-eks';
export * from './gpu-capacity';
export * from './gpu-cluster-monitoring';
export * from './gpu-nodegroup';
export * from './karpenter';
export * from './kube-objects';
export * from './model-bucket';
export type { LlmEksDeploymentConfig } from '../../../lib/eks/deployment-config';
export type { LlmServingInputs } from '../../../lib/eks/serving';
