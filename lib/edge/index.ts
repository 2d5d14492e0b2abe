/** Greengrass edge deployments, engine-neutral: recipes, their validator, fleet deployments, policies, monitoring. */
export * from './access';
export * from './artifacts';
export * from './deployment';
export * from './edge-drift';
export * from './fleet-plan';
export * from './inference-component';
export * from './monitoring';
export * from './recipe';
export * from './recipe-validator';
export * from './rollout';
export * from './semver';
export * from './sensor-anomaly-model';
