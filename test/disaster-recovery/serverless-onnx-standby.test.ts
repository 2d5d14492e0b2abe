/**
 * `serverless-onnx` with a standby region (us-west-2) and Route 53 failover, synthesized once per engine.
 * CDK renders the deployment in both regions: the standby stack (region us-west-2) owns the replica buckets
 * and the key with the replica alias, the primary stack replicates to them and depends on it, and each region
 * has a custom domain, a health check following its health alarm and its failover record. On cdktf and
 * Pulumi the model and data buckets replicate with KMS re-encryption, delete markers, Replication Time
 * Control and metrics; replicas live in the standby region and are kept on destroy. Failures and slow
 * replication alarm to the deployment's alarm topic, and the validation harness (schemas, cdk-nag and
 * cfn-guard on both CDK stacks) finds nothing.
 */
import { SERVERLESS_ONNX, serverlessBlueprint } from '../../blueprints/serverless';
import { SERVERLESS_ONNX_RENDERERS } from '../../blueprints/serverless/renderers';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { pulumiInputs, tf } from '../serverless/support/rendered';

type Json = Record<string, any>;

const STANDBY_ONNX = serverlessBlueprint({
  name: 'serverless-onnx',
  description: SERVERLESS_ONNX.description,
  spec: { ...SERVERLESS_ONNX.spec, disasterRecovery: { standbyRegion: 'us-west-2', failover: { domainName: 'predict.example.com', hostedZoneId: 'Z0123456789ABC' } } },
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

test('GIVEN the standby stack WHEN validated THEN its findings are collected with the blueprint\'s (its alarm topic has no recipient in this spec: a warning)', () => {
  expect(r.findings.filter((f) => f.resource.startsWith('serverless-onnx-standby/')).map((f) => f.severity)).toContain('warning');
});

describe('CDK', () => {
  const resources = (stack: string, type: string): Json[] =>
    Object.values((r.cdk.stacks.get(stack)?.Resources ?? {}) as Record<string, Json>).filter((x) => x.Type === type);
  const props = (stack: string, type: string): Json[] => resources(stack, type).map((x) => x.Properties as Json);

  test('GIVEN a standby region WHEN synthesized THEN the blueprint renders a second stack whose subnets are in the standby region', () => {
    expect([...r.cdk.stacks.keys()]).toEqual(['serverless-onnx', 'serverless-onnx-standby']);
    const zones = (stack: string) => new Set(props(stack, 'AWS::EC2::Subnet').map((s) => s.AvailabilityZone as string));
    expect([...zones('serverless-onnx-standby')].every((z) => z.startsWith('us-west-2'))).toBe(true);
    expect([...zones('serverless-onnx')].every((z) => z.startsWith('us-east-1'))).toBe(true);
  });

  test('GIVEN the standby stack WHEN synthesized THEN it holds the replica buckets (versioned, SSE-KMS with its own key, retained) and the key under the replica alias', () => {
    const buckets = resources('serverless-onnx-standby', 'AWS::S3::Bucket').filter((b) => REPLICAS.includes(b.Properties.BucketName));
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) {
      expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', Properties: { VersioningConfiguration: { Status: 'Enabled' } } });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toMatchObject({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/Key/), 'Arn'] } });
      expect(bucket.Properties.ReplicationConfiguration).toBeUndefined();
    }
    expect(props('serverless-onnx-standby', 'AWS::KMS::Alias')).toEqual([expect.objectContaining({ AliasName: 'alias/serverless-onnx-replica' })]);
  });

  test('GIVEN the primary stack WHEN synthesized THEN each source bucket replicates to its replica, re-encrypted with the replica key by alias ARN, with delete markers and 15-minute RTC and metrics', () => {
    const sources = props('serverless-onnx', 'AWS::S3::Bucket').filter((b) => SOURCES.includes(b.BucketName));
    expect(sources).toHaveLength(2);
    for (const bucket of sources) {
      const { Role, Rules: [rule] } = bucket.ReplicationConfiguration;
      expect(Role).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/ReplicationRole/), 'Arn'] });
      expect(rule).toMatchObject({
        Status: 'Enabled', DeleteMarkerReplication: { Status: 'Enabled' }, SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
        Destination: {
          Bucket: `arn:aws:s3:::${bucket.BucketName.replace('us-east-1', 'us-west-2')}`,
          EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:us-west-2:123456789012:alias/serverless-onnx-replica' },
          ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } }, Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
        },
      });
    }
  });

  test('GIVEN replication metrics WHEN synthesized THEN latency and failure alarms of the primary notify its alarm topic', () => {
    const alarms = props('serverless-onnx', 'AWS::CloudWatch::Alarm').filter((a) => a.Namespace === 'AWS/S3');
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual(ALARMS);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/AlarmTopic/) }]);
  });

  test.each([['serverless-onnx', 'us-east-1', 'PRIMARY'], ['serverless-onnx-standby', 'us-west-2', 'SECONDARY']])(
    'GIVEN failover WHEN %s (%s) is synthesized THEN a health check follows its region\'s health alarm and its %s record aliases the regional custom domain',
    (stack, region, role) => {
      const [check] = props(stack, 'AWS::Route53::HealthCheck');
      expect(check!.HealthCheckConfig).toEqual({ Type: 'CLOUDWATCH_METRIC', AlarmIdentifier: { Name: `serverless-onnx-failover-health-${region}`, Region: region }, InsufficientDataHealthStatus: 'LastKnownStatus' });
      const [alarm] = props(stack, 'AWS::CloudWatch::Alarm').filter((a) => a.AlarmName === `serverless-onnx-failover-health-${region}`);
      expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum', AlarmActions: [{ Ref: expect.stringMatching(/AlarmTopic/) }] });
      const [record] = props(stack, 'AWS::Route53::RecordSet');
      expect(record).toMatchObject({
        HostedZoneId: 'Z0123456789ABC', Name: 'predict.example.com', Type: 'A', Failover: role, SetIdentifier: `serverless-onnx-${role.toLowerCase()}-${region}`,
        HealthCheckId: { 'Fn::GetAtt': [expect.stringMatching(/HealthCheck/), 'HealthCheckId'] },
        AliasTarget: { DNSName: { 'Fn::GetAtt': [expect.stringMatching(/DomainName/), 'RegionalDomainName'] }, HostedZoneId: { 'Fn::GetAtt': [expect.stringMatching(/DomainName/), 'RegionalHostedZoneId'] } },
      });
      expect(props(stack, 'AWS::CertificateManager::Certificate')).toEqual([expect.objectContaining({
        DomainName: 'predict.example.com', ValidationMethod: 'DNS', DomainValidationOptions: [{ DomainName: 'predict.example.com', HostedZoneId: 'Z0123456789ABC' }],
      })]);
      expect(props(stack, 'AWS::ApiGatewayV2::ApiMapping')).toHaveLength(1);
    });
});

describe('cdktf', () => {
  const json = (stack: string) => r.terraform.stacks.get(stack)!;
  const of = (stack: string, type: string): Json[] => Object.values((json(stack).resource?.[type] ?? {}) as Record<string, Json>);

  test('GIVEN a standby region WHEN synthesized THEN the standby deployment is a second stack whose AWS provider targets the standby region, with its own state key', () => {
    expect([...r.terraform.stacks.keys()]).toEqual(['serverless-onnx', 'serverless-onnx-standby']);
    expect((json('serverless-onnx').provider.aws as { region: string }[]).map((p) => p.region)).toEqual(['us-east-1']);
    expect((json('serverless-onnx-standby').provider.aws as { region: string }[]).map((p) => p.region)).toEqual(['us-west-2']);
    const keyOf = (stack: string) => JSON.stringify(json(stack).terraform.backend);
    expect(keyOf('serverless-onnx-standby')).not.toEqual(keyOf('serverless-onnx'));
  });

  test('GIVEN the standby stack WHEN synthesized THEN its model and data buckets are the replicas, kept on destroy, and its key carries the replica alias', () => {
    const replicas = of('serverless-onnx-standby', 'aws_s3_bucket').filter((b) => REPLICAS.includes(b.bucket));
    expect(replicas).toHaveLength(2);
    for (const bucket of replicas) expect(bucket).toMatchObject({ lifecycle: { prevent_destroy: true } });
    expect(of('serverless-onnx-standby', 'aws_s3_bucket_versioning').length).toBeGreaterThanOrEqual(2);
    expect(of('serverless-onnx-standby', 'aws_kms_alias').map((a) => a.name)).toEqual(['alias/serverless-onnx-replica']);
    expect(of('serverless-onnx-standby', 'aws_s3_bucket_replication_configuration')).toEqual([]);
  });

  test('GIVEN replication WHEN synthesized THEN each source bucket replicates to its standby replica, re-encrypted with the replica key (alias ARN), with delete markers and 15-minute RTC and metrics', () => {
    const configs = tf(r, 'aws_s3_bucket_replication_configuration');
    expect(configs.map((c) => c.bucket).sort()).toEqual([...SOURCES].sort());
    for (const config of configs) {
      const [rule] = config.rule;
      expect(rule.source_selection_criteria).toEqual({ sse_kms_encrypted_objects: { status: 'Enabled' } });
      expect(rule.delete_marker_replication).toEqual({ status: 'Enabled' });
      const destination = rule.destination;
      expect(REPLICAS.map((b) => `arn:aws:s3:::${b}`)).toContain(destination.bucket);
      expect(destination.encryption_configuration.replica_kms_key_id).toBe('arn:aws:kms:us-west-2:123456789012:alias/serverless-onnx-replica');
      expect(destination.replication_time).toEqual({ status: 'Enabled', time: { minutes: 15 } });
      expect(destination.metrics).toEqual({ status: 'Enabled', event_threshold: { minutes: 15 } });
    }
    expect(of('serverless-onnx', 'aws_s3_bucket').filter((b) => REPLICAS.includes(b.bucket))).toEqual([]);
  });

  test('GIVEN replication metrics WHEN synthesized THEN latency and failure alarms notify the alarm topic', () => {
    const alarms = tf(r, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/S3');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(ALARMS);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\..*\.arn/)]);
  });

  test.each([['serverless-onnx', 'us-east-1', 'PRIMARY'], ['serverless-onnx-standby', 'us-west-2', 'SECONDARY']])(
    'GIVEN failover WHEN %s (%s) is synthesized THEN a health check follows its health alarm and its %s record aliases the regional custom domain', (stack, region, role) => {
      expect(of(stack, 'aws_route53_health_check')).toEqual([expect.objectContaining({
        type: 'CLOUDWATCH_METRIC', cloudwatch_alarm_region: region, insufficient_data_health_status: 'LastKnownStatus', cloudwatch_alarm_name: expect.stringMatching(/aws_cloudwatch_metric_alarm\..*\.alarm_name/),
      })]);
      expect(of(stack, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === `serverless-onnx-failover-health-${region}`)).toMatchObject({ namespace: 'AWS/Lambda', metric_name: 'Errors', statistic: 'Sum' });
      const record = of(stack, 'aws_route53_record').find((x) => x.failover_routing_policy !== undefined)!;
      expect(record).toMatchObject({ zone_id: 'Z0123456789ABC', name: 'predict.example.com', type: 'A', set_identifier: `serverless-onnx-${role.toLowerCase()}-${region}`, failover_routing_policy: { type: role } });
      expect(record.alias).toMatchObject({ evaluate_target_health: false, name: expect.stringMatching(/aws_apigatewayv2_domain_name\..*target_domain_name/) });
      expect(of(stack, 'aws_acm_certificate')).toEqual([expect.objectContaining({ domain_name: 'predict.example.com', validation_method: 'DNS' })]);
      expect(of(stack, 'aws_apigatewayv2_api_mapping')).toHaveLength(1);
    });
});

describe('Pulumi', () => {
  const byType = (type: string) => r.pulumi.resources.filter((x) => x.type === type);

  test('GIVEN the standby region WHEN the program runs THEN an aws.Provider targets it and the standby deployment (its components) owns the replica buckets and the key alias', () => {
    expect(pulumiInputs(r, 'pulumi:providers:aws').map((p) => p.region)).toEqual(['us-west-2']);
    const replicas = byType('aws:s3/bucket:Bucket').filter((b) => REPLICAS.includes(b.inputs.bucket as string));
    expect(replicas).toHaveLength(2);
    for (const bucket of replicas) expect(bucket.parent).toMatch(/::serverless-onnx-standby-storage$/);
    expect(pulumiInputs(r, 'aws:kms/alias:Alias').map((a) => a.name)).toEqual(['alias/serverless-onnx-replica']);
  });

  test('GIVEN replication WHEN the program runs THEN both source buckets replicate with KMS re-encryption, delete markers and RTC, alarmed', () => {
    const configs = pulumiInputs(r, 'aws:s3/bucketReplicationConfig:BucketReplicationConfig');
    expect(configs.map((c) => c.bucket).sort()).toEqual([...SOURCES].sort());
    for (const config of configs) {
      const [rule] = config.rules;
      expect(rule).toMatchObject({ sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } }, deleteMarkerReplication: { status: 'Enabled' } });
      expect(rule.destination).toMatchObject({ replicationTime: { status: 'Enabled', time: { minutes: 15 } }, metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } } });
      expect(rule.destination.encryptionConfiguration.replicaKmsKeyId).toBeDefined();
    }
    expect(pulumiInputs(r, 'aws:cloudwatch/metricAlarm:MetricAlarm').filter((a) => a.namespace === 'AWS/S3').map((a) => a.name).sort()).toEqual(ALARMS);
  });

  test('GIVEN failover WHEN the program runs THEN each region has a health check on its own health alarm and its PRIMARY or SECONDARY record', () => {
    expect(pulumiInputs(r, 'aws:route53/healthCheck:HealthCheck').map((h) => [h.type, h.cloudwatchAlarmRegion, h.insufficientDataHealthStatus]).sort())
      .toEqual([['CLOUDWATCH_METRIC', 'us-east-1', 'LastKnownStatus'], ['CLOUDWATCH_METRIC', 'us-west-2', 'LastKnownStatus']]);
    const records = pulumiInputs(r, 'aws:route53/record:Record').filter((x) => x.failoverRoutingPolicies !== undefined);
    expect(records.map((x) => [x.setIdentifier, x.failoverRoutingPolicies[0].type, x.name, x.zoneId]).sort()).toEqual([
      ['serverless-onnx-primary-us-east-1', 'PRIMARY', 'predict.example.com', 'Z0123456789ABC'],
      ['serverless-onnx-secondary-us-west-2', 'SECONDARY', 'predict.example.com', 'Z0123456789ABC'],
    ]);
    expect(pulumiInputs(r, 'aws:apigatewayv2/domainName:DomainName')).toHaveLength(2);
  });
});
