/**
 * `GreengrassFleetMonitoring` (Pulumi): EventBridge rules for failed device deployments and unhealthy
 * components notifying an encrypted topic, the alarm on the rule's `TriggeredRules` metric, the component
 * log group, device telemetry in CloudWatch Logs and the dashboard (see lib/edge/monitoring.ts).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { EdgeMonitoringPlan, edgeDashboardBody, logGroupArn, telemetryLogResourcePolicy } from '../../../lib/edge/monitoring';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';
import type { AlarmRecipientsSpec } from '../../../lib/spec/types';

export interface GreengrassFleetMonitoringArgs {
  /** Rules, alarm and names (lib/edge `planEdgeMonitoring`). */
  readonly plan: EdgeMonitoringPlan;
  /** Encrypts the topic and the log groups. */
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  /** @default - no subscription */
  readonly alarmEmail?: string;
  /** Who else hears the alarms (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  /** @default 30 */
  readonly logRetentionDays?: number;
  /** @default true */
  readonly dashboard?: boolean;
}

export class GreengrassFleetMonitoring extends pulumi.ComponentResource {
  public readonly topic: aws.sns.Topic;
  public readonly alarm: aws.cloudwatch.MetricAlarm;

  constructor(name: string, args: GreengrassFleetMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:edge:GreengrassFleetMonitoring', name, {}, opts);
    const parent = { parent: this };
    const { plan } = args;
    this.topic = new aws.sns.Topic(`${name}-alarms`, { name: `${plan.dashboardName}-alarms`, kmsMasterKeyId: args.kmsKeyArn }, parent);
    subscribeAlarmRecipients(name, this.topic.arn, alarmSubscriptions(args.plan.dashboardName, args.alarmRecipients, args.alarmEmail), args.partition, 'alarm-email', parent);

    const rules = [plan.deploymentFailedRule, plan.componentUnhealthyRule].map((rule, i) => {
      const id = i === 0 ? 'deployment-failed' : 'component-unhealthy';
      const resource = new aws.cloudwatch.EventRule(`${name}-${id}`, { name: rule.name, description: rule.description, eventPattern: JSON.stringify(rule.eventPattern) }, parent);
      new aws.cloudwatch.EventTarget(`${name}-${id}-notify`, { rule: resource.name, arn: this.topic.arn }, parent);
      return resource;
    });
    new aws.sns.TopicPolicy(`${name}-alarms-policy`, {
      arn: this.topic.arn,
      policy: pulumi.all([this.topic.arn, pulumi.output(rules.map((r) => r.arn)), args.accountId]).apply(([topic, ruleArns, account]) => JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topic, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'EventRulesPublish', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: topic, Condition: { ArnEquals: { 'aws:SourceArn': ruleArns } } },
          { Sid: 'AlarmsPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: topic, Condition: { StringEquals: { 'aws:SourceAccount': account } } },
        ],
      })),
    }, parent);

    const a = plan.deploymentFailedAlarm;
    this.alarm = new aws.cloudwatch.MetricAlarm(`${name}-deployment-failures`, {
      name: a.alarmName,
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
    }, parent);

    new aws.cloudwatch.LogGroup(`${name}-component-logs`, { name: plan.componentLogGroupName, retentionInDays: args.logRetentionDays ?? 30, kmsKeyId: args.kmsKeyArn }, { parent: this, retainOnDelete: true });

    // Device telemetry into its own log group (EventBridge delivers through the log resource policy).
    const telemetryGroup = new aws.cloudwatch.LogGroup(`${name}-telemetry-logs`, { name: plan.telemetryLogGroupName, retentionInDays: args.logRetentionDays ?? 30, kmsKeyId: args.kmsKeyArn }, { parent: this, retainOnDelete: true });
    const telemetryPolicy = new aws.cloudwatch.LogResourcePolicy(`${name}-telemetry-logs-policy`, {
      policyName: `${plan.telemetryRule.name}-delivery`,
      policyDocument: pulumi.all([args.partition, args.accountId]).apply(([partition, account]) => JSON.stringify(telemetryLogResourcePolicy(plan, partition, args.region, account))),
    }, parent);
    const telemetryRule = new aws.cloudwatch.EventRule(`${name}-telemetry`, { name: plan.telemetryRule.name, description: plan.telemetryRule.description, eventPattern: JSON.stringify(plan.telemetryRule.eventPattern) }, parent);
    new aws.cloudwatch.EventTarget(`${name}-telemetry-to-logs`, {
      rule: telemetryRule.name,
      arn: pulumi.all([args.partition, args.accountId]).apply(([partition, account]) => logGroupArn(partition, args.region, account, plan.telemetryLogGroupName)),
    }, { parent: this, dependsOn: [telemetryGroup, telemetryPolicy] });
    if (args.dashboard ?? true) {
      new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
        dashboardName: plan.dashboardName,
        dashboardBody: this.alarm.arn.apply((arn) => JSON.stringify(edgeDashboardBody(plan, args.region, arn))),
      }, parent);
    }
    this.registerOutputs({ topic: this.topic.arn, alarm: this.alarm.arn });
  }
}
