/**
 * `awscc_sagemaker_model_quality_job_definition` (terraform-provider-awscc
 * docs/resources/sagemaker_model_quality_job_definition.md, read 2026-11-24): the Cloud Control form of
 * `AWS::SageMaker::ModelQualityJobDefinition`. `hashicorp/aws` has no model-quality job definition
 * (hashicorp/terraform-provider-aws issue #31378 is open; PR #31464 closed unmerged), so the cdktf
 * renderer binds this awscc resource, the same way constructs/terraform/awscc binds Greengrass.
 * Nested values are Cloud Control *attributes* (plain objects and lists), written in snake_case.
 */
import type { TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsccResource } from './awscc-resource';
import { hclAttributes } from './hcl';

export interface SagemakerModelQualityJobDefinitionConfig extends TerraformMetaArguments {
  readonly jobDefinitionName: string;
  readonly roleArn: string;
  readonly modelQualityAppSpecification: { readonly imageUri: string; readonly problemType: string; readonly environment?: Readonly<Record<string, string>> };
  readonly modelQualityBaselineConfig?: { readonly constraintsResource: { readonly s3Uri: string } };
  readonly modelQualityJobInput: {
    readonly endpointInput: {
      readonly endpointName: string;
      readonly localPath: string;
      readonly s3InputMode?: string;
      readonly s3DataDistributionType?: string;
      readonly inferenceAttribute?: string;
      readonly probabilityAttribute?: string;
      readonly probabilityThresholdAttribute?: number;
    };
    readonly groundTruthS3Input: { readonly s3Uri: string };
  };
  readonly modelQualityJobOutputConfig: {
    readonly kmsKeyId?: string;
    readonly monitoringOutputs: readonly { readonly s3Output: { readonly s3Uri: string; readonly localPath: string; readonly s3UploadMode?: string } }[];
  };
  readonly jobResources: { readonly clusterConfig: { readonly instanceCount: number; readonly instanceType: string; readonly volumeSizeInGb: number; readonly volumeKmsKeyId?: string } };
  readonly networkConfig?: { readonly enableInterContainerTrafficEncryption?: boolean; readonly enableNetworkIsolation?: boolean };
  readonly stoppingCondition?: { readonly maxRuntimeInSeconds: number };
}

/** camelCase keys to snake_case, dropping undefined; `s3Uri` → `s3_uri`, `volumeSizeInGb` → `volume_size_in_gb`. */
function snake(value: unknown, dataKeys = false): unknown {
  if (Array.isArray(value)) return value.map((v) => snake(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    // Environment variable names are data, not attribute names.
    out[dataKeys ? k : k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()] = snake(v, k === 'environment');
  }
  return out;
}

export class SagemakerModelQualityJobDefinition extends AwsccResource<SagemakerModelQualityJobDefinitionConfig> {
  public static readonly tfResourceType = 'awscc_sagemaker_model_quality_job_definition';

  constructor(scope: Construct, id: string, config: SagemakerModelQualityJobDefinitionConfig) {
    super(scope, id, SagemakerModelQualityJobDefinition.tfResourceType, config);
  }

  /** ARN of the job definition (read-only). */
  public get jobDefinitionArn(): string {
    return this.getStringAttribute('job_definition_arn');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const c = this.config;
    return snake({
      jobDefinitionName: c.jobDefinitionName,
      roleArn: c.roleArn,
      modelQualityAppSpecification: c.modelQualityAppSpecification,
      modelQualityBaselineConfig: c.modelQualityBaselineConfig,
      modelQualityJobInput: c.modelQualityJobInput,
      modelQualityJobOutputConfig: c.modelQualityJobOutputConfig,
      jobResources: c.jobResources,
      networkConfig: c.networkConfig,
      stoppingCondition: c.stoppingCondition,
    }) as Record<string, unknown>;
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return hclAttributes(this.synthesizeAttributes());
  }
}
