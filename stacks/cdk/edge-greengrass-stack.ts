/**
 * The CDK stack of the `edge-greengrass` blueprint: a Greengrass model fleet from the blueprint's plan,
 * with the values a device operator needs as outputs.
 */
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { type EdgeFleetOptions, planEdgeFleet } from '../../lib/edge/fleet-plan';
import { GreengrassModelFleet } from '../../constructs/cdk/edge/greengrass-model-fleet';

export interface EdgeGreengrassStackProps extends StackProps {
  readonly context: BlueprintContext;
  /** Releases, version pins and names of the fleet. */
  readonly fleet: EdgeFleetOptions;
}

export class EdgeGreengrassStack extends Stack {
  public readonly fleet: GreengrassModelFleet;

  constructor(scope: Construct, id: string, props: EdgeGreengrassStackProps) {
    const { context } = props;
    const spec = context.plan.spec;
    super(scope, id, {
      ...props,
      env: props.env ?? { account: context.env.account, region: context.env.region },
      description: props.description ?? `${spec.description} (ai-model-deployment, Greengrass)`,
    });
    const plan = planEdgeFleet(context.plan, props.fleet);
    this.fleet = new GreengrassModelFleet(this, 'Fleet', { fleet: plan });
    for (const [key, value] of Object.entries(spec.tags)) Tags.of(this).add(key, value);

    new CfnOutput(this, 'TokenExchangeRoleAlias', { value: this.fleet.roleAliasName, description: 'Pass to the Greengrass installer: --tes-role-alias-name' });
    new CfnOutput(this, 'CoreDeviceIotPolicy', { value: this.fleet.iotPolicyName, description: 'Attach to every core device certificate (--thing-policy-name)' });
    new CfnOutput(this, 'FleetThingGroup', { value: plan.thingGroups.fleet, description: `Runs ${plan.componentName} ${plan.deployments.fleet.components[plan.componentName]!.componentVersion}` });
    if (plan.thingGroups.canary) {
      new CfnOutput(this, 'CanaryThingGroup', { value: plan.thingGroups.canary, description: `Runs ${plan.componentName} ${plan.deployments.canary!.components[plan.componentName]!.componentVersion}` });
    }
    new CfnOutput(this, 'ArtifactBucket', { value: this.fleet.artifactBucket.bucketName });
    new CfnOutput(this, 'InputTopic', { value: plan.topics.input, description: 'Local topic the component reads sensor readings from' });
  }
}
