/**
 * A typed cdktf binding of the `hashicorp/awscc` provider (AWS Cloud Control), written in this project:
 * `hashicorp/aws` has no Greengrass v2 resources, and no prebuilt `@cdktf/provider-awscc` package is
 * available. Only the configuration this library uses is typed; see README.md next to this file.
 */
import { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';

/** awscc is GA since 1.0 (mid 2024); 1.x keeps resource schemas compatible. */
export const AWSCC_PROVIDER_VERSION_CONSTRAINT = '~> 1.0';

export interface AwsccProviderConfig {
  /** Region for Cloud Control API calls. @default - the AWS_REGION environment variable */
  readonly region?: string;
  /** Provider alias, for a second configuration. @default - the default provider */
  readonly alias?: string;
}

export class AwsccProvider extends TerraformProvider {
  public static readonly tfResourceType = 'awscc';
  private readonly config: AwsccProviderConfig;

  constructor(scope: Construct, id: string, config: AwsccProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: AwsccProvider.tfResourceType,
      terraformGeneratorMetadata: { providerName: 'awscc', providerVersionConstraint: AWSCC_PROVIDER_VERSION_CONSTRAINT },
      terraformProviderSource: 'hashicorp/awscc',
    });
    this.config = config;
    this.alias = config.alias;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { region: this.config.region, alias: this.config.alias };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const attrs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.synthesizeAttributes())) {
      if (value !== undefined) attrs[key] = { value, isBlock: false, type: 'simple', storageClassType: 'string' };
    }
    return attrs;
  }
}
