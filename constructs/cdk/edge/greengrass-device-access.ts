/**
 * What a fleet's core devices may do: the token exchange role (assumed through an IoT role alias with the
 * device certificate) with the least-privilege policy from lib/edge/access.ts, the role alias, and the
 * AWS IoT policy to attach to every core device certificate.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as iot from 'aws-cdk-lib/aws-iot';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { coreDeviceIotPolicy, DeviceAccessScope, IOT_CREDENTIALS_SERVICE, tokenExchangeRolePolicy } from '../../../lib/edge/access';
import { ProblemCollector } from '../../../lib/errors';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';

export interface IGreengrassDeviceAccess {
  readonly tokenExchangeRole: iam.IRole;
  readonly roleAliasName: string;
  readonly iotPolicyName: string;
}

export interface GreengrassDeviceAccessProps {
  /** The artifact bucket devices download from. */
  readonly bucket: s3.IBucket;
  /** The key the artifacts are encrypted with (devices decrypt through S3 only). */
  readonly encryptionKey: kms.IKey;
  /** Key prefix of the component's artifacts (the role reads below it only). */
  readonly artifactPrefix: string;
  /** Thing names of the fleet's core devices start with this. */
  readonly thingNamePrefix: string;
  /** Name of the token exchange role (the installer's `--tes-role-name`). */
  readonly roleName: string;
  /** Name of the IoT role alias (the installer's `--tes-role-alias-name`). */
  readonly roleAliasName: string;
  /** Name of the IoT policy for core device certificates (the installer's `--thing-policy-name`). */
  readonly iotPolicyName: string;
  /**
   * Lifetime of the credentials devices get. The IoT credentials provider accepts 900-43200 seconds
   * (AWS::IoT::RoleAlias CredentialDurationSeconds, read 2026-11).
   * @default Duration.hours(1)
   */
  readonly credentialDuration?: Duration;
  /** Devices may publish request capture records below this IoT Core topic. @default - no capture */
  readonly captureTopicPrefix?: string;
}

export class GreengrassDeviceAccess extends Construct implements IGreengrassDeviceAccess {
  public readonly tokenExchangeRole: iam.Role;
  public readonly roleAliasName: string;
  public readonly iotPolicyName: string;
  public readonly roleAlias: iot.CfnRoleAlias;
  public readonly iotPolicy: iot.CfnPolicy;

  constructor(scope: Construct, id: string, props: GreengrassDeviceAccessProps) {
    super(scope, id);
    const seconds = (props.credentialDuration ?? Duration.hours(1)).toSeconds();
    const p = new ProblemCollector();
    p.check(seconds >= 900 && seconds <= 43_200, 'credentialDuration', `${seconds} s`, 'must be 900-43200 seconds (IoT credentials provider limit)', 'use Duration.hours(1)');
    p.check(/^[A-Za-z0-9_-]+$/.test(props.thingNamePrefix), 'thingNamePrefix', props.thingNamePrefix, 'must be letters, digits, _ or -', 'use the prefix of your core devices\' thing names');
    p.throwIfAny(`GreengrassDeviceAccess '${id}'`);
    const scopeOfAccess: DeviceAccessScope = {
      partition: Aws.PARTITION, region: Aws.REGION, account: Aws.ACCOUNT_ID,
      artifactBucketArn: props.bucket.bucketArn, artifactPrefix: props.artifactPrefix, kmsKeyArn: props.encryptionKey.keyArn,
      thingNamePrefix: props.thingNamePrefix, roleAliasName: props.roleAliasName,
      ...(props.captureTopicPrefix !== undefined && { captureTopicPrefix: props.captureTopicPrefix }),
    };
    this.tokenExchangeRole = new iam.Role(this, 'TokenExchangeRole', {
      roleName: props.roleName,
      description: 'Greengrass token exchange role: what core devices may do with AWS credentials',
      assumedBy: new iam.ServicePrincipal(IOT_CREDENTIALS_SERVICE),
      inlinePolicies: { DeviceAccess: iam.PolicyDocument.fromJson(tokenExchangeRolePolicy(scopeOfAccess)) },
    });
    acknowledgeIamFindings(this.tokenExchangeRole, {
      wildcards: 'Wildcards stop at this component\'s artifact prefix (keys below it are content-addressed per release) and at the /aws/greengrass/* log groups the log manager creates per component and device.',
    });
    this.roleAlias = new iot.CfnRoleAlias(this, 'RoleAlias', {
      roleAlias: props.roleAliasName,
      roleArn: this.tokenExchangeRole.roleArn,
      credentialDurationSeconds: seconds,
    });
    this.iotPolicy = new iot.CfnPolicy(this, 'CoreDevicePolicy', {
      policyName: props.iotPolicyName,
      policyDocument: coreDeviceIotPolicy(scopeOfAccess),
    });
    this.roleAliasName = props.roleAliasName;
    this.iotPolicyName = props.iotPolicyName;
  }
}
