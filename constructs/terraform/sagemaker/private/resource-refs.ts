/**
 * Turns the description's resource roles into Terraform references of this stack.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Construct } from 'constructs';
import { bucketArn, bucketName, objectsArn, s3Uri, type BucketNames } from '../../../../lib/sagemaker/refs';
import type { PermissionStatement, ResourceRef, S3Location, TopicRole } from '../../../../lib/sagemaker/types';

/** What the refs resolve against: names and ARNs as Terraform expressions. */
export interface TerraformEndpointResources {
  readonly artifactsBucketName: string;
  readonly dataBucketName: string;
  readonly kmsKeyArn: string;
  readonly topicArns: Partial<Record<TopicRole, string>>;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

export function bucketNames(r: TerraformEndpointResources): BucketNames {
  return { artifacts: r.artifactsBucketName, data: r.dataBucketName };
}

export function tfS3Uri(location: S3Location, r: TerraformEndpointResources): string {
  return s3Uri(location, bucketNames(r));
}

function resolveRef(ref: ResourceRef, r: TerraformEndpointResources): string {
  switch (ref.kind) {
    case 'bucket':
      return bucketArn(bucketName(ref.bucket, bucketNames(r)), r.partition);
    case 'objects':
      return objectsArn(bucketName(ref.bucket, bucketNames(r)), ref.prefix, r.partition);
    case 'kms-key':
      return r.kmsKeyArn;
    case 'topic': {
      const arn = r.topicArns[ref.topic];
      if (arn === undefined) throw new Error(`the description refers to the '${ref.topic}' topic, which this endpoint did not create`);
      return arn;
    }
    case 'ecr-repository':
      return `arn:${r.partition}:ecr:${r.region}:${ref.account}:repository/${ref.repository}`;
    case 'log-group':
      return `arn:${r.partition}:logs:${r.region}:${r.accountId}:log-group:${ref.prefix}*`;
    case 'any':
      return '*';
  }
}

/** An IAM policy document (data source) holding the description's statements. */
export function policyDocument(scope: Construct, id: string, statements: readonly PermissionStatement[], r: TerraformEndpointResources): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: statements.map((s) => ({ sid: s.sid, effect: 'Allow', actions: [...s.actions], resources: s.resources.map((ref) => resolveRef(ref, r)) })),
  });
}
