/**
 * `SageMakerEndpointAlarms` (cdktf): the encrypted alarm topic, every alarm of the description and the
 * endpoint's dashboard (the same dashboard body every engine deploys).
 */
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { budgetsPublishStatement } from '../../../lib/budgets/deployment-budget';
import { dashboardBody } from '../../../lib/sagemaker/dashboard';
import type { AlarmDescription, SageMakerEndpointDescription } from '../../../lib/sagemaker/types';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { DeploymentBudgetAlarm } from '../alerting/deployment-budget';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';

/**
 * An SNS topic encrypted with the key that accepts only TLS publishers.
 * @param budgetsPublisher account and partition whose AWS Budgets budgets may publish too @default - no Budgets statement
 */
export function encryptedTopic(scope: Construct, id: string, name: string, kmsKeyArn: string, budgetsPublisher?: { readonly accountId: string; readonly partition: string }): SnsTopic {
  const topic = new SnsTopic(scope, id, { name, kmsMasterKeyId: kmsKeyArn });
  const policy = new DataAwsIamPolicyDocument(scope, `${id}TlsOnly`, {
    ...(budgetsPublisher !== undefined && {
      sourcePolicyDocuments: [Fn.jsonencode({ Version: '2012-10-17', Statement: [budgetsPublishStatement(topic.arn, budgetsPublisher.accountId, budgetsPublisher.partition)] })],
    }),
    statement: [{ sid: 'DenyInsecureTransport', effect: 'Deny', actions: ['sns:Publish'], resources: [topic.arn], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }],
  });
  new SnsTopicPolicy(scope, `${id}Policy`, { arn: topic.arn, policy: policy.json });
  return topic;
}

export interface SageMakerEndpointAlarmsProps {
  /** The endpoint description (its `alarms`, `dashboard` and `alarmEmail`). */
  readonly description: SageMakerEndpointDescription;
  /** Key of the alarm topic (its policy lets CloudWatch use it, and AWS Budgets when there is a budget). */
  readonly kmsKeyArn: string;
  /** Account whose AWS Budgets budget may publish to the topic (needed for the description's `budget`). @default - no budget */
  readonly accountId?: string;
  /** Partition of that account's ARNs. @default - no budget */
  readonly partition?: string;
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
  /** The AWS Budgets budget notifying the topic, when the plan has a monthly cost. */
  public readonly budget?: DeploymentBudgetAlarm;

  constructor(scope: Construct, id: string, props: SageMakerEndpointAlarmsProps) {
    super(scope, id);
    const d = props.description;
    const budgetsPublisher = d.budget !== undefined && props.accountId !== undefined && props.partition !== undefined ? { accountId: props.accountId, partition: props.partition } : undefined;
    this.topic = encryptedTopic(this, 'Topic', `${d.endpointName}-alarms`, props.kmsKeyArn, budgetsPublisher);
    if (d.budget !== undefined && budgetsPublisher !== undefined) this.budget = new DeploymentBudgetAlarm(this, 'Budget', { budget: d.budget, topicArn: this.topic.arn });
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
