/**
 * `awscc_greengrassv2_component_version` (terraform-provider-awscc docs/resources/greengrassv2_component_version.md,
 * read 2026-11): a Greengrass component version created from an inline recipe. Typed here for the
 * recipe form; the Lambda-function form is not used by this library.
 */
import type { TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsccResource } from './awscc-resource';
import { hclAttributes } from './hcl';

export interface Greengrassv2ComponentVersionConfig extends TerraformMetaArguments {
  /** The recipe as a JSON (or YAML) string. Changing it replaces the component version. */
  readonly inlineRecipe: string;
  /** @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

export class Greengrassv2ComponentVersion extends AwsccResource<Greengrassv2ComponentVersionConfig> {
  public static readonly tfResourceType = 'awscc_greengrassv2_component_version';

  constructor(scope: Construct, id: string, config: Greengrassv2ComponentVersionConfig) {
    super(scope, id, Greengrassv2ComponentVersion.tfResourceType, config);
  }

  /** `arn:...:components:<name>:versions:<version>` (read-only). */
  public get arn(): string {
    return this.getStringAttribute('arn');
  }

  public get componentName(): string {
    return this.getStringAttribute('component_name');
  }

  public get componentVersion(): string {
    return this.getStringAttribute('component_version');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { inline_recipe: this.config.inlineRecipe, tags: this.config.tags };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return hclAttributes(this.synthesizeAttributes());
  }
}
