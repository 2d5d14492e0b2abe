/** cdktf constructs of SageMaker endpoints (`@cdktf/provider-aws` deep imports). */
export * from './model-endpoint';
export * from './endpoint-storage';
export * from './endpoint-network';
export * from './endpoint-alarms';
export * from './endpoint-autoscaling';
export * from './data-quality-monitor';
export * from './model-quality-monitor';
export * from './sagemaker-service-role';
