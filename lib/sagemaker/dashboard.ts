/**
 * The CloudWatch dashboard of an endpoint: its widgets (engine-neutral) and the dashboard body JSON
 * every engine deploys unchanged.
 * Body format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
import type { SageMakerMode } from '../spec/types';
import { INSTANCE_NAMESPACE, INVOCATION_NAMESPACE } from './alarms';
import { MODEL_MONITOR_NAMESPACE } from './limits';
import type { DashboardWidget, VariantDescription } from './types';

type Metric = DashboardWidget['metrics'][number];

function metrics(namespace: string, names: readonly string[], dimensions: Record<string, string>, statistic: string): Metric[] {
  return names.map((metricName) => ({ namespace, metricName, dimensions, statistic }));
}

export interface DashboardInputs {
  readonly endpointName: string;
  readonly mode: SageMakerMode;
  readonly variants: readonly VariantDescription[];
  /** Drift metrics with their schedule, when Model Monitor runs. */
  readonly drift?: { readonly scheduleName: string; readonly features: readonly string[] };
}

/** Widgets: traffic and errors, latency, utilisation (instances), queue (async), cold starts (serverless), drift. */
export function dashboardWidgets(inputs: DashboardInputs): DashboardWidget[] {
  const { endpointName, variants } = inputs;
  const widgets: DashboardWidget[] = [];
  const perVariant = (fn: (d: Record<string, string>, v: VariantDescription) => Metric[]) => variants.flatMap((v) => fn({ EndpointName: endpointName, VariantName: v.name }, v));
  widgets.push({ title: 'Invocations and errors (per minute)', metrics: perVariant((d) => metrics(INVOCATION_NAMESPACE, ['Invocations', 'Invocation4XXErrors', 'Invocation5XXErrors', 'InvocationModelErrors'], d, 'Sum')) });
  widgets.push({ title: 'Latency p95 (microseconds)', metrics: perVariant((d) => metrics(INVOCATION_NAMESPACE, ['ModelLatency', 'OverheadLatency'], d, 'p95')) });
  if (variants.some((v) => v.serverless === undefined)) {
    widgets.push({
      title: 'Utilisation (% of one CPU/GPU)',
      metrics: perVariant((d, v) => (v.serverless ? [] : metrics(INSTANCE_NAMESPACE, ['CPUUtilization', 'MemoryUtilization', ...(v.acceleratorCount > 0 ? ['GPUUtilization', 'GPUMemoryUtilization'] : [])], d, 'Average'))),
    });
  }
  if (inputs.mode === 'serverless') {
    widgets.push({ title: 'Cold starts: ModelSetupTime (microseconds)', metrics: perVariant((d) => metrics(INVOCATION_NAMESPACE, ['ModelSetupTime'], d, 'Maximum')) });
  }
  if (inputs.mode === 'async') {
    const e = { EndpointName: endpointName };
    widgets.push({ title: 'Async queue', metrics: [...metrics(INVOCATION_NAMESPACE, ['ApproximateBacklogSize', 'ApproximateBacklogSizePerInstance'], e, 'Average'), ...metrics(INVOCATION_NAMESPACE, ['ApproximateAgeOfOldestRequest'], e, 'Maximum')] });
  }
  if (inputs.mode === 'multi-model') {
    widgets.push({ title: 'Model cache', metrics: perVariant((d) => [...metrics(INVOCATION_NAMESPACE, ['LoadedModelCount'], d, 'Maximum'), ...metrics(INVOCATION_NAMESPACE, ['ModelCacheHit'], d, 'Average')]) });
  }
  if (inputs.drift !== undefined) {
    const d = { Endpoint: endpointName, MonitoringSchedule: inputs.drift.scheduleName };
    widgets.push({ title: 'Baseline drift (Model Monitor)', metrics: metrics(MODEL_MONITOR_NAMESPACE, inputs.drift.features.map((f) => `feature_baseline_drift_${f}`), d, 'Maximum') });
  }
  return widgets;
}

/** The dashboard body JSON (two widgets per row). */
export function dashboardBody(widgets: readonly DashboardWidget[], region: string): string {
  const body = {
    widgets: widgets.map((w, i) => ({
      type: 'metric',
      x: (i % 2) * 12,
      y: Math.floor(i / 2) * 6,
      width: 12,
      height: 6,
      properties: {
        title: w.title,
        region,
        view: 'timeSeries',
        period: 60,
        metrics: w.metrics.map((m) => [m.namespace, m.metricName, ...Object.entries(m.dimensions).flat(), { stat: m.statistic }]),
      },
    })),
  };
  return JSON.stringify(body);
}
