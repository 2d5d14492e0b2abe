/**
 * Building blocks every serverless Pulumi component shares: roles with the engine-neutral inline
 * statements, hardened buckets and queues. Children are registered under the calling component.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { PolicyStatementDefinition } from '../../../../lib/inference/deployment/policies';

/** Days messages stay in a dead-letter queue: the SQS maximum, 14 days (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html, read 2025-06). */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

export interface RoleWithPolicy {
  readonly role: aws.iam.Role;
  readonly policy: aws.iam.RolePolicy;
}

/** An engine-neutral statement whose resources may also be Pulumi Outputs (ARNs of resources created here). */
export type StatementInput = PolicyStatementDefinition<pulumi.Input<string>>;

/** The IAM policy document of engine-neutral statements (resources may be Outputs). */
export function policyDocument(statements: readonly StatementInput[]): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => ({ Sid: s.sid, Effect: 'Allow', Action: [...s.actions], Resource: [...s.resources], ...(s.conditions ? { Condition: s.conditions } : {}) })),
  });
}

export function serviceRole(name: string, service: string, statements: readonly StatementInput[], description: string, parent: pulumi.Resource): RoleWithPolicy {
  const role = new aws.iam.Role(name, {
    description,
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] }),
  }, { parent });
  const policy = new aws.iam.RolePolicy(`${name}-policy`, { role: role.id, name: 'least-privilege', policy: policyDocument(statements) }, { parent });
  return { role, policy };
}

export interface SecureBucketOptions {
  readonly bucketName: string;
  /** SSE-KMS key; `undefined` means SSE-S3 (the access-log bucket). */
  readonly kmsKeyArn?: pulumi.Input<string>;
  readonly accessLogs?: { readonly bucket: pulumi.Input<string>; readonly prefix: string };
  readonly noncurrentVersionDays: number;
  readonly expirationDays?: number;
  /** Let S3 server access log delivery of this account write (the log bucket). */
  readonly acceptsAccessLogsFrom?: string;
  /** Extra rules expiring the objects under a prefix (e.g. captured requests). @default - none */
  readonly prefixExpirations?: readonly { readonly id: string; readonly prefix: string; readonly days: number }[];
  /** Provider of another region (a replica bucket in the standby region). @default - the program's provider */
  readonly provider?: aws.Provider;
}

/** A versioned, encrypted, private, TLS-only, access-logged bucket, kept by `pulumi destroy` (`retainOnDelete`). */
export function secureBucket(name: string, options: SecureBucketOptions, parent: pulumi.Resource): aws.s3.Bucket {
  const opts = { parent, ...(options.provider && { provider: options.provider }) };
  const bucket = new aws.s3.Bucket(name, { bucket: options.bucketName }, { ...opts, retainOnDelete: true });
  new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } }, opts);
  new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, {
    bucket: bucket.id,
    rules: [options.kmsKeyArn
      ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: options.kmsKeyArn }, bucketKeyEnabled: true }
      : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
  }, opts);
  new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, opts);
  new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } }, opts);
  new aws.s3.BucketPolicy(`${name}-policy`, {
    bucket: bucket.id,
    policy: bucket.arn.apply((arn) => JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ...(options.acceptsAccessLogsFrom
          ? [{ Sid: 'S3ServerAccessLogsPolicy', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `${arn}/*`, Condition: { StringEquals: { 'aws:SourceAccount': options.acceptsAccessLogsFrom } } }]
          : []),
      ],
    })),
  }, opts);
  if (options.accessLogs) new aws.s3.BucketLogging(`${name}-logging`, { bucket: bucket.id, targetBucket: options.accessLogs.bucket, targetPrefix: options.accessLogs.prefix }, opts);
  new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
    bucket: bucket.id,
    rules: [{
      id: 'retention',
      status: 'Enabled',
      filter: { prefix: '' },
      ...(options.expirationDays !== undefined ? { expiration: { days: options.expirationDays } } : {}),
      noncurrentVersionExpiration: { noncurrentDays: options.noncurrentVersionDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    }, ...(options.prefixExpirations ?? []).map((rule) => ({
      id: rule.id, status: 'Enabled', filter: { prefix: rule.prefix }, expiration: { days: rule.days }, noncurrentVersionExpiration: { noncurrentDays: 1 },
    }))],
  }, opts);
  return bucket;
}

export interface SecureQueueOptions {
  readonly name: string;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Makes it a dead-letter queue (redrive allowed from it). */
  readonly deadLetter?: boolean;
  readonly redrive?: { readonly deadLetterArn: pulumi.Input<string>; readonly maxReceiveCount: number };
  readonly visibilityTimeoutSeconds?: number;
}

/** A KMS-encrypted, TLS-only queue that is a dead-letter queue or has one (AWS Control Tower CT.SQS.PR.1/2). */
export function secureQueue(resourceName: string, options: SecureQueueOptions, parent: pulumi.Resource): aws.sqs.Queue {
  const queue = new aws.sqs.Queue(resourceName, {
    name: options.name,
    kmsMasterKeyId: options.kmsKeyArn,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    ...(options.deadLetter ? { messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS, redriveAllowPolicy: JSON.stringify({ redrivePermission: 'allowAll' }) } : {}),
    ...(options.redrive ? { redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: options.redrive.deadLetterArn, maxReceiveCount: options.redrive.maxReceiveCount }) } : {}),
  }, { parent });
  new aws.sqs.QueuePolicy(`${resourceName}-tls-only`, {
    queueUrl: queue.url,
    policy: queue.arn.apply((arn) => JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    })),
  }, { parent });
  return queue;
}
