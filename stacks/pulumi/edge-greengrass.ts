/**
 * The Pulumi program of the `edge-greengrass` blueprint: the same Greengrass fleet as the CDK and cdktf
 * stacks. Needs `aws:region` and `aws-native:region` set to the blueprint's region.
 */
import * as pulumi from '@pulumi/pulumi';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { type EdgeFleetOptions, planEdgeFleet } from '../../lib/edge/fleet-plan';
import { GreengrassModelFleet } from '../../constructs/pulumi/edge/greengrass-model-fleet';

export interface EdgeGreengrassOutputs {
  readonly tokenExchangeRoleAlias: pulumi.Output<string>;
  readonly coreDeviceIotPolicy: pulumi.Output<string>;
  readonly artifactBucket: pulumi.Output<string>;
}

export function renderEdgeGreengrassPulumi(context: BlueprintContext, options: EdgeFleetOptions): EdgeGreengrassOutputs {
  const plan = planEdgeFleet(context.plan, options);
  const fleet = new GreengrassModelFleet(context.name, { fleet: plan });
  return { tokenExchangeRoleAlias: fleet.roleAlias.alias, coreDeviceIotPolicy: fleet.iotPolicy.name, artifactBucket: fleet.artifactBucket.bucket };
}
