/**
 * `EdgeCaptureDelivery` on Pulumi: the IoT topic rule, Firehose delivery stream (KMS), roles and stalled-delivery
 * alarm of edge request capture (lib/edge/capture-pipeline.ts). The capture prefixes' expiry is part of the
 * bucket's single lifecycle configuration (EdgeArtifactBucket `expiringPrefixes`).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { captureDeliveryRolePolicy, captureRuleRolePolicy, serviceTrustPolicy, type EdgeCapturePipeline } from '../../../lib/edge/capture-pipeline';

export interface EdgeCaptureDeliveryArgs {
  readonly pipeline: EdgeCapturePipeline;
  readonly bucketArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly alarmTopicArn: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
  readonly region: string;
}

export class EdgeCaptureDelivery extends pulumi.ComponentResource {
  public readonly deliveryStream: aws.kinesis.FirehoseDeliveryStream;
  public readonly topicRule: aws.iot.TopicRule;
  public readonly deliveryStalledAlarm: aws.cloudwatch.MetricAlarm;

  constructor(name: string, args: EdgeCaptureDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:edge:EdgeCaptureDelivery', name, {}, opts);
    const parent = { parent: this };
    const { pipeline } = args;
    const deliveryRole = new aws.iam.Role(`${name}-delivery-role`, {
      name: pipeline.deliveryRoleName,
      description: 'Firehose: write edge capture records below capture/ of the fleet bucket',
      assumeRolePolicy: pulumi.output(args.accountId).apply((account) => JSON.stringify(serviceTrustPolicy('firehose.amazonaws.com', account))),
    }, parent);
    const deliveryPolicy = new aws.iam.RolePolicy(`${name}-delivery-policy`, {
      name: 'Delivery', role: deliveryRole.name,
      policy: pulumi.all([args.bucketArn, args.kmsKeyArn]).apply(([bucketArn, kmsKeyArn]) => JSON.stringify(captureDeliveryRolePolicy({ bucketArn, kmsKeyArn, region: args.region }))),
    }, parent);
    this.deliveryStream = new aws.kinesis.FirehoseDeliveryStream(`${name}-stream`, {
      name: pipeline.deliveryStreamName,
      destination: 'extended_s3',
      serverSideEncryption: { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn: args.kmsKeyArn },
      extendedS3Configuration: {
        bucketArn: args.bucketArn,
        roleArn: deliveryRole.arn,
        prefix: pipeline.prefix,
        errorOutputPrefix: pipeline.errorOutputPrefix,
        bufferingInterval: pipeline.buffering.intervalSeconds,
        bufferingSize: pipeline.buffering.sizeMiB,
        compressionFormat: 'UNCOMPRESSED',
        kmsKeyArn: args.kmsKeyArn,
      },
    }, { parent: this, dependsOn: [deliveryPolicy] });
    const ruleRole = new aws.iam.Role(`${name}-rule-role`, {
      name: pipeline.ruleRoleName,
      description: 'IoT rule: put edge capture records into the capture delivery stream',
      assumeRolePolicy: pulumi.output(args.accountId).apply((account) => JSON.stringify(serviceTrustPolicy('iot.amazonaws.com', account))),
    }, parent);
    const rulePolicy = new aws.iam.RolePolicy(`${name}-rule-policy`, {
      name: 'PutRecords', role: ruleRole.name, policy: this.deliveryStream.arn.apply((arn) => JSON.stringify(captureRuleRolePolicy(arn))),
    }, parent);
    this.topicRule = new aws.iot.TopicRule(`${name}-rule`, {
      name: pipeline.topicRuleName,
      description: 'Edge request capture: device records to Firehose (JSON Lines under capture/)',
      enabled: true,
      sql: pipeline.sql,
      sqlVersion: pipeline.sqlVersion,
      firehoses: [{ deliveryStreamName: this.deliveryStream.name, roleArn: ruleRole.arn, separator: pipeline.separator }],
    }, { parent: this, dependsOn: [rulePolicy] });
    const alarm = pipeline.freshnessAlarm;
    this.deliveryStalledAlarm = new aws.cloudwatch.MetricAlarm(`${name}-delivery-stalled`, {
      name: alarm.alarmName,
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
      alarmActions: [args.alarmTopicArn],
      okActions: [args.alarmTopicArn],
    }, parent);
    this.registerOutputs({ deliveryStream: this.deliveryStream.name, topicRule: this.topicRule.name });
  }
}
