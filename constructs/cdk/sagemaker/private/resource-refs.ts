/**
 * Turns the description's resource roles (buckets, key, topics, repositories, log groups) into the
 * CDK tokens of this stack.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { bucketArn, bucketName, objectsArn, s3Uri, type BucketNames } from '../../../../lib/sagemaker/refs';
import type { PermissionStatement, ResourceRef, S3Location, TopicRole } from '../../../../lib/sagemaker/types';

/** What the refs resolve against. */
export interface CdkEndpointResources {
  readonly artifactsBucket: s3.IBucket;
  readonly dataBucket: s3.IBucket;
  readonly encryptionKey: kms.IKey;
  readonly topics: Partial<Record<TopicRole, sns.ITopic>>;
}

export function bucketNames(r: CdkEndpointResources): BucketNames {
  return { artifacts: r.artifactsBucket.bucketName, data: r.dataBucket.bucketName };
}

/** `s3://<bucket token>/<key>`. */
export function cdkS3Uri(location: S3Location, r: CdkEndpointResources): string {
  return s3Uri(location, bucketNames(r));
}

function resolveRef(scope: Construct, ref: ResourceRef, r: CdkEndpointResources): string {
  const stack = Stack.of(scope);
  switch (ref.kind) {
    case 'bucket':
      return bucketArn(bucketName(ref.bucket, bucketNames(r)), Aws.PARTITION);
    case 'objects':
      return objectsArn(bucketName(ref.bucket, bucketNames(r)), ref.prefix, Aws.PARTITION);
    case 'kms-key':
      return r.encryptionKey.keyArn;
    case 'topic': {
      const topic = r.topics[ref.topic];
      if (!topic) throw new Error(`the description refers to the '${ref.topic}' topic, which this endpoint did not create`);
      return topic.topicArn;
    }
    case 'ecr-repository':
      return `arn:${Aws.PARTITION}:ecr:${stack.region}:${ref.account}:repository/${ref.repository}`;
    case 'log-group':
      return `arn:${Aws.PARTITION}:logs:${stack.region}:${stack.account}:log-group:${ref.prefix}*`;
    case 'any':
      return '*';
  }
}

/** IAM policy statements of a description. */
export function policyStatements(scope: Construct, statements: readonly PermissionStatement[], r: CdkEndpointResources): iam.PolicyStatement[] {
  return statements.map((s) => new iam.PolicyStatement({
    sid: s.sid,
    actions: [...s.actions],
    resources: s.resources.map((ref) => resolveRef(scope, ref, r)),
  }));
}
