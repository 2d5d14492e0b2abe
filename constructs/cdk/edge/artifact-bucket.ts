/**
 * The bucket Greengrass core devices download component artifacts from: versioned, SSE-KMS, private,
 * TLS-only, access-logged, and retained when the stack is destroyed, because a published component version
 * (and every rollback to it) needs its artifacts for as long as it exists in Greengrass.
 */
import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ProblemCollector } from '../../../lib/errors';
import { AccessLogsBucket, deliverAccessLogsByBucketPolicy } from '../storage/access-logs-bucket';
import { RetainedBucket } from '../storage/retained-bucket';

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
    deliverAccessLogsByBucketPolicy(this);
    this.encryptionKey = props.encryptionKey;
    this.accessLogsBucket = new AccessLogsBucket(this, 'AccessLogs');
    // Published component versions reference these objects; rollbacks need them after `cdk destroy` too.
    this.bucket = new RetainedBucket(this, 'Bucket', {
      encryptionKey: props.encryptionKey,
      accessLogsBucket: this.accessLogsBucket,
      accessLogsPrefix: 'greengrass-artifacts/',
      lifecycleRules: [{ id: 'expire-superseded-versions', noncurrentVersionExpiration: Duration.days(retention) }],
    });
  }
}
