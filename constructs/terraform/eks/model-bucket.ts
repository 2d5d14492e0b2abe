/**
 * The model bucket on Terraform: versioned, SSE-KMS with a customer-managed key, private, TLS-only,
 * server access logs to a log bucket, EventBridge notifications, and `prevent_destroy` so that
 * `terraform destroy` refuses to delete the weights.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { SecureKmsKey } from './kms-key';

export interface ModelBucketProps {
  /** Literal bucket name (Kubernetes objects name it). */
  readonly bucketName: string;
  /** Name of the access-log bucket. */
  readonly accessLogsBucketName: string;
  readonly accountId: string;
  readonly partition: string;
  /** @default 30 */
  readonly noncurrentVersionRetentionDays?: number;
  /** Expire objects under a prefix after some days (the LLM request capture). @default - nothing expires but old versions */
  readonly expirePrefix?: { readonly prefix: string; readonly days: number };
}

function denyInsecureTransport(bucketArn: string): Record<string, unknown> {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Versioning, public access block, object ownership and TLS-only policy shared by both buckets. */
function harden(scope: Construct, id: string, bucket: S3Bucket, extraStatements: Record<string, unknown>[] = []): void {
  new S3BucketVersioningA(scope, `${id}Versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  new S3BucketPublicAccessBlock(scope, `${id}PublicAccess`, {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, `${id}Ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
  new S3BucketPolicy(scope, `${id}Policy`, {
    bucket: bucket.id,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [denyInsecureTransport(bucket.arn), ...extraStatements] }),
  });
}

export class ModelBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly key: SecureKmsKey;
  public readonly accessLogsBucket: S3Bucket;

  constructor(scope: Construct, id: string, props: ModelBucketProps) {
    super(scope, id);
    this.key = new SecureKmsKey(this, 'Key', {
      description: `Encrypts the model weights in ${props.bucketName}`,
      accountId: props.accountId,
      partition: props.partition,
    });

    this.accessLogsBucket = new S3Bucket(this, 'AccessLogs', { bucket: props.accessLogsBucketName, lifecycle: { preventDestroy: true } });
    harden(this, 'AccessLogs', this.accessLogsBucket, [{
      Sid: 'S3ServerAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${this.accessLogsBucket.arn}/*`,
      Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
    }]);
    // S3 log delivery writes only to SSE-S3 targets.
    new S3BucketServerSideEncryptionConfigurationA(this, 'AccessLogsEncryption', {
      bucket: this.accessLogsBucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketLifecycleConfiguration(this, 'AccessLogsLifecycle', {
      bucket: this.accessLogsBucket.id,
      rule: [{ id: 'expire-logs', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 365 }], noncurrentVersionExpiration: [{ noncurrentDays: 30 }] }],
    });

    // Weights are expensive to re-upload and may be the only copy of a fine-tune: keep them.
    this.bucket = new S3Bucket(this, 'Bucket', { bucket: props.bucketName, lifecycle: { preventDestroy: true } });
    harden(this, 'Bucket', this.bucket);
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.key.arn }, bucketKeyEnabled: true }],
    });
    new S3BucketLoggingA(this, 'Logging', { bucket: this.bucket.id, targetBucket: this.accessLogsBucket.id, targetPrefix: 'model-bucket/' });
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.bucket.id,
      rule: [
        { id: 'expire-old-versions', status: 'Enabled', filter: [{ prefix: '' }], noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionRetentionDays ?? 30 }] },
        ...(props.expirePrefix ? [{ id: 'expire-capture', status: 'Enabled', filter: [{ prefix: props.expirePrefix.prefix }], expiration: [{ days: props.expirePrefix.days }], noncurrentVersionExpiration: [{ noncurrentDays: 1 }] }] : []),
        { id: 'abort-incomplete-uploads', status: 'Enabled', filter: [{ prefix: '' }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
      ],
    });
    new S3BucketNotification(this, 'Events', { bucket: this.bucket.id, eventbridge: true });
  }
}
