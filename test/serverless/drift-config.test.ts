/**
 * Capture and the drift job as the engine-neutral deployment config describes them for every engine:
 * defaults for the serverless targets, the spec's overrides, the handler and drift-job environments, the
 * least-privilege statements, the alarm and the CloudWatch interface endpoint.
 */
import { inferenceAlarms } from '../../lib/inference/deployment/alarms';
import { functionEnvironment } from '../../lib/inference/deployment/config';
import { dashboardBody } from '../../lib/inference/deployment/dashboard';
import { driftJobEnvironment, driftJobRoleStatements, schedulePeriodSeconds } from '../../lib/inference/deployment/drift';
import { networkPlan } from '../../lib/inference/deployment/network';
import { functionRoleStatements } from '../../lib/inference/deployment/policies';
import { readDriftJobConfig } from '../../lib/drift/job-config';
import { readHandlerConfig } from '../../lib/inference/config';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { configFor } from './support/configs';

const DATA = 'scoring-data-123456789012-us-east-1';

describe('defaults for the serverless targets', () => {
  test.each([
    ['lambda', { kind: 'lambda' as const }],
    ['batch', { kind: 'batch' as const }],
    ['streaming', { kind: 'streaming' as const }],
  ])('GIVEN a %s target and no monitoring settings THEN 20 %% capture and an hourly drift job over 24 h are on', (_kind, target) => {
    const config = configFor({ target });
    expect(config.capture).toEqual({ samplingPercent: 20, bucket: DATA, prefix: 'capture/', fields: undefined, retentionDays: 30 });
    expect(config.drift).toMatchObject({
      functionName: 'scoring-drift', schedule: 'rate(1 hour)', windowHours: 24, alarmThreshold: 0.25, alarmPeriodSeconds: 3600, metricsNamespace: 'aimd/Drift',
      baseline: { bucket: 'scoring-models-123456789012-us-east-1', key: 'baseline/profile.json' },
    });
  });

  test('GIVEN a SageMaker serverless endpoint THEN the serverless-target defaults do not apply (Model Monitor stays opt-in)', () => {
    const spec = resolveDeploymentSpec({ name: 'x', model: { id: 'churn-model' }, runtime: { engine: 'onnxruntime' }, target: { kind: 'sagemaker', mode: 'serverless' } });
    expect(spec.monitoring.driftDetection).toBe(false);
    expect(spec.monitoring.dataCapture.enabled).toBe(false);
  });
});

describe('the spec overrides', () => {
  const config = configFor({
    target: { kind: 'lambda' },
    monitoring: { dataCapture: { enabled: true, samplingPercent: 5 }, drift: { schedule: 'rate(6 hours)', windowHours: 48, captureFields: ['age', 'country'], alarmThreshold: 0.1, captureRetentionDays: 7 } },
  });

  test('GIVEN drift settings THEN they reach the handler, the job and the alarm', () => {
    const handler = readHandlerConfig(functionEnvironment(config));
    expect(handler.capture).toEqual({ location: { scheme: 's3', bucket: DATA, key: 'capture/' }, samplingPercent: 5, fields: ['age', 'country'] });
    expect(readDriftJobConfig(driftJobEnvironment(config))).toEqual({
      deployment: 'scoring', capture: { scheme: 's3', bucket: DATA, key: 'capture/' },
      baseline: { scheme: 's3', bucket: 'scoring-models-123456789012-us-east-1', key: 'baseline/profile.json' }, windowHours: 48, namespace: 'aimd/Drift',
      captureFormat: 'records',
    });
    expect(inferenceAlarms(config).find((a) => a.id === 'Drift')).toMatchObject({ threshold: 0.1, periodSeconds: 21_600, rollsBack: false });
    expect(config.capture?.retentionDays).toBe(7);
  });

  test('GIVEN a failed run THEN the job-errors alarm watches the drift function, so missing metrics are not silent', () => {
    expect(inferenceAlarms(config).find((a) => a.id === 'DriftJobErrors')).toMatchObject({
      namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: 'scoring-drift' }, statistic: 'Sum', threshold: 0, periodSeconds: 21_600,
      description: expect.stringContaining('baseline/profile.json'),
    });
  });

  test('GIVEN drift detection off THEN there is no job, no alarm and no monitoring endpoint, but capture stays', () => {
    const off = configFor({ target: { kind: 'lambda' }, monitoring: { driftDetection: false } });
    expect(off.drift).toBeUndefined();
    expect(off.capture).toBeDefined();
    expect(inferenceAlarms(off).map((a) => a.id).filter((id) => id.startsWith('Drift'))).toEqual([]);
    expect(networkPlan(off).interfaceEndpoints).toEqual([]);
  });

  test('GIVEN drift detection without capture THEN the config refuses, naming both fields', () => {
    expect(() => configFor({ target: { kind: 'lambda' }, monitoring: { dataCapture: { enabled: false }, driftDetection: true } }))
      .toThrow(/monitoring.driftDetection \(true\): the drift job compares captured requests[\s\S]*monitoring.dataCapture.enabled/);
  });

  test('GIVEN malformed drift settings THEN the spec lists every problem', () => {
    expect(() => resolveDeploymentSpec({
      name: 'x', model: { id: 'churn-model' }, runtime: { engine: 'onnxruntime' }, target: { kind: 'lambda' },
      monitoring: { drift: { schedule: 'hourly', windowHours: 0, alarmThreshold: -1, captureFields: [], extra: 1 } as never },
    })).toThrow(/monitoring.drift.extra[\s\S]*monitoring.drift.schedule \('hourly'\)[\s\S]*monitoring.drift.windowHours[\s\S]*monitoring.drift.alarmThreshold[\s\S]*monitoring.drift.captureFields/);
  });
});

describe('least privilege and network', () => {
  const config = configFor({ target: { kind: 'streaming' } });

  test('the inference function may only put objects under capture/', () => {
    const puts = functionRoleStatements(config, { kmsKeyArn: 'k' }).filter((s) => s.actions.includes('s3:PutObject'));
    expect(puts.map((s) => s.resources)).toEqual([[`arn:aws:s3:::${DATA}/capture/*`]]);
  });

  test('the drift job reads, never writes, and publishes only in its namespace', () => {
    const statements = driftJobRoleStatements(config, { kmsKeyArn: 'key-arn' });
    expect(statements.flatMap((s) => s.actions).filter((a) => /^s3:(Put|Delete)|^kms:(Encrypt|GenerateDataKey)/.test(a))).toEqual([]);
    expect(statements.find((s) => s.sid === 'PublishDriftMetrics')?.conditions).toEqual({ StringEquals: { 'cloudwatch:namespace': 'aimd/Drift' } });
    for (const s of statements) if (s.resources.some((r) => r.includes('*'))) expect(s.wildcardReason).toBeDefined();
  });

  test('the CloudWatch API gets an interface endpoint in the isolated subnets, beside the sink endpoint', () => {
    expect(networkPlan(config).interfaceEndpoints).toEqual(['events', 'monitoring']);
  });

  test('alarm periods follow the schedule (cron: hourly)', () => {
    expect(schedulePeriodSeconds('rate(15 minutes)')).toBe(900);
    expect(schedulePeriodSeconds('rate(1 day)')).toBe(86_400);
    expect(schedulePeriodSeconds('cron(0 * * * ? *)')).toBe(3600);
  });
});

describe('dashboard', () => {
  test('GIVEN a drift job THEN the dashboard shows the overall score, the window rows and every feature score (metric search)', () => {
    const config = configFor({ target: { kind: 'lambda' } });
    const body = JSON.parse(dashboardBody(config, inferenceAlarms(config))) as { widgets: { properties: { title?: string; metrics?: unknown[][] } }[] };
    const drift = body.widgets.filter((w) => w.properties.title?.startsWith('Drift'));
    expect(drift).toHaveLength(2);
    expect(drift[0].properties.metrics?.map((m) => m[1])).toEqual(['OverallDriftScore', 'DriftWindowRows']);
    expect(JSON.stringify(drift[1].properties.metrics)).toContain(`SEARCH('{aimd/Drift,Deployment,Feature} Deployment=\\"scoring\\" MetricName=\\"FeatureDriftScore\\"', 'Maximum', 3600)`);
  });

  test('GIVEN no drift job THEN no drift widgets', () => {
    const config = configFor({ target: { kind: 'lambda' }, monitoring: { driftDetection: false } });
    expect(dashboardBody(config, inferenceAlarms(config))).not.toContain('Drift');
  });
});
