/**
 * Engine-neutral description of cross-region bucket replication for a deployment with a standby region
 * (docs/disaster-recovery.md): which buckets replicate where, the replication role's least-privilege
 * policy, the replication rule (KMS re-encryption, delete markers, Replication Time Control and metrics)
 * and the alarms on its metrics. Engines (CDK, cdktf, Pulumi) translate these objects; the key ARNs they
 * pass in may be unresolved tokens.
 *
 * Sources (read 2026-12-03):
 * - Replication configuration: https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 *   (SourceSelectionCriteria.SseKmsEncryptedObjects, EncryptionConfiguration.ReplicaKmsKeyID, the role's kms:Decrypt
 *   with kms:ViaService s3.<source region> and kms:Encrypt with kms:ViaService s3.<destination region>)
 * - Role permissions: https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
 * - Replication Time Control (15 minutes, the only value S3 accepts) and metrics:
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html,
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/API_Metrics.html
 * - Metric names ReplicationLatency and OperationsFailedReplication, namespace AWS/S3, dimensions SourceBucket,
 *   DestinationBucket, RuleId: https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html
 */
import { serverlessResourceNames } from '../inference/deployment/names';

/** S3 RTC's threshold: 15 minutes is the only value the API accepts (replication-time-control.html). */
export const REPLICATION_TIME_MINUTES = 15;

/** One source bucket in the primary region and its replica in the standby region. */
export interface ReplicatedBucket {
  /** What the bucket holds: `models` (model artifacts) or `data` (captured requests, batch input/output). */
  readonly purpose: 'models' | 'data';
  readonly source: string;
  readonly destination: string;
  /** Replication rule id: also the RuleId dimension of its metrics. */
  readonly ruleId: string;
}

/** Where a deployment's buckets replicate to. */
export interface BucketReplicationPlan {
  /** The deployment's name: prefixes the role, key alias and alarm names. */
  readonly name: string;
  readonly primaryRegion: string;
  readonly standbyRegion: string;
  readonly account: string;
  /** IAM role S3 assumes to replicate (global, so created with the primary region's resources). */
  readonly roleName: string;
  /** Alias of the customer-managed key in the standby region the replicas are encrypted with. */
  readonly destinationKeyAlias: string;
  readonly buckets: readonly ReplicatedBucket[];
  /**
   * Who creates the replica buckets and key: `standby-deployment` when the deployment is also rendered in the
   * standby region (its own buckets and key are the replicas: the names carry the region), `replication` when
   * only the replicas are (the replication renders them next to the role, through a standby provider).
   */
  readonly replicasOwnedBy: 'standby-deployment' | 'replication';
}

/** An IAM policy statement in the JSON shape of IAM (engines render it as a document). */
export interface PolicyStatementJson {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string>>;
}

/** A CloudWatch alarm on one replication metric of one rule. */
export interface ReplicationAlarm {
  readonly alarmName: string;
  readonly description: string;
  readonly namespace: 'AWS/S3';
  readonly metricName: 'ReplicationLatency' | 'OperationsFailedReplication';
  readonly dimensions: { readonly SourceBucket: string; readonly DestinationBucket: string; readonly RuleId: string };
  readonly statistic: 'Maximum' | 'Sum';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparisonOperator: 'GreaterThanThreshold';
  readonly treatMissingData: 'notBreaching';
}

/** Replication of the buckets of a serverless deployment (model bucket when it is the deployment's own, data bucket when there is one). */
export function planServerlessBucketReplication(options: {
  readonly name: string; readonly account: string; readonly primaryRegion: string; readonly standbyRegion: string;
  /** The deployment creates its model bucket (a user's bucket is the user's to replicate). */
  readonly ownModelBucket: boolean;
  /** The deployment has a data bucket (request capture or batch scoring). */
  readonly dataBucket: boolean;
  /** The deployment is also rendered in the standby region, whose buckets and key are the replicas. @default false */
  readonly standbyDeployment?: boolean;
}): BucketReplicationPlan {
  const primary = serverlessResourceNames(options.name, options.account, options.primaryRegion);
  const standby = serverlessResourceNames(options.name, options.account, options.standbyRegion);
  const buckets: ReplicatedBucket[] = [];
  // A model bucket the deployment does not own is the user's to replicate.
  if (options.ownModelBucket) buckets.push({ purpose: 'models', source: primary.modelBucket, destination: standby.modelBucket, ruleId: 'replicate-models' });
  if (options.dataBucket) buckets.push({ purpose: 'data', source: primary.dataBucket, destination: standby.dataBucket, ruleId: 'replicate-data' });
  return {
    name: options.name,
    primaryRegion: options.primaryRegion,
    standbyRegion: options.standbyRegion,
    account: options.account,
    roleName: `${options.name}-replication`.slice(0, 64),
    destinationKeyAlias: `alias/${options.name}-replica`,
    buckets,
    replicasOwnedBy: options.standbyDeployment ? 'standby-deployment' : 'replication',
  };
}

/**
 * The replica key as the primary region can name it before it exists: its alias ARN. S3 accepts an alias
 * ARN as ReplicaKmsKeyID (https://docs.aws.amazon.com/AmazonS3/latest/API/API_EncryptionConfiguration.html,
 * read 2026-12-03; KMS resolves it in the bucket owner's account, which is the deployment's own).
 * CloudFormation stacks use it because a key ARN of another region cannot be referenced without a custom resource.
 */
export function replicaKeyAliasArn(plan: BucketReplicationPlan): string {
  return `arn:aws:kms:${plan.standbyRegion}:${plan.account}:${plan.destinationKeyAlias}`;
}

/**
 * How the role's kms:Encrypt statement names the replica key: by ARN, or (when only the alias is known)
 * any key of the standby region carrying the replica alias (kms:ResourceAliases,
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases, read 2026-12-03).
 */
export type DestinationKeyReference = { readonly destinationKeyArn: string } | { readonly destinationKeyAlias: true };

/** The replication role's statements: read configuration and versions of the sources, write replicas to the destinations only. */
export function replicationRolePolicy(plan: BucketReplicationPlan, keys: { readonly sourceKeyArn: string } & DestinationKeyReference): PolicyStatementJson[] {
  const sources = plan.buckets.map((b) => `arn:aws:s3:::${b.source}`);
  const destinations = plan.buckets.map((b) => `arn:aws:s3:::${b.destination}/*`);
  return [
    { Sid: 'ReadReplicationConfiguration', Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: sources },
    { Sid: 'ReadSourceObjectVersions', Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], Resource: sources.map((s) => `${s}/*`) },
    { Sid: 'WriteReplicas', Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: destinations },
    {
      Sid: 'DecryptSourceObjects', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: keys.sourceKeyArn,
      Condition: { StringLike: { 'kms:ViaService': `s3.${plan.primaryRegion}.amazonaws.com` } },
    },
    {
      Sid: 'EncryptReplicas', Effect: 'Allow', Action: ['kms:Encrypt'],
      Resource: 'destinationKeyArn' in keys ? keys.destinationKeyArn : `arn:aws:kms:${plan.standbyRegion}:${plan.account}:key/*`,
      Condition: {
        StringLike: { 'kms:ViaService': `s3.${plan.standbyRegion}.amazonaws.com` },
        ...(!('destinationKeyArn' in keys) && { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': plan.destinationKeyAlias } }),
      },
    },
  ];
}

/** The replication rule of one bucket, in the shape of S3's ReplicationRule (CloudFormation uses the same names). */
export interface ReplicationRuleJson {
  readonly Id: string;
  readonly Status: 'Enabled';
  readonly Priority: number;
  readonly Filter: { readonly Prefix: string };
  readonly DeleteMarkerReplication: { readonly Status: 'Enabled' };
  readonly SourceSelectionCriteria: { readonly SseKmsEncryptedObjects: { readonly Status: 'Enabled' } };
  readonly Destination: {
    readonly Bucket: string;
    readonly EncryptionConfiguration: { readonly ReplicaKmsKeyID: string };
    readonly ReplicationTime: { readonly Status: 'Enabled'; readonly Time: { readonly Minutes: number } };
    readonly Metrics: { readonly Status: 'Enabled'; readonly EventThreshold: { readonly Minutes: number } };
  };
}

export function replicationRule(bucket: ReplicatedBucket, destinationKeyArn: string): ReplicationRuleJson {
  return {
    Id: bucket.ruleId,
    Status: 'Enabled',
    Priority: 1,
    Filter: { Prefix: '' },
    DeleteMarkerReplication: { Status: 'Enabled' },
    SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
    Destination: {
      Bucket: `arn:aws:s3:::${bucket.destination}`,
      EncryptionConfiguration: { ReplicaKmsKeyID: destinationKeyArn },
      ReplicationTime: { Status: 'Enabled', Time: { Minutes: REPLICATION_TIME_MINUTES } },
      Metrics: { Status: 'Enabled', EventThreshold: { Minutes: REPLICATION_TIME_MINUTES } },
    },
  };
}

/** Two alarms per rule, routed to the deployment's alarm topic: replication slower than RTC's 15 minutes, and any failed operation. */
export function replicationAlarms(plan: BucketReplicationPlan): ReplicationAlarm[] {
  return plan.buckets.flatMap((b) => {
    const dimensions = { SourceBucket: b.source, DestinationBucket: b.destination, RuleId: b.ruleId };
    const common = { namespace: 'AWS/S3' as const, dimensions, periodSeconds: 300, comparisonOperator: 'GreaterThanThreshold' as const, treatMissingData: 'notBreaching' as const };
    return [
      { ...common, alarmName: `${plan.name}-${b.purpose}-replication-latency`, description: `Objects of ${b.source} take over ${REPLICATION_TIME_MINUTES} minutes to reach ${b.destination}`,
        metricName: 'ReplicationLatency' as const, statistic: 'Maximum' as const, evaluationPeriods: 3, threshold: REPLICATION_TIME_MINUTES * 60 },
      { ...common, alarmName: `${plan.name}-${b.purpose}-replication-failed`, description: `Objects of ${b.source} failed to replicate to ${b.destination}`,
        metricName: 'OperationsFailedReplication' as const, statistic: 'Sum' as const, evaluationPeriods: 1, threshold: 0 },
    ];
  });
}

/**
 * Key policy of the replica key in the standby region: the account administers it through IAM (the
 * replication role's kms:Encrypt statement is what lets S3 use it; https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
 */
export function replicaKeyPolicy(plan: BucketReplicationPlan): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${plan.account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

/** The replication role's trust policy: only S3, only for this account's buckets. */
export function replicationTrustPolicy(plan: BucketReplicationPlan): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': plan.account } } }],
  };
}
