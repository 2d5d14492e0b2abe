/**
 * A bucket with the settings every deployment bucket shares: versioned, encrypted (SSE-KMS with the
 * deployment key, or SSE-S3 for the access-log bucket that S3 log delivery writes), private, owner-enforced,
 * TLS-only, access-logged, with lifecycle rules, and `prevent_destroy` so `terraform destroy` keeps it.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Fn, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

export interface SecureBucketProps {
  readonly bucketName: string;
  /** SSE-KMS key; `undefined` means SSE-S3 (for the access-log bucket). */
  readonly kmsKeyArn?: string;
  /** Bucket and prefix for server access logs; `undefined` for the log bucket itself. */
  readonly accessLogs?: { readonly bucket: string; readonly prefix: string };
  readonly noncurrentVersionDays: number;
  /** @default - current versions never expire */
  readonly expirationDays?: number;
  /** Allow S3 server access log delivery to write (the log bucket). @default false */
  readonly acceptsAccessLogsFrom?: { readonly account: string };
  /** Extra rules expiring the objects under a prefix (e.g. captured requests). @default - none */
  readonly prefixExpirations?: readonly { readonly id: string; readonly prefix: string; readonly days: number }[];
  /** Provider of another region (a replica bucket in the standby region). @default - the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  /** Versioning: replication configurations must wait for it. */
  public readonly versioning: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const provider = props.provider ? { provider: props.provider } : {};
    this.bucket = new S3Bucket(this, 'Bucket', { ...provider, bucket: props.bucketName, lifecycle: { preventDestroy: true } });
    const bucket = this.bucket.id;
    this.versioning = new S3BucketVersioningA(this, 'Versioning', { ...provider, bucket, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', { ...provider,
      bucket,
      rule: [props.kmsKeyArn
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketPublicAccessBlock(this, 'PublicAccess', { ...provider, bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketOwnershipControls(this, 'Ownership', { ...provider, bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const arn = this.bucket.arn;
    const statements: Record<string, unknown>[] = [{
      Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }];
    if (props.acceptsAccessLogsFrom) {
      statements.push({
        Sid: 'S3ServerAccessLogsPolicy', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `${arn}/*`,
        Condition: { StringEquals: { 'aws:SourceAccount': props.acceptsAccessLogsFrom.account } },
      });
    }
    new S3BucketPolicy(this, 'Policy', { ...provider, bucket, policy: Fn.jsonencode({ Version: '2012-10-17', Statement: statements }) });
    if (props.accessLogs) new S3BucketLoggingA(this, 'Logging', { ...provider, bucket, targetBucket: props.accessLogs.bucket, targetPrefix: props.accessLogs.prefix });
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', { ...provider,
      bucket,
      rule: [{
        id: 'retention',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        ...(props.expirationDays !== undefined ? { expiration: [{ days: props.expirationDays }] } : {}),
        noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }, ...(props.prefixExpirations ?? []).map((rule) => ({
        id: rule.id, status: 'Enabled', filter: [{ prefix: rule.prefix }], expiration: [{ days: rule.days }], noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
      }))],
    });
  }
}
