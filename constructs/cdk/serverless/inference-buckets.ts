/**
 * The buckets of a serverless inference deployment: the model bucket (one versioned object per model
 * release) and, for batch scoring, the data bucket (input, output and run-manifest prefixes). Both are
 * versioned, KMS-encrypted, private, TLS-only, access-logged and retained when the stack is destroyed.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';

export interface IInferenceBuckets {
  /** The model bucket; `undefined` when the model lives in a bucket the deployment does not own. */
  readonly modelBucket?: s3.IBucket;
  /** The batch-scoring data bucket, for batch deployments. */
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

/** aws-cdk-lib feature flag `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy`: log delivery by bucket policy, not ACL. */
const S3_ACCESS_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

export class InferenceBuckets extends Construct implements IInferenceBuckets {
  public readonly modelBucket?: s3.Bucket;
  public readonly dataBucket?: s3.Bucket;
  /** Receives the server access logs (SSE-S3: log delivery cannot write to SSE-KMS buckets). */
  public readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: InferenceBucketsProps) {
    super(scope, id);
    const { config, encryptionKey } = props;
    this.node.setContext(S3_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      bucketName: config.names.accessLogsBucket,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logsReason = 'S3 server access log delivery writes only to SSE-S3 target buckets, and the log bucket cannot log to itself';
    acknowledgeFinding(this.accessLogsBucket, 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check', logsReason);
    acknowledgeFinding(this.accessLogsBucket, 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check', logsReason);
    const bucket = (bucketId: string, name: string, logPrefix: string, rules: s3.LifecycleRule[]) => new s3.Bucket(this, bucketId, {
      bucketName: name,
      versioned: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: logPrefix,
      lifecycleRules: [...rules, { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      // Models and scored data are the deployment's record: they survive `cdk destroy`.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (config.model.ownBucket) {
      this.modelBucket = bucket('Models', config.names.modelBucket, 'models/', [
        { id: 'expire-replaced-models', noncurrentVersionExpiration: Duration.days(props.noncurrentVersionRetentionDays ?? 90) },
      ]);
    }
    if (config.batch) {
      this.dataBucket = bucket('Data', config.names.dataBucket, 'data/', [{ id: 'expire-replaced-data', noncurrentVersionExpiration: Duration.days(30) }]);
      if (config.batch.schedule === undefined) {
        // EventBridge notifications let new input objects start a run. Set on the CloudFormation resource:
        // the L2 `eventBridgeEnabled` prop deploys a notification custom resource (an extra Lambda function).
        (this.dataBucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
      }
    }
  }
}
