/**
 * Monitoring of a Greengrass fleet on Terraform (see lib/edge/monitoring.ts): EventBridge rules for
 * failed device deployments and unhealthy components notifying an encrypted topic, the alarm on the
 * rule's `TriggeredRules` metric, the component log group, device telemetry in CloudWatch Logs, and the
 * dashboard.
 */
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Construct } from 'constructs';
import { EdgeMonitoringPlan, edgeDashboardBody, logGroupArn, telemetryLogResourcePolicy } from '../../../lib/edge/monitoring';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';
import type { AlarmRecipientsSpec } from '../../../lib/spec/types';

export interface GreengrassFleetMonitoringProps {
  /** Rules, alarm and names (lib/edge `planEdgeMonitoring`). */
  readonly plan: EdgeMonitoringPlan;
  /** Encrypts the topic and the log groups. */
  readonly kmsKeyArn: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** @default - no subscription */
  readonly alarmEmail?: string;
  /** Who else hears the alarms (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  /** @default 30 */
  readonly logRetentionDays?: number;
  /** @default true */
  readonly dashboard?: boolean;
}

export class GreengrassFleetMonitoring extends Construct {
  public readonly topic: SnsTopic;
  public readonly alarm: CloudwatchMetricAlarm;
  public readonly rules: readonly CloudwatchEventRule[];

  constructor(scope: Construct, id: string, props: GreengrassFleetMonitoringProps) {
    super(scope, id);
    const { plan } = props;
    this.topic = new SnsTopic(this, 'AlarmTopic', { name: `${plan.dashboardName}-alarms`, kmsMasterKeyId: props.kmsKeyArn });
    subscribeAlarmRecipients(this, this.topic.arn, alarmSubscriptions(props.plan.dashboardName, props.alarmRecipients, props.alarmEmail));

    this.rules = [plan.deploymentFailedRule, plan.componentUnhealthyRule].map((rule, i) => {
      const id = i === 0 ? 'DeploymentFailed' : 'ComponentUnhealthy';
      const resource = new CloudwatchEventRule(this, id, { name: rule.name, description: rule.description, eventPattern: JSON.stringify(rule.eventPattern) });
      new CloudwatchEventTarget(this, `${id}Notify`, { rule: resource.name, arn: this.topic.arn });
      return resource;
    });
    new SnsTopicPolicy(this, 'AlarmTopicPolicy', {
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: this.topic.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'EventRulesPublish', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: this.topic.arn, Condition: { ArnEquals: { 'aws:SourceArn': this.rules.map((r) => r.arn) } } },
          { Sid: 'AlarmsPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: this.topic.arn, Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } } },
        ],
      }),
    });

    const a = plan.deploymentFailedAlarm;
    this.alarm = new CloudwatchMetricAlarm(this, 'DeploymentFailures', {
      alarmName: a.alarmName,
      alarmDescription: a.alarmDescription,
      namespace: a.namespace,
      metricName: a.metricName,
      dimensions: { ...a.dimensions },
      statistic: a.statistic,
      period: a.periodSeconds,
      evaluationPeriods: a.evaluationPeriods,
      threshold: a.threshold,
      comparisonOperator: a.comparisonOperator,
      treatMissingData: a.treatMissingData,
      alarmActions: [this.topic.arn],
      okActions: [this.topic.arn],
    });

    new CloudwatchLogGroup(this, 'ComponentLogs', { name: plan.componentLogGroupName, retentionInDays: props.logRetentionDays ?? 30, kmsKeyId: props.kmsKeyArn });

    // Device telemetry into its own log group (EventBridge delivers through the log resource policy).
    const telemetryGroup = new CloudwatchLogGroup(this, 'TelemetryLogs', { name: plan.telemetryLogGroupName, retentionInDays: props.logRetentionDays ?? 30, kmsKeyId: props.kmsKeyArn });
    const telemetryPolicy = new CloudwatchLogResourcePolicy(this, 'TelemetryLogsPolicy', {
      policyName: `${plan.telemetryRule.name}-delivery`,
      policyDocument: JSON.stringify(telemetryLogResourcePolicy(plan, props.partition, props.region, props.accountId)),
    });
    const telemetryRule = new CloudwatchEventRule(this, 'Telemetry', { name: plan.telemetryRule.name, description: plan.telemetryRule.description, eventPattern: JSON.stringify(plan.telemetryRule.eventPattern) });
    new CloudwatchEventTarget(this, 'TelemetryToLogs', {
      rule: telemetryRule.name,
      arn: logGroupArn(props.partition, props.region, props.accountId, plan.telemetryLogGroupName),
      dependsOn: [telemetryGroup, telemetryPolicy],
    });
    if (props.dashboard ?? true) {
      new CloudwatchDashboard(this, 'Dashboard', { dashboardName: plan.dashboardName, dashboardBody: JSON.stringify(edgeDashboardBody(plan, props.region, this.alarm.arn)) });
    }
  }
}
