/**
 * `SageMakerEndpointStorage`: the KMS key and the two buckets of an endpoint — model artifacts, and
 * data (captured requests, async results, Model Monitor baseline and reports). Both are versioned,
 * KMS-encrypted, private, TLS-only, access-logged and retained when the stack is destroyed.
 */
import { Duration, FeatureFlags, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ProblemCollector } from '../../../lib/errors';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';

/** The buckets and key an endpoint reads and writes. */
export interface ISageMakerEndpointStorage {
  /** Model artifacts (weights, model.tar.gz archives). */
  readonly artifactsBucket: s3.IBucket;
  /** Data capture, async inference results and monitoring files. */
  readonly dataBucket: s3.IBucket;
  /** Key of both buckets, the topics, the log group and the ML volumes. */
  readonly encryptionKey: kms.IKey;
}

export interface SageMakerEndpointStorageProps {
  /**
   * Customer-managed key for everything the endpoint stores.
   * @default - a new key with yearly rotation, retained on destroy
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Days a replaced model file (noncurrent version) is kept, the window to roll weights back.
   * @default 30
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * Days captured requests, async results and monitoring reports are kept.
   * @default 365
   */
  readonly dataRetentionDays?: number;
}

function checkDays(p: ProblemCollector, field: string, value: number): void {
  if (Token.isUnresolved(value)) return;
  p.check(Number.isInteger(value) && value >= 1, field, value, 'must be a whole number of days, at least 1', `set ${field} to 1 or more`);
}

/** Key and buckets of one SageMaker endpoint. */
export class SageMakerEndpointStorage extends Construct implements ISageMakerEndpointStorage {
  public readonly artifactsBucket: s3.Bucket;
  public readonly dataBucket: s3.Bucket;
  public readonly encryptionKey: kms.IKey;
  /** Receives the S3 server access logs of both buckets (SSE-S3: log delivery cannot write SSE-KMS). */
  public readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SageMakerEndpointStorageProps = {}) {
    super(scope, id);
    const noncurrentDays = props.noncurrentVersionRetentionDays ?? 30;
    const dataDays = props.dataRetentionDays ?? 365;
    const p = new ProblemCollector();
    checkDays(p, 'noncurrentVersionRetentionDays', noncurrentDays);
    checkDays(p, 'dataRetentionDays', dataDays);
    p.throwIfAny(`SageMakerEndpointStorage '${id}'`);

    this.encryptionKey = props.encryptionKey ?? this.createKey();
    // Log delivery is granted by bucket policy under this feature flag, by ACL (which needs object-writer ownership) without it.
    const policyDelivery = FeatureFlags.of(this).isEnabled('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy');
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: policyDelivery ? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED : s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logsReason = 'S3 server access logs can only be delivered to an SSE-S3 bucket, and logging the log bucket into itself would loop';
    acknowledgeFinding(this.accessLogsBucket, 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check', logsReason);
    acknowledgeFinding(this.accessLogsBucket, 'cdk-validator-cfnguard::s3_bucket_logging_enabled_check', logsReason);
    acknowledgeFinding(this.accessLogsBucket, 'AwsSolutions-S1', logsReason);
    this.artifactsBucket = this.bucket('Artifacts', 'artifacts/', [{ id: 'expire-replaced-versions', noncurrentVersionExpiration: Duration.days(noncurrentDays) }]);
    this.dataBucket = this.bucket('Data', 'data/', [{ id: 'expire-data', expiration: Duration.days(dataDays), noncurrentVersionExpiration: Duration.days(30) }]);
  }

  private createKey(): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the model artifacts, captured data, topics, logs and volumes of ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Grants only for AWS resources (SageMaker volumes, S3 bucket keys), as Control Tower CT.KMS.PR.3 requires.
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowGrantsOnlyForAwsResources',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }));
    // The endpoint's log group and the VPC flow logs are encrypted with this key.
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptLogs',
      principals: [new iam.ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
    }));
    return key;
  }

  private bucket(id: string, logPrefix: string, rules: s3.LifecycleRule[]): s3.Bucket {
    return new s3.Bucket(this, id, {
      versioned: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      // One KMS call per bucket-key period instead of per object: weights are read in many parts.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: logPrefix,
      lifecycleRules: [...rules, { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      // Weights may be the only copy of a fine-tune, captured data the only evidence of drift: keep both.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
