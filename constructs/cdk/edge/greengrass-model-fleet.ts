/**
 * `GreengrassModelFleet`: ONNX models on AWS IoT Greengrass v2 core devices, from an engine-neutral plan
 * (lib/edge `planEdgeFleet`). It publishes every release as a component version (artifacts in a versioned,
 * KMS-encrypted, retained bucket), deploys the pinned fleet version to the fleet thing group and the
 * candidate to the canary group with rollout and abort settings, gives the devices a least-privilege
 * token exchange role, role alias and IoT policy, and alarms on failed deployments.
 *
 * Rollback: set the plan's `fleetVersion` back to an earlier release (or a retained version) and deploy;
 * component versions and their artifacts are retained, so every earlier version stays deployable.
 */
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { EdgeFleetPlan } from '../../../lib/edge/fleet-plan';
import { encryptedLogGroups } from '../../../lib/edge/monitoring';
import { restrictGrantsToAwsServices } from '../security/kms-grants';
import { DriftDetectionJob } from '../serverless/drift-detection-job';
import { EdgeArtifactBucket } from './artifact-bucket';
import { EdgeCaptureDelivery } from './edge-capture-delivery';
import { GreengrassComponentRelease } from './greengrass-component-release';
import { GreengrassDeviceAccess } from './greengrass-device-access';
import { GreengrassFleetDeployment } from './greengrass-fleet-deployment';
import { GreengrassFleetMonitoring } from './greengrass-fleet-monitoring';

export interface IGreengrassModelFleet {
  readonly artifactBucket: s3.IBucket;
  readonly tokenExchangeRole: iam.IRole;
  readonly roleAliasName: string;
  readonly iotPolicyName: string;
  readonly alarmTopic: sns.ITopic;
  readonly deploymentFailureAlarm: cloudwatch.IAlarm;
}

export interface GreengrassModelFleetProps {
  /** The planned fleet: releases, deployments, names and monitoring (lib/edge `planEdgeFleet`). */
  readonly fleet: EdgeFleetPlan;
  /**
   * Key for the artifacts, the alarm topic and the component log group. A key you bring must allow
   * `events.amazonaws.com`, `cloudwatch.amazonaws.com` and `logs.<region>.amazonaws.com` to use it.
   * @default - the key named by `fleet.kmsKey`: a new key with yearly rotation, or the given ARN
   */
  readonly encryptionKey?: kms.IKey;
  /** Create the fleet and canary thing groups (else they must exist). @default true */
  readonly createThingGroups?: boolean;
}

export class GreengrassModelFleet extends Construct implements IGreengrassModelFleet {
  public readonly artifactBucket: s3.IBucket;
  public readonly encryptionKey: kms.IKey;
  public readonly tokenExchangeRole: iam.IRole;
  public readonly roleAliasName: string;
  public readonly iotPolicyName: string;
  public readonly alarmTopic: sns.ITopic;
  public readonly deploymentFailureAlarm: cloudwatch.IAlarm;
  public readonly releases: readonly GreengrassComponentRelease[];
  public readonly fleetDeployment: GreengrassFleetDeployment;
  public readonly canaryDeployment?: GreengrassFleetDeployment;
  /** Request capture from the devices to `capture/` of the artifact bucket, when the spec asks for it. */
  public readonly capture?: EdgeCaptureDelivery;
  /** The scheduled drift job over the captured records, when the spec asks for it (its alarms go to `alarmTopic`). */
  public readonly drift?: DriftDetectionJob;

  constructor(scope: Construct, id: string, props: GreengrassModelFleetProps) {
    super(scope, id);
    const { fleet } = props;
    this.encryptionKey = props.encryptionKey
      ?? (fleet.kmsKey === 'create' ? this.createKey(fleet) : kms.Key.fromKeyArn(this, 'Key', fleet.kmsKey.keyArn));
    const storage = new EdgeArtifactBucket(this, 'Artifacts', { encryptionKey: this.encryptionKey });
    this.artifactBucket = storage.bucket;

    this.releases = fleet.releases.map((release) => new GreengrassComponentRelease(this, `Release-${release.componentVersion}`, {
      release, bucket: storage.bucket, encryptionKey: this.encryptionKey,
    }));
    const access = new GreengrassDeviceAccess(this, 'DeviceAccess', {
      bucket: storage.bucket, encryptionKey: this.encryptionKey, artifactPrefix: fleet.artifactPrefix, thingNamePrefix: fleet.thingNamePrefix,
      roleName: fleet.tokenExchangeRoleName, roleAliasName: fleet.roleAliasName, iotPolicyName: fleet.iotPolicyName,
      ...(fleet.capture && { captureTopicPrefix: fleet.capture.topicPrefix }),
    });
    this.tokenExchangeRole = access.tokenExchangeRole;
    this.roleAliasName = access.roleAliasName;
    this.iotPolicyName = access.iotPolicyName;

    // Deployments pin versions by name; wait for every version this code publishes, and for the role
    // devices need to download them.
    const dependsOn = [...this.releases.map((r) => r.resource), access];
    const createThingGroup = props.createThingGroups ?? true;
    this.fleetDeployment = new GreengrassFleetDeployment(this, 'FleetDeployment', { deployment: fleet.deployments.fleet, createThingGroup, dependsOn });
    if (fleet.deployments.canary) {
      this.canaryDeployment = new GreengrassFleetDeployment(this, 'CanaryDeployment', { deployment: fleet.deployments.canary, createThingGroup, dependsOn });
    }

    const monitoring = new GreengrassFleetMonitoring(this, 'Monitoring', {
      plan: fleet.monitoring, encryptionKey: this.encryptionKey, alarmEmail: fleet.alarmEmail, alarmRecipients: fleet.alarmRecipients,
      logRetention: fleet.logRetentionDays as logs.RetentionDays, dashboard: fleet.dashboard,
    });
    this.alarmTopic = monitoring.alarmTopic;
    this.deploymentFailureAlarm = monitoring.deploymentFailureAlarm;
    if (fleet.capture) {
      this.capture = new EdgeCaptureDelivery(this, 'Capture', { pipeline: fleet.capture, bucket: storage.bucket, encryptionKey: this.encryptionKey, alarmTopic: this.alarmTopic });
    }
    if (fleet.driftJob) {
      this.drift = new DriftDetectionJob(this, 'Drift', {
        config: fleet.driftJob({ bucket: storage.bucket.bucketName, account: Aws.ACCOUNT_ID }), encryptionKey: this.encryptionKey, alarmTopic: this.alarmTopic,
      });
    }
  }

  private createKey(fleet: EdgeFleetPlan): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `Encrypts the Greengrass artifacts, alarm topic and logs of ${fleet.name}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const sameAccount = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } };
    // EventBridge rules and CloudWatch alarms publish to the encrypted alarm topic.
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'EventsAndAlarmsPublishToEncryptedTopic',
      principals: [new iam.ServicePrincipal('events.amazonaws.com'), new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: sameAccount,
    }));
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptFleetLogs',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': encryptedLogGroups(Aws.PARTITION, Aws.REGION, Aws.ACCOUNT_ID, fleet.name) } },
    }));
    restrictGrantsToAwsServices(key);
    return key;
  }
}
