/**
 * The bucket Greengrass core devices download component artifacts from: versioned, SSE-KMS, private,
 * TLS-only, access-logged, and retained when the stack is destroyed, because a published component version
 * (and every rollback to it) needs its artifacts for as long as it exists in Greengrass.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ProblemCollector } from '../../../lib/errors';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';

export interface IEdgeArtifactBucket {
  readonly bucket: s3.IBucket;
  readonly encryptionKey: kms.IKey;
}

export interface EdgeArtifactBucketProps {
  /** Key of the bucket's default encryption (devices decrypt through S3 with the token exchange role). */
  readonly encryptionKey: kms.IKey;
  /**
   * Days an overwritten or deleted artifact version is kept. Artifact keys are content-addressed, so
   * versions are only superseded by mistake; keep them long enough to notice.
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;
}

/** aws-cdk-lib feature flag `cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY`. */
const S3_ACCESS_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

export class EdgeArtifactBucket extends Construct implements IEdgeArtifactBucket {
  public readonly bucket: s3.Bucket;
  public readonly encryptionKey: kms.IKey;
  public readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: EdgeArtifactBucketProps) {
    super(scope, id);
    const retention = props.noncurrentVersionRetentionDays ?? 90;
    const p = new ProblemCollector();
    p.check(Number.isInteger(retention) && retention >= 1, 'noncurrentVersionRetentionDays', retention, 'must be a whole number of days >= 1', 'set it to 1 or more');
    p.throwIfAny(`EdgeArtifactBucket '${id}'`);
    // Log delivery through a bucket policy rather than the LogDeliveryWrite ACL, whatever the app's flags say.
    this.node.setContext(S3_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    this.encryptionKey = props.encryptionKey;

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logBucketReason = 'This is the access-log bucket itself; logging it into another bucket would only move the same question one level down.';
    acknowledgeFinding(this.accessLogsBucket, 'AwsSolutions-S1', logBucketReason);
    acknowledgeFinding(this.accessLogsBucket, 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check', logBucketReason);
    acknowledgeFinding(this.accessLogsBucket, 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check',
      'S3 server access log delivery writes only to SSE-S3 target buckets, not SSE-KMS (S3 user guide, "Enabling server access logging").');

    this.bucket = new s3.Bucket(this, 'Bucket', {
      versioned: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      // One KMS call per bucket-key period instead of one per object download across the fleet.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'greengrass-artifacts/',
      lifecycleRules: [
        { id: 'expire-superseded-versions', noncurrentVersionExpiration: Duration.days(retention) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      // Published component versions reference these objects; rollbacks need them after `cdk destroy` too.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
