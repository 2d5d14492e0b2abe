/**
 * Helpers every renderer uses to turn the description's roles into strings once it knows the names
 * of its buckets (plain strings or engine tokens that resolve at deploy time).
 */
import type { BucketRef, S3Location } from './types';

/** Bucket names by role, as the engine knows them. */
export interface BucketNames {
  readonly artifacts: string;
  readonly data: string;
}

/** The name of a referenced bucket: the engine's own for a role, the literal name for a brought bucket. */
export function bucketName(ref: BucketRef, names: BucketNames): string {
  return typeof ref === 'string' ? names[ref] : ref.external;
}

/** `s3://bucket/key`. */
export function s3Uri(location: S3Location, names: BucketNames): string {
  return `s3://${bucketName(location.bucket, names)}/${location.key}`;
}

/** ARN of the objects at a key (exact) or under a prefix (ending in `/`). */
export function objectsArn(bucket: string, key: string, partition = 'aws'): string {
  return `arn:${partition}:s3:::${bucket}/${key}${key === '' || key.endsWith('/') ? '*' : ''}`;
}

/** ARN of a bucket. */
export function bucketArn(bucket: string, partition = 'aws'): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/** Whether a location lives in one of the endpoint's own buckets (and so uses the endpoint's KMS key). */
export function isOwnBucket(location: S3Location): boolean {
  return typeof location.bucket === 'string';
}
