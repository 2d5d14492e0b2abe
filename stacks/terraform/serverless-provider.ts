/** The AWS provider every serverless Terraform stack configures: the blueprint's region and default tags. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';

export function serverlessProvider(scope: Construct, config: ServerlessDeploymentConfig): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region: config.region,
    allowedAccountIds: [config.account],
    defaultTags: [{ tags: { ...config.tags, 'managed-by': 'ai-model-deployment' } }],
  });
}
