/**
 * The alarm and the Route 53 CLOUDWATCH_METRIC health check that follows it, as the Lambda DNS failover and the
 * SageMaker standby both render them (lib/disaster-recovery/dns-failover.ts `HealthCheckAlarm`). Created in the
 * caller's scope under the ids `HealthAlarm` and `HealthCheck`, so the logical ids stay those of the callers.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { AlarmHealthCheckConfig, HealthCheckAlarm } from '../../../lib/disaster-recovery/dns-failover';

export interface AlarmHealthCheckProps {
  readonly alarm: HealthCheckAlarm;
  readonly check: AlarmHealthCheckConfig;
  /** Topic the alarm notifies on ALARM and OK: a failing region is news to the recipients. */
  readonly alarmTopic: sns.ITopic;
  /** The health check's `Name` tag (what the Route 53 console lists). */
  readonly name: string;
}

export function addAlarmHealthCheck(scope: Construct, props: AlarmHealthCheckProps): { readonly healthAlarm: cloudwatch.Alarm; readonly healthCheck: route53.CfnHealthCheck } {
  const def = props.alarm;
  const healthAlarm = new cloudwatch.Metric({
    namespace: def.namespace, metricName: def.metricName, dimensionsMap: { ...def.dimensions }, statistic: def.statistic, period: Duration.seconds(def.periodSeconds),
  }).createAlarm(scope, 'HealthAlarm', {
    alarmName: def.alarmName, alarmDescription: def.description, evaluationPeriods: def.evaluationPeriods, datapointsToAlarm: def.datapointsToAlarm,
    threshold: def.threshold, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  healthAlarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
  healthAlarm.addOkAction(new actions.SnsAction(props.alarmTopic));
  const check = props.check;
  const healthCheck = new route53.CfnHealthCheck(scope, 'HealthCheck', {
    healthCheckConfig: {
      type: check.Type,
      alarmIdentifier: { name: check.AlarmIdentifier.Name, region: check.AlarmIdentifier.Region },
      insufficientDataHealthStatus: check.InsufficientDataHealthStatus,
    },
    healthCheckTags: [{ key: 'Name', value: props.name }],
  });
  // The health check reads the alarm by name: it must exist first.
  healthCheck.node.addDependency(healthAlarm);
  return { healthAlarm, healthCheck };
}
