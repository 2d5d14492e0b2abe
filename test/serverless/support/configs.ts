/** Serverless deployment configurations for tests, planned from specs exactly as blueprints are. */
import { REVIEW_ACCOUNT } from '../../../blueprints/blueprint';
import { serverlessDeploymentConfig, type ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { planDeployment } from '../../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../../lib/spec/types';

export const TEST_ENV = { account: REVIEW_ACCOUNT, region: 'us-east-1' } as const;

export function configFor(overrides: Partial<DeploymentSpecInput> & Pick<DeploymentSpecInput, 'target'>): ServerlessDeploymentConfig {
  const spec: DeploymentSpecInput = { name: 'scoring', model: { id: 'churn-model' }, runtime: { engine: 'onnxruntime' }, monitoring: { logRetentionDays: 365 }, ...overrides };
  return serverlessDeploymentConfig(planDeployment(resolveDeploymentSpec(spec)), TEST_ENV);
}
