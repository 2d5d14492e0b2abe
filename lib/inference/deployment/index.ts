/** Engine-neutral description of serverless inference deployments: what CDK, cdktf and Pulumi all render. */
export * from './alarms';
export * from './appspec';
export * from './arns';
export * from './config';
export * from './dashboard';
export * from './drift';
export * from './names';
export * from './network';
export * from './policies';
export * from './state-machine';
export * from './api';
export * from './triggers';
