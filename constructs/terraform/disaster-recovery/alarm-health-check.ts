/**
 * The alarm and the Route 53 CLOUDWATCH_METRIC health check that follows it, as the Lambda DNS failover and the
 * SageMaker standby both render them (lib/disaster-recovery/dns-failover.ts `HealthCheckAlarm`). Created in the
 * caller's scope under the ids `HealthAlarm` and `HealthCheck`, so the Terraform addresses stay those of the callers.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import type { Construct } from 'constructs';
import type { AlarmHealthCheckConfig, HealthCheckAlarm } from '../../../lib/disaster-recovery/dns-failover';

export interface AlarmHealthCheckProps {
  readonly alarm: HealthCheckAlarm;
  readonly check: AlarmHealthCheckConfig;
  /** SNS topic the alarm notifies on ALARM and OK. */
  readonly alarmTopicArn: string;
  /** The health check's `Name` tag. */
  readonly name: string;
}

export function addAlarmHealthCheck(scope: Construct, props: AlarmHealthCheckProps): { readonly healthAlarm: CloudwatchMetricAlarm; readonly healthCheck: Route53HealthCheck } {
  const def = props.alarm;
  const healthAlarm = new CloudwatchMetricAlarm(scope, 'HealthAlarm', {
    alarmName: def.alarmName, alarmDescription: def.description, namespace: def.namespace, metricName: def.metricName, dimensions: { ...def.dimensions },
    statistic: def.statistic, period: def.periodSeconds, evaluationPeriods: def.evaluationPeriods, datapointsToAlarm: def.datapointsToAlarm, threshold: def.threshold,
    comparisonOperator: def.comparisonOperator, treatMissingData: def.treatMissingData, alarmActions: [props.alarmTopicArn], okActions: [props.alarmTopicArn],
  });
  // Naming the alarm by its attribute orders the health check after it.
  const healthCheck = new Route53HealthCheck(scope, 'HealthCheck', {
    type: props.check.Type, cloudwatchAlarmName: healthAlarm.alarmName, cloudwatchAlarmRegion: props.check.AlarmIdentifier.Region,
    insufficientDataHealthStatus: props.check.InsufficientDataHealthStatus, tags: { Name: props.name },
  });
  return { healthAlarm, healthCheck };
}
