/**
 * Least-privilege policies for the core devices of a fleet, as plain policy documents every engine
 * attaches unchanged:
 * - the token exchange role (assumed through the IoT credentials provider via a role alias): read this
 *   component's artifacts only, decrypt them only through S3, write Greengrass logs only;
 * - the AWS IoT policy on the device certificates: the minimal Greengrass core policy (developer guide,
 *   device-auth.md "Minimal AWS IoT policy for AWS IoT Greengrass V2 core devices", read 2026-11), scoped
 *   to the fleet's thing-name prefix and this role alias.
 */
import { captureIotPolicyStatement } from './capture-pipeline';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  /** Absent only in trust policies. */
  readonly Resource?: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
  readonly Principal?: Readonly<Record<string, string>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** Where the fleet's devices live and what they may touch. Values may be engine tokens (CDK/cdktf). */
export interface DeviceAccessScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** `arn:<partition>:s3:::<bucket>` of the artifact bucket. */
  readonly artifactBucketArn: string;
  /** Key prefix of this component's artifacts, ending with `/`. */
  readonly artifactPrefix: string;
  /** ARN of the KMS key that encrypts the artifacts. */
  readonly kmsKeyArn: string;
  /** Thing names of the fleet's core devices start with this (IoT policies for cores cannot use thing policy variables). */
  readonly thingNamePrefix: string;
  readonly roleAliasName: string;
  /** Devices publish request capture records below this IoT Core topic (capture-pipeline.ts). @default - no capture */
  readonly captureTopicPrefix?: string;
}

/** Service that assumes token exchange roles (device-service-role.md, read 2026-11). */
export const IOT_CREDENTIALS_SERVICE = 'credentials.iot.amazonaws.com';

export function tokenExchangeTrustPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'IotCredentialsProvider', Effect: 'Allow', Principal: { Service: IOT_CREDENTIALS_SERVICE }, Action: ['sts:AssumeRole'] }],
  };
}

/** Log groups the log manager writes: `/aws/greengrass/GreengrassSystemComponent/...` and `/aws/greengrass/UserComponent/...`. */
export function greengrassLogGroupArns(s: Pick<DeviceAccessScope, 'partition' | 'region' | 'account'>): string[] {
  const base = `arn:${s.partition}:logs:${s.region}:${s.account}:log-group:/aws/greengrass/*`;
  return [base, `${base}:log-stream:*`];
}

/** Permissions of the token exchange role: what every device of the fleet can do with AWS credentials. */
export function tokenExchangeRolePolicy(s: DeviceAccessScope): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadComponentArtifacts', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${s.artifactBucketArn}/${s.artifactPrefix}*`] },
      // The nucleus looks up the bucket's Region before downloading (default GreengrassV2TokenExchangeRoleAccess policy).
      { Sid: 'LocateArtifactBucket', Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: [s.artifactBucketArn] },
      {
        Sid: 'DecryptArtifactsThroughS3',
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: [s.kmsKeyArn],
        Condition: { StringEquals: { 'kms:ViaService': `s3.${s.region}.amazonaws.com` } },
      },
      {
        Sid: 'UploadGreengrassLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: greengrassLogGroupArns(s),
      },
    ],
  };
}

/** The AWS IoT policy attached to each core device certificate of the fleet. */
export function coreDeviceIotPolicy(s: DeviceAccessScope): PolicyDocument {
  const capture = s.captureTopicPrefix === undefined ? [] : [captureIotPolicyStatement(s, s.captureTopicPrefix)];
  const arn = (kind: string, rest: string) => `arn:${s.partition}:iot:${s.region}:${s.account}:${kind}/${rest}`;
  const things = `$aws/things/${s.thingNamePrefix}*`;
  return {
    Version: '2012-10-17',
    Statement: [
      // Suffix wildcard: the nucleus opens several connections with client ids derived from the thing name.
      { Sid: 'Connect', Effect: 'Allow', Action: ['iot:Connect'], Resource: [arn('client', `${s.thingNamePrefix}*`)] },
      {
        Sid: 'JobsShadowsTelemetry',
        Effect: 'Allow',
        Action: ['iot:Publish', 'iot:Receive'],
        Resource: [
          arn('topic', `${things}/greengrass/health/json`),
          arn('topic', `${things}/greengrassv2/health/json`),
          arn('topic', `${things}/jobs/*`),
          arn('topic', `${things}/shadow/*`),
        ],
      },
      { Sid: 'SubscribeJobsShadows', Effect: 'Allow', Action: ['iot:Subscribe'], Resource: [arn('topicfilter', `${things}/jobs/*`), arn('topicfilter', `${things}/shadow/*`)] },
      { Sid: 'OwnShadow', Effect: 'Allow', Action: ['iot:GetThingShadow', 'iot:UpdateThingShadow', 'iot:DeleteThingShadow'], Resource: [arn('thing', `${s.thingNamePrefix}*`)] },
      { Sid: 'AssumeTokenExchangeRole', Effect: 'Allow', Action: ['iot:AssumeRoleWithCertificate'], Resource: [arn('rolealias', s.roleAliasName)] },
      {
        // These Greengrass data-plane actions take no resource ARN (device-auth.md minimal policy).
        Sid: 'GreengrassDataPlane',
        Effect: 'Allow',
        Action: ['greengrass:GetComponentVersionArtifact', 'greengrass:ResolveComponentCandidates', 'greengrass:GetDeploymentConfiguration', 'greengrass:ListThingGroupsForCoreDevice'],
        Resource: ['*'],
      },
      ...capture,
    ],
  };
}
