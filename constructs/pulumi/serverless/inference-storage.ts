/**
 * The deployment's KMS key (or an imported one) and its buckets (Pulumi): the model bucket and, for batch
 * scoring, the data bucket, with an access-log bucket. Key and buckets are kept by `pulumi destroy`
 * (`retainOnDelete`), as on CDK (RETAIN) and Terraform (`prevent_destroy`).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { deploymentKeyPolicy } from '../../../lib/inference/deployment/policies';
import { secureBucket } from './private/resources';

export interface InferenceStorageArgs {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** Days a replaced model version is kept (the rollback window). @default 90 */
  readonly noncurrentVersionRetentionDays?: number;
}

export class InferenceStorage extends pulumi.ComponentResource {
  public readonly kmsKeyArn: pulumi.Output<string>;
  public readonly accessLogsBucket: aws.s3.Bucket;
  public readonly modelBucket?: aws.s3.Bucket;
  public readonly dataBucket?: aws.s3.Bucket;

  constructor(name: string, args: InferenceStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:InferenceStorage', name, {}, opts);
    const { config } = args;
    this.kmsKeyArn = config.kmsKeyArn
      ? pulumi.output(config.kmsKeyArn)
      : new aws.kms.Key(`${name}-key`, {
          description: `Encrypts the model, data, logs, queues and alarms of ${config.name}`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: JSON.stringify(deploymentKeyPolicy(config)),
        }, { parent: this, retainOnDelete: true }).arn;
    // The standby deployment's key encrypts the replicas (docs/disaster-recovery.md).
    if (config.keyAlias !== undefined) new aws.kms.Alias(`${name}-key-alias`, { name: config.keyAlias, targetKeyId: this.kmsKeyArn }, { parent: this });
    this.accessLogsBucket = secureBucket(`${name}-logs`, {
      bucketName: config.names.accessLogsBucket, noncurrentVersionDays: 30, expirationDays: 365, acceptsAccessLogsFrom: config.account,
    }, this);
    const logs = (prefix: string) => ({ bucket: this.accessLogsBucket.id, prefix });
    if (config.model.ownBucket) {
      this.modelBucket = secureBucket(`${name}-models`, {
        bucketName: config.names.modelBucket, kmsKeyArn: this.kmsKeyArn, accessLogs: logs('models/'), noncurrentVersionDays: args.noncurrentVersionRetentionDays ?? 90,
      }, this);
    }
    if (config.batch || config.capture) {
      this.dataBucket = secureBucket(`${name}-data`, {
        bucketName: config.names.dataBucket, kmsKeyArn: this.kmsKeyArn, accessLogs: logs('data/'), noncurrentVersionDays: 30,
        prefixExpirations: config.capture ? [{ id: 'expire-captured-requests', prefix: config.capture.prefix, days: config.capture.retentionDays }] : [],
      }, this);
      if (config.batch && config.batch.schedule === undefined) new aws.s3.BucketNotification(`${name}-data-events`, { bucket: this.dataBucket.id, eventbridge: true }, { parent: this });
    }
    this.registerOutputs({ kmsKeyArn: this.kmsKeyArn });
  }
}
