/**
 * A Greengrass deployment to one thing group (`AWS::GreengrassV2::Deployment`), translated field by field
 * from the engine-neutral `FleetDeployment`: pinned component versions, rollout rate, abort criteria,
 * timeout, and device-side rollback on failure. Optionally creates the thing group.
 */
import { Aws } from 'aws-cdk-lib';
import * as greengrassv2 from 'aws-cdk-lib/aws-greengrassv2';
import * as iot from 'aws-cdk-lib/aws-iot';
import { Construct, IDependable } from 'constructs';
import { FleetDeployment, thingGroupArn, toCreateDeploymentRequest, validateFleetDeployment } from '../../../lib/edge/deployment';
import { InputValidationError } from '../../../lib/errors';

export interface IGreengrassFleetDeployment {
  readonly deploymentId: string;
  readonly thingGroupArn: string;
}

export interface GreengrassFleetDeploymentProps {
  /** The engine-neutral deployment (lib/edge `fleetDeployment`); validated again here. */
  readonly deployment: FleetDeployment;
  /** Create the thing group (else it must exist). @default true */
  readonly createThingGroup?: boolean;
  /** Resources the deployment must wait for (the component versions it pins). @default [] */
  readonly dependsOn?: readonly IDependable[];
}

export class GreengrassFleetDeployment extends Construct implements IGreengrassFleetDeployment {
  public readonly deploymentId: string;
  public readonly thingGroupArn: string;
  public readonly resource: greengrassv2.CfnDeployment;
  public readonly thingGroup?: iot.CfnThingGroup;

  constructor(scope: Construct, id: string, props: GreengrassFleetDeploymentProps) {
    super(scope, id);
    const d = props.deployment;
    const problems = validateFleetDeployment(d);
    if (problems.length > 0) throw new InputValidationError(`GreengrassFleetDeployment '${id}'`, problems);
    if (props.createThingGroup ?? true) {
      this.thingGroup = new iot.CfnThingGroup(this, 'ThingGroup', {
        thingGroupName: d.thingGroupName,
        thingGroupProperties: { thingGroupDescription: `Greengrass core devices receiving ${d.deploymentName}` },
      });
    }
    this.thingGroupArn = thingGroupArn(Aws.PARTITION, Aws.REGION, Aws.ACCOUNT_ID, d.thingGroupName);
    const request = toCreateDeploymentRequest(d, this.thingGroupArn);
    const rate = request.iotJobConfiguration.jobExecutionsRolloutConfig.exponentialRate;
    this.resource = new greengrassv2.CfnDeployment(this, 'Deployment', {
      targetArn: request.targetArn,
      deploymentName: request.deploymentName,
      components: request.components,
      deploymentPolicies: request.deploymentPolicies,
      iotJobConfiguration: {
        ...request.iotJobConfiguration,
        jobExecutionsRolloutConfig: {
          maximumPerMinute: request.iotJobConfiguration.jobExecutionsRolloutConfig.maximumPerMinute,
          ...(rate && {
            exponentialRate: {
              baseRatePerMinute: rate.baseRatePerMinute,
              incrementFactor: rate.incrementFactor,
              // Typed `any` in aws-cdk-lib (it was JSON once), so CloudFormation's own casing is needed here.
              rateIncreaseCriteria: { NumberOfSucceededThings: rate.rateIncreaseCriteria.numberOfSucceededThings },
            },
          }),
        },
      },
    });
    if (this.thingGroup) this.resource.node.addDependency(this.thingGroup);
    for (const dependency of props.dependsOn ?? []) this.resource.node.addDependency(dependency);
    this.deploymentId = this.resource.attrDeploymentId;
  }
}
