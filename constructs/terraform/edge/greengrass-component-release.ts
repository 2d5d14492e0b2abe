/**
 * One published version of the inference component on Terraform: its two artifacts as `aws_s3_object`s
 * (the files travel with the synthesized stack as Terraform assets) and the component version through the
 * awscc binding, created after the upload. Both carry `prevent_destroy`: a published version is immutable
 * and stays a rollback target (to retire one from the code, `terraform state rm` it first; see the docs).
 */
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { stageReleaseArtifacts } from '../../../lib/edge/artifacts';
import type { PlannedRelease } from '../../../lib/edge/fleet-plan';
import { recipeToJson } from '../../../lib/edge/recipe';
import { Greengrassv2ComponentVersion } from '../awscc/greengrassv2-component-version';
import type { AwsccProvider } from '../awscc/provider';

export interface GreengrassComponentReleaseProps {
  /** The planned release (lib/edge `planEdgeFleet`). */
  readonly release: PlannedRelease;
  /** The artifact bucket the files are uploaded to. */
  readonly bucketName: string;
  /** Key of the uploaded objects' SSE-KMS encryption. */
  readonly kmsKeyArn: string;
  /** The awscc provider the component version uses. */
  readonly awscc: AwsccProvider;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export class GreengrassComponentRelease extends Construct {
  public readonly componentVersion: Greengrassv2ComponentVersion;
  public readonly objects: readonly S3Object[];

  constructor(scope: Construct, id: string, props: GreengrassComponentReleaseProps) {
    super(scope, id);
    const { release } = props;
    const staged = stageReleaseArtifacts(release.artifacts);
    this.objects = [release.artifacts.appArchive, release.artifacts.model].map((file) => {
      const asset = new TerraformAsset(this, `${file.fileName}Asset`, { path: staged.files[file.key]!, type: AssetType.FILE });
      return new S3Object(this, file.fileName.replace(/\W/g, '-'), {
        bucket: props.bucketName,
        key: file.key,
        source: asset.path,
        sourceHash: file.sha256,
        serverSideEncryption: 'aws:kms',
        kmsKeyId: props.kmsKeyArn,
        lifecycle: { preventDestroy: true },
      });
    });
    this.componentVersion = new Greengrassv2ComponentVersion(this, 'ComponentVersion', {
      provider: props.awscc,
      inlineRecipe: recipeToJson(release.recipe(props.bucketName)),
      tags: props.tags,
      // Greengrass hashes the artifacts when the version is created: upload first.
      dependsOn: [...this.objects],
      lifecycle: { preventDestroy: true },
    });
  }
}
