/**
 * Cross-region replication of a deployment's buckets (Pulumi). Where the standby deployment is rendered
 * (`plan.replicasOwnedBy: 'standby-deployment'`), its buckets and key are the replicas: `standbyKeyArn` names the
 * key and the rules wait for `standbyDependsOn`. Otherwise a second `aws.Provider` for the standby region holds
 * the replica key and the replica buckets (versioned, SSE-KMS, private, `retainOnDelete`); the primary region holds the replication role, one replication configuration per source bucket and the
 * replication alarms. Everything comes from lib/disaster-recovery/bucket-replication.ts, as on CDK and cdktf.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  replicaKeyPolicy, replicationAlarms, replicationRolePolicy, replicationRule, replicationTrustPolicy, type BucketReplicationPlan,
} from '../../../lib/disaster-recovery/bucket-replication';
import { secureBucket } from './private/resources';

export interface BucketReplicationArgs {
  /** Which buckets replicate where, from `ServerlessDeploymentConfig.replication`. */
  readonly plan: BucketReplicationPlan;
  /** ARN of the key the source buckets are encrypted with. */
  readonly sourceKeyArn: pulumi.Input<string>;
  /** SNS topic the replication alarms notify. */
  readonly alarmTopicArn: pulumi.Input<string>;
  /** Resources the replication configurations wait for (the source buckets and their versioning). @default - none */
  readonly dependsOn?: pulumi.Resource[];
  /** Default tags of the standby provider. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** The standby deployment's key (required when `plan.replicasOwnedBy` is `standby-deployment`). @default - the replica key created here */
  readonly standbyKeyArn?: pulumi.Input<string>;
  /** The standby deployment's buckets the rules wait for. @default - the replica buckets created here */
  readonly standbyDependsOn?: pulumi.Resource[];
}

export class BucketReplication extends pulumi.ComponentResource {
  /** The AWS provider of the standby region, when the replicas are created here. */
  public readonly standbyProvider?: aws.Provider;
  public readonly replicaKeyArn: pulumi.Output<string>;
  public readonly replicaBuckets: aws.s3.Bucket[] = [];
  public readonly alarms: aws.cloudwatch.MetricAlarm[];

  constructor(name: string, args: BucketReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:BucketReplication', name, {}, opts);
    const { plan } = args;
    const parent = { parent: this };
    if (plan.replicasOwnedBy === 'standby-deployment') {
      if (args.standbyKeyArn === undefined) throw new Error(`BucketReplication '${name}': the standby deployment owns the replicas; pass its key as standbyKeyArn`);
      this.replicaKeyArn = pulumi.output(args.standbyKeyArn);
    } else {
      this.standbyProvider = new aws.Provider(`${name}-standby`, {
        region: plan.standbyRegion as aws.Region, allowedAccountIds: [plan.account], defaultTags: { tags: { ...args.tags, 'managed-by': 'ai-model-deployment' } },
      }, parent);
      const standby = { parent: this, provider: this.standbyProvider };
      const created = new aws.kms.Key(`${name}-replica-key`, {
        description: `Encrypts the ${plan.standbyRegion} replicas of ${plan.name}'s buckets`, enableKeyRotation: true, deletionWindowInDays: 30,
        policy: JSON.stringify(replicaKeyPolicy(plan)),
      }, { ...standby, retainOnDelete: true });
      new aws.kms.Alias(`${name}-replica-key-alias`, { name: plan.destinationKeyAlias, targetKeyId: created.keyId }, standby);
      this.replicaKeyArn = created.arn;
      this.replicaBuckets = plan.buckets.map((b) => secureBucket(`${name}-replica-${b.purpose}`, { bucketName: b.destination, kmsKeyArn: created.arn, noncurrentVersionDays: 90, provider: this.standbyProvider }, this));
    }
    const key = { arn: this.replicaKeyArn };
    const waitFor = (i: number) => (plan.replicasOwnedBy === 'standby-deployment' ? args.standbyDependsOn ?? [] : [this.replicaBuckets[i]!]);
    const role = new aws.iam.Role(`${name}-role`, { name: plan.roleName, description: `S3 replication of ${plan.name} to ${plan.standbyRegion}`, assumeRolePolicy: JSON.stringify(replicationTrustPolicy(plan)) }, parent);
    new aws.iam.RolePolicy(`${name}-role-policy`, {
      role: role.id, name: 'replicate-to-standby',
      policy: pulumi.all([args.sourceKeyArn, key.arn]).apply(([sourceKeyArn, destinationKeyArn]) =>
        JSON.stringify({ Version: '2012-10-17', Statement: replicationRolePolicy(plan, { sourceKeyArn, destinationKeyArn }) })),
    }, parent);
    plan.buckets.forEach((b, i) => {
      new aws.s3.BucketReplicationConfig(`${name}-${b.purpose}`, {
        bucket: b.source, role: role.arn,
        rules: [key.arn.apply((arn) => {
          const rule = replicationRule(b, arn);
          return {
            id: rule.Id, status: rule.Status, priority: rule.Priority, filter: { prefix: rule.Filter.Prefix },
            deleteMarkerReplication: { status: rule.DeleteMarkerReplication.Status },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: rule.SourceSelectionCriteria.SseKmsEncryptedObjects.Status } },
            destination: {
              bucket: rule.Destination.Bucket,
              encryptionConfiguration: { replicaKmsKeyId: rule.Destination.EncryptionConfiguration.ReplicaKmsKeyID },
              replicationTime: { status: rule.Destination.ReplicationTime.Status, time: { minutes: rule.Destination.ReplicationTime.Time.Minutes } },
              metrics: { status: rule.Destination.Metrics.Status, eventThreshold: { minutes: rule.Destination.Metrics.EventThreshold.Minutes } },
            },
          };
        })],
      }, { parent: this, dependsOn: [...(args.dependsOn ?? []), ...waitFor(i)] });
    });
    this.alarms = replicationAlarms(plan).map((alarm) => new aws.cloudwatch.MetricAlarm(alarm.alarmName, {
      name: alarm.alarmName, alarmDescription: alarm.description, namespace: alarm.namespace, metricName: alarm.metricName,
      dimensions: { ...alarm.dimensions }, statistic: alarm.statistic, period: alarm.periodSeconds, evaluationPeriods: alarm.evaluationPeriods,
      threshold: alarm.threshold, comparisonOperator: alarm.comparisonOperator, treatMissingData: alarm.treatMissingData,
      alarmActions: [args.alarmTopicArn], okActions: [args.alarmTopicArn],
    }, parent));
    this.registerOutputs({ replicaKeyArn: this.replicaKeyArn });
  }
}
