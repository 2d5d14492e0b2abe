/**
 * `SageMakerEndpointAlarms` (cdktf): the encrypted alarm topic, every alarm of the description and the
 * endpoint's dashboard (the same dashboard body every engine deploys).
 */
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Construct } from 'constructs';
import { dashboardBody } from '../../../lib/sagemaker/dashboard';
import type { AlarmDescription, SageMakerEndpointDescription } from '../../../lib/sagemaker/types';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';

/** An SNS topic encrypted with the key that accepts only TLS publishers. */
export function encryptedTopic(scope: Construct, id: string, name: string, kmsKeyArn: string): SnsTopic {
  const topic = new SnsTopic(scope, id, { name, kmsMasterKeyId: kmsKeyArn });
  const policy = new DataAwsIamPolicyDocument(scope, `${id}TlsOnly`, {
    statement: [{ sid: 'DenyInsecureTransport', effect: 'Deny', actions: ['sns:Publish'], resources: [topic.arn], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }],
  });
  new SnsTopicPolicy(scope, `${id}Policy`, { arn: topic.arn, policy: policy.json });
  return topic;
}

export interface SageMakerEndpointAlarmsProps {
  /** The endpoint description (its `alarms`, `dashboard` and `alarmEmail`). */
  readonly description: SageMakerEndpointDescription;
  /** Key of the alarm topic (its policy lets CloudWatch use it). */
  readonly kmsKeyArn: string;
}

/** Alarm arguments of one alarm description (single metric, or MAX of several). */
export function alarmMetricArgs(a: AlarmDescription): Record<string, unknown> {
  if (a.metricNames.length === 1) {
    const percentile = /^p\d+(\.\d+)?$/.test(a.statistic);
    return {
      namespace: a.namespace,
      metricName: a.metricNames[0],
      dimensions: { ...a.dimensions },
      period: a.periodSeconds,
      ...(percentile ? { extendedStatistic: a.statistic } : { statistic: a.statistic }),
    };
  }
  const ids = a.metricNames.map((_, i) => `m${i}`);
  return {
    metricQuery: [
      ...a.metricNames.map((metricName, i) => ({ id: ids[i]!, returnData: false, metric: { namespace: a.namespace, metricName, dimensions: { ...a.dimensions }, period: a.periodSeconds, stat: a.statistic } })),
      { id: 'worst', expression: `MAX([${ids.join(', ')}])`, label: a.name, returnData: true },
    ],
  };
}

export class SageMakerEndpointAlarms extends Construct {
  public readonly topic: SnsTopic;
  /** Alarms by name. */
  public readonly alarms: ReadonlyMap<string, CloudwatchMetricAlarm>;

  constructor(scope: Construct, id: string, props: SageMakerEndpointAlarmsProps) {
    super(scope, id);
    const d = props.description;
    this.topic = encryptedTopic(this, 'Topic', `${d.endpointName}-alarms`, props.kmsKeyArn);
    subscribeAlarmRecipients(this, this.topic.arn, alarmSubscriptions(d.endpointName, d.alarmRecipients, d.alarmEmail), 'Email');
    const alarms = new Map<string, CloudwatchMetricAlarm>();
    for (const a of d.alarms) {
      alarms.set(a.name, new CloudwatchMetricAlarm(this, a.name.replace(/[^A-Za-z0-9_-]/g, '_'), {
        alarmName: a.name,
        alarmDescription: a.description,
        comparisonOperator: a.comparison,
        threshold: a.threshold,
        evaluationPeriods: a.evaluationPeriods,
        datapointsToAlarm: a.datapointsToAlarm,
        treatMissingData: a.treatMissingData,
        ...(a.notify ? { alarmActions: [this.topic.arn], okActions: [this.topic.arn] } : {}),
        ...alarmMetricArgs(a),
      }));
    }
    this.alarms = alarms;
    if (d.dashboard !== undefined) new CloudwatchDashboard(this, 'Dashboard', { dashboardName: d.dashboard.name, dashboardBody: dashboardBody(d.dashboard.widgets, d.region) });
  }
}
