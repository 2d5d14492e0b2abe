/**
 * The Greengrass artifact bucket on Terraform: versioned, SSE-KMS, private, TLS-only, access-logged, and
 * `prevent_destroy` (published component versions, and rollbacks to them, need their artifacts).
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';

export interface EdgeArtifactBucketProps {
  /** Prefix of the generated bucket names (Terraform appends a unique suffix). */
  readonly namePrefix: string;
  /** Key of the artifacts' SSE-KMS encryption. */
  readonly kmsKeyArn: string;
  /** Account allowed to deliver access logs to the log bucket. */
  readonly accountId: string;
  /** @default 90 */
  readonly noncurrentVersionRetentionDays?: number;
  /** Prefixes whose objects expire (e.g. request capture), in the bucket's one lifecycle configuration. @default - none */
  readonly expiringPrefixes?: readonly { readonly id: string; readonly prefix: string; readonly days: number }[];
}

function tlsOnly(bucketArn: string, extra: Record<string, unknown>[] = []): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ...extra,
    ],
  });
}

export class EdgeArtifactBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly accessLogsBucket: S3Bucket;

  constructor(scope: Construct, id: string, props: EdgeArtifactBucketProps) {
    super(scope, id);
    const harden = (name: string, bucket: S3Bucket, policy: string) => {
      new S3BucketVersioningA(this, `${name}Versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
      new S3BucketPublicAccessBlock(this, `${name}PublicAccess`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
      new S3BucketOwnershipControls(this, `${name}Ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
      new S3BucketPolicy(this, `${name}Policy`, { bucket: bucket.id, policy });
    };

    this.accessLogsBucket = new S3Bucket(this, 'AccessLogs', { bucketPrefix: `${props.namePrefix}-logs-`, lifecycle: { preventDestroy: true } });
    harden('AccessLogs', this.accessLogsBucket, tlsOnly(this.accessLogsBucket.arn, [{
      Sid: 'S3ServerAccessLogDelivery', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject',
      Resource: `${this.accessLogsBucket.arn}/*`, Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
    }]));
    // S3 log delivery writes only to SSE-S3 targets.
    new S3BucketServerSideEncryptionConfigurationA(this, 'AccessLogsEncryption', { bucket: this.accessLogsBucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
    new S3BucketLifecycleConfiguration(this, 'AccessLogsLifecycle', {
      bucket: this.accessLogsBucket.id,
      rule: [{ id: 'expire-logs', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 365 }], noncurrentVersionExpiration: [{ noncurrentDays: 30 }] }],
    });

    this.bucket = new S3Bucket(this, 'Bucket', { bucketPrefix: `${props.namePrefix}-artifacts-`, lifecycle: { preventDestroy: true } });
    harden('Bucket', this.bucket, tlsOnly(this.bucket.arn));
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
    });
    new S3BucketLoggingA(this, 'Logging', { bucket: this.bucket.id, targetBucket: this.accessLogsBucket.id, targetPrefix: 'greengrass-artifacts/' });
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.bucket.id,
      rule: [
        { id: 'expire-superseded-versions', status: 'Enabled', filter: [{ prefix: '' }], noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionRetentionDays ?? 90 }] },
        { id: 'abort-incomplete-uploads', status: 'Enabled', filter: [{ prefix: '' }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
        ...(props.expiringPrefixes ?? []).map((e) => ({ id: e.id, status: 'Enabled', filter: [{ prefix: e.prefix }], expiration: [{ days: e.days }] })),
      ],
    });
  }
}
