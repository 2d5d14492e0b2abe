/**
 * The model bucket and (batch) data bucket of a deployment (cdktf), with the access-log bucket: retained
 * on destroy (`prevent_destroy`), as on CDK and Pulumi. The data bucket sends its events to EventBridge
 * when new input objects start runs.
 */
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { SecureBucket } from './private/secure-bucket';

export interface InferenceBucketsProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: string;
  /** Days a replaced model version is kept (the rollback window). @default 90 */
  readonly noncurrentVersionRetentionDays?: number;
}

export class InferenceBuckets extends Construct {
  public readonly accessLogsBucket: SecureBucket;
  public readonly modelBucket?: SecureBucket;
  public readonly dataBucket?: SecureBucket;

  constructor(scope: Construct, id: string, props: InferenceBucketsProps) {
    super(scope, id);
    const { config, kmsKeyArn } = props;
    this.accessLogsBucket = new SecureBucket(this, 'AccessLogs', {
      bucketName: config.names.accessLogsBucket, noncurrentVersionDays: 30, expirationDays: 365, acceptsAccessLogsFrom: { account: config.account },
    });
    const logs = (prefix: string) => ({ bucket: this.accessLogsBucket.bucket.id, prefix });
    if (config.model.ownBucket) {
      this.modelBucket = new SecureBucket(this, 'Models', {
        bucketName: config.names.modelBucket, kmsKeyArn, accessLogs: logs('models/'), noncurrentVersionDays: props.noncurrentVersionRetentionDays ?? 90,
      });
    }
    if (config.batch || config.capture) {
      this.dataBucket = new SecureBucket(this, 'Data', {
        bucketName: config.names.dataBucket, kmsKeyArn, accessLogs: logs('data/'), noncurrentVersionDays: 30,
        prefixExpirations: config.capture ? [{ id: 'expire-captured-requests', prefix: config.capture.prefix, days: config.capture.retentionDays }] : [],
      });
      if (config.batch && config.batch.schedule === undefined) new S3BucketNotification(this, 'DataEvents', { bucket: this.dataBucket.bucket.id, eventbridge: true });
    }
  }
}
