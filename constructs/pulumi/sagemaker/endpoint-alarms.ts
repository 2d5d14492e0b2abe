/**
 * `SageMakerEndpointAlarms` (Pulumi): the encrypted alarm topic, every alarm of the description and
 * the endpoint's dashboard (the same dashboard body every engine deploys).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { dashboardBody } from '../../../lib/sagemaker/dashboard';
import type { AlarmDescription, SageMakerEndpointDescription } from '../../../lib/sagemaker/types';
import { budgetsPublishStatement } from '../../../lib/budgets/deployment-budget';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { deploymentBudgetAlarm } from '../alerting/deployment-budget';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';
import { partitionOfRegion } from '../../../lib/eks/alert-routing';

/**
 * An SNS topic encrypted with the key that accepts only TLS publishers.
 * @param budgetsPublisher account and partition whose AWS Budgets budgets may publish too @default - no Budgets statement
 */
export function encryptedTopic(name: string, topicName: string, kmsKeyArn: pulumi.Input<string>, parent: pulumi.Resource,
  budgetsPublisher?: { readonly accountId: pulumi.Input<string>; readonly partition: pulumi.Input<string> }): aws.sns.Topic {
  const topic = new aws.sns.Topic(name, { name: topicName, kmsMasterKeyId: kmsKeyArn }, { parent });
  new aws.sns.TopicPolicy(`${name}-tls-only`, {
    arn: topic.arn,
    policy: pulumi.all([topic.arn, budgetsPublisher?.accountId, budgetsPublisher?.partition]).apply(([arn, account, partition]) => JSON.stringify({ Version: '2012-10-17', Statement: [
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ...(account !== undefined && partition !== undefined ? [budgetsPublishStatement(arn, account, partition)] : []),
    ] })),
  }, { parent });
  return topic;
}

/** Metric arguments of an alarm description (single metric, or MAX of several). */
export function alarmMetricArgs(a: AlarmDescription): Partial<aws.cloudwatch.MetricAlarmArgs> {
  if (a.metricNames.length === 1) {
    const percentile = /^p\d+(\.\d+)?$/.test(a.statistic);
    return { namespace: a.namespace, metricName: a.metricNames[0], dimensions: { ...a.dimensions }, period: a.periodSeconds, ...(percentile ? { extendedStatistic: a.statistic } : { statistic: a.statistic }) };
  }
  const ids = a.metricNames.map((_, i) => `m${i}`);
  return {
    metricQueries: [
      ...a.metricNames.map((metricName, i) => ({ id: ids[i]!, returnData: false, metric: { namespace: a.namespace, metricName, dimensions: { ...a.dimensions }, period: a.periodSeconds, stat: a.statistic } })),
      { id: 'worst', expression: `MAX([${ids.join(', ')}])`, label: a.name, returnData: true },
    ],
  };
}

/** A CloudWatch alarm from its description, notifying `actions` (also when it returns to OK for topics). */
export function metricAlarm(name: string, a: AlarmDescription, actions: pulumi.Input<string>[], parent: pulumi.Resource): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(name, {
    name: a.name,
    alarmDescription: a.description,
    comparisonOperator: a.comparison,
    threshold: a.threshold,
    evaluationPeriods: a.evaluationPeriods,
    datapointsToAlarm: a.datapointsToAlarm,
    treatMissingData: a.treatMissingData,
    ...(actions.length > 0 ? { alarmActions: actions, ...(a.notify ? { okActions: actions } : {}) } : {}),
    ...alarmMetricArgs(a),
  }, { parent });
}

export interface SageMakerEndpointAlarmsArgs {
  /** The endpoint description (its `alarms`, `dashboard` and `alarmEmail`). */
  readonly description: SageMakerEndpointDescription;
  /** Key of the alarm topic (its policy lets CloudWatch use it, and AWS Budgets when there is a budget). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Account whose AWS Budgets budget may publish to the topic (needed for the description's `budget`). @default - no budget */
  readonly accountId?: pulumi.Input<string>;
  /** Partition of that account's ARNs. @default - no budget */
  readonly partition?: pulumi.Input<string>;
}

export class SageMakerEndpointAlarms extends pulumi.ComponentResource {
  public readonly topic: aws.sns.Topic;
  public readonly alarms: ReadonlyMap<string, aws.cloudwatch.MetricAlarm>;
  /** The AWS Budgets budget notifying the topic, when the plan has a monthly cost. */
  public readonly budget?: aws.budgets.Budget;

  constructor(name: string, args: SageMakerEndpointAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:sagemaker:EndpointAlarms', name, {}, opts);
    const d = args.description;
    const budgetsPublisher = d.budget !== undefined && args.accountId !== undefined && args.partition !== undefined ? { accountId: args.accountId, partition: args.partition } : undefined;
    this.topic = encryptedTopic(`${name}-topic`, `${d.endpointName}-alarms`, args.kmsKeyArn, this, budgetsPublisher);
    if (d.budget !== undefined && budgetsPublisher !== undefined) this.budget = deploymentBudgetAlarm(`${name}-budget`, d.budget, this.topic.arn, { parent: this });
    subscribeAlarmRecipients(name, this.topic.arn, alarmSubscriptions(d.endpointName, d.alarmRecipients, d.alarmEmail), partitionOfRegion(d.region), 'email', { parent: this });
    const alarms = new Map<string, aws.cloudwatch.MetricAlarm>();
    // Scaling alarms act on a scaling policy that only exists after the endpoint; autoscaling creates them.
    for (const a of d.alarms.filter((x) => x.purpose !== 'scaling')) {
      alarms.set(a.name, metricAlarm(`${name}-${a.name.slice(d.endpointName.length + 1) || a.name}`, a, a.notify ? [this.topic.arn] : [], this));
    }
    this.alarms = alarms;
    if (d.dashboard !== undefined) new aws.cloudwatch.Dashboard(`${name}-dashboard`, { dashboardName: d.dashboard.name, dashboardBody: dashboardBody(d.dashboard.widgets, d.region) }, { parent: this });
    this.registerOutputs({ topicArn: this.topic.arn });
  }
}
