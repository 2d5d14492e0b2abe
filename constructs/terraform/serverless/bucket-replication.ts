/**
 * Cross-region replication of a deployment's buckets (cdktf). Where the standby deployment is rendered
 * (`plan.replicasOwnedBy: 'standby-deployment'`, its own stack), its buckets and key are the replicas and are
 * named here by bucket name and key alias ARN. Otherwise a second AWS provider for the standby region holds
 * the replica key and the replica buckets (versioned, SSE-KMS, private, `prevent_destroy`). The primary
 * region holds the replication role, one replication configuration per source bucket and the replication
 * alarms (S3 publishes replication metrics in the source region). Everything comes from
 * lib/disaster-recovery/bucket-replication.ts.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { Fn, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  replicaKeyAliasArn, replicaKeyPolicy, replicationAlarms, replicationRolePolicy, replicationRule, replicationTrustPolicy, type BucketReplicationPlan,
} from '../../../lib/disaster-recovery/bucket-replication';
import { SecureBucket } from './private/secure-bucket';

export interface BucketReplicationProps {
  /** Which buckets replicate where, from `ServerlessDeploymentConfig.replication`. */
  readonly plan: BucketReplicationPlan;
  /** ARN of the key the source buckets are encrypted with. */
  readonly sourceKeyArn: string;
  /** SNS topic the replication alarms notify. */
  readonly alarmTopicArn: string;
  /** Resources the replication configurations wait for (the source buckets' versioning). @default - none */
  readonly dependsOn?: ITerraformDependable[];
  /** Tags of the standby provider's resources. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export class BucketReplication extends Construct {
  /** The AWS provider of the standby region (alias `standby`), when the replicas are created here. */
  public readonly standbyProvider?: AwsProvider;
  /** The replica key's ARN, or its alias ARN when the standby deployment owns it. */
  public readonly replicaKeyArn: string;
  public readonly replicaBuckets: SecureBucket[] = [];
  public readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    const { plan } = props;
    const ownedByStandby = plan.replicasOwnedBy === 'standby-deployment';
    if (ownedByStandby) {
      this.replicaKeyArn = replicaKeyAliasArn(plan);
    } else {
      this.standbyProvider = new AwsProvider(this, 'Standby', {
        alias: 'standby', region: plan.standbyRegion, allowedAccountIds: [plan.account],
        defaultTags: [{ tags: { ...props.tags, 'managed-by': 'ai-model-deployment' } }],
      });
      const provider = this.standbyProvider;
      const key = new KmsKey(this, 'ReplicaKey', {
        provider, description: `Encrypts the ${plan.standbyRegion} replicas of ${plan.name}'s buckets`, enableKeyRotation: true, deletionWindowInDays: 30,
        policy: JSON.stringify(replicaKeyPolicy(plan)), lifecycle: { preventDestroy: true },
      });
      new KmsAlias(this, 'ReplicaKeyAlias', { provider, name: plan.destinationKeyAlias, targetKeyId: key.keyId });
      this.replicaKeyArn = key.arn;
      for (const b of plan.buckets) {
        this.replicaBuckets.push(new SecureBucket(this, `Replica-${b.purpose}`, { provider, bucketName: b.destination, kmsKeyArn: key.arn, noncurrentVersionDays: 90 }));
      }
    }
    const role = new IamRole(this, 'Role', { name: plan.roleName, description: `S3 replication of ${plan.name} to ${plan.standbyRegion}`, assumeRolePolicy: JSON.stringify(replicationTrustPolicy(plan)) });
    const destinationKey = ownedByStandby ? { destinationKeyAlias: true as const } : { destinationKeyArn: this.replicaKeyArn };
    new IamRolePolicy(this, 'RolePolicy', {
      role: role.id, name: 'replicate-to-standby',
      policy: Fn.jsonencode({ Version: '2012-10-17', Statement: replicationRolePolicy(plan, { sourceKeyArn: props.sourceKeyArn, ...destinationKey }) }),
    });
    plan.buckets.forEach((b, i) => {
      const rule = replicationRule(b, this.replicaKeyArn);
      new S3BucketReplicationConfigurationA(this, `Rule-${b.purpose}`, {
        bucket: b.source, role: role.arn,
        // With a standby deployment the replicas are another stack's, applied first (the stack dependency).
        dependsOn: [...(props.dependsOn ?? []), ...(ownedByStandby ? [] : [this.replicaBuckets[i]!.bucket])],
        rule: [{
          id: rule.Id, status: rule.Status, priority: rule.Priority, filter: { prefix: rule.Filter.Prefix },
          deleteMarkerReplication: { status: rule.DeleteMarkerReplication.Status },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: rule.SourceSelectionCriteria.SseKmsEncryptedObjects.Status } },
          destination: {
            bucket: rule.Destination.Bucket,
            encryptionConfiguration: { replicaKmsKeyId: rule.Destination.EncryptionConfiguration.ReplicaKmsKeyID },
            replicationTime: { status: rule.Destination.ReplicationTime.Status, time: { minutes: rule.Destination.ReplicationTime.Time.Minutes } },
            metrics: { status: rule.Destination.Metrics.Status, eventThreshold: { minutes: rule.Destination.Metrics.EventThreshold.Minutes } },
          },
        }],
      });
    });
    for (const alarm of replicationAlarms(plan)) {
      this.alarms.push(new CloudwatchMetricAlarm(this, alarm.alarmName, {
        alarmName: alarm.alarmName, alarmDescription: alarm.description, namespace: alarm.namespace, metricName: alarm.metricName,
        dimensions: { ...alarm.dimensions }, statistic: alarm.statistic, period: alarm.periodSeconds, evaluationPeriods: alarm.evaluationPeriods,
        threshold: alarm.threshold, comparisonOperator: alarm.comparisonOperator, treatMissingData: alarm.treatMissingData,
        alarmActions: [props.alarmTopicArn], okActions: [props.alarmTopicArn],
      }));
    }
  }
}
