/**
 * Route 53 failover between the primary and the standby deployment, engine-neutral: each region's record,
 * the alarm its health check follows, and the standby deployment the planner derives from the same spec.
 */
import { SERVERLESS_ONNX } from '../../blueprints/serverless';
import { FAILOVER_ERRORS_PER_MINUTE, healthCheckConfig, regionalFailover } from '../../lib/disaster-recovery/dns-failover';
import { InputValidationError } from '../../lib/errors';
import { serverlessDeploymentConfig, standbyServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';

const env = { account: '123456789012', region: 'us-east-1' };
const failover = { domainName: 'predict.example.com', hostedZoneId: 'Z0123456789ABC' };
const spec = (extra: Partial<DeploymentSpecInput> = {}): DeploymentSpecInput =>
  ({ ...SERVERLESS_ONNX.spec, disasterRecovery: { standbyRegion: 'us-west-2', failover }, ...extra }) as DeploymentSpecInput;
const planOf = (input: DeploymentSpecInput) => planDeployment(resolveDeploymentSpec(input));

describe('regionalFailover', () => {
  const primary = regionalFailover({ name: 'serverless-onnx', region: 'us-east-1', role: 'PRIMARY', ...failover, functionName: 'serverless-onnx-inference', aliasName: 'live' });

  test('GIVEN the primary region WHEN described THEN its record is PRIMARY with a set identifier naming role and region', () => {
    expect(primary).toMatchObject({ role: 'PRIMARY', region: 'us-east-1', domainName: 'predict.example.com', hostedZoneId: 'Z0123456789ABC', setIdentifier: 'serverless-onnx-primary-us-east-1' });
  });

  test('GIVEN the health alarm WHEN described THEN it fires on sustained Lambda errors of the live alias, with a statistic Route 53 accepts', () => {
    expect(primary.healthAlarm).toEqual(expect.objectContaining({
      alarmName: 'serverless-onnx-failover-health-us-east-1', namespace: 'AWS/Lambda', metricName: 'Errors',
      dimensions: { FunctionName: 'serverless-onnx-inference', Resource: 'serverless-onnx-inference:live' },
      statistic: 'Sum', periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3, threshold: FAILOVER_ERRORS_PER_MINUTE, treatMissingData: 'notBreaching',
    }));
  });

  test('GIVEN the health check WHEN built THEN it follows the alarm in its own region and keeps its last status while data is missing', () => {
    expect(healthCheckConfig(primary)).toEqual({
      Type: 'CLOUDWATCH_METRIC', AlarmIdentifier: { Name: 'serverless-onnx-failover-health-us-east-1', Region: 'us-east-1' }, InsufficientDataHealthStatus: 'LastKnownStatus',
    });
  });
});

describe('standbyServerlessDeploymentConfig', () => {
  const plan = planOf(spec());
  const primary = serverlessDeploymentConfig(plan, env);
  const standby = standbyServerlessDeploymentConfig(plan, env)!;

  test('GIVEN a spec with a standby region WHEN configured THEN the primary replicates and owns the PRIMARY record', () => {
    expect(primary.replication?.standbyRegion).toBe('us-west-2');
    expect(primary.dnsFailover).toMatchObject({ role: 'PRIMARY', region: 'us-east-1' });
    expect(primary.keyAlias).toBeUndefined();
  });

  test('GIVEN the same spec WHEN the standby is configured THEN it runs in the standby region on the replica buckets, its key carries the replica alias, it replicates nothing and owns the SECONDARY record', () => {
    expect(standby.region).toBe('us-west-2');
    expect(standby.names.modelBucket).toBe(primary.replication!.buckets.find((b) => b.purpose === 'models')!.destination);
    expect(standby.model).toMatchObject({ ownBucket: true, bucket: 'serverless-onnx-models-123456789012-us-west-2', key: primary.model.key });
    expect(standby.keyAlias).toBe(primary.replication!.destinationKeyAlias);
    expect(standby.replication).toBeUndefined();
    expect(standby.dnsFailover).toMatchObject({ role: 'SECONDARY', region: 'us-west-2', setIdentifier: 'serverless-onnx-secondary-us-west-2', domainName: 'predict.example.com' });
    expect(standby.dnsFailover!.healthAlarm.alarmName).toBe('serverless-onnx-failover-health-us-west-2');
  });

  test('GIVEN a spec without disasterRecovery WHEN the standby is asked for THEN there is none', () => {
    expect(standbyServerlessDeploymentConfig(planOf(SERVERLESS_ONNX.spec as DeploymentSpecInput), env)).toBeUndefined();
  });

  test('GIVEN a regional key and VPC of the user WHEN configured with a standby region THEN both are refused with the field, the value and a fix', () => {
    const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const input = spec({ security: { ...(SERVERLESS_ONNX.spec.security ?? {}), kmsKey: { keyArn }, vpc: { vpcId: 'vpc-0123456789abcdef0', privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] } } } as Partial<DeploymentSpecInput>);
    let error: unknown;
    try { serverlessDeploymentConfig(planOf(input), env); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).problems.map((p) => [p.field, p.fix])).toEqual(expect.arrayContaining([
      ['security.kmsKey', expect.stringMatching(/'create'/)],
      ['security.vpc', expect.stringMatching(/'create'/)],
    ]));
  });
});
