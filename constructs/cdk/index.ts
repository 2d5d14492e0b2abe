/**
 * The cdk constructs of ai-model-deployment, one namespace per target, e.g.
 * `import { eks } from 'ai-model-deployment/cdk'`.
 */
import './engine-check';

export * as eks from './eks';
export * as sagemaker from './sagemaker';
export * as serverless from './serverless';
export * as edge from './edge';
export * as delivery from './delivery';
export { DeploymentStack, type DeploymentStackProps } from './deployment-stack';
export * as platform from './platform';
