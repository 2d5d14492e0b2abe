/**
 * One run of the ground-truth quality job: read the captured records and the labels of the last window, join them
 * by request id and row, compute the spec's metric (quality.ts) and publish it. It ships in the drift job's bundle
 * (`AIMD_JOB=quality` selects it in job-lambda.ts); storage and metrics are injected, as in job.ts.
 * Labels live under `<labels prefix><yyyy>/<mm>/<dd>/<hh>/`, the layout SageMaker Model Monitor uses for ground truth
 * ("Ingest Ground Truth labels and merge them with predictions", SageMaker developer guide, read 2026-12-03).
 */
import type { CellValue } from './dataset';
import { parseObjectUri, type ObjectLocation, type ObjectStore } from '../inference/object-store';
import { windowHourPrefixes, type MetricsPublisher, type ObjectLister } from './job';
import type { MetricDatum } from './metrics';
import { capturedPredictions, joinGroundTruth, parseGroundTruthLines, qualityMetric, QUALITY_METRICS, type GroundTruthLabel, type QualityMetric } from './quality';

export const QUALITY_ENV = {
  job: 'AIMD_JOB',
  deployment: 'QUALITY_DEPLOYMENT',
  captureUri: 'QUALITY_CAPTURE_URI',
  labelsUri: 'QUALITY_LABELS_URI',
  windowHours: 'QUALITY_WINDOW_HOURS',
  metric: 'QUALITY_METRIC',
  predictionField: 'QUALITY_PREDICTION_FIELD',
  labelField: 'QUALITY_LABEL_FIELD',
  positiveLabel: 'QUALITY_POSITIVE_LABEL',
  namespace: 'QUALITY_METRICS_NAMESPACE',
} as const;

export const QUALITY_METRIC_NAMES = { quality: 'ModelQuality', labelledRows: 'QualityLabelledRows' } as const;
export const QUALITY_DIMENSION_NAMES = { deployment: 'Deployment', metric: 'Metric' } as const;

export interface QualityJobConfig {
  readonly deployment: string;
  readonly capture: ObjectLocation;
  readonly labels: ObjectLocation;
  readonly windowHours: number;
  readonly metric: QualityMetric;
  readonly predictionField: string;
  readonly labelField: string;
  /** JSON-parsed when it parses (`1` is the number 1), else the string. */
  readonly positiveLabel?: CellValue;
  readonly namespace: string;
}

/** @throws Error listing every missing or malformed variable */
export function readQualityJobConfig(env: NodeJS.ProcessEnv): QualityJobConfig {
  const problems: string[] = [];
  const prefix = (name: string): ObjectLocation => {
    try {
      const parsed = parseObjectUri(env[name] ?? '');
      if (!parsed.key.endsWith('/')) problems.push(`${name} must be a prefix ending in '/', got '${env[name]}'`);
      return parsed;
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
      return { bucket: '', key: '' };
    }
  };
  const capture = prefix(QUALITY_ENV.captureUri);
  const labels = prefix(QUALITY_ENV.labelsUri);
  const rawHours = env[QUALITY_ENV.windowHours] ?? '168';
  const windowHours = Number(rawHours);
  if (!/^\d+$/.test(rawHours) || windowHours < 1 || windowHours > 744) problems.push(`${QUALITY_ENV.windowHours} must be a whole number of hours from 1 to 744, got '${rawHours}'`);
  const metric = env[QUALITY_ENV.metric] as QualityMetric;
  if (!QUALITY_METRICS.includes(metric)) problems.push(`${QUALITY_ENV.metric} must be one of ${QUALITY_METRICS.join(', ')}, got '${metric}'`);
  const deployment = env[QUALITY_ENV.deployment] ?? '';
  if (deployment === '') problems.push(`${QUALITY_ENV.deployment} is required`);
  const predictionField = env[QUALITY_ENV.predictionField] ?? '';
  if (predictionField === '') problems.push(`${QUALITY_ENV.predictionField} is required (the captured prediction to score)`);
  if (problems.length > 0) throw new Error(`quality job configuration has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  const rawPositive = env[QUALITY_ENV.positiveLabel];
  let positiveLabel: CellValue | undefined;
  if (rawPositive !== undefined && rawPositive !== '') {
    try { positiveLabel = JSON.parse(rawPositive) as CellValue; } catch { positiveLabel = rawPositive; }
  }
  return {
    deployment, capture, labels, windowHours, metric, predictionField, labelField: env[QUALITY_ENV.labelField] || 'label',
    ...(positiveLabel !== undefined ? { positiveLabel } : {}), namespace: env[QUALITY_ENV.namespace] || 'aimd/Quality',
  };
}

export interface QualityJobResult {
  readonly value?: number;
  readonly labelledRows: number;
  readonly unmatchedLabels: number;
  readonly malformedLines: number;
  readonly published: number;
}

interface CapturedLine { readonly requestId?: string; readonly prediction?: Readonly<Record<string, CellValue>>; readonly time?: string }

async function readLines(store: Pick<ObjectStore, 'get'>, lister: ObjectLister, location: ObjectLocation, now: Date, windowHours: number): Promise<string[]> {
  const texts: string[] = [];
  for (const prefix of windowHourPrefixes(location.key, now, windowHours)) {
    for (const key of (await lister.list(location.bucket, prefix)).sort()) {
      texts.push(new TextDecoder().decode((await store.get({ bucket: location.bucket, key })).body));
    }
  }
  return texts;
}

/** Runs the job once. Publishes the metric only from `minRows` labelled rows: three labels make no accuracy. */
export async function runQualityJob(config: QualityJobConfig, deps: { store: Pick<ObjectStore, 'get'>; lister: ObjectLister; metrics: MetricsPublisher }, now: Date, minRows = 30): Promise<QualityJobResult> {
  let malformedLines = 0;
  const records: CapturedLine[] = [];
  for (const text of await readLines(deps.store, deps.lister, config.capture, now, config.windowHours)) {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try { records.push(JSON.parse(line) as CapturedLine); } catch { malformedLines++; }
    }
  }
  const labels: GroundTruthLabel[] = [];
  for (const text of await readLines(deps.store, deps.lister, config.labels, now, config.windowHours)) {
    const parsed = parseGroundTruthLines(text, config.labelField);
    labels.push(...parsed.labels);
    malformedLines += parsed.malformed;
  }
  const joined = joinGroundTruth(capturedPredictions(records, config.predictionField), labels);
  const labelledRows = joined.truth.length;
  const deployment = { Name: QUALITY_DIMENSION_NAMES.deployment, Value: config.deployment };
  const data: MetricDatum[] = [{ MetricName: QUALITY_METRIC_NAMES.labelledRows, Dimensions: [deployment], Value: labelledRows, Unit: 'Count', Timestamp: now }];
  let value: number | undefined;
  if (labelledRows >= minRows) {
    value = qualityMetric(joined.truth, joined.predicted, { metric: config.metric, positiveLabel: config.positiveLabel });
    data.push({ MetricName: QUALITY_METRIC_NAMES.quality, Dimensions: [deployment, { Name: QUALITY_DIMENSION_NAMES.metric, Value: config.metric }], Value: value, Unit: 'None', Timestamp: now });
  }
  await deps.metrics.publish(config.namespace, data);
  return { ...(value !== undefined ? { value } : {}), labelledRows, unmatchedLabels: joined.unmatchedLabels, malformedLines, published: data.length };
}
