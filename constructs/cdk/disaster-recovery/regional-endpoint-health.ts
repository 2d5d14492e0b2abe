/**
 * `RegionalEndpointHealth` (CDK): one region's half of a SageMaker deployment with a standby region
 * (lib/disaster-recovery/sagemaker-standby.ts). An alarm on the region's endpoint errors, a Route 53
 * CLOUDWATCH_METRIC health check that follows it (Route 53 is global: clients and runbooks read one status per
 * region), and an SSM parameter in this region naming both endpoints, which is what clients fail over with:
 * SageMaker Runtime calls are signed for a regional host, so no DNS record can move them.
 */
import { CfnOutput } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { addAlarmHealthCheck } from './alarm-health-check';
import { endpointDirectory, regionalEndpointOf, type DeploymentRole, type SageMakerStandbyPlan } from '../../../lib/disaster-recovery/sagemaker-standby';

export interface RegionalEndpointHealthProps {
  /** Both regions of the deployment, from `planSageMakerStandby`. */
  readonly standby: SageMakerStandbyPlan;
  /** Which region this stack renders. */
  readonly role: DeploymentRole;
  /** Topic the health alarm notifies (the endpoint's alarm topic, subscribed to its recipients). */
  readonly alarmTopic: sns.ITopic;
}

export class RegionalEndpointHealth extends Construct {
  public readonly healthAlarm: cloudwatch.Alarm;
  public readonly healthCheck: route53.CfnHealthCheck;
  public readonly directory: ssm.StringParameter;

  constructor(scope: Construct, id: string, props: RegionalEndpointHealthProps) {
    super(scope, id);
    const endpoint = regionalEndpointOf(props.standby, props.role);
    const def = endpoint.healthAlarm;
    ({ healthAlarm: this.healthAlarm, healthCheck: this.healthCheck } = addAlarmHealthCheck(this, { alarm: def, check: endpoint.healthCheck, alarmTopic: props.alarmTopic, name: def.alarmName }));

    this.directory = new ssm.StringParameter(this, 'Directory', {
      parameterName: props.standby.directoryParameterName,
      description: `Both endpoints of ${props.standby.name} (primary and standby region): clients fail over between them`,
      stringValue: JSON.stringify(endpointDirectory(props.standby)),
    });
    new CfnOutput(this, 'EndpointRegion', { value: endpoint.region, description: `Region of this ${props.role} endpoint: SDK calls are signed for ${endpoint.runtimeHost}` });
    new CfnOutput(this, 'HealthCheckId', { value: this.healthCheck.attrHealthCheckId, description: `Route 53 health check of the ${props.role} endpoint (aws route53 get-health-check-status)` });
  }
}
