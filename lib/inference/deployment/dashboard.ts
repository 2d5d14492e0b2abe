/**
 * The CloudWatch dashboard of a deployment, as the dashboard body JSON every engine writes verbatim
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html, read 2025-06).
 */
import { INFERENCE_METRICS, SERVICE_DIMENSION } from '../telemetry';
import type { AlarmDefinition } from './alarms';
import type { ServerlessDeploymentConfig } from './config';
import { DRIFT_DIMENSIONS, DRIFT_METRICS, type DriftJobSettings } from './drift';

type MetricRow = (string | Record<string, string>)[];

function widget(title: string, metrics: MetricRow[], x: number, y: number, extra: Record<string, unknown> = {}) {
  return { type: 'metric', x, y, width: 12, height: 6, properties: { title, metrics, view: 'timeSeries', stacked: false, period: 60, ...extra } };
}

/** The dashboard body (a JSON string) for the deployment and its alarms. */
export function dashboardBody(config: ServerlessDeploymentConfig, alarms: readonly AlarmDefinition[]): string {
  const fn = config.names.functionName;
  const resource = `${fn}:${config.names.aliasName}`;
  const ns = config.function.handler.metricsNamespace ?? 'AIModelDeployment/Inference';
  const region = { region: config.region };
  const lambda = (metric: string, stat: string): MetricRow => ['AWS/Lambda', metric, 'FunctionName', fn, 'Resource', resource, { stat }];
  const emf = (metric: string, stat: string): MetricRow => [ns, metric, SERVICE_DIMENSION, config.name, { stat }];
  const widgets = [
    widget('Invocations, errors, throttles (live alias)', [lambda('Invocations', 'Sum'), lambda('Errors', 'Sum'), lambda('Throttles', 'Sum')], 0, 0, region),
    widget('Duration p50 / p95 / p99 (ms)', [lambda('Duration', 'p50'), lambda('Duration', 'p95'), lambda('Duration', 'p99')], 12, 0, region),
    widget('Model latency p50 / p95 (ms)', [emf(INFERENCE_METRICS.latency, 'p50'), emf(INFERENCE_METRICS.latency, 'p95'), emf(INFERENCE_METRICS.modelLoadTime, 'Maximum')], 0, 6, region),
    widget('Rows per request, micro-batches, invalid inputs, model errors', [emf(INFERENCE_METRICS.batchSize, 'Average'), emf(INFERENCE_METRICS.microBatches, 'Sum'), emf(INFERENCE_METRICS.invalidInputs, 'Sum'), emf(INFERENCE_METRICS.errors, 'Sum')], 12, 6, region),
    widget('Concurrency and provisioned concurrency', [lambda('ConcurrentExecutions', 'Maximum'), lambda('ProvisionedConcurrencyUtilization', 'Maximum')], 0, 12, region),
    {
      type: 'alarm', x: 12, y: 12, width: 12, height: 6,
      properties: { title: 'Alarms', alarms: alarms.map((a) => `arn:aws:cloudwatch:${config.region}:${config.account}:alarm:${a.alarmName}`) },
    },
  ];
  if (config.drift) widgets.push(...driftDashboardWidgets(config.name, config.drift, config.region, 18));
  return JSON.stringify({ widgets });
}

/**
 * The drift job's two widgets, side by side at row `y`: the overall score with the rows of the window, and the
 * per-feature PSI (a metric search: the features vary with the model, the widget shows whichever the job publishes).
 * Used by the serverless dashboard and the edge fleet's (lib/edge/monitoring.ts).
 */
export function driftDashboardWidgets(deployment: string, drift: Pick<DriftJobSettings, 'metricsNamespace' | 'alarmPeriodSeconds'>, region: string, y: number) {
  const byDeployment = (metric: string, stat: string): MetricRow => [drift.metricsNamespace, metric, DRIFT_DIMENSIONS.deployment, deployment, { stat }];
  const period = { region, period: drift.alarmPeriodSeconds };
  return [
    widget('Drift: overall score (largest feature PSI) and captured rows in the window', [byDeployment(DRIFT_METRICS.overall, 'Maximum'), [...byDeployment(DRIFT_METRICS.windowRows, 'Maximum').slice(0, 4), { stat: 'Maximum', yAxis: 'right' }]], 0, y, period),
    widget('Drift per feature (PSI)', [[{ expression: `SEARCH('{${drift.metricsNamespace},${DRIFT_DIMENSIONS.deployment},${DRIFT_DIMENSIONS.feature}} ${DRIFT_DIMENSIONS.deployment}="${deployment}" MetricName="${DRIFT_METRICS.feature}"', 'Maximum', ${drift.alarmPeriodSeconds})`, id: 'features', label: '' }]], 12, y, period),
  ];
}
