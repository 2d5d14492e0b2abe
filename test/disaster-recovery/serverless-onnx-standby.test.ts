/**
 * `serverless-onnx` with a standby region (us-west-2), synthesized once per engine (CDK renders no
 * replication yet, see docs/disaster-recovery.md; it is synthesized for the validation harness). On cdktf and Pulumi:
 * the model and data buckets replicate with KMS re-encryption, delete markers, Replication Time Control and
 * metrics; replicas live in the standby region and are kept on destroy; failures and slow replication alarm
 * to the deployment's alarm topic; and the validation harness (schemas, cdk-nag, cfn-guard) finds nothing.
 */
import { SERVERLESS_ONNX, serverlessBlueprint } from '../../blueprints/serverless';
import { SERVERLESS_ONNX_RENDERERS } from '../../blueprints/serverless/renderers';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { pulumiInputs, tf } from '../serverless/support/rendered';

const STANDBY_ONNX = serverlessBlueprint({
  name: 'serverless-onnx',
  description: SERVERLESS_ONNX.description,
  spec: { ...SERVERLESS_ONNX.spec, disasterRecovery: { standbyRegion: 'us-west-2' } },
  ...SERVERLESS_ONNX_RENDERERS,
});

const SOURCES = ['serverless-onnx-models-123456789012-us-east-1', 'serverless-onnx-data-123456789012-us-east-1'];
const REPLICAS = ['serverless-onnx-models-123456789012-us-west-2', 'serverless-onnx-data-123456789012-us-west-2'];
const ALARMS = ['serverless-onnx-data-replication-failed', 'serverless-onnx-data-replication-latency', 'serverless-onnx-models-replication-failed', 'serverless-onnx-models-replication-latency'];

let r: RenderedBlueprint;
beforeAll(async () => {
  r = await renderBlueprint(STANDBY_ONNX);
});

test('GIVEN a standby region WHEN rendered on all engines THEN the validation harness reports no errors', () => {
  expect(formatFindings(errorsOf(r.findings))).toBe('');
});

describe('cdktf', () => {
  test('GIVEN the standby region WHEN synthesized THEN a second AWS provider (alias standby) targets it next to the primary', () => {
    const providers = r.terraform.json.provider.aws as { region: string; alias?: string }[];
    expect(providers.map((p) => [p.region, p.alias])).toEqual([['us-east-1', undefined], ['us-west-2', 'standby']]);
  });

  test('GIVEN replication WHEN synthesized THEN each source bucket replicates to its standby replica, re-encrypted with the replica key, with delete markers and 15-minute RTC and metrics', () => {
    const configs = tf(r, 'aws_s3_bucket_replication_configuration');
    expect(configs.map((c) => c.bucket).sort()).toEqual([...SOURCES].sort());
    for (const config of configs) {
      const [rule] = config.rule;
      expect(rule.source_selection_criteria).toEqual({ sse_kms_encrypted_objects: { status: 'Enabled' } });
      expect(rule.delete_marker_replication).toEqual({ status: 'Enabled' });
      const destination = rule.destination;
      expect(REPLICAS.map((b) => `arn:aws:s3:::${b}`)).toContain(destination.bucket);
      expect(destination.encryption_configuration.replica_kms_key_id).toMatch(/aws_kms_key\.\w*ReplicaKey\w*\.arn/);
      expect(destination.replication_time).toEqual({ status: 'Enabled', time: { minutes: 15 } });
      expect(destination.metrics).toEqual({ status: 'Enabled', event_threshold: { minutes: 15 } });
    }
  });

  test('GIVEN the replicas WHEN synthesized THEN they and their key are created by the standby provider and survive terraform destroy', () => {
    const replicas = tf(r, 'aws_s3_bucket').filter((b) => REPLICAS.includes(b.bucket));
    expect(replicas).toHaveLength(2);
    for (const bucket of replicas) expect(bucket).toMatchObject({ provider: 'aws.standby', lifecycle: { prevent_destroy: true } });
    const replicaKey = tf(r, 'aws_kms_key').find((k) => k.provider === 'aws.standby')!;
    expect(replicaKey).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(tf(r, 'aws_s3_bucket_public_access_block').filter((b) => b.provider === 'aws.standby')).toHaveLength(2);
  });

  test('GIVEN replication metrics WHEN synthesized THEN latency and failure alarms notify the alarm topic', () => {
    const alarms = tf(r, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/S3');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(ALARMS);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\..*\.arn/)]);
  });
});

describe('Pulumi', () => {
  test('GIVEN the standby region WHEN the program runs THEN a second aws.Provider targets it', () => {
    expect(pulumiInputs(r, 'pulumi:providers:aws').map((p) => p.region)).toContain('us-west-2');
  });

  test('GIVEN replication WHEN the program runs THEN both source buckets replicate with KMS re-encryption, delete markers and RTC', () => {
    const configs = pulumiInputs(r, 'aws:s3/bucketReplicationConfig:BucketReplicationConfig');
    expect(configs.map((c) => c.bucket).sort()).toEqual([...SOURCES].sort());
    for (const config of configs) {
      const [rule] = config.rules;
      expect(rule).toMatchObject({ sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } }, deleteMarkerReplication: { status: 'Enabled' } });
      expect(rule.destination).toMatchObject({ replicationTime: { status: 'Enabled', time: { minutes: 15 } }, metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } } });
      expect(rule.destination.encryptionConfiguration.replicaKmsKeyId).toBeDefined();
    }
    expect(pulumiInputs(r, 'aws:s3/bucket:Bucket').map((b) => b.bucket)).toEqual(expect.arrayContaining(REPLICAS));
    expect(pulumiInputs(r, 'aws:cloudwatch/metricAlarm:MetricAlarm').filter((a) => a.namespace === 'AWS/S3').map((a) => a.name).sort()).toEqual(ALARMS);
  });
});
