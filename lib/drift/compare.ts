/**
 * Compares a window of captured records with the baseline profile: per feature a PSI and a test
 * (two-sample KS for numeric features, chi-square homogeneity for categorical ones), the same for the
 * prediction, an overall score and a verdict. Pure.
 *
 * Thresholds and their sources:
 * - PSI < 0.1: no significant change; 0.1–0.25: moderate shift, investigate; ≥ 0.25: significant shift
 *   (the banking rule of thumb quoted by Yurdakul & Naranjo, "Statistical properties of the population
 *   stability index", Journal of Risk Model Validation, 2020, and Yurdakul's 2018 WMU dissertation).
 * - Test significance α = 0.05 (the conventional significance level).
 * Large windows make KS and chi-square significant for negligible shifts, so a test alone only raises a
 * warning; drift needs PSI ≥ 0.25, or PSI ≥ 0.1 with a significant test.
 */
import type { CellValue } from './dataset';
import { categoryOf, OTHER_CATEGORY, type BaselineProfile, type FeatureProfile } from './profile';
import { binCounts, categoricalPsi, chiSquareHomogeneity, kolmogorovSmirnov, populationStabilityIndex, proportions } from './statistics';

/** One captured request row: its (allow-listed) features and the model's prediction. */
export interface WindowRecord {
  readonly features: Readonly<Record<string, CellValue>>;
  readonly prediction?: Readonly<Record<string, CellValue>>;
}

export interface DriftThresholds {
  /** PSI from which a feature is reported as moderately shifted. @default 0.1 */
  readonly psiWarning?: number;
  /** PSI from which a feature has drifted. @default 0.25 */
  readonly psiDrift?: number;
  /** Significance level of the KS and chi-square tests. @default 0.05 */
  readonly alpha?: number;
  /** Fewest window values a feature needs to be judged. @default 30 */
  readonly minWindowValues?: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: Required<DriftThresholds> = { psiWarning: 0.1, psiDrift: 0.25, alpha: 0.05, minWindowValues: 30 };

export type DriftVerdict = 'stable' | 'warning' | 'drift' | 'insufficient-data';

export interface FeatureDrift {
  readonly feature: string;
  readonly kind: FeatureProfile['kind'];
  /** Window values compared (missing ones excluded). */
  readonly windowValues: number;
  /** Window rows without a value (or with a value of the wrong kind). */
  readonly windowMissing: number;
  /** The feature's drift score. */
  readonly psi: number;
  readonly test: { readonly name: 'kolmogorov-smirnov' | 'chi-square'; readonly statistic: number; readonly pValue: number };
  readonly verdict: DriftVerdict;
}

export interface DriftReport {
  readonly windowRows: number;
  readonly features: readonly FeatureDrift[];
  readonly prediction?: FeatureDrift;
  /**
   * Overall drift score: the largest PSI among the judged features and the prediction (a maximum, so one
   * drifted feature is not averaged away by many stable ones); 0 when nothing could be judged.
   */
  readonly overallScore: number;
  /** The worst verdict among the judged features and the prediction; `insufficient-data` when none was judged. */
  readonly verdict: DriftVerdict;
}

const SEVERITY: Record<DriftVerdict, number> = { 'insufficient-data': 0, stable: 1, warning: 2, drift: 3 };

function verdictOf(psi: number, pValue: number, values: number, t: Required<DriftThresholds>): DriftVerdict {
  if (values < t.minWindowValues) return 'insufficient-data';
  if (psi >= t.psiDrift || (psi >= t.psiWarning && pValue < t.alpha)) return 'drift';
  if (psi >= t.psiWarning || pValue < t.alpha) return 'warning';
  return 'stable';
}

/** Compares one feature's window values with its profile. */
export function compareFeature(name: string, profile: FeatureProfile, window: readonly (CellValue | undefined)[], thresholds: DriftThresholds = {}): FeatureDrift {
  const t = { ...DEFAULT_DRIFT_THRESHOLDS, ...thresholds };
  if (profile.kind === 'numeric') {
    const values = window.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const missing = window.length - values.length;
    if (values.length === 0) return { feature: name, kind: 'numeric', windowValues: 0, windowMissing: missing, psi: 0, test: { name: 'kolmogorov-smirnov', statistic: 0, pValue: 1 }, verdict: 'insufficient-data' };
    const psi = populationStabilityIndex(proportions(profile.binCounts), proportions(binCounts(profile.edges, values)));
    const ks = kolmogorovSmirnov(profile.sample, values);
    return { feature: name, kind: 'numeric', windowValues: values.length, windowMissing: missing, psi, test: { name: 'kolmogorov-smirnov', statistic: ks.statistic, pValue: ks.pValue }, verdict: verdictOf(psi, ks.pValue, values.length, t) };
  }
  const counts: Record<string, number> = {};
  let seen = 0;
  for (const v of window) {
    if (v === undefined || v === null || v === '') continue;
    let category = categoryOf(v);
    if (!(category in profile.counts) && OTHER_CATEGORY in profile.counts) category = OTHER_CATEGORY;
    counts[category] = (counts[category] ?? 0) + 1;
    seen++;
  }
  const missing = window.length - seen;
  if (seen === 0) return { feature: name, kind: 'categorical', windowValues: 0, windowMissing: missing, psi: 0, test: { name: 'chi-square', statistic: 0, pValue: 1 }, verdict: 'insufficient-data' };
  const psi = categoricalPsi(profile.counts, counts);
  const chi = chiSquareHomogeneity(profile.counts, counts);
  return { feature: name, kind: 'categorical', windowValues: seen, windowMissing: missing, psi, test: { name: 'chi-square', statistic: chi.statistic, pValue: chi.pValue }, verdict: verdictOf(psi, chi.pValue, seen, t) };
}

/** Compares a window of captured records with the baseline. */
export function compareWindow(profile: BaselineProfile, records: readonly WindowRecord[], thresholds: DriftThresholds = {}): DriftReport {
  const features = Object.entries(profile.features).map(([name, feature]) => compareFeature(name, feature, records.map((r) => r.features[name]), thresholds));
  const prediction = profile.prediction
    ? compareFeature(profile.prediction.field, profile.prediction.profile, records.map((r) => r.prediction?.[profile.prediction!.field]), thresholds)
    : undefined;
  const judged = [...features, ...(prediction ? [prediction] : [])].filter((f) => f.verdict !== 'insufficient-data');
  const overallScore = judged.reduce((max, f) => Math.max(max, f.psi), 0);
  const verdict = judged.reduce<DriftVerdict>((worst, f) => (SEVERITY[f.verdict] > SEVERITY[worst] ? f.verdict : worst), judged.length > 0 ? 'stable' : 'insufficient-data');
  return { windowRows: records.length, features, ...(prediction ? { prediction } : {}), overallScore, verdict };
}
