/**
 * `GreengrassModelFleet` (Pulumi): the same fleet as the CDK and cdktf constructs, from the same plan.
 * Greengrass component versions and deployments come from `@pulumi/aws-native` (classic `@pulumi/aws`
 * has none); S3, IAM, IoT, KMS, SNS, EventBridge and CloudWatch from `@pulumi/aws`.
 *
 * Component versions and their artifacts are `retainOnDelete`: a published version is immutable and stays
 * a rollback target after it leaves the program.
 */
import * as aws from '@pulumi/aws';
import * as greengrassv2 from '@pulumi/aws-native/greengrassv2';
import * as pulumi from '@pulumi/pulumi';
import { coreDeviceIotPolicy, tokenExchangeRolePolicy, tokenExchangeTrustPolicy } from '../../../lib/edge/access';
import { stageReleaseArtifacts } from '../../../lib/edge/artifacts';
import { FleetDeployment, thingGroupArn, toCreateDeploymentRequest } from '../../../lib/edge/deployment';
import type { EdgeFleetPlan, PlannedRelease } from '../../../lib/edge/fleet-plan';
import { encryptedLogGroups } from '../../../lib/edge/monitoring';
import { recipeToJson } from '../../../lib/edge/recipe';
import { captureExpiry } from '../../../lib/edge/capture-pipeline';
import { EdgeArtifactBucket } from './artifact-bucket';
import { EdgeCaptureDelivery } from './edge-capture-delivery';
import { GreengrassFleetMonitoring } from './greengrass-fleet-monitoring';
import { DriftDetectionJob } from '../serverless/drift-detection-job';

export interface GreengrassModelFleetArgs {
  /** The planned fleet (lib/edge `planEdgeFleet`). */
  readonly fleet: EdgeFleetPlan;
  /** Create the fleet and canary thing groups. @default true */
  readonly createThingGroups?: boolean;
}

export class GreengrassModelFleet extends pulumi.ComponentResource {
  public readonly kmsKeyArn: pulumi.Output<string>;
  public readonly artifactBucket: aws.s3.Bucket;
  public readonly tokenExchangeRole: aws.iam.Role;
  public readonly roleAlias: aws.iot.RoleAlias;
  public readonly iotPolicy: aws.iot.Policy;
  public readonly componentVersions: readonly greengrassv2.ComponentVersion[];
  public readonly deployments: readonly greengrassv2.Deployment[];
  public readonly monitoring: GreengrassFleetMonitoring;
  /** Request capture from the devices, when the spec asks for it. */
  public readonly capture?: EdgeCaptureDelivery;
  /** The scheduled drift job over the captured records, when the spec asks for it (its alarms go to the fleet's topic). */
  public readonly drift?: DriftDetectionJob;

  constructor(name: string, args: GreengrassModelFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:edge:GreengrassModelFleet', name, {}, opts);
    const { fleet } = args;
    const parent = { parent: this };
    const account = aws.getCallerIdentityOutput({}, parent).accountId;
    const partition = aws.getPartitionOutput({}, parent).partition;

    this.kmsKeyArn = fleet.kmsKey === 'create' ? this.createKey(name, fleet, account, partition).arn : pulumi.output(fleet.kmsKey.keyArn);
    const storage = new EdgeArtifactBucket(`${name}-storage`, {
      namePrefix: fleet.name.slice(0, 30), kmsKeyArn: this.kmsKeyArn, accountId: account, ...(fleet.capture && { expiringPrefixes: captureExpiry(fleet.capture) }),
    }, parent);
    this.artifactBucket = storage.bucket;

    this.componentVersions = fleet.releases.map((release) => this.publish(name, release, fleet.tags));

    const scope = pulumi.all([account, partition, this.artifactBucket.arn, this.kmsKeyArn]).apply(([acct, part, bucketArn, keyArn]) => ({
      partition: part, region: fleet.region, account: acct, artifactBucketArn: bucketArn, artifactPrefix: fleet.artifactPrefix,
      kmsKeyArn: keyArn, thingNamePrefix: fleet.thingNamePrefix, roleAliasName: fleet.roleAliasName,
      ...(fleet.capture && { captureTopicPrefix: fleet.capture.topicPrefix }),
    }));
    this.tokenExchangeRole = new aws.iam.Role(`${name}-token-exchange`, {
      name: fleet.tokenExchangeRoleName,
      description: 'Greengrass token exchange role: what core devices may do with AWS credentials',
      assumeRolePolicy: JSON.stringify(tokenExchangeTrustPolicy()),
    }, parent);
    new aws.iam.RolePolicy(`${name}-device-access`, { name: 'DeviceAccess', role: this.tokenExchangeRole.name, policy: scope.apply((s) => JSON.stringify(tokenExchangeRolePolicy(s))) }, parent);
    this.roleAlias = new aws.iot.RoleAlias(`${name}-role-alias`, { alias: fleet.roleAliasName, roleArn: this.tokenExchangeRole.arn, credentialDuration: 3600 }, parent);
    this.iotPolicy = new aws.iot.Policy(`${name}-core-device`, { name: fleet.iotPolicyName, policy: scope.apply((s) => JSON.stringify(coreDeviceIotPolicy(s))) }, parent);

    const dependsOn = [...this.componentVersions, this.roleAlias];
    this.deployments = [fleet.deployments.fleet, fleet.deployments.canary]
      .filter((d): d is FleetDeployment => d !== undefined)
      .map((d) => this.deploy(name, d, account, partition, args.createThingGroups ?? true, dependsOn, fleet));

    this.monitoring = new GreengrassFleetMonitoring(`${name}-monitoring`, {
      plan: fleet.monitoring, kmsKeyArn: this.kmsKeyArn, region: fleet.region, accountId: account, partition,
      alarmEmail: fleet.alarmEmail, alarmRecipients: fleet.alarmRecipients, logRetentionDays: fleet.logRetentionDays, dashboard: fleet.dashboard,
    }, parent);
    if (fleet.capture) {
      this.capture = new EdgeCaptureDelivery(`${name}-capture`, {
        pipeline: fleet.capture, bucketArn: this.artifactBucket.arn, kmsKeyArn: this.kmsKeyArn, alarmTopicArn: this.monitoring.topic.arn, accountId: account, region: fleet.region,
      }, parent);
    }
    const driftJob = fleet.driftJob;
    if (driftJob) {
      // Names and settings are known now; the bucket name and the account only once deployed.
      this.drift = new DriftDetectionJob(`${name}-drift`, {
        config: driftJob({ bucket: '<artifact bucket>', account: '<account>' }),
        resolvedConfig: pulumi.all([this.artifactBucket.bucket, account]).apply(([bucket, acct]) => driftJob({ bucket, account: acct })),
        kmsKeyArn: this.kmsKeyArn, alarmTopicArn: this.monitoring.topic.arn,
      }, parent);
    }
    this.registerOutputs({ artifactBucket: this.artifactBucket.bucket, roleAlias: this.roleAlias.alias, iotPolicy: this.iotPolicy.name });
  }

  /** Uploads a release's artifacts, then creates its component version (Greengrass hashes the artifacts). */
  private publish(name: string, release: PlannedRelease, tags: Readonly<Record<string, string>>): greengrassv2.ComponentVersion {
    const staged = stageReleaseArtifacts(release.artifacts);
    const id = `${name}-${release.componentVersion}`;
    const objects = [release.artifacts.appArchive, release.artifacts.model].map((file) => new aws.s3.BucketObjectv2(`${id}-${file.fileName}`, {
      bucket: this.artifactBucket.id,
      key: file.key,
      source: new pulumi.asset.FileAsset(staged.files[file.key]!),
      serverSideEncryption: 'aws:kms',
      kmsKeyId: this.kmsKeyArn,
    }, { parent: this, retainOnDelete: true }));
    return new greengrassv2.ComponentVersion(`${id}-component`, {
      inlineRecipe: this.artifactBucket.bucket.apply((bucket) => recipeToJson(release.recipe(bucket))),
      tags: { ...tags },
    }, { parent: this, dependsOn: objects, retainOnDelete: true });
  }

  private deploy(name: string, d: FleetDeployment, account: pulumi.Output<string>, partition: pulumi.Output<string>, createThingGroup: boolean, dependsOn: pulumi.Resource[], fleet: EdgeFleetPlan): greengrassv2.Deployment {
    const groups = createThingGroup
      ? [new aws.iot.ThingGroup(`${name}-${d.thingGroupName}`, { name: d.thingGroupName, properties: { description: `Greengrass core devices receiving ${d.deploymentName}` } }, { parent: this })]
      : [];
    const request = toCreateDeploymentRequest(d, 'target');
    return new greengrassv2.Deployment(`${name}-${d.deploymentName}`, {
      targetArn: pulumi.all([account, partition]).apply(([acct, part]) => thingGroupArn(part, fleet.region, acct, d.thingGroupName)),
      deploymentName: request.deploymentName,
      components: request.components,
      deploymentPolicies: request.deploymentPolicies as greengrassv2.DeploymentArgs['deploymentPolicies'],
      iotJobConfiguration: request.iotJobConfiguration as greengrassv2.DeploymentArgs['iotJobConfiguration'],
      tags: { ...fleet.tags },
    }, { parent: this, dependsOn: [...groups, ...dependsOn] });
  }

  private createKey(name: string, fleet: EdgeFleetPlan, account: pulumi.Output<string>, partition: pulumi.Output<string>): aws.kms.Key {
    const policy = pulumi.all([account, partition]).apply(([acct, part]) => JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:${part}:iam::${acct}:root` }, Action: 'kms:*', Resource: '*' },
        {
          Sid: 'EventsAndAlarmsPublishToEncryptedTopic', Effect: 'Allow',
          Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': acct } },
        },
        {
          Sid: 'CloudWatchLogsEncryptFleetLogs', Effect: 'Allow',
          Principal: { Service: `logs.${fleet.region}.amazonaws.com` }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': encryptedLogGroups(part, fleet.region, acct, fleet.name) } },
        },
        { Sid: 'DenyGrantsNotForAwsResources', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant', Resource: '*', Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } } },
      ],
    }));
    return new aws.kms.Key(`${name}-key`, {
      description: `Encrypts the Greengrass artifacts, alarm topic and logs of ${fleet.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy,
    }, { parent: this, retainOnDelete: true });
  }
}
