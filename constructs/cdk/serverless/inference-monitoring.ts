/**
 * Monitoring of a serverless inference deployment: an encrypted alarm topic (with an optional e-mail
 * subscription), every alarm of the engine-neutral description (Lambda metrics on the live alias and the
 * handler's own EMF metrics), and the dashboard.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { inferenceAlarms, type AlarmDefinition } from '../../../lib/inference/deployment/alarms';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { dashboardBody } from '../../../lib/inference/deployment/dashboard';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';

export interface IInferenceMonitoring {
  readonly alarmTopic: sns.ITopic;
  /** Alarms that roll a release back (the CodeDeploy deployment group's alarms). */
  readonly rollbackAlarms: readonly cloudwatch.IAlarm[];
}

export interface InferenceMonitoringProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The deployment's customer-managed KMS key. */
  readonly encryptionKey: kms.IKey;
}

function treatMissing(value: AlarmDefinition['treatMissingData']): cloudwatch.TreatMissingData {
  return value === 'notBreaching' ? cloudwatch.TreatMissingData.NOT_BREACHING : cloudwatch.TreatMissingData.MISSING;
}

export class InferenceMonitoring extends Construct implements IInferenceMonitoring {
  public readonly alarmTopic: sns.Topic;
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;
  public readonly rollbackAlarms: cloudwatch.IAlarm[];
  public readonly dashboard?: cloudwatch.CfnDashboard;

  constructor(scope: Construct, id: string, props: InferenceMonitoringProps) {
    super(scope, id);
    const { config } = props;
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: config.names.alarmTopic,
      displayName: `Alarms of ${config.name}`,
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    subscribeAlarmRecipients(this, this.alarmTopic, alarmSubscriptions(config.name, config.alarmRecipients, config.alarmEmail));
    const definitions = inferenceAlarms(config);
    const alarms: Record<string, cloudwatch.Alarm> = {};
    this.rollbackAlarms = [];
    for (const def of definitions) {
      const metric = new cloudwatch.Metric({
        namespace: def.namespace,
        metricName: def.metricName,
        dimensionsMap: { ...def.dimensions },
        statistic: def.extendedStatistic ?? def.statistic,
        period: Duration.seconds(def.periodSeconds),
        region: config.region,
      });
      const alarm = metric.createAlarm(this, def.id, {
        alarmName: def.alarmName,
        alarmDescription: def.description,
        threshold: def.threshold,
        evaluationPeriods: def.evaluationPeriods,
        datapointsToAlarm: def.datapointsToAlarm,
        comparisonOperator: def.comparisonOperator === 'LessThanThreshold' ? cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD : cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: treatMissing(def.treatMissingData),
      });
      alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
      alarm.addOkAction(new actions.SnsAction(this.alarmTopic));
      alarms[def.id] = alarm;
      if (def.rollsBack) this.rollbackAlarms.push(alarm);
    }
    this.alarms = alarms;
    if (config.dashboard) {
      this.dashboard = new cloudwatch.CfnDashboard(this, 'Dashboard', { dashboardName: config.names.dashboard, dashboardBody: dashboardBody(config, definitions) });
    }
  }
}
