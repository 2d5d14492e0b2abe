/**
 * The cloud side of edge request capture, engine-neutral: devices publish sampled records to
 * `aimd/<deployment>/capture/<thing name>` on AWS IoT Core (lib/edge-app/capture.ts); an IoT topic rule sends every
 * record to a Kinesis Data Firehose delivery stream, which batches them into JSON Lines objects under `capture/` of
 * the fleet's (retained, KMS-encrypted) artifact bucket, where the drift reader expects captured rows
 * (lib/inference/capture.ts `CAPTURE_PREFIX`). A lifecycle rule expires the prefix.
 *
 * Sources (read 2026-12-03):
 * - IoT rule Firehose action, `separator` "\n" between records and `batchMode`: AWS IoT Core developer guide,
 *   "Firehose" rule action; SQL version 2016-03-23: "SQL versions".
 * - Firehose S3 destination prefixes with `!{timestamp:...}` and `!{firehose:error-output-type}`, buffering hints
 *   (interval 0–900 s, size 1–128 MiB): Firehose developer guide, "Custom prefixes for Amazon S3 objects" and
 *   "Configure buffering hints".
 * - Server-side encryption of a Direct PUT stream with a customer managed key (`CUSTOMER_MANAGED_CMK`) and the
 *   role permissions of an S3 destination: Firehose developer guide, "Data protection" and "Grant Firehose access
 *   to an Amazon S3 destination".
 * - `DeliveryToS3.DataFreshness` (age of the oldest record not yet delivered, seconds): Firehose developer guide,
 *   "Data delivery CloudWatch metrics".
 */
import type { PolicyDocument } from './access';

/** Prefix (below the fleet's bucket) the records land under: the drift reader's `capture/`. */
export const EDGE_CAPTURE_PREFIX = 'capture/';

/** What the spec asks for: the share of scored rows each device sends. */
export interface EdgeCaptureRequest {
  readonly deployment: string;
  readonly samplingPercent: number;
  /** Days the captured objects are kept. @default 90 */
  readonly retentionDays?: number;
}

export interface EdgeCapturePipeline {
  /** Devices publish to `<topicPrefix>/<thing name>`. */
  readonly topicPrefix: string;
  readonly samplingPercent: number;
  /** IoT topic rule name (letters, digits and underscores only). */
  readonly topicRuleName: string;
  readonly sql: string;
  readonly sqlVersion: '2016-03-23';
  /** Written between records, so each Firehose object is JSON Lines. */
  readonly separator: '\n';
  readonly deliveryStreamName: string;
  /** S3 key prefix of delivered objects (hour folders, UTC). */
  readonly prefix: string;
  /** S3 key prefix of records Firehose could not deliver. */
  readonly errorOutputPrefix: string;
  readonly buffering: { readonly intervalSeconds: number; readonly sizeMiB: number };
  readonly retentionDays: number;
  readonly ruleRoleName: string;
  readonly deliveryRoleName: string;
  /** Alarm when the oldest undelivered record is older than this (seconds): delivery to S3 is failing. */
  readonly freshnessAlarm: { readonly alarmName: string; readonly thresholdSeconds: number; readonly periodSeconds: number; readonly evaluationPeriods: number };
}

/** The pipeline of a deployment's capture. */
export function planEdgeCapturePipeline(request: EdgeCaptureRequest): EdgeCapturePipeline {
  const topicPrefix = `aimd/${request.deployment}/capture`;
  const buffering = { intervalSeconds: 300, sizeMiB: 5 };
  return {
    topicPrefix,
    samplingPercent: request.samplingPercent,
    topicRuleName: `aimd_${request.deployment.replace(/[^A-Za-z0-9]/g, '_')}_capture`,
    // `+` matches the thing-name level only; `topic(4)` is the device, already in each record.
    sql: `SELECT * FROM '${topicPrefix}/+'`,
    sqlVersion: '2016-03-23',
    separator: '\n',
    deliveryStreamName: `${request.deployment}-edge-capture`.slice(0, 64),
    prefix: `${EDGE_CAPTURE_PREFIX}!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/!{timestamp:HH}/`,
    errorOutputPrefix: 'capture-errors/!{firehose:error-output-type}/!{timestamp:yyyy}/!{timestamp:MM}/!{timestamp:dd}/',
    buffering,
    retentionDays: request.retentionDays ?? 90,
    ruleRoleName: `${request.deployment}-edge-capture-rule`.slice(0, 64),
    deliveryRoleName: `${request.deployment}-edge-capture-delivery`.slice(0, 64),
    // Three buffer intervals without delivery: records pile up (a throttled or denied S3 write, a disabled key).
    freshnessAlarm: { alarmName: `${request.deployment}-edge-capture-delivery-stalled`, thresholdSeconds: 3 * buffering.intervalSeconds, periodSeconds: 300, evaluationPeriods: 1 },
  };
}

/** The IoT rule's role: put records into this delivery stream only. */
export function captureRuleRolePolicy(deliveryStreamArn: string): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Sid: 'PutCaptureRecords', Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: [deliveryStreamArn] }] };
}

/** The delivery role: write below the capture prefixes of the bucket, encrypting through S3 with the fleet's key. */
export function captureDeliveryRolePolicy(s: { readonly bucketArn: string; readonly kmsKeyArn: string; readonly region: string }): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'LocateBucket', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: [s.bucketArn] },
      {
        Sid: 'WriteCaptureObjects',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:GetObject'],
        Resource: [`${s.bucketArn}/${EDGE_CAPTURE_PREFIX}*`, `${s.bucketArn}/capture-errors/*`],
      },
      {
        Sid: 'EncryptThroughS3',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: [s.kmsKeyArn],
        Condition: { StringEquals: { 'kms:ViaService': `s3.${s.region}.amazonaws.com` } },
      },
    ],
  };
}

/** Trust policy of a role assumed by one AWS service, limited to this account. */
export function serviceTrustPolicy(service: 'iot.amazonaws.com' | 'firehose.amazonaws.com', account: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AssumedBy', Effect: 'Allow', Principal: { Service: service }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'aws:SourceAccount': account } } }],
  };
}

/** The IoT policy statement that lets the fleet's core devices publish to their capture topics. */
export function captureIotPolicyStatement(s: { readonly partition: string; readonly region: string; readonly account: string; readonly thingNamePrefix: string }, topicPrefix: string) {
  // Core devices cannot use thing policy variables (device-auth.md), so the thing-name prefix scopes the topic.
  return { Sid: 'PublishCaptureRecords', Effect: 'Allow' as const, Action: ['iot:Publish'], Resource: [`arn:${s.partition}:iot:${s.region}:${s.account}:topic/${topicPrefix}/${s.thingNamePrefix}*`] };
}

/** The lifecycle rules that expire the capture prefixes (one list, for engines with one lifecycle configuration per bucket). */
export function captureExpiry(pipeline: Pick<EdgeCapturePipeline, 'retentionDays'>): { readonly id: string; readonly prefix: string; readonly days: number }[] {
  return [
    { id: 'expire-edge-capture', prefix: EDGE_CAPTURE_PREFIX, days: pipeline.retentionDays },
    { id: 'expire-edge-capture-errors', prefix: 'capture-errors/', days: pipeline.retentionDays },
  ];
}
