/**
 * `SageMakerEndpointStorage` (Pulumi): the KMS key and the artifacts and data buckets of an endpoint:
 * versioned, KMS-encrypted, private, TLS-only, access-logged, and kept by `pulumi destroy`
 * (`retainOnDelete`).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { budgetsKeyStatement } from '../../../lib/budgets/deployment-budget';

export interface SageMakerEndpointStorageArgs {
  /** Prefix of the generated bucket names. */
  readonly namePrefix: string;
  /** Region of the CloudWatch Logs service principal allowed to use the key. */
  readonly region: string;
  /** An existing key. @default - a new key with yearly rotation, retained on delete */
  readonly kmsKeyArn?: string;
  /** Let AWS Budgets use the new key to publish to the encrypted alarm topic (lib/budgets/deployment-budget.ts). @default false */
  readonly allowBudgetsPublish?: boolean;
  /** Days a replaced model file is kept. @default 30 */
  readonly noncurrentVersionRetentionDays?: number;
  /** Days captured data, async results and reports are kept. @default 365 */
  readonly dataRetentionDays?: number;
  /**
   * Literal name of the artifacts bucket, for a bucket another region names before it exists (the source or
   * replica of cross-region replication: lib/disaster-recovery/sagemaker-standby.ts).
   * @default - generated from `namePrefix`
   */
  readonly artifactsBucketName?: string;
}

export class SageMakerEndpointStorage extends pulumi.ComponentResource {
  public readonly kmsKeyArn: pulumi.Output<string>;
  public readonly artifactsBucket: aws.s3.Bucket;
  public readonly dataBucket: aws.s3.Bucket;
  public readonly accessLogsBucket: aws.s3.Bucket;

  constructor(name: string, args: SageMakerEndpointStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:sagemaker:EndpointStorage', name, {}, opts);
    const keep = { parent: this, retainOnDelete: true };
    if (args.kmsKeyArn !== undefined) {
      this.kmsKeyArn = pulumi.output(args.kmsKeyArn);
    } else {
      const identity = aws.getCallerIdentityOutput({}, { parent: this });
      const partition = aws.getPartitionOutput({}, { parent: this });
      const policy = pulumi.all([identity.accountId, partition.partition]).apply(([account, p]) => JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:${p}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'CloudWatchAlarmsPublishToEncryptedTopic', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
          // Grants only for AWS resources (SageMaker volumes, S3 bucket keys), as Control Tower CT.KMS.PR.3 requires.
          { Sid: 'AllowGrantsOnlyForAwsResources', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant', Resource: '*', Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } } },
          { Sid: 'CloudWatchLogsEncryptLogs', Effect: 'Allow', Principal: { Service: `logs.${args.region}.amazonaws.com` }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*' },
          ...(args.allowBudgetsPublish ? [budgetsKeyStatement()] : []),
        ],
      }));
      const key = new aws.kms.Key(`${name}-key`, { description: `Encrypts the model artifacts, captured data, topics and volumes of ${args.namePrefix}`, enableKeyRotation: true, policy }, keep);
      this.kmsKeyArn = key.arn;
    }
    this.accessLogsBucket = new aws.s3.Bucket(`${name}-logs`, { bucketPrefix: `${args.namePrefix}-logs-` }, keep);
    this.secure(name, 'logs', this.accessLogsBucket, { kms: false, expirationDays: 365 });
    this.artifactsBucket = new aws.s3.Bucket(`${name}-artifacts`, args.artifactsBucketName !== undefined ? { bucket: args.artifactsBucketName } : { bucketPrefix: `${args.namePrefix}-artifacts-` }, keep);
    this.secure(name, 'artifacts', this.artifactsBucket, { kms: true, noncurrentDays: args.noncurrentVersionRetentionDays ?? 30, logPrefix: 'artifacts/' });
    this.dataBucket = new aws.s3.Bucket(`${name}-data`, { bucketPrefix: `${args.namePrefix}-data-` }, keep);
    this.secure(name, 'data', this.dataBucket, { kms: true, expirationDays: args.dataRetentionDays ?? 365, logPrefix: 'data/' });
    this.registerOutputs({ artifactsBucket: this.artifactsBucket.bucket, dataBucket: this.dataBucket.bucket });
  }

  private secure(name: string, id: string, bucket: aws.s3.Bucket, o: { kms: boolean; expirationDays?: number; noncurrentDays?: number; logPrefix?: string }): void {
    const opts = { parent: this };
    new aws.s3.BucketVersioning(`${name}-${id}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } }, opts);
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-${id}-encryption`, {
      bucket: bucket.id,
      rules: [o.kms
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.kmsKeyArn }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }, opts);
    new aws.s3.BucketPublicAccessBlock(`${name}-${id}-public-access`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, opts);
    new aws.s3.BucketOwnershipControls(`${name}-${id}-ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } }, opts);
    new aws.s3.BucketPolicy(`${name}-${id}-tls-only`, {
      bucket: bucket.id,
      policy: bucket.arn.apply((arn) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] })),
    }, opts);
    if (o.logPrefix !== undefined) new aws.s3.BucketLogging(`${name}-${id}-logging`, { bucket: bucket.id, targetBucket: this.accessLogsBucket.id, targetPrefix: o.logPrefix }, opts);
    new aws.s3.BucketLifecycleConfiguration(`${name}-${id}-lifecycle`, {
      bucket: bucket.id,
      rules: [{
        id: 'retention',
        status: 'Enabled',
        filter: { prefix: '' },
        ...(o.expirationDays !== undefined ? { expiration: { days: o.expirationDays } } : {}),
        noncurrentVersionExpiration: { noncurrentDays: o.noncurrentDays ?? 30 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      }],
    }, opts);
  }
}
