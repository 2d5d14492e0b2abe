/**
 * `SageMakerEndpointStorage` (cdktf): the KMS key and the artifacts and data buckets of an endpoint:
 * versioned, KMS-encrypted, private, TLS-only, access-logged, and protected from `terraform destroy`
 * by `lifecycle { prevent_destroy = true }`.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { BUDGETS_KMS_ACTIONS } from '../../../lib/budgets/deployment-budget';

export interface SageMakerEndpointStorageProps {
  /** Prefix of the generated bucket names (≤ 30 characters). */
  readonly namePrefix: string;
  /**
   * ARN of an existing key.
   * @default - a new key with yearly rotation, protected from destroy
   */
  readonly kmsKeyArn?: string;
  /** Account of the key policy's administrator statement. */
  readonly accountId: string;
  /** Partition of the ARNs (`aws`, `aws-cn`, ...). */
  readonly partition: string;
  /** Region of the CloudWatch Logs service principal allowed to use the key. */
  readonly region: string;
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

export class SageMakerEndpointStorage extends Construct {
  public readonly kmsKeyArn: string;
  public readonly artifactsBucket: S3Bucket;
  public readonly dataBucket: S3Bucket;
  public readonly accessLogsBucket: S3Bucket;
  /** Versioning of the artifacts bucket: replication configurations wait for it. */
  public readonly artifactsVersioning: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: SageMakerEndpointStorageProps) {
    super(scope, id);
    if (props.kmsKeyArn !== undefined) {
      this.kmsKeyArn = props.kmsKeyArn;
    } else {
      const policy = new DataAwsIamPolicyDocument(this, 'KeyPolicy', {
        statement: [
          { sid: 'AccountAdministersKey', effect: 'Allow', actions: ['kms:*'], resources: ['*'], principals: [{ type: 'AWS', identifiers: [`arn:${props.partition}:iam::${props.accountId}:root`] }] },
          { sid: 'CloudWatchAlarmsPublishToEncryptedTopic', effect: 'Allow', actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: ['*'], principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }] },
          // Grants only for AWS resources (SageMaker volumes, S3 bucket keys), as Control Tower CT.KMS.PR.3 requires.
          { sid: 'AllowGrantsOnlyForAwsResources', effect: 'Deny', actions: ['kms:CreateGrant'], resources: ['*'], principals: [{ type: 'AWS', identifiers: ['*'] }], condition: [{ test: 'BoolIfExists', variable: 'kms:GrantIsForAWSResource', values: ['false'] }, { test: 'BoolIfExists', variable: 'aws:PrincipalIsAWSService', values: ['false'] }] },
          { sid: 'CloudWatchLogsEncryptLogs', effect: 'Allow', actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], resources: ['*'], principals: [{ type: 'Service', identifiers: [`logs.${props.region}.amazonaws.com`] }] },
          ...(props.allowBudgetsPublish ? [{ sid: 'AwsBudgetsPublishToEncryptedTopic', effect: 'Allow', actions: [...BUDGETS_KMS_ACTIONS], resources: ['*'], principals: [{ type: 'Service', identifiers: ['budgets.amazonaws.com'] }] }] : []),
        ],
      });
      const key = new KmsKey(this, 'Key', {
        description: `Encrypts the model artifacts, captured data, topics and volumes of ${props.namePrefix}`,
        enableKeyRotation: true,
        policy: policy.json,
        lifecycle: { preventDestroy: true },
      });
      this.kmsKeyArn = key.arn;
    }
    this.accessLogsBucket = new S3Bucket(this, 'AccessLogs', { bucketPrefix: `${props.namePrefix}-logs-`, lifecycle: { preventDestroy: true } });
    this.secure(this.accessLogsBucket, 'AccessLogs', { kms: false, expirationDays: 365, logPrefix: undefined });
    this.artifactsBucket = new S3Bucket(this, 'Artifacts', {
      ...(props.artifactsBucketName !== undefined ? { bucket: props.artifactsBucketName } : { bucketPrefix: `${props.namePrefix}-artifacts-` }), lifecycle: { preventDestroy: true },
    });
    this.artifactsVersioning = this.secure(this.artifactsBucket, 'Artifacts', { kms: true, noncurrentDays: props.noncurrentVersionRetentionDays ?? 30, logPrefix: 'artifacts/' });
    this.dataBucket = new S3Bucket(this, 'Data', { bucketPrefix: `${props.namePrefix}-data-`, lifecycle: { preventDestroy: true } });
    this.secure(this.dataBucket, 'Data', { kms: true, expirationDays: props.dataRetentionDays ?? 365, logPrefix: 'data/' });
  }

  private secure(bucket: S3Bucket, id: string, o: { kms: boolean; expirationDays?: number; noncurrentDays?: number; logPrefix: string | undefined }): S3BucketVersioningA {
    const versioning = new S3BucketVersioningA(this, `${id}Versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketServerSideEncryptionConfigurationA(this, `${id}Encryption`, {
      bucket: bucket.id,
      rule: [o.kms
        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.kmsKeyArn }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketPublicAccessBlock(this, `${id}PublicAccess`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketOwnershipControls(this, `${id}Ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    const tlsOnly = new DataAwsIamPolicyDocument(this, `${id}TlsOnly`, {
      statement: [{ sid: 'DenyInsecureTransport', effect: 'Deny', actions: ['s3:*'], resources: [bucket.arn, `${bucket.arn}/*`], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }],
    });
    new S3BucketPolicy(this, `${id}Policy`, { bucket: bucket.id, policy: tlsOnly.json });
    if (o.logPrefix !== undefined) new S3BucketLoggingA(this, `${id}Logging`, { bucket: bucket.id, targetBucket: this.accessLogsBucket.id, targetPrefix: o.logPrefix });
    new S3BucketLifecycleConfiguration(this, `${id}Lifecycle`, {
      bucket: bucket.id,
      rule: [{
        id: 'retention',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        ...(o.expirationDays !== undefined ? { expiration: [{ days: o.expirationDays }] } : {}),
        noncurrentVersionExpiration: [{ noncurrentDays: o.noncurrentDays ?? 30 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }],
    });
    return versioning;
  }
}
