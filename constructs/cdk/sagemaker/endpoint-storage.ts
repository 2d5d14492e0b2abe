/**
 * `SageMakerEndpointStorage`: the KMS key and the two buckets of an endpoint — model artifacts, and
 * data (captured requests, async results, Model Monitor baseline and reports). Both are versioned,
 * KMS-encrypted, private, TLS-only, access-logged and retained when the stack is destroyed.
 */
import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ProblemCollector } from '../../../lib/errors';
import { AccessLogsBucket } from '../storage/access-logs-bucket';
import { restrictGrantsToAwsServices } from '../security/kms-grants';
import { RetainedBucket } from '../storage/retained-bucket';

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
  public readonly accessLogsBucket: AccessLogsBucket;

  constructor(scope: Construct, id: string, props: SageMakerEndpointStorageProps = {}) {
    super(scope, id);
    const noncurrentDays = props.noncurrentVersionRetentionDays ?? 30;
    const dataDays = props.dataRetentionDays ?? 365;
    const p = new ProblemCollector();
    checkDays(p, 'noncurrentVersionRetentionDays', noncurrentDays);
    checkDays(p, 'dataRetentionDays', dataDays);
    p.throwIfAny(`SageMakerEndpointStorage '${id}'`);

    this.encryptionKey = props.encryptionKey ?? this.createKey();
    // Log delivery by bucket policy or ACL, as the app's `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` flag says.
    this.accessLogsBucket = new AccessLogsBucket(this, 'AccessLogs');
    this.artifactsBucket = this.bucket('Artifacts', 'artifacts/', [{ id: 'expire-replaced-versions', noncurrentVersionExpiration: Duration.days(noncurrentDays) }]);
    this.dataBucket = this.bucket('Data', 'data/', [{ id: 'expire-data', expiration: Duration.days(dataDays), noncurrentVersionExpiration: Duration.days(30) }]);
  }

  private createKey(): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the model artifacts, captured data, topics, logs and volumes of ${this.node.path}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Grants only for AWS resources (SageMaker volumes, S3 bucket keys), under this endpoint's existing statement id.
    restrictGrantsToAwsServices(key, 'AllowGrantsOnlyForAwsResources');
    // The endpoint's log group and the VPC flow logs are encrypted with this key.
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptLogs',
      principals: [new iam.ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
    }));
    return key;
  }

  private bucket(id: string, accessLogsPrefix: string, lifecycleRules: s3.LifecycleRule[]): s3.Bucket {
    // Weights may be the only copy of a fine-tune, captured data the only evidence of drift: keep both.
    return new RetainedBucket(this, id, { encryptionKey: this.encryptionKey, accessLogsBucket: this.accessLogsBucket, accessLogsPrefix, lifecycleRules });
  }
}
