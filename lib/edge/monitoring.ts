/**
 * Monitoring of a Greengrass fleet, engine-neutral. Greengrass publishes no CloudWatch metric for
 * deployments; it emits EventBridge events instead (developer guide, deployment-health-notifications.md,
 * read 2026-11):
 * - `Greengrass V2 Effective Deployment Status Change`, `detail.coreDeviceExecutionStatus` FAILED |
 *   SUCCEEDED | COMPLETED, one per core device;
 * - `Greengrass V2 Installed Component Status Change`, `detail.components[].lifecycleState` ERRORED | BROKEN.
 * - `Greengrass Telemetry Data`, the telemetry agent's system health data per device (CPU, memory,
 *   components running/errored/broken; on by default, published daily unless the nucleus' `telemetry`
 *   configuration says otherwise; telemetry.md, read 2026-11).
 * A rule per event type turns them into a metric: EventBridge counts each rule's matches as
 * `AWS/Events TriggeredRules` with the `RuleName` dimension (EventBridge user guide, "Monitoring Amazon
 * EventBridge", read 2026-11). The alarm and the dashboard read that metric; the rules also notify the
 * alarm topic with the event (which carries the device, deployment id and error stack).
 */
import { driftDashboardWidgets } from '../inference/deployment/dashboard';
import type { DriftJobSettings } from '../inference/deployment/drift';
import { edgeDriftLogGroupName } from './edge-drift';

export interface EventRulePlan {
  readonly name: string;
  readonly description: string;
  readonly eventPattern: Readonly<Record<string, unknown>>;
}

export interface MetricAlarmPlan {
  readonly alarmName: string;
  readonly alarmDescription: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: 'Sum';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparisonOperator: 'GreaterThanOrEqualToThreshold';
  /** No events means no failures. */
  readonly treatMissingData: 'notBreaching';
}

export interface EdgeMonitoringPlan {
  readonly deploymentFailedRule: EventRulePlan;
  readonly componentUnhealthyRule: EventRulePlan;
  /** Telemetry of this fleet's devices, stored in {@link telemetryLogGroupName}. */
  readonly telemetryRule: EventRulePlan;
  /** EventBridge writes to log groups under `/aws/events/`. */
  readonly telemetryLogGroupName: string;
  readonly deploymentFailedAlarm: MetricAlarmPlan;
  /** CloudWatch Logs group the log manager uploads the component's log to. */
  readonly componentLogGroupName: string;
  readonly dashboardName: string;
  /** The drift job's metrics (dimension `Deployment` = the spec name), shown on the dashboard when the fleet has a job (edge-drift.ts). @default - none */
  readonly drift?: EdgeDriftMetrics & { readonly deployment: string };
}

/** What the dashboard needs of the fleet's drift job. */
export type EdgeDriftMetrics = Pick<DriftJobSettings, 'metricsNamespace' | 'alarmPeriodSeconds'>;

export interface EdgeMonitoringInput {
  /** Prefix of every name (the spec name). */
  readonly name: string;
  readonly region: string;
  readonly componentName: string;
  /** Thing names of the fleet's core devices start with this. */
  readonly thingNamePrefix: string;
  /** The drift job's metrics. @default - no drift job */
  readonly drift?: EdgeDriftMetrics;
}

const EVENTS_NAMESPACE = 'AWS/Events';
const TRIGGERED_RULES = 'TriggeredRules';

/** `/aws/greengrass/UserComponent/<region>/<component>` (log-manager-component.md "Usage", read 2026-11). */
export function componentLogGroupName(region: string, componentName: string): string {
  return `/aws/greengrass/UserComponent/${region}/${componentName}`;
}

export function planEdgeMonitoring(input: EdgeMonitoringInput): EdgeMonitoringPlan {
  const deploymentFailedRule: EventRulePlan = {
    name: `${input.name}-gg-deployment-failed`,
    description: 'Greengrass deployments that failed on a core device (one event per device)',
    eventPattern: {
      source: ['aws.greengrass'],
      'detail-type': ['Greengrass V2 Effective Deployment Status Change'],
      detail: { coreDeviceExecutionStatus: ['FAILED'] },
    },
  };
  const componentUnhealthyRule: EventRulePlan = {
    name: `${input.name}-gg-component-unhealthy`,
    description: `${input.componentName} entered ERRORED or BROKEN on a core device`,
    eventPattern: {
      source: ['aws.greengrass'],
      'detail-type': ['Greengrass V2 Installed Component Status Change'],
      detail: { components: { componentName: [input.componentName], lifecycleState: ['ERRORED', 'BROKEN'] } },
    },
  };
  return {
    deploymentFailedRule,
    componentUnhealthyRule,
    telemetryRule: {
      name: `${input.name}-gg-telemetry`,
      description: 'System health telemetry of this fleet\'s core devices, kept in CloudWatch Logs',
      eventPattern: { source: ['aws.greengrass'], 'detail-type': ['Greengrass Telemetry Data'], detail: { ThingName: [{ prefix: input.thingNamePrefix }] } },
    },
    telemetryLogGroupName: `/aws/events/${input.name}/greengrass-telemetry`,
    deploymentFailedAlarm: {
      alarmName: `${input.name}-gg-deployment-failures`,
      alarmDescription: 'A Greengrass deployment failed on at least one core device in the last 5 minutes. Devices rolled back; see the alarm topic for the error stack.',
      namespace: EVENTS_NAMESPACE,
      metricName: TRIGGERED_RULES,
      dimensions: { RuleName: deploymentFailedRule.name },
      statistic: 'Sum',
      periodSeconds: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
    },
    componentLogGroupName: componentLogGroupName(input.region, input.componentName),
    dashboardName: `${input.name}-edge-fleet`,
    ...(input.drift && { drift: { deployment: input.name, metricsNamespace: input.drift.metricsNamespace, alarmPeriodSeconds: input.drift.alarmPeriodSeconds } }),
  };
}

/** `arn:...:log-group:<name>` (without `:*`), the form EventBridge targets and resource policies take. */
export function logGroupArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:logs:${region}:${account}:log-group:${name}`;
}

/** Log groups the fleet's KMS key encrypts: the component logs, the telemetry and the drift job's (key policy condition values). */
export function encryptedLogGroups(partition: string, region: string, account: string, name: string): string[] {
  return [
    logGroupArn(partition, region, account, '/aws/greengrass/*'), logGroupArn(partition, region, account, `/aws/events/${name}/*`),
    logGroupArn(partition, region, account, edgeDriftLogGroupName(name)),
  ];
}

/** Resource policy that lets EventBridge write the telemetry rule's events into its log group. */
export function telemetryLogResourcePolicy(plan: EdgeMonitoringPlan, partition: string, region: string, account: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'EventBridgeWritesTelemetry',
      Effect: 'Allow',
      Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${logGroupArn(partition, region, account, plan.telemetryLogGroupName)}:*`,
    }],
  };
}

/**
 * The CloudWatch dashboard body (the `DashboardBody` JSON every engine passes through unchanged):
 * failed device deployments, unhealthy components, the alarm, the app's error log lines, device telemetry and, with a
 * drift job, the serverless dashboard's drift widgets.
 */
export function edgeDashboardBody(plan: EdgeMonitoringPlan, region: string, alarmArn: string): Record<string, unknown> {
  const ruleMetric = (rule: EventRulePlan, label: string) => [EVENTS_NAMESPACE, TRIGGERED_RULES, 'RuleName', rule.name, { stat: 'Sum', label }];
  const drift = plan.drift ? driftDashboardWidgets(plan.drift.deployment, plan.drift, region, 18) : [];
  return {
    widgets: [
      {
        type: 'metric', x: 0, y: 0, width: 12, height: 6,
        properties: {
          title: 'Device deployment failures and unhealthy components (per 5 min)',
          region, view: 'timeSeries', stat: 'Sum', period: 300,
          metrics: [ruleMetric(plan.deploymentFailedRule, 'Deployment FAILED on a device'), ruleMetric(plan.componentUnhealthyRule, 'Component ERRORED/BROKEN')],
        },
      },
      { type: 'alarm', x: 12, y: 0, width: 12, height: 6, properties: { title: 'Rollout alarm', alarms: [alarmArn] } },
      {
        type: 'log', x: 0, y: 6, width: 24, height: 6,
        properties: {
          title: 'Inference errors reported by the app',
          region, view: 'table',
          query: `SOURCE '${plan.componentLogGroupName}' | fields @timestamp, @logStream, @message | filter @message like /"level":"error"/ | sort @timestamp desc | limit 50`,
        },
      },
      {
        type: 'log', x: 0, y: 12, width: 24, height: 6,
        properties: {
          title: 'Device telemetry (latest per device)',
          region, view: 'table',
          query: `SOURCE '${plan.telemetryLogGroupName}' | fields @timestamp, detail.ThingName as device | stats latest(@timestamp) as lastReport by device | sort lastReport desc | limit 100`,
        },
      },
      ...drift,
    ],
  };
}
