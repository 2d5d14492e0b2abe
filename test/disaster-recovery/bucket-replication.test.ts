/**
 * The engine-neutral bucket replication of a deployment with a standby region: which buckets replicate
 * where, the role's least privilege, KMS re-encryption, delete markers, Replication Time Control, and alarms.
 */
import { planServerlessBucketReplication, replicaKeyAliasArn, replicationAlarms, replicationRolePolicy, replicationRule } from '../../lib/disaster-recovery/bucket-replication';

const plan = planServerlessBucketReplication({ name: 'serverless-onnx', account: '123456789012', primaryRegion: 'us-east-1', standbyRegion: 'us-west-2', ownModelBucket: true, dataBucket: true });
const keys = { sourceKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/source', destinationKeyArn: 'arn:aws:kms:us-west-2:123456789012:key/replica' };

test('GIVEN the deployment owns its model bucket WHEN planned THEN the model and data buckets replicate to same-named buckets of the standby region', () => {
  expect(plan.buckets).toEqual([
    { purpose: 'models', source: 'serverless-onnx-models-123456789012-us-east-1', destination: 'serverless-onnx-models-123456789012-us-west-2', ruleId: 'replicate-models' },
    { purpose: 'data', source: 'serverless-onnx-data-123456789012-us-east-1', destination: 'serverless-onnx-data-123456789012-us-west-2', ruleId: 'replicate-data' },
  ]);
});

test('GIVEN a model bucket the user owns WHEN planned THEN only the data bucket replicates', () => {
  const userBucket = planServerlessBucketReplication({ name: 'x', account: '123456789012', primaryRegion: 'us-east-1', standbyRegion: 'us-west-2', ownModelBucket: false, dataBucket: true });
  expect(userBucket.buckets.map((b) => b.purpose)).toEqual(['data']);
});

test('GIVEN the replication role WHEN its policy is built THEN it reads the sources, writes replicas only to the destinations and uses each key only through S3 of its region', () => {
  const statements = replicationRolePolicy(plan, keys);
  expect(statements.map((s) => [s.Sid, s.Action, s.Resource])).toEqual([
    ['ReadReplicationConfiguration', ['s3:GetReplicationConfiguration', 's3:ListBucket'], ['arn:aws:s3:::serverless-onnx-models-123456789012-us-east-1', 'arn:aws:s3:::serverless-onnx-data-123456789012-us-east-1']],
    ['ReadSourceObjectVersions', ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
      ['arn:aws:s3:::serverless-onnx-models-123456789012-us-east-1/*', 'arn:aws:s3:::serverless-onnx-data-123456789012-us-east-1/*']],
    ['WriteReplicas', ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
      ['arn:aws:s3:::serverless-onnx-models-123456789012-us-west-2/*', 'arn:aws:s3:::serverless-onnx-data-123456789012-us-west-2/*']],
    ['DecryptSourceObjects', ['kms:Decrypt'], keys.sourceKeyArn],
    ['EncryptReplicas', ['kms:Encrypt'], keys.destinationKeyArn],
  ]);
  expect(statements[3]!.Condition).toEqual({ StringLike: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } });
  expect(statements[4]!.Condition).toEqual({ StringLike: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' } });
  expect(statements.flatMap((s) => s.Action).some((a) => a.endsWith('*'))).toBe(false);
});

test('GIVEN a replicated bucket WHEN its rule is built THEN KMS objects are re-encrypted with the standby key, delete markers replicate, and RTC and metrics use 15 minutes', () => {
  expect(replicationRule(plan.buckets[0]!, keys.destinationKeyArn)).toEqual({
    Id: 'replicate-models', Status: 'Enabled', Priority: 1, Filter: { Prefix: '' },
    DeleteMarkerReplication: { Status: 'Enabled' },
    SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
    Destination: {
      Bucket: 'arn:aws:s3:::serverless-onnx-models-123456789012-us-west-2',
      EncryptionConfiguration: { ReplicaKmsKeyID: keys.destinationKeyArn },
      ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
      Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
    },
  });
});

test('GIVEN replication metrics WHEN alarms are built THEN each rule alarms on latency over 15 minutes and on any failed operation', () => {
  const alarms = replicationAlarms(plan);
  expect(alarms.map((a) => [a.alarmName, a.metricName, a.statistic, a.threshold])).toEqual([
    ['serverless-onnx-models-replication-latency', 'ReplicationLatency', 'Maximum', 900],
    ['serverless-onnx-models-replication-failed', 'OperationsFailedReplication', 'Sum', 0],
    ['serverless-onnx-data-replication-latency', 'ReplicationLatency', 'Maximum', 900],
    ['serverless-onnx-data-replication-failed', 'OperationsFailedReplication', 'Sum', 0],
  ]);
  expect(alarms[0]!.dimensions).toEqual({ SourceBucket: 'serverless-onnx-models-123456789012-us-east-1', DestinationBucket: 'serverless-onnx-models-123456789012-us-west-2', RuleId: 'replicate-models' });
});

test('GIVEN the replica key is known only by its alias (another region\'s CloudFormation stack) WHEN the role policy is built THEN kms:Encrypt is limited to keys of the standby region carrying that alias, used by S3 there', () => {
  expect(replicaKeyAliasArn(plan)).toBe('arn:aws:kms:us-west-2:123456789012:alias/serverless-onnx-replica');
  const encrypt = replicationRolePolicy(plan, { sourceKeyArn: keys.sourceKeyArn, destinationKeyAlias: true }).find((s) => s.Sid === 'EncryptReplicas')!;
  expect(encrypt).toEqual({
    Sid: 'EncryptReplicas', Effect: 'Allow', Action: ['kms:Encrypt'], Resource: 'arn:aws:kms:us-west-2:123456789012:key/*',
    Condition: { StringLike: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' }, 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/serverless-onnx-replica' } },
  });
});
