/** Alarm topic, alarms and dashboard (cdktf), from the same engine-neutral definitions as CDK and Pulumi. */
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { inferenceAlarms } from '../../../lib/inference/deployment/alarms';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { dashboardBody } from '../../../lib/inference/deployment/dashboard';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';

export interface InferenceMonitoringProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: string;
}

export class InferenceMonitoring extends Construct {
  public readonly alarmTopic: SnsTopic;
  public readonly alarms: CloudwatchMetricAlarm[] = [];
  /** Names of the alarms that roll a release back. */
  public readonly rollbackAlarmNames: string[] = [];

  constructor(scope: Construct, id: string, props: InferenceMonitoringProps) {
    super(scope, id);
    const { config } = props;
    this.alarmTopic = new SnsTopic(this, 'AlarmTopic', { name: config.names.alarmTopic, displayName: `Alarms of ${config.name}`, kmsMasterKeyId: props.kmsKeyArn });
    new SnsTopicPolicy(this, 'AlarmTopicTlsOnly', {
      arn: this.alarmTopic.arn,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: this.alarmTopic.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      }),
    });
    subscribeAlarmRecipients(this, this.alarmTopic.arn, alarmSubscriptions(config.name, config.alarmRecipients, config.alarmEmail));
    const definitions = inferenceAlarms(config);
    for (const def of definitions) {
      this.alarms.push(new CloudwatchMetricAlarm(this, def.id, {
        alarmName: def.alarmName,
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
      }));
      if (def.rollsBack) this.rollbackAlarmNames.push(def.alarmName);
    }
    if (config.dashboard) new CloudwatchDashboard(this, 'Dashboard', { dashboardName: config.names.dashboard, dashboardBody: dashboardBody(config, definitions) });
  }
}
