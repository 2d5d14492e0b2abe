/**
 * One run of the drift job: read the captured records of the last window, compare them with the baseline
 * profile, publish the metrics. The storage and metrics clients are injected, so the whole run is tested
 * with an in-memory store (test/drift/job.test.ts) and runs on S3 + CloudWatch in Lambda (job-lambda.ts).
 */
import type { ObjectLocation, ObjectStore } from '../inference/object-store';
import { compareWindow, type DriftReport, type DriftThresholds, type WindowRecord } from './compare';
import type { DriftJobConfig } from './job-config';
import { llmRates, llmWindowRecord, parseOtlpLlmSpans, type LlmRates, type LlmRequestSummary } from './llm-summary';
import { driftMetricData, llmRateMetricData, type MetricDatum } from './metrics';
import { parseBaselineProfile } from './profile';

/** Lists object keys under a prefix. */
export interface ObjectLister {
  list(bucket: string, prefix: string): Promise<string[]>;
}

/** Publishes datapoints (PutMetricData). */
export interface MetricsPublisher {
  publish(namespace: string, data: readonly MetricDatum[]): Promise<void>;
}

export interface DriftJobDependencies {
  readonly store: Pick<ObjectStore, 'get'>;
  readonly lister: ObjectLister;
  readonly metrics: MetricsPublisher;
}

export interface DriftJobLimits {
  /** Records compared per run; the newest hours are read first and the rest skipped. @default 200000 */
  readonly maxRecords?: number;
  /** Thresholds of the verdicts. @default - {@link DEFAULT_DRIFT_THRESHOLDS} */
  readonly thresholds?: DriftThresholds;
}

export interface DriftJobResult {
  readonly report: DriftReport;
  /** Capture objects read. */
  readonly objects: number;
  /** Lines that were not capture records (skipped). */
  readonly malformedLines: number;
  /** Whether maxRecords cut the window short. */
  readonly truncated: boolean;
  readonly published: number;
  /** Error and refusal rates of the window (`otlp-llm-spans` capture only). */
  readonly llmRates?: LlmRates;
}

/** The `<prefix><yyyy>/<mm>/<dd>/<hh>/` prefixes of the hours that overlap [now − windowHours, now], newest first. */
export function windowHourPrefixes(prefix: string, now: Date, windowHours: number): string[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const hour = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours());
  return Array.from({ length: windowHours + 1 }, (_, i) => {
    const t = new Date(hour - i * 3_600_000);
    return `${prefix}${t.getUTCFullYear()}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())}/${pad(t.getUTCHours())}/`;
  });
}

function isRecord(value: unknown): value is WindowRecord & { time?: string } {
  const v = value as { features?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.features === 'object' && v.features !== null && !Array.isArray(v.features);
}

/** Parses JSON Lines of capture records inside the window; counts lines that are not records. */
export function parseCaptureLines(text: string, from: number, to: number): { records: WindowRecord[]; malformed: number } {
  const records: WindowRecord[] = [];
  let malformed = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      malformed++;
      continue;
    }
    if (!isRecord(parsed)) { malformed++; continue; }
    const time = typeof parsed.time === 'string' ? Date.parse(parsed.time) : NaN;
    if (Number.isFinite(time) && (time < from || time > to)) continue;
    records.push({ features: parsed.features, prediction: parsed.prediction });
  }
  return { records, malformed };
}

/** The `llm_request` spans of one OTLP/JSON capture object inside the window, as records (summaries kept for the rates). */
function parseLlmCapture(text: string, from: number, to: number, summaries: LlmRequestSummary[]): { records: WindowRecord[]; malformed: number } {
  const parsed = parseOtlpLlmSpans(text);
  const inWindow = parsed.summaries.filter((s) => { const t = Date.parse(s.time); return t >= from && t <= to; });
  summaries.push(...inWindow);
  return { records: inWindow.map(llmWindowRecord), malformed: parsed.malformed };
}

/**
 * Runs the job once.
 * @throws when the baseline profile is missing or invalid (the run fails visibly: Lambda's Errors metric)
 */
export async function runDriftJob(config: DriftJobConfig, deps: DriftJobDependencies, now: Date, limits: DriftJobLimits = {}): Promise<DriftJobResult> {
  const maxRecords = limits.maxRecords ?? 200_000;
  const baselineObject = await deps.store.get(config.baseline);
  const profile = parseBaselineProfile(new TextDecoder().decode(baselineObject.body), `s3://${config.baseline.bucket}/${config.baseline.key}`);
  const to = now.getTime();
  const from = to - config.windowHours * 3_600_000;
  const records: WindowRecord[] = [];
  const llm = config.captureFormat === 'otlp-llm-spans';
  const summaries: LlmRequestSummary[] = [];
  let objects = 0;
  let malformedLines = 0;
  let truncated = false;
  for (const prefix of windowHourPrefixes(config.capture.key, now, config.windowHours)) {
    const keys = (await deps.lister.list(config.capture.bucket, prefix)).sort().reverse();
    for (const key of keys) {
      if (records.length >= maxRecords) { truncated = true; break; }
      const location: ObjectLocation = { bucket: config.capture.bucket, key };
      const text = new TextDecoder().decode((await deps.store.get(location)).body);
      const parsed = llm ? parseLlmCapture(text, from, to, summaries) : parseCaptureLines(text, from, to);
      objects++;
      malformedLines += parsed.malformed;
      records.push(...parsed.records.slice(0, maxRecords - records.length));
    }
    if (truncated) break;
  }
  const report = compareWindow(profile, records, limits.thresholds);
  const rates = llm ? llmRates(summaries.slice(0, records.length), config.refusalFinishReasons) : undefined;
  const data = [...driftMetricData(report, config.deployment, now), ...(rates ? llmRateMetricData(rates, config.deployment, now, limits.thresholds?.minWindowValues) : [])];
  await deps.metrics.publish(config.namespace, data);
  return { report, objects, malformedLines, truncated, published: data.length, ...(rates ? { llmRates: rates } : {}) };
}
