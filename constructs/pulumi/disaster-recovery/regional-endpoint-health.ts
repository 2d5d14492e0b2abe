/**
 * `RegionalEndpointHealth` (Pulumi): one region's half of a SageMaker deployment with a standby region
 * (lib/disaster-recovery/sagemaker-standby.ts): an alarm on the region's endpoint errors, a Route 53
 * CLOUDWATCH_METRIC health check following it, and an SSM parameter in this region naming both endpoints,
 * which clients fail over with (SageMaker Runtime calls are signed for a regional host: no DNS record can move them).
 * Pass the region's provider in `opts.providers`.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { addAlarmHealthCheck } from './alarm-health-check';
import { endpointDirectory, regionalEndpointOf, type DeploymentRole, type SageMakerStandbyPlan } from '../../../lib/disaster-recovery/sagemaker-standby';

export interface RegionalEndpointHealthArgs {
  /** Both regions of the deployment, from `planSageMakerStandby`. */
  readonly standby: SageMakerStandbyPlan;
  /** Which region this component renders. */
  readonly role: DeploymentRole;
  /** Topic the health alarm notifies (the endpoint's alarm topic, subscribed to its recipients). */
  readonly alarmTopicArn: pulumi.Input<string>;
}

export class RegionalEndpointHealth extends pulumi.ComponentResource {
  public readonly healthAlarm: aws.cloudwatch.MetricAlarm;
  public readonly healthCheck: aws.route53.HealthCheck;
  public readonly directory: aws.ssm.Parameter;

  constructor(name: string, args: RegionalEndpointHealthArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:disaster-recovery:RegionalEndpointHealth', name, {}, opts);
    const parent = { parent: this };
    const endpoint = regionalEndpointOf(args.standby, args.role);
    ({ healthAlarm: this.healthAlarm, healthCheck: this.healthCheck } = addAlarmHealthCheck({
      alarm: endpoint.healthAlarm, check: endpoint.healthCheck, alarmTopicArn: args.alarmTopicArn, name: endpoint.healthAlarm.alarmName,
      resourceNames: { alarm: `${name}-alarm`, check: `${name}-check` },
    }, parent));
    this.directory = new aws.ssm.Parameter(`${name}-directory`, {
      name: args.standby.directoryParameterName, type: 'String',
      description: `Both endpoints of ${args.standby.name} (primary and standby region): clients fail over between them`,
      value: JSON.stringify(endpointDirectory(args.standby)),
    }, parent);
    this.registerOutputs({ healthCheckId: this.healthCheck.id });
  }
}
