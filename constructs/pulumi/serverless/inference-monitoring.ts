/** Alarm topic, alarms and dashboard (Pulumi), from the same engine-neutral definitions as CDK and cdktf. */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { inferenceAlarms } from '../../../lib/inference/deployment/alarms';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { dashboardBody } from '../../../lib/inference/deployment/dashboard';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';
import { partitionOfRegion } from '../../../lib/eks/alert-routing';

export interface InferenceMonitoringArgs {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: pulumi.Input<string>;
}

export class InferenceMonitoring extends pulumi.ComponentResource {
  public readonly alarmTopic: aws.sns.Topic;
  public readonly alarms: aws.cloudwatch.MetricAlarm[] = [];
  /** Names of the alarms that roll a release back. */
  public readonly rollbackAlarmNames: string[] = [];

  constructor(name: string, args: InferenceMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:InferenceMonitoring', name, {}, opts);
    const { config } = args;
    const parent = { parent: this };
    this.alarmTopic = new aws.sns.Topic(`${name}-alarms`, { name: config.names.alarmTopic, displayName: `Alarms of ${config.name}`, kmsMasterKeyId: args.kmsKeyArn }, parent);
    new aws.sns.TopicPolicy(`${name}-alarms-tls-only`, {
      arn: this.alarmTopic.arn,
      policy: this.alarmTopic.arn.apply((arn) => JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      })),
    }, parent);
    subscribeAlarmRecipients(name, this.alarmTopic.arn, alarmSubscriptions(config.name, config.alarmRecipients, config.alarmEmail), partitionOfRegion(config.region), 'alarm-email', parent);
    const definitions = inferenceAlarms(config);
    for (const def of definitions) {
      this.alarms.push(new aws.cloudwatch.MetricAlarm(`${name}-${def.id}`, {
        name: def.alarmName,
        alarmDescription: def.description,
        namespace: def.namespace,
        metricName: def.metricName,
        dimensions: { ...def.dimensions },
        statistic: def.statistic,
        extendedStatistic: def.extendedStatistic,
        period: def.periodSeconds,
        evaluationPeriods: def.evaluationPeriods,
        datapointsToAlarm: def.datapointsToAlarm,
        threshold: def.threshold,
        comparisonOperator: def.comparisonOperator,
        treatMissingData: def.treatMissingData,
        alarmActions: [this.alarmTopic.arn],
        okActions: [this.alarmTopic.arn],
      }, parent));
      if (def.rollsBack) this.rollbackAlarmNames.push(def.alarmName);
    }
    if (config.dashboard) new aws.cloudwatch.Dashboard(`${name}-dashboard`, { dashboardName: config.names.dashboard, dashboardBody: dashboardBody(config, definitions) }, parent);
    this.registerOutputs({ alarmTopicArn: this.alarmTopic.arn });
  }
}
