/**
 * `GreengrassModelFleet` on Terraform (cdktf): the same fleet as the CDK construct, from the same plan.
 * Greengrass resources go through the project's awscc binding (`./awscc`); S3, IAM, IoT, KMS, SNS,
 * EventBridge and CloudWatch through `@cdktf/provider-aws`.
 */
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import type { EdgeFleetPlan } from '../../../lib/edge/fleet-plan';
import { encryptedLogGroups } from '../../../lib/edge/monitoring';
import { captureExpiry } from '../../../lib/edge/capture-pipeline';
import { EdgeArtifactBucket } from './artifact-bucket';
import { EdgeCaptureDelivery } from './edge-capture-delivery';
import type { AwsccProvider } from '../awscc/provider';
import { GreengrassComponentRelease } from './greengrass-component-release';
import { GreengrassDeviceAccess } from './greengrass-device-access';
import { GreengrassFleetDeployment } from './greengrass-fleet-deployment';
import { GreengrassFleetMonitoring } from './greengrass-fleet-monitoring';
import { DriftDetectionJob } from '../serverless/drift-detection-job';

export interface GreengrassModelFleetProps {
  /** The planned fleet (lib/edge `planEdgeFleet`). */
  readonly fleet: EdgeFleetPlan;
  /** The awscc provider the Greengrass resources use. */
  readonly awscc: AwsccProvider;
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  /** Create the thing groups. @default true */
  readonly createThingGroups?: boolean;
}

export class GreengrassModelFleet extends Construct {
  public readonly kmsKeyArn: string;
  public readonly storage: EdgeArtifactBucket;
  public readonly access: GreengrassDeviceAccess;
  public readonly releases: readonly GreengrassComponentRelease[];
  public readonly fleetDeployment: GreengrassFleetDeployment;
  public readonly canaryDeployment?: GreengrassFleetDeployment;
  public readonly monitoring: GreengrassFleetMonitoring;
  /** Request capture from the devices, when the spec asks for it. */
  public readonly capture?: EdgeCaptureDelivery;
  /** The scheduled drift job over the captured records, when the spec asks for it (its alarms go to the fleet's topic). */
  public readonly drift?: DriftDetectionJob;

  constructor(scope: Construct, id: string, props: GreengrassModelFleetProps) {
    super(scope, id);
    const { fleet, awscc } = props;
    this.kmsKeyArn = fleet.kmsKey === 'create' ? this.createKey(props).arn : fleet.kmsKey.keyArn;
    this.storage = new EdgeArtifactBucket(this, 'Artifacts', {
      namePrefix: fleet.name.slice(0, 30), kmsKeyArn: this.kmsKeyArn, accountId: props.accountId,
      ...(fleet.capture && { expiringPrefixes: captureExpiry(fleet.capture) }),
    });
    const bucketName = this.storage.bucket.bucket;

    this.releases = fleet.releases.map((release) => new GreengrassComponentRelease(this, `Release-${release.componentVersion.replace(/\W/g, '-')}`, {
      release, bucketName, kmsKeyArn: this.kmsKeyArn, awscc, tags: fleet.tags,
    }));
    this.access = new GreengrassDeviceAccess(this, 'DeviceAccess', {
      scope: {
        partition: props.partition, region: props.region, account: props.accountId,
        artifactBucketArn: this.storage.bucket.arn, artifactPrefix: fleet.artifactPrefix, kmsKeyArn: this.kmsKeyArn,
        thingNamePrefix: fleet.thingNamePrefix, roleAliasName: fleet.roleAliasName,
        ...(fleet.capture && { captureTopicPrefix: fleet.capture.topicPrefix }),
      },
      roleName: fleet.tokenExchangeRoleName,
      iotPolicyName: fleet.iotPolicyName,
    });
    const common = {
      awscc, partition: props.partition, region: props.region, accountId: props.accountId, tags: fleet.tags,
      createThingGroup: props.createThingGroups ?? true,
      dependsOn: [...this.releases.map((r) => r.componentVersion), this.access.roleAlias],
    };
    this.fleetDeployment = new GreengrassFleetDeployment(this, 'FleetDeployment', { ...common, deployment: fleet.deployments.fleet });
    if (fleet.deployments.canary) this.canaryDeployment = new GreengrassFleetDeployment(this, 'CanaryDeployment', { ...common, deployment: fleet.deployments.canary });

    this.monitoring = new GreengrassFleetMonitoring(this, 'Monitoring', {
      plan: fleet.monitoring, kmsKeyArn: this.kmsKeyArn, region: props.region, accountId: props.accountId, partition: props.partition,
      alarmEmail: fleet.alarmEmail, alarmRecipients: fleet.alarmRecipients, logRetentionDays: fleet.logRetentionDays, dashboard: fleet.dashboard,
    });
    if (fleet.capture) {
      this.capture = new EdgeCaptureDelivery(this, 'Capture', {
        pipeline: fleet.capture, bucketArn: this.storage.bucket.arn, kmsKeyArn: this.kmsKeyArn, alarmTopicArn: this.monitoring.topic.arn, accountId: props.accountId, region: props.region,
      });
    }
    if (fleet.driftJob) {
      this.drift = new DriftDetectionJob(this, 'Drift', {
        config: fleet.driftJob({ bucket: bucketName, account: props.accountId }), kmsKeyArn: this.kmsKeyArn, alarmTopicArn: this.monitoring.topic.arn,
      });
    }
  }

  private createKey(props: GreengrassModelFleetProps): KmsKey {
    const { partition, region, accountId } = props;
    return new KmsKey(this, 'Key', {
      description: `Encrypts the Greengrass artifacts, alarm topic and logs of ${props.fleet.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      lifecycle: { preventDestroy: true },
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
          {
            Sid: 'EventsAndAlarmsPublishToEncryptedTopic', Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*',
            Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
          },
          {
            Sid: 'CloudWatchLogsEncryptFleetLogs', Effect: 'Allow',
            Principal: { Service: `logs.${region}.amazonaws.com` }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': encryptedLogGroups(partition, region, accountId, props.fleet.name) } },
          },
          {
            Sid: 'DenyGrantsNotForAwsResources', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant', Resource: '*',
            Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
          },
        ],
      }),
    });
  }
}
