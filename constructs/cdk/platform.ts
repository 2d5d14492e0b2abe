/**
 * Many models on one platform: a platform stack (VPC, keys, buckets, one shared GPU EKS cluster) and model stacks
 * placed automatically below CloudFormation's per-stack limits (docs/scale.md).
 */
export { addMultiModelApp, type MultiModelApp, type MultiModelAppProps } from '../../stacks/cdk/multi-model-app';
export { ModelPlatformStack, platformExportNames } from '../../stacks/cdk/model-platform-stack';
export { ModelStack } from '../../stacks/cdk/model-stack';
