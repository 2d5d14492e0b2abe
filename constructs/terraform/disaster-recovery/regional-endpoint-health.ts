/**
 * `RegionalEndpointHealth` (cdktf): one region's half of a SageMaker deployment with a standby region
 * (lib/disaster-recovery/sagemaker-standby.ts): an alarm on the region's endpoint errors, a Route 53
 * CLOUDWATCH_METRIC health check following it, and an SSM parameter in this region naming both endpoints,
 * which clients fail over with (SageMaker Runtime calls are signed for a regional host: no DNS record can move them).
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { endpointDirectory, regionalEndpointOf, type DeploymentRole, type SageMakerStandbyPlan } from '../../../lib/disaster-recovery/sagemaker-standby';

export interface RegionalEndpointHealthProps {
  /** Both regions of the deployment, from `planSageMakerStandby`. */
  readonly standby: SageMakerStandbyPlan;
  /** Which region this stack renders. */
  readonly role: DeploymentRole;
  /** Topic the health alarm notifies (the endpoint's alarm topic, subscribed to its recipients). */
  readonly alarmTopicArn: string;
}

export class RegionalEndpointHealth extends Construct {
  public readonly healthAlarm: CloudwatchMetricAlarm;
  public readonly healthCheck: Route53HealthCheck;
  public readonly directory: SsmParameter;

  constructor(scope: Construct, id: string, props: RegionalEndpointHealthProps) {
    super(scope, id);
    const endpoint = regionalEndpointOf(props.standby, props.role);
    const def = endpoint.healthAlarm;
    this.healthAlarm = new CloudwatchMetricAlarm(this, 'HealthAlarm', {
      alarmName: def.alarmName, alarmDescription: def.description, namespace: def.namespace, metricName: def.metricName, dimensions: { ...def.dimensions },
      statistic: def.statistic, period: def.periodSeconds, evaluationPeriods: def.evaluationPeriods, datapointsToAlarm: def.datapointsToAlarm, threshold: def.threshold,
      comparisonOperator: def.comparisonOperator, treatMissingData: def.treatMissingData, alarmActions: [props.alarmTopicArn], okActions: [props.alarmTopicArn],
    });
    const check = endpoint.healthCheck;
    // Naming the alarm by its attribute orders the health check after it.
    this.healthCheck = new Route53HealthCheck(this, 'HealthCheck', {
      type: check.Type, cloudwatchAlarmName: this.healthAlarm.alarmName, cloudwatchAlarmRegion: check.AlarmIdentifier.Region,
      insufficientDataHealthStatus: check.InsufficientDataHealthStatus, tags: { Name: def.alarmName },
    });
    this.directory = new SsmParameter(this, 'Directory', {
      name: props.standby.directoryParameterName, type: 'String',
      description: `Both endpoints of ${props.standby.name} (primary and standby region): clients fail over between them`,
      value: JSON.stringify(endpointDirectory(props.standby)),
    });
    new TerraformOutput(this, 'endpoint_region', { value: endpoint.region, description: `Region of this ${props.role} endpoint: SDK calls are signed for ${endpoint.runtimeHost}` });
    new TerraformOutput(this, 'health_check_id', { value: this.healthCheck.id, description: `Route 53 health check of the ${props.role} endpoint (aws route53 get-health-check-status)` });
  }
}
