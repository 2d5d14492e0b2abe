/**
 * The Terraform (cdktf) stack of the `edge-greengrass` blueprint: the same Greengrass fleet as the CDK
 * stack, with the awscc provider for the Greengrass resources.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { type EdgeFleetOptions, planEdgeFleet } from '../../lib/edge/fleet-plan';
import { AwsccProvider } from '../../constructs/terraform/awscc/provider';
import { GreengrassModelFleet } from '../../constructs/terraform/edge/greengrass-model-fleet';

export interface EdgeGreengrassTerraformStackProps {
  readonly context: BlueprintContext;
  readonly fleet: EdgeFleetOptions;
}

export class EdgeGreengrassTerraformStack extends TerraformStack {
  public readonly fleet: GreengrassModelFleet;

  constructor(scope: Construct, id: string, props: EdgeGreengrassTerraformStackProps) {
    super(scope, id);
    const { context } = props;
    const spec = context.plan.spec;
    const plan = planEdgeFleet(context.plan, props.fleet);
    new AwsProvider(this, 'aws', { region: context.env.region, defaultTags: [{ tags: { ...spec.tags, 'managed-by': 'ai-model-deployment' } }] });
    const awscc = new AwsccProvider(this, 'awscc', { region: context.env.region });
    const identity = new DataAwsCallerIdentity(this, 'Identity');
    const partition = new DataAwsPartition(this, 'Partition');
    this.fleet = new GreengrassModelFleet(this, 'Fleet', { fleet: plan, awscc, accountId: identity.accountId, partition: partition.partition, region: context.env.region });

    new TerraformOutput(this, 'token_exchange_role_alias', { value: plan.roleAliasName, description: 'Pass to the Greengrass installer: --tes-role-alias-name' });
    new TerraformOutput(this, 'core_device_iot_policy', { value: plan.iotPolicyName, description: 'Attach to every core device certificate (--thing-policy-name)' });
    new TerraformOutput(this, 'fleet_thing_group', { value: plan.thingGroups.fleet });
    if (plan.thingGroups.canary) new TerraformOutput(this, 'canary_thing_group', { value: plan.thingGroups.canary });
    new TerraformOutput(this, 'artifact_bucket', { value: this.fleet.storage.bucket.bucket });
    new TerraformOutput(this, 'input_topic', { value: plan.topics.input });
  }
}
