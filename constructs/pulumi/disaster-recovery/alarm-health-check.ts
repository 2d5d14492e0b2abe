/**
 * The alarm and the Route 53 CLOUDWATCH_METRIC health check that follows it, as the Lambda DNS failover and the
 * SageMaker standby both render them (lib/disaster-recovery/dns-failover.ts `HealthCheckAlarm`). The callers pass
 * their resource names, so the URNs stay theirs.
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { AlarmHealthCheckConfig, HealthCheckAlarm } from '../../../lib/disaster-recovery/dns-failover';

export interface AlarmHealthCheckArgs {
  readonly alarm: HealthCheckAlarm;
  readonly check: AlarmHealthCheckConfig;
  /** SNS topic the alarm notifies on ALARM and OK. */
  readonly alarmTopicArn: pulumi.Input<string>;
  /** The health check's `Name` tag. */
  readonly name: string;
  /** Pulumi resource names of the alarm and the health check. */
  readonly resourceNames: { readonly alarm: string; readonly check: string };
}

export function addAlarmHealthCheck(args: AlarmHealthCheckArgs, opts: pulumi.CustomResourceOptions): { readonly healthAlarm: aws.cloudwatch.MetricAlarm; readonly healthCheck: aws.route53.HealthCheck } {
  const def = args.alarm;
  const healthAlarm = new aws.cloudwatch.MetricAlarm(args.resourceNames.alarm, {
    name: def.alarmName, alarmDescription: def.description, namespace: def.namespace, metricName: def.metricName, dimensions: { ...def.dimensions },
    statistic: def.statistic, period: def.periodSeconds, evaluationPeriods: def.evaluationPeriods, datapointsToAlarm: def.datapointsToAlarm, threshold: def.threshold,
    comparisonOperator: def.comparisonOperator, treatMissingData: def.treatMissingData, alarmActions: [args.alarmTopicArn], okActions: [args.alarmTopicArn],
  }, opts);
  // Naming the alarm by its output orders the health check after it.
  const healthCheck = new aws.route53.HealthCheck(args.resourceNames.check, {
    type: args.check.Type, cloudwatchAlarmName: healthAlarm.name, cloudwatchAlarmRegion: args.check.AlarmIdentifier.Region,
    insufficientDataHealthStatus: args.check.InsufficientDataHealthStatus, tags: { Name: args.name },
  }, opts);
  return { healthAlarm, healthCheck };
}
