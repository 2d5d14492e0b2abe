/**
 * One published version of the inference component: its artifacts uploaded to the artifact bucket
 * (under a content-addressed key) and the `AWS::GreengrassV2::ComponentVersion` created from the recipe,
 * after the upload, because Greengrass hashes the artifacts when the version is created.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as greengrassv2 from 'aws-cdk-lib/aws-greengrassv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { stageReleaseArtifacts } from '../../../lib/edge/artifacts';
import type { PlannedRelease } from '../../../lib/edge/fleet-plan';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';

const acknowledged = new WeakSet<Stack>();

/**
 * The upload runs in aws-cdk-lib's BucketDeployment handler, one Lambda per stack, created at the stack's
 * root rather than under this construct: its findings are acknowledged there, once.
 */
function acknowledgeUploadHandler(stack: Stack): void {
  if (acknowledged.has(stack)) return;
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  acknowledged.add(stack);
  const why = 'aws-cdk-lib\'s BucketDeployment handler only copies the staged artifacts from the CDK asset bucket into the artifact bucket at deploy time';
  acknowledgeIamFindings(handler, {
    managedPolicies: `${why}; AWSLambdaBasicExecutionRole only lets it write its own logs`,
    wildcards: `${why}; aws-cdk-lib scopes its grants to those two buckets and the artifact key`,
  });
  acknowledgeFinding(handler, 'AwsSolutions-L1', `${why}; its runtime is pinned by aws-cdk-lib and moves with aws-cdk-lib upgrades`);
  acknowledgeFinding(handler, 'cdk-validator-cfnguard::lambda_inside_vpc_check', `${why}; it talks only to the S3 API and has nothing to reach inside a VPC`);
}

export interface IGreengrassComponentRelease {
  /** `arn:...:components:<name>:versions:<version>`. */
  readonly componentVersionArn: string;
  readonly componentVersion: string;
}

export interface GreengrassComponentReleaseProps {
  /** The planned release (lib/edge `planEdgeFleet`). */
  readonly release: PlannedRelease;
  /** The artifact bucket (versioned, retained) the files are uploaded to. */
  readonly bucket: s3.IBucket;
  /** Key the uploaded objects are encrypted with (the bucket's key). */
  readonly encryptionKey: kms.IKey;
}

export class GreengrassComponentRelease extends Construct implements IGreengrassComponentRelease {
  public readonly componentVersionArn: string;
  public readonly componentVersion: string;
  public readonly resource: greengrassv2.CfnComponentVersion;
  public readonly upload: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: GreengrassComponentReleaseProps) {
    super(scope, id);
    const { release } = props;
    const staged = stageReleaseArtifacts(release.artifacts);
    this.upload = new s3deploy.BucketDeployment(this, 'Artifacts', {
      sources: [s3deploy.Source.asset(staged.directory)],
      destinationBucket: props.bucket,
      // Other versions' artifacts live under the same bucket: never delete what this upload did not write.
      prune: false,
      retainOnDelete: true,
      serverSideEncryption: s3deploy.ServerSideEncryption.AWS_KMS,
      serverSideEncryptionAwsKmsKeyId: props.encryptionKey.keyId,
      extract: true,
    });
    acknowledgeUploadHandler(Stack.of(this));
    this.resource = new greengrassv2.CfnComponentVersion(this, 'ComponentVersion', {
      inlineRecipe: Stack.of(this).toJsonString(release.recipe(props.bucket.bucketName)),
    });
    // A component version is immutable and may be a rollback target after it leaves the code: keep it.
    this.resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.resource.node.addDependency(this.upload);
    this.componentVersionArn = this.resource.attrArn;
    this.componentVersion = release.componentVersion;
  }
}
