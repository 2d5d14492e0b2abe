/**
 * A Greengrass deployment to one thing group on Terraform (awscc binding), from the engine-neutral
 * `FleetDeployment`, and optionally the thing group (hashicorp/aws).
 */
import { IotThingGroup } from '@cdktf/provider-aws/lib/iot-thing-group';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { FleetDeployment, thingGroupArn, toCreateDeploymentRequest, validateFleetDeployment } from '../../../lib/edge/deployment';
import { InputValidationError } from '../../../lib/errors';
import { Greengrassv2Deployment } from '../awscc/greengrassv2-deployment';
import type { AwsccProvider } from '../awscc/provider';

export interface GreengrassFleetDeploymentProps {
  /** The engine-neutral deployment (lib/edge `fleetDeployment`); validated again here. */
  readonly deployment: FleetDeployment;
  /** The awscc provider the deployment uses. */
  readonly awscc: AwsccProvider;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Create the thing group (else it must exist). @default true */
  readonly createThingGroup?: boolean;
  /** Resources the deployment waits for (the component versions it pins). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export class GreengrassFleetDeployment extends Construct {
  public readonly deployment: Greengrassv2Deployment;
  public readonly thingGroup?: IotThingGroup;

  constructor(scope: Construct, id: string, props: GreengrassFleetDeploymentProps) {
    super(scope, id);
    const d = props.deployment;
    const problems = validateFleetDeployment(d);
    if (problems.length > 0) throw new InputValidationError(`GreengrassFleetDeployment '${id}'`, problems);
    if (props.createThingGroup ?? true) {
      this.thingGroup = new IotThingGroup(this, 'ThingGroup', { name: d.thingGroupName, properties: { description: `Greengrass core devices receiving ${d.deploymentName}` } });
    }
    const request = toCreateDeploymentRequest(d, thingGroupArn(props.partition, props.region, props.accountId, d.thingGroupName));
    this.deployment = new Greengrassv2Deployment(this, 'Deployment', {
      provider: props.awscc,
      targetArn: request.targetArn,
      deploymentName: request.deploymentName,
      components: request.components,
      deploymentPolicies: request.deploymentPolicies,
      iotJobConfiguration: request.iotJobConfiguration,
      tags: props.tags,
      dependsOn: [...(this.thingGroup ? [this.thingGroup] : []), ...(props.dependsOn ?? [])],
    });
  }
}
