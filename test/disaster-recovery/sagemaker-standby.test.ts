/**
 * The warm standby of a SageMaker real-time endpoint, as a neutral description: both regions' endpoints and
 * artifacts buckets, the replication of the artifacts bucket to the standby's (reusing the serverless
 * replication plan), the health alarm each region's Route 53 health check follows, the standby plan (standby
 * region, its own minimum, the primary's maximum), and the refusals with field, value and fix.
 */
import { InputValidationError } from '../../lib/errors';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import { deploymentBudget } from '../../lib/budgets/deployment-budget';
import {
  endpointDirectory, planSageMakerStandby, primaryPlanWithStandbyCost, sageMakerDisasterRecoveryProblems, standbyDeploymentPlan,
} from '../../lib/disaster-recovery/sagemaker-standby';
import { replicationAlarms, replicationRule } from '../../lib/disaster-recovery/bucket-replication';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { serverlessDeploymentConfig, standbyServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { SERVERLESS_ONNX } from '../../blueprints/serverless';
import { planFor } from '../sagemaker/support/plans';

const ENV = { account: '123456789012', region: 'us-east-1' };
const DR = { standbyRegion: 'us-west-2' };

describe('GIVEN a real-time endpoint with a standby region', () => {
  const plan = planFor('realtime', { scaling: { minReplicas: 2, maxReplicas: 6 }, disasterRecovery: DR });
  const standby = planSageMakerStandby(plan, ENV)!;

  test('THEN both regions serve the same endpoint name, each from its own region-named artifacts bucket and signed for its regional runtime host', () => {
    expect(standby.primary).toMatchObject({ role: 'primary', region: 'us-east-1', endpointName: 'tabular', runtimeHost: 'runtime.sagemaker.us-east-1.amazonaws.com', artifactsBucket: 'tabular-artifacts-123456789012-us-east-1' });
    expect(standby.standby).toMatchObject({ role: 'standby', region: 'us-west-2', endpointName: 'tabular', runtimeHost: 'runtime.sagemaker.us-west-2.amazonaws.com', artifactsBucket: 'tabular-artifacts-123456789012-us-west-2' });
  });

  test('THEN the artifacts bucket (only) replicates to the standby\'s, re-encrypted with the key under the replica alias, with 15-minute RTC and two alarms', () => {
    const replication = standby.replication!;
    expect(replication).toMatchObject({ primaryRegion: 'us-east-1', standbyRegion: 'us-west-2', destinationKeyAlias: 'alias/tabular-replica', replicasOwnedBy: 'standby-deployment', roleName: 'tabular-replication' });
    expect(replication.buckets).toEqual([{ purpose: 'models', source: 'tabular-artifacts-123456789012-us-east-1', destination: 'tabular-artifacts-123456789012-us-west-2', ruleId: 'replicate-models' }]);
    expect(replicationRule(replication.buckets[0]!, 'arn:aws:kms:us-west-2:123456789012:alias/tabular-replica').Destination).toMatchObject({
      Bucket: 'arn:aws:s3:::tabular-artifacts-123456789012-us-west-2', EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:us-west-2:123456789012:alias/tabular-replica' }, ReplicationTime: { Time: { Minutes: 15 } },
    });
    expect(replicationAlarms(replication).map((a) => a.alarmName)).toEqual(['tabular-models-replication-latency', 'tabular-models-replication-failed']);
  });

  test('THEN each region\'s health check follows an alarm on sustained 5xx errors of its own endpoint (Sum, which Route 53 accepts)', () => {
    for (const e of [standby.primary, standby.standby]) {
      expect(e.healthAlarm).toMatchObject({
        alarmName: `tabular-failover-health-${e.region}`, namespace: 'AWS/SageMaker', metricName: 'Invocation5XXErrors', dimensions: { EndpointName: 'tabular', VariantName: 'primary' },
        statistic: 'Sum', periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3, threshold: 5,
      });
      expect(e.healthCheck).toEqual({ Type: 'CLOUDWATCH_METRIC', AlarmIdentifier: { Name: `tabular-failover-health-${e.region}`, Region: e.region }, InsufficientDataHealthStatus: 'LastKnownStatus' });
    }
  });

  test('THEN the endpoint directory clients read from SSM names both regions and endpoints', () => {
    expect(standby.directoryParameterName).toBe('/tabular/disaster-recovery/endpoints');
    expect(endpointDirectory(standby)).toEqual({
      primary: { region: 'us-east-1', endpointName: 'tabular', runtimeHost: 'runtime.sagemaker.us-east-1.amazonaws.com', healthAlarm: 'tabular-failover-health-us-east-1' },
      standby: { region: 'us-west-2', endpointName: 'tabular', runtimeHost: 'runtime.sagemaker.us-west-2.amazonaws.com', healthAlarm: 'tabular-failover-health-us-west-2' },
    });
  });

  test('THEN the standby endpoint is described in the standby region with one instance by default and the primary\'s autoscaling maximum', () => {
    const d = describeSageMakerEndpoint(standbyDeploymentPlan(plan, standby));
    expect(d.region).toBe('us-west-2');
    expect((d.models[0]!.image as { uri: string }).uri).toContain('.us-west-2.');
    expect(d.productionVariants[0]).toMatchObject({ instanceType: 'ml.m7i.xlarge', initialInstanceCount: 1 });
    expect(d.autoscaling[0]).toMatchObject({ minCapacity: 1, maxCapacity: 6 });
    expect(describeSageMakerEndpoint(plan).autoscaling[0]).toMatchObject({ minCapacity: 2, maxCapacity: 6 });
  });

  test('THEN one budget covers both regions: the standby renders none (budget names are account-wide) and the primary\'s expects the standby\'s instance too', () => {
    // Two always-on primary instances priced at $600 a month (the catalogue prices GPU instances only).
    const priced = { ...plan, summary: { ...plan.summary, replicas: 2, monthlyCostUsd: 600 } };
    expect(deploymentBudget(priced)!.plannedMonthlyCostUsd).toBe(600);
    expect(deploymentBudget(standbyDeploymentPlan(priced, standby))).toBeUndefined();
    const both = primaryPlanWithStandbyCost(priced, standby);
    expect(both.summary.costNote).toMatch(/warm standby in us-west-2: 1 instance\(s\), about \$300\/month/);
    expect(deploymentBudget(both)!.plannedMonthlyCostUsd).toBe(900);
  });

  test('WHEN standbyMinReplicas is set THEN the standby keeps that many instances', () => {
    const warmer = planFor('realtime', { scaling: { minReplicas: 2, maxReplicas: 6 }, disasterRecovery: { ...DR, standbyMinReplicas: 2 } });
    const d = describeSageMakerEndpoint(standbyDeploymentPlan(warmer, planSageMakerStandby(warmer, ENV)!));
    expect(d.autoscaling[0]).toMatchObject({ minCapacity: 2, maxCapacity: 6 });
  });

  test('WHEN replicateBuckets is false THEN no replication is planned (the standby bucket is the user\'s to fill)', () => {
    expect(planSageMakerStandby(planFor('realtime', { disasterRecovery: { ...DR, replicateBuckets: false } }), ENV)!.replication).toBeUndefined();
  });
});

test('GIVEN no disasterRecovery THEN there is no standby and no problem', () => {
  const plan = planFor('realtime');
  expect(planSageMakerStandby(plan, ENV)).toBeUndefined();
  expect(sageMakerDisasterRecoveryProblems(plan)).toEqual([]);
});

describe('refusals', () => {
  const fieldsOf = (overrides: Parameters<typeof planFor>[1], kind: Parameters<typeof planFor>[0] = 'realtime') => sageMakerDisasterRecoveryProblems(planFor(kind, overrides));

  test('GIVEN DNS failover on a SageMaker endpoint THEN it is refused: signed SDK calls cannot follow a DNS record, and the fix names the client-side failover', () => {
    const failover = { domainName: 'predict.example.com', hostedZoneId: 'Z0123456789ABC' };
    expect(fieldsOf({ disasterRecovery: { ...DR, failover } })).toEqual([{
      field: 'disasterRecovery.failover', value: failover,
      message: expect.stringMatching(/no HTTP front door.*SigV4-signed for runtime\.sagemaker\.<region>\.amazonaws\.com/),
      fix: expect.stringMatching(/remove disasterRecovery\.failover.*\/tabular\/disaster-recovery\/endpoints/),
    }]);
  });

  test('GIVEN a mode other than real-time THEN the standby is refused on target.mode', () => {
    expect(fieldsOf({ disasterRecovery: DR }, 'async')).toEqual([expect.objectContaining({ field: 'target.mode', value: 'async', fix: expect.stringMatching(/'realtime'/) })]);
  });

  test('GIVEN an A/B test THEN the standby is refused on rollout.strategy (the health check follows the production variant)', () => {
    const rollout = { strategy: 'ab' as const, variants: [{ name: 'current', weight: 90 }, { name: 'candidate', weight: 10, version: 'v2' }] };
    expect(fieldsOf({ disasterRecovery: DR, rollout })).toEqual([expect.objectContaining({ field: 'rollout.strategy', value: 'ab', fix: expect.stringMatching(/canary/) })]);
  });

  test('GIVEN a regional key, a VPC, a model in someone else\'s bucket and a standby minimum above the maximum THEN every problem is reported', () => {
    const problems = fieldsOf({
      disasterRecovery: { ...DR, standbyMinReplicas: 5 }, scaling: { minReplicas: 1, maxReplicas: 3 },
      model: { id: 'fraud-xgboost', task: 'tabular', artifact: { uri: 's3://shared-models/fraud/model.tar.gz' } },
      security: { kmsKey: { keyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }, vpc: { vpcId: 'vpc-0123456789abcdef0', privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] } },
    });
    expect(problems.map((p) => p.field)).toEqual(['security.kmsKey', 'security.vpc', 'model.artifact.uri', 'disasterRecovery.standbyMinReplicas']);
    expect(problems.find((p) => p.field === 'model.artifact.uri')!.message).toMatch(/same|endpoint's region/);
  });

  test('GIVEN a refused standby WHEN the endpoint is described THEN the problems come with the endpoint\'s others, in one error', () => {
    const plan = planFor('realtime', { disasterRecovery: { ...DR, failover: { domainName: 'predict.example.com', hostedZoneId: 'Z0123456789ABC' } } });
    expect(() => describeSageMakerEndpoint(plan)).toThrow(InputValidationError);
    expect(() => describeSageMakerEndpoint(plan)).toThrow(/disasterRecovery\.failover/);
  });

  test('GIVEN standbyMinReplicas of 0 or a fraction THEN the spec is refused', () => {
    for (const value of [0, 1.5]) {
      expect(() => resolveDeploymentSpec({ name: 'x', model: { id: 'm', task: 'tabular' }, runtime: { engine: 'xgboost' }, target: { kind: 'sagemaker', mode: 'realtime' }, disasterRecovery: { ...DR, standbyMinReplicas: value } }))
        .toThrow(/disasterRecovery\.standbyMinReplicas/);
    }
  });
});

test('GIVEN standbyMinReplicas on a Lambda target THEN it is refused rather than ignored (it sizes SageMaker standbys only)', () => {
  const plan = planDeployment(resolveDeploymentSpec({ ...(SERVERLESS_ONNX.spec as DeploymentSpecInput), disasterRecovery: { ...DR, standbyMinReplicas: 2 } }));
  expect(() => serverlessDeploymentConfig(plan, ENV)).toThrow(/disasterRecovery\.standbyMinReplicas \(2\): sets the instances of a SageMaker standby endpoint/);
});

test('GIVEN a Lambda deployment with a standby WHEN configured THEN the standby\'s dashboard has its own name (dashboards are account-wide, like the SageMaker standby\'s)', () => {
  const plan = planDeployment(resolveDeploymentSpec({ ...(SERVERLESS_ONNX.spec as DeploymentSpecInput), disasterRecovery: DR }));
  expect(serverlessDeploymentConfig(plan, ENV).names.dashboard).toBe('serverless-onnx-inference');
  expect(standbyServerlessDeploymentConfig(plan, ENV)!.names.dashboard).toBe('serverless-onnx-inference-standby');
});
