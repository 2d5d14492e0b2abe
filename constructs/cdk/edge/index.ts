/** Greengrass v2 edge fleet constructs. */
export * from './greengrass-model-fleet';
