/** CDK constructs of SageMaker endpoints (L1 resources wrapped in L3 constructs). */
export * from './model-endpoint';
export * from './endpoint-storage';
export * from './endpoint-network';
export * from './endpoint-alarms';
export * from './endpoint-autoscaling';
export * from './data-quality-monitor';
export * from './model-quality-monitor';
export * from './sagemaker-service-role';
