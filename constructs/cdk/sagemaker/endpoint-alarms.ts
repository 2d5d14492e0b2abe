/**
 * `SageMakerEndpointAlarms`: the alarm topic (KMS-encrypted, TLS-only), every alarm of the description
 * the endpoint's dashboard and, when the plan has a monthly cost, its AWS Budgets budget.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { dashboardBody } from '../../../lib/sagemaker/dashboard';
import type { AlarmDescription, SageMakerEndpointDescription } from '../../../lib/sagemaker/types';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { DeploymentBudgetAlarm } from '../alerting/deployment-budget';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';

export interface SageMakerEndpointAlarmsProps {
  /** The endpoint description (its `alarms`, `dashboard` and `alarmEmail`). */
  readonly description: SageMakerEndpointDescription;
  /** Key of the alarm topic; CloudWatch is allowed to use it to publish. */
  readonly encryptionKey: kms.IKey;
  /**
   * Topic the alarms notify.
   * @default - a new encrypted topic, with an e-mail subscription when the description has `alarmEmail`
   */
  readonly alarmTopic?: sns.ITopic;
}

/** The CloudWatch metric (or `MAX` of several metrics) behind an alarm description. */
export function alarmMetric(a: AlarmDescription): cloudwatch.IMetric {
  const period = Duration.seconds(a.periodSeconds);
  const metrics = a.metricNames.map((metricName) => new cloudwatch.Metric({ namespace: a.namespace, metricName, dimensionsMap: { ...a.dimensions }, statistic: a.statistic, period }));
  if (metrics.length === 1) return metrics[0]!;
  const usingMetrics = Object.fromEntries(metrics.map((m, i) => [`m${i}`, m]));
  return new cloudwatch.MathExpression({ expression: `MAX([${Object.keys(usingMetrics).join(', ')}])`, usingMetrics, period, label: a.name });
}

/** Alarms, topic and dashboard of one endpoint. */
export class SageMakerEndpointAlarms extends Construct {
  public readonly topic: sns.ITopic;
  /** Alarms by name. */
  public readonly alarms: ReadonlyMap<string, cloudwatch.Alarm>;
  public readonly dashboard?: cloudwatch.CfnDashboard;
  /** The AWS Budgets budget notifying the topic, when the plan has a monthly cost. */
  public readonly budget?: DeploymentBudgetAlarm;

  constructor(scope: Construct, id: string, props: SageMakerEndpointAlarmsProps) {
    super(scope, id);
    const d = props.description;
    this.topic = props.alarmTopic ?? this.createTopic(d, props.encryptionKey);
    if (d.budget !== undefined) {
      this.budget = new DeploymentBudgetAlarm(this, 'Budget', { budget: d.budget, topic: this.topic, ...(props.alarmTopic === undefined && { topicKey: props.encryptionKey }) });
    }
    const alarms = new Map<string, cloudwatch.Alarm>();
    for (const a of d.alarms) {
      const alarm = new cloudwatch.Alarm(this, a.name.slice(d.endpointName.length + 1) || a.name, {
        alarmName: a.name,
        alarmDescription: a.description,
        metric: alarmMetric(a),
        threshold: a.threshold,
        evaluationPeriods: a.evaluationPeriods,
        datapointsToAlarm: a.datapointsToAlarm,
        comparisonOperator: cloudwatch.ComparisonOperator[comparisonKey(a.comparison)],
        treatMissingData: a.treatMissingData === 'notBreaching' ? cloudwatch.TreatMissingData.NOT_BREACHING : a.treatMissingData === 'breaching' ? cloudwatch.TreatMissingData.BREACHING : cloudwatch.TreatMissingData.MISSING,
      });
      if (a.notify) {
        alarm.addAlarmAction(new cwActions.SnsAction(this.topic));
        alarm.addOkAction(new cwActions.SnsAction(this.topic));
      }
      alarms.set(a.name, alarm);
    }
    this.alarms = alarms;
    if (d.dashboard !== undefined) {
      this.dashboard = new cloudwatch.CfnDashboard(this, 'Dashboard', { dashboardName: d.dashboard.name, dashboardBody: dashboardBody(d.dashboard.widgets, d.region) });
    }
  }

  private createTopic(d: SageMakerEndpointDescription, key: kms.IKey): sns.Topic {
    const topic = new sns.Topic(this, 'Topic', { displayName: `${d.endpointName} alarms`, masterKey: key, enforceSSL: true });
    // CloudWatch publishes alarm notifications to the encrypted topic with this key.
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }));
    subscribeAlarmRecipients(this, topic, alarmSubscriptions(d.endpointName, d.alarmRecipients, d.alarmEmail));
    return topic;
  }
}

function comparisonKey(c: AlarmDescription['comparison']): keyof typeof cloudwatch.ComparisonOperator {
  switch (c) {
    case 'GreaterThanThreshold': return 'GREATER_THAN_THRESHOLD';
    case 'GreaterThanOrEqualToThreshold': return 'GREATER_THAN_OR_EQUAL_TO_THRESHOLD';
    case 'LessThanThreshold': return 'LESS_THAN_THRESHOLD';
  }
}
