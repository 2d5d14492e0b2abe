/**
 * The baseline profile: what "normal" looked like, per feature, computed once from a dataset (`aimd
 * baseline`) and stored next to the model (`s3://<model bucket>/baseline/profile.json`). The drift job
 * compares each window of captured traffic with it (compare.ts). Pure: rows in, JSON-ready object out.
 */
import { InputValidationError, ProblemCollector } from '../errors';
import type { CellValue, DataRow } from './dataset';
import { binCounts, quantileBinEdges, quantileSorted } from './statistics';

export const BASELINE_FORMAT = 'aimd-drift-baseline/v1';

/** Where the drift job looks for the profile, below the model bucket. */
export const BASELINE_PROFILE_KEY = 'baseline/profile.json';

/** Category that absorbs the rarest categories beyond {@link BaselineOptions.maxCategories}. */
export const OTHER_CATEGORY = '__other__';

export interface NumericFeatureProfile {
  readonly kind: 'numeric';
  /** Rows with a value. */
  readonly count: number;
  /** Rows without one (absent, null or empty). */
  readonly missing: number;
  /** Interior bin edges at the baseline's quantiles (right-closed, open-ended bins; see statistics.ts). */
  readonly edges: readonly number[];
  /** Baseline rows per bin (edges.length + 1 entries). */
  readonly binCounts: readonly number[];
  readonly mean: number;
  readonly standardDeviation: number;
  /** p1, p5, p25, p50, p75, p95, p99 (type-7 quantiles). */
  readonly quantiles: Readonly<Record<'p1' | 'p5' | 'p25' | 'p50' | 'p75' | 'p95' | 'p99', number>>;
  /**
   * The sample the KS test compares against: every value when there are at most `ksSampleSize`, else
   * `ksSampleSize` evenly spaced order statistics (a quantile sketch of the baseline).
   */
  readonly sample: readonly number[];
}

export interface CategoricalFeatureProfile {
  readonly kind: 'categorical';
  readonly count: number;
  readonly missing: number;
  /** Baseline rows per category (values rendered as strings; the rarest merged into `__other__`). */
  readonly counts: Readonly<Record<string, number>>;
}

export type FeatureProfile = NumericFeatureProfile | CategoricalFeatureProfile;

export interface BaselineProfile {
  readonly format: typeof BASELINE_FORMAT;
  /** ISO-8601 time the profile was built. */
  readonly createdAt: string;
  /** Rows of the dataset. */
  readonly rows: number;
  /** Where the rows came from (a file name), for the reader. */
  readonly source?: string;
  /** Bins per numeric feature that were asked for (features with few distinct values get fewer). */
  readonly bins: number;
  readonly features: Readonly<Record<string, FeatureProfile>>;
  /** The model's output, profiled like a feature: prediction drift. */
  readonly prediction?: { readonly field: string; readonly profile: FeatureProfile };
}

export interface BaselineOptions {
  /** Columns to profile. @default - every column except the prediction field */
  readonly features?: readonly string[];
  /** Columns to treat as categorical even when every value is a number. @default - none: columns with a non-numeric value are categorical */
  readonly categorical?: readonly string[];
  /** Column holding the model's prediction. @default - no prediction profile */
  readonly predictionField?: string;
  /** Quantile bins per numeric feature. @default 10 (deciles, the usual PSI binning) */
  readonly bins?: number;
  /** Largest KS reference sample kept in the profile. @default 1000 */
  readonly ksSampleSize?: number;
  /** Categories kept per categorical feature; the rest merge into `__other__`. @default 50 */
  readonly maxCategories?: number;
  /** Source name recorded in the profile. @default - none */
  readonly source?: string;
  /** @default - now */
  readonly createdAt?: string;
}

function isMissing(value: CellValue | undefined): boolean {
  return value === undefined || value === null || value === '';
}

/** The category a value falls in (booleans and numbers rendered as JSON would). */
export function categoryOf(value: CellValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Profiles one numeric column. */
export function profileNumeric(values: readonly number[], missing: number, bins: number, ksSampleSize: number): NumericFeatureProfile {
  const sorted = [...values].sort((a, b) => a - b);
  const edges = quantileBinEdges(sorted, bins);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  const variance = sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, sorted.length - 1);
  const q = (p: number) => quantileSorted(sorted, p);
  const sample = sorted.length <= ksSampleSize
    ? sorted
    : Array.from({ length: ksSampleSize }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (ksSampleSize - 1))]);
  return {
    kind: 'numeric', count: sorted.length, missing, edges, binCounts: binCounts(edges, sorted), mean,
    standardDeviation: Math.sqrt(variance),
    quantiles: { p1: q(0.01), p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), p99: q(0.99) },
    sample,
  };
}

/** Profiles one categorical column. */
export function profileCategorical(values: readonly CellValue[], missing: number, maxCategories: number): CategoricalFeatureProfile {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(categoryOf(v), (counts.get(categoryOf(v)) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const kept: Record<string, number> = Object.fromEntries(ranked.slice(0, maxCategories));
  const other = ranked.slice(maxCategories).reduce((s, [, c]) => s + c, 0);
  if (other > 0) kept[OTHER_CATEGORY] = (kept[OTHER_CATEGORY] ?? 0) + other;
  return { kind: 'categorical', count: values.length, missing, counts: kept };
}

function profileColumn(rows: readonly DataRow[], column: string, forceCategorical: boolean, options: Required<Pick<BaselineOptions, 'bins' | 'ksSampleSize' | 'maxCategories'>>): FeatureProfile | undefined {
  const present = rows.map((r) => r[column]).filter((v) => !isMissing(v)) as CellValue[];
  if (present.length === 0) return undefined;
  const missing = rows.length - present.length;
  if (!forceCategorical && present.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return profileNumeric(present as number[], missing, options.bins, options.ksSampleSize);
  }
  return profileCategorical(present, missing, options.maxCategories);
}

/**
 * Builds the baseline profile of a dataset.
 * @throws InputValidationError naming every unknown or empty column and every out-of-range option
 */
export function buildBaselineProfile(rows: readonly DataRow[], options: BaselineOptions = {}): BaselineProfile {
  const problems = new ProblemCollector();
  const bins = options.bins ?? 10;
  const ksSampleSize = options.ksSampleSize ?? 1000;
  const maxCategories = options.maxCategories ?? 50;
  problems.check(rows.length > 0, 'data', rows.length, 'has no rows', 'pass a dataset with at least one row per feature value you expect');
  problems.check(Number.isInteger(bins) && bins >= 2 && bins <= 100, 'bins', bins, 'must be a whole number from 2 to 100', 'use 10 (deciles)');
  problems.check(Number.isInteger(ksSampleSize) && ksSampleSize >= 2, 'ksSampleSize', ksSampleSize, 'must be a whole number >= 2', 'use 1000');
  problems.check(Number.isInteger(maxCategories) && maxCategories >= 1, 'maxCategories', maxCategories, 'must be a whole number >= 1', 'use 50');
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const features = options.features ?? columns.filter((c) => c !== options.predictionField);
  for (const name of [...features, ...(options.categorical ?? []), ...(options.predictionField ? [options.predictionField] : [])]) {
    problems.check(columns.includes(name) || rows.length === 0, name === options.predictionField ? '--prediction-field' : '--features', name, 'is not a column of the dataset', `use one of: ${columns.join(', ')}`);
  }
  problems.throwIfAny('baseline');
  const settings = { bins, ksSampleSize, maxCategories };
  const categorical = new Set(options.categorical ?? []);
  const profiles: Record<string, FeatureProfile> = {};
  for (const name of features) {
    const profile = profileColumn(rows, name, categorical.has(name), settings);
    problems.check(profile !== undefined, '--features', name, 'has no values in any row', 'drop it from --features or fill it in');
    if (profile) profiles[name] = profile;
  }
  let prediction: BaselineProfile['prediction'];
  if (options.predictionField) {
    const profile = profileColumn(rows, options.predictionField, categorical.has(options.predictionField), settings);
    problems.check(profile !== undefined, '--prediction-field', options.predictionField, 'has no values in any row', 'name the column that holds the model output');
    if (profile) prediction = { field: options.predictionField, profile };
  }
  problems.throwIfAny('baseline');
  return {
    format: BASELINE_FORMAT, createdAt: options.createdAt ?? new Date().toISOString(), rows: rows.length,
    ...(options.source ? { source: options.source } : {}), bins, features: profiles, ...(prediction ? { prediction } : {}),
  };
}

/**
 * Checks a profile read back from storage (the drift job reads it from S3).
 * @throws InputValidationError when it is not a profile this version understands
 */
export function parseBaselineProfile(text: string, source: string): BaselineProfile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputValidationError(source, [{ field: source, value: text.slice(0, 40), message: `is not JSON (${(e as Error).message})`, fix: 'build it with `aimd baseline`' }]);
  }
  const profile = parsed as Partial<BaselineProfile> | null;
  if (profile?.format !== BASELINE_FORMAT || typeof profile.features !== 'object' || profile.features === null) {
    throw new InputValidationError(source, [{ field: `${source}.format`, value: profile?.format, message: `must be '${BASELINE_FORMAT}' with a features object`, fix: 'rebuild it with `aimd baseline`' }]);
  }
  return profile as BaselineProfile;
}
