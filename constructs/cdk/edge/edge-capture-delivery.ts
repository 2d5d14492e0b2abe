/**
 * `EdgeCaptureDelivery`: the cloud side of request capture from Greengrass devices (lib/edge/capture-pipeline.ts):
 * an IoT topic rule that forwards the devices' capture records to a Firehose delivery stream (encrypted with the
 * fleet's key), which writes them as JSON Lines under `capture/` of the fleet's retained bucket, a lifecycle rule
 * that expires them, and an alarm on stalled delivery routed to the fleet's alarm topic.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as iot from 'aws-cdk-lib/aws-iot';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  captureDeliveryRolePolicy, captureExpiry, captureRuleRolePolicy, serviceTrustPolicy, type EdgeCapturePipeline,
} from '../../../lib/edge/capture-pipeline';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';

export interface EdgeCaptureDeliveryProps {
  /** The planned pipeline (lib/edge `planEdgeCapturePipeline`). */
  readonly pipeline: EdgeCapturePipeline;
  /** The fleet's retained bucket; records land under `capture/`. */
  readonly bucket: s3.Bucket;
  /** The fleet's key: encrypts the stream's buffer and the delivered objects. */
  readonly encryptionKey: kms.IKey;
  /** Where the stalled-delivery alarm goes. */
  readonly alarmTopic: sns.ITopic;
}

export class EdgeCaptureDelivery extends Construct {
  public readonly deliveryStream: firehose.CfnDeliveryStream;
  public readonly topicRule: iot.CfnTopicRule;
  public readonly deliveryStalledAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: EdgeCaptureDeliveryProps) {
    super(scope, id);
    const { pipeline, bucket, encryptionKey } = props;
    const deliveryRole = new iam.Role(this, 'DeliveryRole', {
      roleName: pipeline.deliveryRoleName,
      description: 'Firehose: write edge capture records below capture/ of the fleet bucket',
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', { conditions: serviceTrustPolicy('firehose.amazonaws.com', Aws.ACCOUNT_ID).Statement[0]!.Condition }),
      inlinePolicies: { Delivery: iam.PolicyDocument.fromJson(captureDeliveryRolePolicy({ bucketArn: bucket.bucketArn, kmsKeyArn: encryptionKey.keyArn, region: Aws.REGION })) },
    });
    acknowledgeIamFindings(deliveryRole, { wildcards: 'Object wildcards stop at the capture/ and capture-errors/ prefixes Firehose writes hourly objects under.' });
    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'Stream', {
      deliveryStreamName: pipeline.deliveryStreamName,
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'CUSTOMER_MANAGED_CMK', keyArn: encryptionKey.keyArn },
      extendedS3DestinationConfiguration: {
        bucketArn: bucket.bucketArn,
        roleArn: deliveryRole.roleArn,
        prefix: pipeline.prefix,
        errorOutputPrefix: pipeline.errorOutputPrefix,
        bufferingHints: { intervalInSeconds: pipeline.buffering.intervalSeconds, sizeInMBs: pipeline.buffering.sizeMiB },
        compressionFormat: 'UNCOMPRESSED',
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: encryptionKey.keyArn } },
      },
    });
    this.deliveryStream.node.addDependency(deliveryRole);

    const ruleRole = new iam.Role(this, 'RuleRole', {
      roleName: pipeline.ruleRoleName,
      description: 'IoT rule: put edge capture records into the capture delivery stream',
      assumedBy: new iam.ServicePrincipal('iot.amazonaws.com', { conditions: serviceTrustPolicy('iot.amazonaws.com', Aws.ACCOUNT_ID).Statement[0]!.Condition }),
      inlinePolicies: { PutRecords: iam.PolicyDocument.fromJson(captureRuleRolePolicy(this.deliveryStream.attrArn)) },
    });
    this.topicRule = new iot.CfnTopicRule(this, 'Rule', {
      ruleName: pipeline.topicRuleName,
      topicRulePayload: {
        sql: pipeline.sql,
        awsIotSqlVersion: pipeline.sqlVersion,
        ruleDisabled: false,
        description: 'Edge request capture: device records to Firehose (JSON Lines under capture/)',
        actions: [{ firehose: { deliveryStreamName: pipeline.deliveryStreamName, roleArn: ruleRole.roleArn, separator: pipeline.separator } }],
      },
    });
    this.topicRule.node.addDependency(this.deliveryStream, ruleRole);

    for (const rule of captureExpiry(pipeline)) bucket.addLifecycleRule({ id: rule.id, prefix: rule.prefix, expiration: Duration.days(rule.days) });

    const alarm = pipeline.freshnessAlarm;
    this.deliveryStalledAlarm = new cloudwatch.Alarm(this, 'DeliveryStalled', {
      alarmName: alarm.alarmName,
      alarmDescription: `Edge capture records wait more than ${alarm.thresholdSeconds} s for delivery to S3: check the delivery role, the key and capture-errors/`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Firehose', metricName: 'DeliveryToS3.DataFreshness', dimensionsMap: { DeliveryStreamName: pipeline.deliveryStreamName },
        statistic: 'Maximum', period: Duration.seconds(alarm.periodSeconds),
      }),
      threshold: alarm.thresholdSeconds,
      evaluationPeriods: alarm.evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      // No records (no device capturing right now) is not a failure.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.deliveryStalledAlarm.addAlarmAction(new cwActions.SnsAction(props.alarmTopic));
    this.deliveryStalledAlarm.addOkAction(new cwActions.SnsAction(props.alarmTopic));
  }
}
