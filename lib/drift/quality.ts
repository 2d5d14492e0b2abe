/**
 * Ground-truth quality: labels that arrive after the prediction (a labelling pipeline writes JSON Lines of
 * `{"requestId": ..., "row": 0, "label": ...}` under the labels prefix) are joined with the captured records by
 * request id (and row, for batch requests), and the spec's metric is computed over the matched pairs, as SageMaker's
 * model-quality monitor merges ground truth with captured predictions. Pure: the metric functions follow
 * scikit-learn's definitions (`accuracy_score`, `f1_score`, `root_mean_squared_error`); test/drift/quality.test.ts
 * checks them against the examples of scikit-learn's documentation.
 */
import type { CellValue } from './dataset';

export type QualityMetric = 'accuracy' | 'f1' | 'rmse';
export const QUALITY_METRICS: readonly QualityMetric[] = ['accuracy', 'f1', 'rmse'];

/** Whether a larger value is better (the alarm fires below the threshold) or worse (it fires above). */
export function higherIsBetter(metric: QualityMetric): boolean {
  return metric !== 'rmse';
}

const key = (v: CellValue): string => (typeof v === 'string' ? `s:${v}` : `v:${String(v)}`);

/** Share of exact matches (scikit-learn `accuracy_score`, normalize=True). */
export function accuracy(truth: readonly CellValue[], predicted: readonly CellValue[]): number {
  checkLengths(truth, predicted);
  if (truth.length === 0) return NaN;
  let hits = 0;
  truth.forEach((t, i) => { if (key(t) === key(predicted[i])) hits++; });
  return hits / truth.length;
}

/** F1 of one class: 2·TP / (2·TP + FP + FN); 0 when the class is neither true nor predicted anywhere (scikit-learn's zero_division=0). */
function classF1(truth: readonly CellValue[], predicted: readonly CellValue[], label: string): number {
  let tp = 0; let fp = 0; let fn = 0;
  truth.forEach((t, i) => {
    const isTrue = key(t) === label;
    const isPred = key(predicted[i]) === label;
    if (isTrue && isPred) tp++;
    else if (isPred) fp++;
    else if (isTrue) fn++;
  });
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}

/**
 * F1 score. With `positiveLabel`: the binary F1 of that class (scikit-learn `average='binary'`); without: the
 * unweighted mean over every class seen in truth or prediction (`average='macro'`).
 */
export function f1Score(truth: readonly CellValue[], predicted: readonly CellValue[], positiveLabel?: CellValue): number {
  checkLengths(truth, predicted);
  if (truth.length === 0) return NaN;
  if (positiveLabel !== undefined) return classF1(truth, predicted, key(positiveLabel));
  const labels = [...new Set([...truth, ...predicted].map(key))];
  return labels.reduce((sum, l) => sum + classF1(truth, predicted, l), 0) / labels.length;
}

/** Root mean squared error (scikit-learn `root_mean_squared_error`); pairs with a non-numeric side are an error. */
export function rootMeanSquaredError(truth: readonly CellValue[], predicted: readonly CellValue[]): number {
  checkLengths(truth, predicted);
  if (truth.length === 0) return NaN;
  let sum = 0;
  truth.forEach((t, i) => {
    const p = predicted[i];
    if (typeof t !== 'number' || typeof p !== 'number') throw new Error(`rmse needs numbers; pair ${i} is (${JSON.stringify(t)}, ${JSON.stringify(p)})`);
    sum += (t - p) ** 2;
  });
  return Math.sqrt(sum / truth.length);
}

function checkLengths(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new Error(`truth and prediction differ in length (${a.length} vs ${b.length})`);
}

export interface QualityMetricOptions {
  readonly metric: QualityMetric;
  /** Class counted as positive by `f1`. @default - macro F1 over every class */
  readonly positiveLabel?: CellValue;
}

export function qualityMetric(truth: readonly CellValue[], predicted: readonly CellValue[], options: QualityMetricOptions): number {
  switch (options.metric) {
    case 'accuracy': return accuracy(truth, predicted);
    case 'f1': return f1Score(truth, predicted, options.positiveLabel);
    case 'rmse': return rootMeanSquaredError(truth, predicted);
  }
}

/** A captured prediction as the join sees it. */
export interface CapturedPrediction {
  readonly requestId: string;
  /** Row of the request (batch requests hold several). @default 0 */
  readonly row?: number;
  readonly prediction: CellValue;
}

/** A ground-truth label. */
export interface GroundTruthLabel {
  readonly requestId: string;
  /** @default 0 */
  readonly row?: number;
  readonly label: CellValue;
}

export interface JoinedPairs {
  readonly truth: CellValue[];
  readonly predicted: CellValue[];
  /** Labels without a captured prediction (not sampled, or outside the window). */
  readonly unmatchedLabels: number;
}

/** Joins labels with predictions on (requestId, row). A label given twice counts once, the last one winning. */
export function joinGroundTruth(predictions: readonly CapturedPrediction[], labels: readonly GroundTruthLabel[]): JoinedPairs {
  const id = (requestId: string, row = 0) => `${requestId}#${row}`;
  const byId = new Map<string, CellValue>();
  for (const l of labels) byId.set(id(l.requestId, l.row), l.label);
  const truth: CellValue[] = [];
  const predicted: CellValue[] = [];
  const matched = new Set<string>();
  for (const p of predictions) {
    const k = id(p.requestId, p.row);
    if (!byId.has(k) || matched.has(k)) continue;
    matched.add(k);
    truth.push(byId.get(k)!);
    predicted.push(p.prediction);
  }
  return { truth, predicted, unmatchedLabels: byId.size - matched.size };
}

/**
 * Parses JSON Lines of labels; lines without a string `requestId` and a `label` (or `labelField`) are counted as
 * malformed and skipped.
 */
export function parseGroundTruthLines(text: string, labelField = 'label'): { labels: GroundTruthLabel[]; malformed: number } {
  const labels: GroundTruthLabel[] = [];
  let malformed = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      const label = o[labelField];
      const valid = typeof o.requestId === 'string' && (typeof label === 'number' || typeof label === 'string' || typeof label === 'boolean');
      if (!valid) { malformed++; continue; }
      labels.push({ requestId: o.requestId as string, ...(typeof o.row === 'number' ? { row: o.row } : {}), label: label as CellValue });
    } catch {
      malformed++;
    }
  }
  return { labels, malformed };
}

/**
 * Captured records (the `{requestId, prediction}` lines of lib/inference/capture.ts) as predictions: records of one
 * request are numbered in the order written, which is the order of its rows.
 */
export function capturedPredictions(records: readonly { readonly requestId?: string; readonly prediction?: Readonly<Record<string, CellValue>> }[], predictionField: string): CapturedPrediction[] {
  const rows = new Map<string, number>();
  const out: CapturedPrediction[] = [];
  for (const r of records) {
    if (typeof r.requestId !== 'string') continue;
    const row = rows.get(r.requestId) ?? 0;
    rows.set(r.requestId, row + 1);
    const value = r.prediction?.[predictionField];
    if (value === undefined || value === null) continue;
    out.push({ requestId: r.requestId, row, prediction: value });
  }
  return out;
}
