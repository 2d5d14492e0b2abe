/**
 * `EdgeCaptureDelivery` on Terraform: the IoT topic rule, Firehose delivery stream (KMS), roles and stalled-delivery
 * alarm of edge request capture (lib/edge/capture-pipeline.ts). The capture prefixes' expiry is part of the
 * bucket's single lifecycle configuration (EdgeArtifactBucket `expiringPrefixes`): Terraform allows one per bucket.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IotTopicRule } from '@cdktf/provider-aws/lib/iot-topic-rule';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import { Construct } from 'constructs';
import { captureDeliveryRolePolicy, captureRuleRolePolicy, serviceTrustPolicy, type EdgeCapturePipeline } from '../../../lib/edge/capture-pipeline';

export interface EdgeCaptureDeliveryProps {
  readonly pipeline: EdgeCapturePipeline;
  readonly bucketArn: string;
  readonly kmsKeyArn: string;
  readonly alarmTopicArn: string;
  readonly accountId: string;
  readonly region: string;
}

export class EdgeCaptureDelivery extends Construct {
  public readonly deliveryStream: KinesisFirehoseDeliveryStream;
  public readonly topicRule: IotTopicRule;
  public readonly deliveryStalledAlarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: EdgeCaptureDeliveryProps) {
    super(scope, id);
    const { pipeline } = props;
    const deliveryRole = new IamRole(this, 'DeliveryRole', {
      name: pipeline.deliveryRoleName,
      description: 'Firehose: write edge capture records below capture/ of the fleet bucket',
      assumeRolePolicy: JSON.stringify(serviceTrustPolicy('firehose.amazonaws.com', props.accountId)),
      inlinePolicy: [{ name: 'Delivery', policy: JSON.stringify(captureDeliveryRolePolicy({ bucketArn: props.bucketArn, kmsKeyArn: props.kmsKeyArn, region: props.region })) }],
    });
    this.deliveryStream = new KinesisFirehoseDeliveryStream(this, 'Stream', {
      name: pipeline.deliveryStreamName,
      destination: 'extended_s3',
      serverSideEncryption: { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn: props.kmsKeyArn },
      extendedS3Configuration: {
        bucketArn: props.bucketArn,
        roleArn: deliveryRole.arn,
        prefix: pipeline.prefix,
        errorOutputPrefix: pipeline.errorOutputPrefix,
        bufferingInterval: pipeline.buffering.intervalSeconds,
        bufferingSize: pipeline.buffering.sizeMiB,
        compressionFormat: 'UNCOMPRESSED',
        kmsKeyArn: props.kmsKeyArn,
      },
    });
    const ruleRole = new IamRole(this, 'RuleRole', {
      name: pipeline.ruleRoleName,
      description: 'IoT rule: put edge capture records into the capture delivery stream',
      assumeRolePolicy: JSON.stringify(serviceTrustPolicy('iot.amazonaws.com', props.accountId)),
      inlinePolicy: [{ name: 'PutRecords', policy: JSON.stringify(captureRuleRolePolicy(this.deliveryStream.arn)) }],
    });
    this.topicRule = new IotTopicRule(this, 'Rule', {
      name: pipeline.topicRuleName,
      description: 'Edge request capture: device records to Firehose (JSON Lines under capture/)',
      enabled: true,
      sql: pipeline.sql,
      sqlVersion: pipeline.sqlVersion,
      firehose: [{ deliveryStreamName: this.deliveryStream.name, roleArn: ruleRole.arn, separator: pipeline.separator }],
    });
    const alarm = pipeline.freshnessAlarm;
    this.deliveryStalledAlarm = new CloudwatchMetricAlarm(this, 'DeliveryStalled', {
      alarmName: alarm.alarmName,
      alarmDescription: `Edge capture records wait more than ${alarm.thresholdSeconds} s for delivery to S3: check the delivery role, the key and capture-errors/`,
      namespace: 'AWS/Firehose',
      metricName: 'DeliveryToS3.DataFreshness',
      dimensions: { DeliveryStreamName: pipeline.deliveryStreamName },
      statistic: 'Maximum',
      period: alarm.periodSeconds,
      evaluationPeriods: alarm.evaluationPeriods,
      threshold: alarm.thresholdSeconds,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [props.alarmTopicArn],
      okActions: [props.alarmTopicArn],
    });
  }
}
