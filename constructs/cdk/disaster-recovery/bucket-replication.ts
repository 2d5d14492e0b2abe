/**
 * Cross-region replication of a deployment's buckets on CloudFormation. The replicas and their key live in
 * the standby deployment's stack (another region, deployed first: the primary stack depends on it), so this
 * construct names them by what is known before they exist: bucket names (they carry the region) and the
 * replica key's alias ARN. It adds the replication role, the replication configuration of each source
 * bucket and the alarms on the replication metrics, all from lib/disaster-recovery/bucket-replication.ts.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  replicaKeyAliasArn, replicationAlarms, replicationRolePolicy, replicationRule, type BucketReplicationPlan, type ReplicatedBucket,
} from '../../../lib/disaster-recovery/bucket-replication';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';

export interface BucketReplicationProps {
  /** Which buckets replicate where, from `ServerlessDeploymentConfig.replication`. */
  readonly plan: BucketReplicationPlan;
  /** The source buckets by purpose; a purpose of the plan without a bucket here is an error. */
  readonly sourceBuckets: Partial<Record<ReplicatedBucket['purpose'], s3.IBucket>>;
  /** The key the source buckets are encrypted with. */
  readonly sourceKey: kms.IKey;
  /** Topic the replication alarms notify (the deployment's alarm topic, subscribed to its recipients). */
  readonly alarmTopic: sns.ITopic;
}

export class BucketReplication extends Construct {
  public readonly role: iam.Role;
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    const { plan } = props;
    const missing = plan.buckets.filter((b) => props.sourceBuckets[b.purpose] === undefined).map((b) => b.purpose);
    if (missing.length > 0) throw new Error(`BucketReplication '${id}': no source bucket for ${missing.join(', ')}; pass it in sourceBuckets`);
    this.role = new iam.Role(this, 'Role', {
      roleName: plan.roleName,
      description: `S3 replication of ${plan.name} to ${plan.standbyRegion}`,
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': plan.account } }),
    });
    const statements = replicationRolePolicy(plan, { sourceKeyArn: props.sourceKey.keyArn, destinationKeyAlias: true });
    const policy = new iam.Policy(this, 'Policy', { policyName: 'replicate-to-standby', document: iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: statements }) });
    this.role.attachInlinePolicy(policy);
    // cdk-nag names each wildcard resource in its finding id: acknowledge exactly those, no others.
    const objectArns = plan.buckets.flatMap((b) => [b.source, b.destination]).map((bucket) => `arn:aws:s3:::${bucket}/*`);
    for (const resource of objectArns) {
      acknowledgeFinding(policy, `AwsSolutions-IAM5[Resource::${resource}]`,
        'S3 replication reads and writes every object version of this one bucket; object-level actions need the /* object ARN');
    }
    acknowledgeFinding(policy, `AwsSolutions-IAM5[Resource::arn:aws:kms:${plan.standbyRegion}:${plan.account}:key/*]`,
      "the replica key's ARN lives in the standby region's stack; kms:ResourceAliases (the replica alias) and kms:ViaService (S3 in the standby region) narrow the statement to that key used by S3");
    const aliasArn = replicaKeyAliasArn(plan);
    for (const b of plan.buckets) {
      const source = props.sourceBuckets[b.purpose]!;
      const cfn = source.node.defaultChild as s3.CfnBucket;
      // Same field names in CloudFormation as in S3's API: the neutral rule is written as it is.
      cfn.addPropertyOverride('ReplicationConfiguration', { Role: this.role.roleArn, Rules: [replicationRule(b, aliasArn)] });
      // The role and its policy must exist before S3 validates the configuration.
      cfn.node.addDependency(policy);
    }
    for (const def of replicationAlarms(plan)) {
      const metric = new cloudwatch.Metric({ namespace: def.namespace, metricName: def.metricName, dimensionsMap: { ...def.dimensions }, statistic: def.statistic, period: Duration.seconds(def.periodSeconds) });
      const alarm = metric.createAlarm(this, def.alarmName, {
        alarmName: def.alarmName, alarmDescription: def.description, evaluationPeriods: def.evaluationPeriods, threshold: def.threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
      alarm.addOkAction(new actions.SnsAction(props.alarmTopic));
      this.alarms.push(alarm);
    }
  }
}
