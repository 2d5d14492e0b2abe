/**
 * examples/specs/sagemaker-endpoint-dr.yaml (a real-time XGBoost endpoint in us-east-1 with a warm standby in
 * us-west-2), rendered once per engine. Each engine renders the endpoint in both regions: the standby's own
 * key (under the replica alias), artifacts bucket (the replica) and endpoint with one instance and the primary's
 * autoscaling maximum; the primary replicates its artifacts bucket with KMS re-encryption, RTC and metrics, and
 * alarms on them; each region has an alarm on its endpoint's errors (to the alarm topic, subscribed by e-mail), a
 * Route 53 health check following it and the SSM parameter naming both endpoints. No failover record: SageMaker
 * calls are signed for a regional host. The validation harness (schemas, cdk-nag, our checks) finds no error.
 */
import { join } from 'node:path';
import { blueprintForSpec } from '../../blueprints/from-spec';
import { checkSpecFile } from '../../lib/spec/check-spec';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { pulumiInputs } from '../serverless/support/rendered';

type Json = Record<string, any>;

const FILE = join(__dirname, '..', '..', 'examples', 'specs', 'sagemaker-endpoint-dr.yaml');
const NAME = 'fraud-xgboost-dr';
const STANDBY = `${NAME}-standby`;
const SOURCE = `${NAME}-artifacts-123456789012-us-east-1`;
const REPLICA = `${NAME}-artifacts-123456789012-us-west-2`;
const REPLICA_KEY = `arn:aws:kms:us-west-2:123456789012:alias/${NAME}-replica`;
const REPLICATION_ALARMS = [`${NAME}-models-replication-failed`, `${NAME}-models-replication-latency`];
const DIRECTORY = {
  primary: { region: 'us-east-1', endpointName: NAME, runtimeHost: 'runtime.sagemaker.us-east-1.amazonaws.com', healthAlarm: `${NAME}-failover-health-us-east-1` },
  standby: { region: 'us-west-2', endpointName: NAME, runtimeHost: 'runtime.sagemaker.us-west-2.amazonaws.com', healthAlarm: `${NAME}-failover-health-us-west-2` },
};

let r: RenderedBlueprint;
beforeAll(async () => {
  r = await renderBlueprint(blueprintForSpec(checkSpecFile(FILE).file.spec, FILE));
}, 300_000);

test('GIVEN the DR example WHEN rendered on every engine THEN the validation harness (cdk-nag on both stacks included) reports no error', () => {
  expect(formatFindings(errorsOf(r.findings))).toBe('');
});

describe('CDK', () => {
  const props = (stack: string, type: string): Json[] =>
    Object.values((r.cdk.stacks.get(stack)?.Resources ?? {}) as Record<string, Json>).filter((x) => x.Type === type).map((x) => x.Properties as Json);

  test('GIVEN a standby region THEN a second stack renders the endpoint in us-west-2 (regional image), one instance, scaling up to the primary\'s maximum', () => {
    expect([...r.cdk.stacks.keys()].sort()).toEqual([NAME, STANDBY]);
    const [model] = props(STANDBY, 'AWS::SageMaker::Model');
    expect(JSON.stringify(model!.PrimaryContainer.Image)).toContain('.us-west-2.');
    expect(props(STANDBY, 'AWS::SageMaker::Endpoint')).toEqual([expect.objectContaining({ EndpointName: NAME })]);
    expect(props(STANDBY, 'AWS::SageMaker::EndpointConfig')[0]!.ProductionVariants[0]).toMatchObject({ InitialInstanceCount: 1, InstanceType: 'ml.m7i.xlarge' });
    expect(props(STANDBY, 'AWS::ApplicationAutoScaling::ScalableTarget')).toEqual([expect.objectContaining({ MinCapacity: 1, MaxCapacity: 6 })]);
    expect(props(NAME, 'AWS::ApplicationAutoScaling::ScalableTarget')).toEqual([expect.objectContaining({ MinCapacity: 2, MaxCapacity: 6 })]);
  });

  test('GIVEN account-wide dashboard names THEN each region has its own dashboard name', () => {
    expect([NAME, STANDBY].map((stack) => props(stack, 'AWS::CloudWatch::Dashboard').map((d) => d.DashboardName))).toEqual([[NAME], [`${NAME}-standby`]]);
  });

  test('GIVEN the standby stack THEN its artifacts bucket is the replica, encrypted with its own key, which carries the replica alias', () => {
    const [replica] = props(STANDBY, 'AWS::S3::Bucket').filter((b) => b.BucketName === REPLICA);
    expect(replica!.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toMatchObject({ SSEAlgorithm: 'aws:kms' });
    expect(replica!.ReplicationConfiguration).toBeUndefined();
    expect(props(STANDBY, 'AWS::KMS::Alias')).toEqual([expect.objectContaining({ AliasName: `alias/${NAME}-replica` })]);
  });

  test('GIVEN the primary stack THEN its artifacts bucket replicates to the replica, re-encrypted with the replica key, with delete markers and 15-minute RTC, alarmed to the topic', () => {
    const [source] = props(NAME, 'AWS::S3::Bucket').filter((b) => b.BucketName === SOURCE);
    expect(source!.ReplicationConfiguration.Rules).toEqual([expect.objectContaining({
      Status: 'Enabled', DeleteMarkerReplication: { Status: 'Enabled' }, SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
      Destination: expect.objectContaining({ Bucket: `arn:aws:s3:::${REPLICA}`, EncryptionConfiguration: { ReplicaKmsKeyID: REPLICA_KEY }, ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } } }),
    })]);
    const alarms = props(NAME, 'AWS::CloudWatch::Alarm').filter((a) => a.Namespace === 'AWS/S3');
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual(REPLICATION_ALARMS);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: expect.any(String) }]);
  });

  test.each([[NAME, 'us-east-1'], [STANDBY, 'us-west-2']])('GIVEN %s (%s) THEN a health check follows its endpoint\'s 5xx alarm, alarms notify a topic e-mailing the recipient, and the SSM parameter names both endpoints', (stack, region) => {
    const [alarm] = props(stack, 'AWS::CloudWatch::Alarm').filter((a) => a.AlarmName === `${NAME}-failover-health-${region}`);
    expect(alarm).toMatchObject({ Namespace: 'AWS/SageMaker', MetricName: 'Invocation5XXErrors', Statistic: 'Sum', Threshold: 5, AlarmActions: [{ Ref: expect.any(String) }] });
    expect(props(stack, 'AWS::Route53::HealthCheck').map((h) => h.HealthCheckConfig)).toEqual([{ Type: 'CLOUDWATCH_METRIC', AlarmIdentifier: { Name: `${NAME}-failover-health-${region}`, Region: region }, InsufficientDataHealthStatus: 'LastKnownStatus' }]);
    expect(props(stack, 'AWS::Route53::RecordSet')).toEqual([]);
    expect(props(stack, 'AWS::SNS::Subscription')).toEqual(expect.arrayContaining([expect.objectContaining({ Protocol: 'email', Endpoint: 'oncall@example.com' })]));
    const [parameter] = props(stack, 'AWS::SSM::Parameter');
    expect(parameter).toMatchObject({ Name: `/${NAME}/disaster-recovery/endpoints`, Type: 'String' });
    expect(JSON.parse(parameter!.Value)).toEqual(DIRECTORY);
  });
});

describe('cdktf', () => {
  const of = (stack: string, type: string): Json[] => Object.values((r.terraform.stacks.get(stack)?.resource?.[type] ?? {}) as Record<string, Json>);

  test('GIVEN a standby region THEN a second stack with its own provider region holds the standby endpoint, its replica bucket and the replica alias', () => {
    expect([...r.terraform.stacks.keys()].sort()).toEqual([NAME, STANDBY]);
    expect((r.terraform.stacks.get(STANDBY)!.provider.aws as { region: string }[]).map((p) => p.region)).toEqual(['us-west-2']);
    expect(of(STANDBY, 'aws_sagemaker_endpoint').map((e) => e.name)).toEqual([NAME]);
    expect(of(STANDBY, 'aws_appautoscaling_target')).toEqual([expect.objectContaining({ min_capacity: 1, max_capacity: 6 })]);
    expect(of(STANDBY, 'aws_s3_bucket').map((b) => b.bucket)).toContain(REPLICA);
    expect(of(STANDBY, 'aws_kms_alias').map((a) => a.name)).toEqual([`alias/${NAME}-replica`]);
    expect([NAME, STANDBY].map((stack) => of(stack, 'aws_cloudwatch_dashboard').map((d) => d.dashboard_name))).toEqual([[NAME], [`${NAME}-standby`]]);
  });

  test('GIVEN the primary THEN its artifacts bucket replicates with KMS re-encryption and RTC, and both regions alarm into their topic with a health check each', () => {
    const [config] = of(NAME, 'aws_s3_bucket_replication_configuration');
    expect(config!.bucket).toBe(SOURCE);
    expect(config!.rule[0].destination).toMatchObject({ bucket: `arn:aws:s3:::${REPLICA}`, encryption_configuration: { replica_kms_key_id: REPLICA_KEY }, replication_time: { status: 'Enabled', time: { minutes: 15 } } });
    expect(of(NAME, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/S3').map((a) => a.alarm_name).sort()).toEqual(REPLICATION_ALARMS);
    for (const [stack, region] of [[NAME, 'us-east-1'], [STANDBY, 'us-west-2']] as const) {
      const health = of(stack, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === `${NAME}-failover-health-${region}`);
      expect(health).toMatchObject({ namespace: 'AWS/SageMaker', metric_name: 'Invocation5XXErrors', alarm_actions: [expect.stringMatching(/aws_sns_topic\./)] });
      expect(of(stack, 'aws_route53_health_check')).toEqual([expect.objectContaining({ type: 'CLOUDWATCH_METRIC', cloudwatch_alarm_region: region })]);
      expect(JSON.parse(of(stack, 'aws_ssm_parameter')[0]!.value)).toEqual(DIRECTORY);
    }
  });
});

describe('Pulumi', () => {
  test('GIVEN a standby region THEN one program holds both endpoints, the standby\'s through a provider of us-west-2 with one instance and the primary\'s maximum', () => {
    expect(pulumiInputs(r, 'pulumi:providers:aws').map((p) => p.region).sort()).toEqual(['us-east-1', 'us-west-2']);
    expect(pulumiInputs(r, 'aws:sagemaker/endpoint:Endpoint').map((e) => e.name)).toEqual([NAME, NAME]);
    expect(pulumiInputs(r, 'aws:appautoscaling/target:Target').map((t) => [t.minCapacity, t.maxCapacity]).sort()).toEqual([[1, 6], [2, 6]]);
    expect(pulumiInputs(r, 'aws:kms/alias:Alias').map((a) => a.name)).toEqual([`alias/${NAME}-replica`]);
    expect(pulumiInputs(r, 'aws:cloudwatch/dashboard:Dashboard').map((d) => d.dashboardName).sort()).toEqual([NAME, `${NAME}-standby`]);
  });

  test('GIVEN replication THEN the artifacts bucket replicates to the replica with KMS re-encryption and RTC, alarmed; each region has its health check', () => {
    const [config] = pulumiInputs(r, 'aws:s3/bucketReplicationConfig:BucketReplicationConfig');
    expect(config!.bucket).toBe(SOURCE);
    expect(config!.rules[0].destination).toMatchObject({ bucket: `arn:aws:s3:::${REPLICA}`, replicationTime: { status: 'Enabled', time: { minutes: 15 } } });
    expect(config!.rules[0].destination.encryptionConfiguration.replicaKmsKeyId).toBeDefined();
    expect(pulumiInputs(r, 'aws:cloudwatch/metricAlarm:MetricAlarm').filter((a) => a.namespace === 'AWS/S3').map((a) => a.name).sort()).toEqual(REPLICATION_ALARMS);
    expect(pulumiInputs(r, 'aws:route53/healthCheck:HealthCheck').map((h) => h.cloudwatchAlarmRegion).sort()).toEqual(['us-east-1', 'us-west-2']);
    expect(pulumiInputs(r, 'aws:ssm/parameter:Parameter').map((p) => JSON.parse(p.value))).toEqual([DIRECTORY, DIRECTORY]);
  });
});
