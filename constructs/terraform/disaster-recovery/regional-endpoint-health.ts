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
import { addAlarmHealthCheck } from './alarm-health-check';
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
    ({ healthAlarm: this.healthAlarm, healthCheck: this.healthCheck } = addAlarmHealthCheck(this, {
      alarm: endpoint.healthAlarm, check: endpoint.healthCheck, alarmTopicArn: props.alarmTopicArn, name: endpoint.healthAlarm.alarmName,
    }));
    this.directory = new SsmParameter(this, 'Directory', {
      name: props.standby.directoryParameterName, type: 'String',
      description: `Both endpoints of ${props.standby.name} (primary and standby region): clients fail over between them`,
      value: JSON.stringify(endpointDirectory(props.standby)),
    });
    new TerraformOutput(this, 'endpoint_region', { value: endpoint.region, description: `Region of this ${props.role} endpoint: SDK calls are signed for ${endpoint.runtimeHost}` });
    new TerraformOutput(this, 'health_check_id', { value: this.healthCheck.id, description: `Route 53 health check of the ${props.role} endpoint (aws route53 get-health-check-status)` });
  }
}
