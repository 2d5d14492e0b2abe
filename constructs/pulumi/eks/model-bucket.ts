/**
 * The model bucket on Pulumi: versioned, SSE-KMS with a customer-managed key, private, TLS-only,
 * access-logged, EventBridge notifications, and `retainOnDelete` so that `pulumi destroy` leaves the
 * weights (and their key) in place, like `RemovalPolicy.RETAIN` and `prevent_destroy` on the other engines.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { secureKmsKey } from './kms-key';

export interface ModelBucketArgs {
  readonly bucketName: string;
  readonly accessLogsBucketName: string;
  readonly accountId: string;
  readonly partition: pulumi.Input<string>;
  /** @default 30 */
  readonly noncurrentVersionRetentionDays?: number;
  /** Expire objects under a prefix after some days (the LLM request capture). @default - nothing expires but old versions */
  readonly expirePrefix?: { readonly prefix: string; readonly days: number };
}

function denyInsecureTransport(arn: pulumi.Input<string>, extra: Record<string, unknown>[] = []): pulumi.Output<string> {
  return pulumi.output(arn).apply((bucketArn) => JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ...extra.map((s) => JSON.parse(JSON.stringify(s).replace(/\$BUCKET_ARN/g, bucketArn))),
    ],
  }));
}

export class ModelBucket extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  public readonly key: aws.kms.Key;
  public readonly accessLogsBucket: aws.s3.Bucket;

  constructor(name: string, args: ModelBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:aws:ModelBucket', name, {}, opts);
    const child = { parent: this };
    // Data survives `pulumi destroy`: the resources are dropped from the stack, not deleted.
    const keep = { parent: this, retainOnDelete: true };
    this.key = secureKmsKey(`${name}-key`, { description: `Encrypts the model weights in ${args.bucketName}`, accountId: args.accountId, partition: args.partition }, keep);

    this.accessLogsBucket = new aws.s3.Bucket(`${name}-access-logs`, { bucket: args.accessLogsBucketName }, keep);
    this.harden(`${name}-access-logs`, this.accessLogsBucket, [{
      Sid: 'S3ServerAccessLogDelivery', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject',
      Resource: '$BUCKET_ARN/*', Condition: { StringEquals: { 'aws:SourceAccount': args.accountId } },
    }]);
    // S3 log delivery writes only to SSE-S3 targets.
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-access-logs`, {
      bucket: this.accessLogsBucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }, child);
    new aws.s3.BucketLifecycleConfiguration(`${name}-access-logs`, {
      bucket: this.accessLogsBucket.id,
      rules: [{ id: 'expire-logs', status: 'Enabled', filter: { prefix: '' }, expiration: { days: 365 }, noncurrentVersionExpiration: { noncurrentDays: 30 } }],
    }, child);

    this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: args.bucketName }, keep);
    this.harden(`${name}-bucket`, this.bucket);
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-bucket`, {
      bucket: this.bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }],
    }, child);
    new aws.s3.BucketLogging(`${name}-bucket`, { bucket: this.bucket.id, targetBucket: this.accessLogsBucket.id, targetPrefix: 'model-bucket/' }, child);
    new aws.s3.BucketLifecycleConfiguration(`${name}-bucket`, {
      bucket: this.bucket.id,
      rules: [
        { id: 'expire-old-versions', status: 'Enabled', filter: { prefix: '' }, noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionRetentionDays ?? 30 } },
        ...(args.expirePrefix ? [{ id: 'expire-capture', status: 'Enabled', filter: { prefix: args.expirePrefix.prefix }, expiration: { days: args.expirePrefix.days }, noncurrentVersionExpiration: { noncurrentDays: 1 } }] : []),
        { id: 'abort-incomplete-uploads', status: 'Enabled', filter: { prefix: '' }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
      ],
    }, child);
    new aws.s3.BucketNotification(`${name}-bucket`, { bucket: this.bucket.id, eventbridge: true }, child);
    this.registerOutputs({ bucketName: this.bucket.bucket, keyArn: this.key.arn });
  }

  private harden(name: string, bucket: aws.s3.Bucket, extraStatements: Record<string, unknown>[] = []): void {
    const child = { parent: this };
    new aws.s3.BucketVersioning(name, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } }, child);
    new aws.s3.BucketPublicAccessBlock(name, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, child);
    new aws.s3.BucketOwnershipControls(name, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } }, child);
    new aws.s3.BucketPolicy(name, { bucket: bucket.id, policy: denyInsecureTransport(bucket.arn, extraStatements) }, child);
  }
}
