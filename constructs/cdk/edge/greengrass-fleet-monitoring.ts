/**
 * Monitoring of a Greengrass fleet (see lib/edge/monitoring.ts for why it is built on EventBridge): rules
 * for failed device deployments and ERRORED/BROKEN components that notify an encrypted topic and feed
 * the `AWS/Events TriggeredRules` metric, an alarm on failed deployments, the component's log group
 * (retention and encryption set before devices write to it), device telemetry kept in CloudWatch Logs,
 * and a dashboard.
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EdgeMonitoringPlan, edgeDashboardBody, logGroupArn, telemetryLogResourcePolicy } from '../../../lib/edge/monitoring';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';
import type { AlarmRecipientsSpec } from '../../../lib/spec/types';

export interface IGreengrassFleetMonitoring {
  readonly alarmTopic: sns.ITopic;
  readonly deploymentFailureAlarm: cloudwatch.IAlarm;
}

export interface GreengrassFleetMonitoringProps {
  /** Rules, alarm and names (lib/edge `planEdgeMonitoring`). */
  readonly plan: EdgeMonitoringPlan;
  /** Encrypts the topic and the log group; its policy must let EventBridge, CloudWatch and CloudWatch Logs use it. */
  readonly encryptionKey: kms.IKey;
  /** @default - topic without subscription */
  readonly alarmEmail?: string;
  /** Who else hears the alarms (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** @default true */
  readonly dashboard?: boolean;
}

export class GreengrassFleetMonitoring extends Construct implements IGreengrassFleetMonitoring {
  public readonly alarmTopic: sns.Topic;
  public readonly deploymentFailureAlarm: cloudwatch.Alarm;
  public readonly componentLogGroup: logs.LogGroup;
  public readonly rules: events.Rule[];

  constructor(scope: Construct, id: string, props: GreengrassFleetMonitoringProps) {
    super(scope, id);
    const { plan } = props;
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${plan.dashboardName} alarms`,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    subscribeAlarmRecipients(this, this.alarmTopic, alarmSubscriptions(plan.dashboardName, props.alarmRecipients, props.alarmEmail));
    // The topic has a resource policy (TLS only, EventBridge), so alarms need an explicit statement too.
    this.alarmTopic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AlarmsPublish',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.alarmTopic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));

    this.rules = [plan.deploymentFailedRule, plan.componentUnhealthyRule].map((rule, i) => new events.Rule(this, i === 0 ? 'DeploymentFailed' : 'ComponentUnhealthy', {
      ruleName: rule.name,
      description: rule.description,
      eventPattern: toEventPattern(rule.eventPattern),
      // The event names the device, the deployment and the error stack: forward it as the notification.
      targets: [new targets.SnsTopic(this.alarmTopic)],
    }));

    const a = plan.deploymentFailedAlarm;
    this.deploymentFailureAlarm = new cloudwatch.Alarm(this, 'DeploymentFailures', {
      alarmName: a.alarmName,
      alarmDescription: a.alarmDescription,
      metric: new cloudwatch.Metric({ namespace: a.namespace, metricName: a.metricName, dimensionsMap: { ...a.dimensions }, statistic: a.statistic, period: Duration.seconds(a.periodSeconds) }),
      threshold: a.threshold,
      evaluationPeriods: a.evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.deploymentFailureAlarm.addAlarmAction(new cwActions.SnsAction(this.alarmTopic));
    this.deploymentFailureAlarm.addOkAction(new cwActions.SnsAction(this.alarmTopic));

    const retention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    this.componentLogGroup = new logs.LogGroup(this, 'ComponentLogs', {
      logGroupName: plan.componentLogGroupName,
      retention,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (retention < 365) {
      acknowledgeFinding(this.componentLogGroup, 'cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check',
        `device inference logs are kept ${retention} days as the deployment spec sets (monitoring.logRetentionDays); raise it to 365 where they are audit records`);
    }

    // Device telemetry into its own log group (EventBridge delivers through the log group's resource policy).
    const telemetryGroup = new logs.LogGroup(this, 'TelemetryLogs', {
      logGroupName: plan.telemetryLogGroupName,
      retention,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (retention < 365) {
      acknowledgeFinding(telemetryGroup, 'cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check',
        `device telemetry is kept ${retention} days as the deployment spec sets (monitoring.logRetentionDays); raise it to 365 where it is an audit record`);
    }
    const telemetryPolicy = new logs.CfnResourcePolicy(this, 'TelemetryLogsPolicy', {
      policyName: `${plan.telemetryRule.name}-delivery`,
      policyDocument: Stack.of(this).toJsonString(telemetryLogResourcePolicy(plan, Aws.PARTITION, Aws.REGION, Aws.ACCOUNT_ID)),
    });
    const telemetryArn = logGroupArn(Aws.PARTITION, Aws.REGION, Aws.ACCOUNT_ID, plan.telemetryLogGroupName);
    const telemetryRule = new events.Rule(this, 'Telemetry', {
      ruleName: plan.telemetryRule.name,
      description: plan.telemetryRule.description,
      eventPattern: toEventPattern(plan.telemetryRule.eventPattern),
      // A plain target on the log group: aws-cdk-lib's CloudWatchLogGroup target would add a custom-resource Lambda for the policy above.
      targets: [{ bind: () => ({ arn: telemetryArn }) }],
    });
    telemetryRule.node.addDependency(telemetryGroup, telemetryPolicy);
    this.rules = [...this.rules, telemetryRule];

    if (props.dashboard ?? true) {
      new cloudwatch.CfnDashboard(this, 'Dashboard', {
        dashboardName: plan.dashboardName,
        dashboardBody: Stack.of(this).toJsonString(edgeDashboardBody(plan, Aws.REGION, this.deploymentFailureAlarm.alarmArn)),
      });
    }
  }
}

/** The plan's event pattern (EventBridge field names) as CDK's camel-cased `EventPattern`. */
function toEventPattern(pattern: Readonly<Record<string, unknown>>): events.EventPattern {
  const { source, 'detail-type': detailType, detail } = pattern as { source: string[]; 'detail-type': string[]; detail: Record<string, unknown> };
  return { source, detailType, detail };
}
