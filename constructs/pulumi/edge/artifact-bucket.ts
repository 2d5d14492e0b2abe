/**
 * `EdgeArtifactBucket` (Pulumi): the Greengrass artifact bucket, versioned, SSE-KMS, private, TLS-only,
 * access-logged, and kept by `pulumi destroy` (`retainOnDelete`): published component versions, and
 * rollbacks to them, need their artifacts.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface EdgeArtifactBucketArgs {
  /** Prefix of the generated bucket names. */
  readonly namePrefix: string;
  /** Key of the artifacts' SSE-KMS encryption. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Account allowed to deliver access logs to the log bucket. */
  readonly accountId: pulumi.Input<string>;
  /** @default 90 */
  readonly noncurrentVersionRetentionDays?: number;
  /** Prefixes whose objects expire (e.g. request capture), in the bucket's one lifecycle configuration. @default - none */
  readonly expiringPrefixes?: readonly { readonly id: string; readonly prefix: string; readonly days: number }[];
}

export class EdgeArtifactBucket extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  public readonly accessLogsBucket: aws.s3.Bucket;

  constructor(name: string, args: EdgeArtifactBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:edge:EdgeArtifactBucket', name, {}, opts);
    const keep = { parent: this, retainOnDelete: true };
    this.accessLogsBucket = new aws.s3.Bucket(`${name}-logs`, { bucketPrefix: `${args.namePrefix}-logs-` }, keep);
    this.harden(`${name}-logs`, this.accessLogsBucket, pulumi.all([this.accessLogsBucket.arn, args.accountId]).apply(([arn, account]): Record<string, unknown>[] => [{
      Sid: 'S3ServerAccessLogDelivery', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject',
      Resource: `${arn}/*`, Condition: { StringEquals: { 'aws:SourceAccount': account } },
    }]));
    // S3 log delivery writes only to SSE-S3 targets.
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-logs-encryption`, {
      bucket: this.accessLogsBucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }, { parent: this });
    new aws.s3.BucketLifecycleConfiguration(`${name}-logs-lifecycle`, {
      bucket: this.accessLogsBucket.id,
      rules: [{ id: 'expire-logs', status: 'Enabled', filter: { prefix: '' }, expiration: { days: 365 }, noncurrentVersionExpiration: { noncurrentDays: 30 } }],
    }, { parent: this });

    this.bucket = new aws.s3.Bucket(`${name}-artifacts`, { bucketPrefix: `${args.namePrefix}-artifacts-` }, keep);
    this.harden(`${name}-artifacts`, this.bucket, this.bucket.arn.apply((): Record<string, unknown>[] => []));
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-artifacts-encryption`, {
      bucket: this.bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true }],
    }, { parent: this });
    new aws.s3.BucketLogging(`${name}-artifacts-logging`, { bucket: this.bucket.id, targetBucket: this.accessLogsBucket.id, targetPrefix: 'greengrass-artifacts/' }, { parent: this });
    new aws.s3.BucketLifecycleConfiguration(`${name}-artifacts-lifecycle`, {
      bucket: this.bucket.id,
      rules: [
        { id: 'expire-superseded-versions', status: 'Enabled', filter: { prefix: '' }, noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionRetentionDays ?? 90 } },
        { id: 'abort-incomplete-uploads', status: 'Enabled', filter: { prefix: '' }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        ...(args.expiringPrefixes ?? []).map((e) => ({ id: e.id, status: 'Enabled', filter: { prefix: e.prefix }, expiration: { days: e.days } })),
      ],
    }, { parent: this });
    this.registerOutputs({ bucket: this.bucket.bucket, accessLogsBucket: this.accessLogsBucket.bucket });
  }

  private harden(name: string, bucket: aws.s3.Bucket, extra: pulumi.Output<Record<string, unknown>[]>): void {
    const opts = { parent: this };
    new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } }, opts);
    new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, opts);
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } }, opts);
    new aws.s3.BucketPolicy(`${name}-policy`, {
      bucket: bucket.id,
      policy: pulumi.all([bucket.arn, extra]).apply(([arn, statements]) => JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          ...statements,
        ],
      })),
    }, opts);
  }
}
