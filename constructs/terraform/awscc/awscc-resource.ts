/**
 * The part every hand-written awscc resource binding shares: registering the resource type with the
 * awscc provider and passing Terraform's meta-arguments (provider, depends_on, count, lifecycle...) through.
 */
import { TerraformMetaArguments, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { AWSCC_PROVIDER_VERSION_CONSTRAINT } from './provider';

export abstract class AwsccResource<Config extends TerraformMetaArguments> extends TerraformResource {
  protected readonly config: Config;

  protected constructor(scope: Construct, id: string, terraformResourceType: string, config: Config) {
    super(scope, id, {
      terraformResourceType,
      terraformGeneratorMetadata: { providerName: 'awscc', providerVersionConstraint: AWSCC_PROVIDER_VERSION_CONSTRAINT },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach,
    });
    this.config = config;
  }
}
