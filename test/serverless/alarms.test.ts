/** The alarms every engine renders, and which of them roll a CodeDeploy release back. */
import { inferenceAlarms } from '../../lib/inference/deployment/alarms';
import { dashboardBody } from '../../lib/inference/deployment/dashboard';
import { configFor } from './support/configs';

describe('real-time alarms', () => {
  const config = configFor({ target: { kind: 'lambda', timeoutSeconds: 10 }, traffic: { p95LatencyMs: 300 } });
  const alarms = inferenceAlarms(config);

  test('GIVEN a real-time deployment WHEN alarms are defined THEN errors, throttles and p95 duration watch the live alias, and the handler\'s EMF metrics are watched too', () => {
    expect(alarms.map((a) => [a.id, a.namespace, a.metricName, a.statistic ?? a.extendedStatistic, a.threshold])).toEqual([
      ['Errors', 'AWS/Lambda', 'Errors', 'Sum', 0],
      ['Throttles', 'AWS/Lambda', 'Throttles', 'Sum', 0],
      ['DurationP95', 'AWS/Lambda', 'Duration', 'p95', 300],
      ['ModelErrors', 'AIModelDeployment/Inference', 'ModelErrors', 'Average', 0.05],
      ['ModelLatencyP95', 'AIModelDeployment/Inference', 'ModelLatency', 'p95', 300],
      ['Drift', 'aimd/Drift', 'OverallDriftScore', 'Maximum', 0.25],
      ['DriftJobErrors', 'AWS/Lambda', 'Errors', 'Sum', 0],
    ]);
    expect(alarms[0].dimensions).toEqual({ FunctionName: 'scoring-inference', Resource: 'scoring-inference:live' });
    expect(alarms[3].dimensions).toEqual({ Service: 'scoring' });
  });

  test('GIVEN the default rollback alarms WHEN a canary runs THEN errors, p95 latency and model errors roll it back, throttles do not', () => {
    expect(alarms.filter((a) => a.rollsBack).map((a) => a.id)).toEqual(['Errors', 'DurationP95', 'ModelErrors', 'ModelLatencyP95']);
  });

  test('GIVEN only errors-5xx as rollback alarm WHEN defined THEN only the Errors alarm rolls back', () => {
    const only = inferenceAlarms(configFor({ target: { kind: 'lambda' }, rollout: { rollbackAlarms: ['errors-5xx'] } }));
    expect(only.filter((a) => a.rollsBack).map((a) => a.id)).toEqual(['Errors']);
  });

  test('GIVEN no latency objective WHEN defined THEN the p95 alarm fires at 80% of the timeout', () => {
    const defaults = inferenceAlarms(configFor({ target: { kind: 'lambda', timeoutSeconds: 10 } }));
    expect(defaults.find((a) => a.id === 'DurationP95')?.threshold).toBe(8000);
  });

  test('GIVEN the alarms WHEN the dashboard is built THEN it shows the alias metrics, the EMF metrics and every alarm', () => {
    const body = JSON.parse(dashboardBody(config, alarms)) as { widgets: { type: string; properties: { metrics?: unknown[][]; alarms?: string[] } }[] };
    const metricNames = body.widgets.flatMap((w) => (w.properties.metrics ?? []).map((m) => m[1]));
    expect(metricNames).toEqual(expect.arrayContaining(['Invocations', 'Errors', 'Duration', 'ModelLatency', 'BatchSize', 'ModelErrors', 'InvalidInputs']));
    expect(body.widgets.find((w) => w.type === 'alarm')?.properties.alarms).toHaveLength(alarms.length);
  });
});

describe('workload alarms', () => {
  test('GIVEN a batch deployment WHEN defined THEN failed runs alarm on the state machine', () => {
    const alarms = inferenceAlarms(configFor({ target: { kind: 'batch' } }));
    expect(alarms.find((a) => a.id === 'BatchRunsFailed')).toMatchObject({ namespace: 'AWS/States', metricName: 'ExecutionsFailed', dimensions: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:scoring-batch-scoring' } });
  });

  test('GIVEN a Kinesis stream deployment WHEN defined THEN iterator age and the failed-records queue alarm', () => {
    const alarms = inferenceAlarms(configFor({ target: { kind: 'streaming', source: 'kinesis' } }));
    expect(alarms.find((a) => a.id === 'IteratorAge')).toMatchObject({ metricName: 'IteratorAge', statistic: 'Maximum', threshold: 60_000 });
    expect(alarms.find((a) => a.id === 'FailedRecords')).toMatchObject({ namespace: 'AWS/SQS', dimensions: { QueueName: 'scoring-failed-records' } });
  });
});
