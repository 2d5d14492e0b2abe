/**
 * CDK feature flags every app of this project runs with (`aimd synth`, the tests and `stacks/cdk/app.ts`),
 * so that what is reviewed is what is deployed. Each flag opts into the current, safer behaviour.
 */
export const CDK_FEATURE_FLAGS: Readonly<Record<string, unknown>> = {
  // Server access logs are delivered through a bucket policy, not an ACL (ACLs stay disabled).
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
  '@aws-cdk/core:target-partitions': ['aws'],
  '@aws-cdk/aws-lambda:recognizeLayerVersion': true,
  '@aws-cdk/core:enablePartitionLiterals': true,
  '@aws-cdk/aws-kms:reduceCrossAccountRegionPolicyScope': true,
  '@aws-cdk/aws-ec2:restrictDefaultSecurityGroup': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-sns:enforceSslDeliveryRequests': true,
};
