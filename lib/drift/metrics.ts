/**
 * CloudWatch datapoints of a drift report (the PutMetricData `MetricData` shape). Pure. Only judged
 * features get a datapoint, so that a quiet hour (too few captured rows) leaves a gap rather than a 0
 * that would read as "no drift".
 */
import type { DriftReport, FeatureDrift } from './compare';
import type { LlmRates } from './llm-summary';

/** Metric and dimension names; the alarms of every engine use the same constants (lib/inference/deployment/drift.ts re-exports them). */
export const DRIFT_METRIC_NAMES = { feature: 'FeatureDriftScore', overall: 'OverallDriftScore', windowRows: 'DriftWindowRows' } as const;
export const DRIFT_DIMENSION_NAMES = { deployment: 'Deployment', feature: 'Feature' } as const;

export interface MetricDatum {
  readonly MetricName: string;
  readonly Dimensions: readonly { readonly Name: string; readonly Value: string }[];
  readonly Value: number;
  readonly Unit: 'None' | 'Count';
  readonly Timestamp: Date;
}

/** CloudWatch dimension values: 1–1024 characters (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Dimension.html, read 2026-12). */
const MAX_DIMENSION_VALUE = 1024;

/** The prediction is reported as the feature `prediction:<field>`. */
export function predictionFeatureName(field: string): string {
  return `prediction:${field}`;
}

export function driftMetricData(report: DriftReport, deployment: string, timestamp: Date): MetricDatum[] {
  const dimension = { Name: DRIFT_DIMENSION_NAMES.deployment, Value: deployment };
  const feature = (f: FeatureDrift, name: string): MetricDatum => ({
    MetricName: DRIFT_METRIC_NAMES.feature,
    Dimensions: [dimension, { Name: DRIFT_DIMENSION_NAMES.feature, Value: name.slice(0, MAX_DIMENSION_VALUE) }],
    Value: f.psi, Unit: 'None', Timestamp: timestamp,
  });
  const data: MetricDatum[] = [{ MetricName: DRIFT_METRIC_NAMES.windowRows, Dimensions: [dimension], Value: report.windowRows, Unit: 'Count', Timestamp: timestamp }];
  for (const f of report.features) if (f.verdict !== 'insufficient-data') data.push(feature(f, f.feature));
  if (report.prediction && report.prediction.verdict !== 'insufficient-data') data.push(feature(report.prediction, predictionFeatureName(report.prediction.feature)));
  if (report.verdict !== 'insufficient-data') data.push({ MetricName: DRIFT_METRIC_NAMES.overall, Dimensions: [dimension], Value: report.overallScore, Unit: 'None', Timestamp: timestamp });
  return data;
}

/** Metric names of the LLM rates (docs/drift.md), published with the Deployment dimension. */
export const LLM_RATE_METRIC_NAMES = { errorRate: 'LlmErrorRate', refusalRate: 'LlmRefusalRate', requests: 'LlmCapturedRequests' } as const;

/**
 * Datapoints of the error and refusal rates of a window. Rates are published only from `minRequests` captured
 * requests on (the same floor as a feature's `minWindowValues`): one failed request out of three is not a 33 % error rate.
 */
export function llmRateMetricData(rates: LlmRates, deployment: string, timestamp: Date, minRequests = 30): MetricDatum[] {
  const dimension = [{ Name: DRIFT_DIMENSION_NAMES.deployment, Value: deployment }];
  const data: MetricDatum[] = [{ MetricName: LLM_RATE_METRIC_NAMES.requests, Dimensions: dimension, Value: rates.requests, Unit: 'Count', Timestamp: timestamp }];
  if (rates.requests < minRequests) return data;
  data.push({ MetricName: LLM_RATE_METRIC_NAMES.errorRate, Dimensions: dimension, Value: rates.errorRate, Unit: 'None', Timestamp: timestamp });
  data.push({ MetricName: LLM_RATE_METRIC_NAMES.refusalRate, Dimensions: dimension, Value: rates.refusalRate, Unit: 'None', Timestamp: timestamp });
  return data;
}
