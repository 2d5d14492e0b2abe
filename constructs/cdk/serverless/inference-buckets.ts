/**
 * The buckets of a serverless inference deployment: the model bucket (one versioned object per model
 * release) and, for batch scoring, the data bucket (input, output and run-manifest prefixes). Both are
 * versioned, KMS-encrypted, private, TLS-only, access-logged and retained when the stack is destroyed.
 */
import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { AccessLogsBucket, deliverAccessLogsByBucketPolicy } from '../storage/access-logs-bucket';
import { RetainedBucket } from '../storage/retained-bucket';

export interface IInferenceBuckets {
  /** The model bucket; `undefined` when the model lives in a bucket the deployment does not own. */
  readonly modelBucket?: s3.IBucket;
  /** The data bucket: batch input and output, and captured requests. `undefined` without batch scoring or capture. */
  readonly dataBucket?: s3.IBucket;
}

export interface InferenceBucketsProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The deployment's customer-managed KMS key. */
  readonly encryptionKey: kms.IKey;
  /**
   * Days a replaced model version is kept: the window in which a release can be rolled back to it.
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;
}

export class InferenceBuckets extends Construct implements IInferenceBuckets {
  public readonly modelBucket?: s3.Bucket;
  public readonly dataBucket?: s3.Bucket;
  /** Receives the server access logs (SSE-S3: log delivery cannot write to SSE-KMS buckets). */
  public readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: InferenceBucketsProps) {
    super(scope, id);
    const { config, encryptionKey } = props;
    deliverAccessLogsByBucketPolicy(this);
    this.accessLogsBucket = new AccessLogsBucket(this, 'AccessLogs', { bucketName: config.names.accessLogsBucket });
    // Models and scored data are the deployment's record: they survive `cdk destroy`.
    const bucket = (bucketId: string, name: string, accessLogsPrefix: string, lifecycleRules: s3.LifecycleRule[], eventBridgeNotifications = false) =>
      new RetainedBucket(this, bucketId, { bucketName: name, encryptionKey, accessLogsBucket: this.accessLogsBucket, accessLogsPrefix, lifecycleRules, eventBridgeNotifications });
    if (config.model.ownBucket) {
      this.modelBucket = bucket('Models', config.names.modelBucket, 'models/', [
        { id: 'expire-replaced-models', noncurrentVersionExpiration: Duration.days(props.noncurrentVersionRetentionDays ?? 90) },
      ]);
    }
    if (config.batch || config.capture) {
      // Captured requests are kept for the capture retention only (lib/inference/deployment/drift.ts).
      const capture: s3.LifecycleRule[] = config.capture
        ? [{ id: 'expire-captured-requests', prefix: config.capture.prefix, expiration: Duration.days(config.capture.retentionDays), noncurrentVersionExpiration: Duration.days(1) }]
        : [];
      // Without a schedule, EventBridge notifications of new input objects start a run.
      this.dataBucket = bucket('Data', config.names.dataBucket, 'data/', [{ id: 'expire-replaced-data', noncurrentVersionExpiration: Duration.days(30) }, ...capture],
        config.batch !== undefined && config.batch.schedule === undefined);
    }
  }
}
