/**
 * The drift statistics, written here (no statistics library) so that the drift job bundles small and every
 * formula is tested against independently computed reference values (test/drift/statistics.test.ts).
 *
 * Pure functions, no engine or SDK import.
 *
 * - Population Stability Index: PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ) over bins, where eᵢ and aᵢ are the
 *   baseline ("expected") and window ("actual") proportions of bin i (Yurdakul, "Statistical Properties of
 *   Population Stability Index", Western Michigan University dissertation 3208, 2018; Yurdakul & Naranjo,
 *   Journal of Risk Model Validation, 2020).
 * - Two-sample Kolmogorov–Smirnov: D = sup |F₁(x) − F₂(x)| and the asymptotic p-value
 *   Q_KS(λ), λ = (√nₑ + 0.12 + 0.11/√nₑ)·D, nₑ = n·m/(n+m) (Press et al., Numerical Recipes, 3rd ed., 2007,
 *   §14.3.3; the same formulas are in the 2nd ed., §14.3).
 * - Pearson's chi-square test of homogeneity of two count vectors; the p-value is the regularized upper
 *   incomplete gamma function Q(k/2, χ²/2) (Numerical Recipes §6.2 and §6.14), computed with its series
 *   and Lentz continued fraction (NR §6.2) and the Lanczos ln Γ (NR §6.1).
 */

/**
 * Proportion substituted for an empty bin before the logarithm of PSI. Convention: a zero proportion on
 * either side becomes ε = 1e-4 (0.01 %), without renormalising the other bins. This keeps PSI finite for a
 * category or a bin that is new or has vanished, and caps one empty bin's contribution at about
 * (p − ε)·ln(p/ε). Practice differs (a small constant, or adding a count to every bin); the choice is
 * stated here because it changes PSI whenever a bin is empty.
 */
export const PSI_EMPTY_BIN_EPSILON = 1e-4;

/** Proportions of counts (all zeros stay zeros). */
export function proportions(counts: readonly number[]): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}

/**
 * Population Stability Index of two proportion vectors over the same bins.
 * @param expected baseline proportions (sum 1)
 * @param actual window proportions (sum 1)
 * @param epsilon substitute for a zero proportion, see {@link PSI_EMPTY_BIN_EPSILON}
 * @throws RangeError when the vectors differ in length or are empty
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[], epsilon = PSI_EMPTY_BIN_EPSILON): number {
  if (expected.length !== actual.length || expected.length === 0) {
    throw new RangeError(`PSI needs two proportion vectors of the same non-zero length, got ${expected.length} and ${actual.length}`);
  }
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i], epsilon);
    const a = Math.max(actual[i], epsilon);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/**
 * Quantile of a sorted sample by linear interpolation between order statistics (Hyndman & Fan, "Sample
 * Quantiles in Statistical Packages", The American Statistician 50(4), 1996, definition 7; the default of R
 * and NumPy).
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Interior bin edges at the baseline's quantiles 1/bins, 2/bins, …, (bins−1)/bins, duplicates removed (a
 * feature with few distinct values gets fewer bins). Bins are right-closed: bin 0 is (−∞, e₀], bin i is
 * (eᵢ₋₁, eᵢ], the last bin is (e_last, +∞), so a window value outside the baseline's range still lands in a
 * bin.
 */
export function quantileBinEdges(sample: readonly number[], bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins must be a whole number >= 2, got ${bins}`);
  const sorted = [...sample].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = quantileSorted(sorted, k / bins);
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  return edges;
}

/** Index of the right-closed bin (see {@link quantileBinEdges}) that holds `x`. */
export function binIndex(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Counts of `values` in the edges.length + 1 bins. */
export function binCounts(edges: readonly number[], values: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) counts[binIndex(edges, v)]++;
  return counts;
}

/** PSI of a numeric window against baseline bin counts over the same edges. */
export function numericPsi(edges: readonly number[], baselineCounts: readonly number[], window: readonly number[], epsilon = PSI_EMPTY_BIN_EPSILON): number {
  return populationStabilityIndex(proportions(baselineCounts), proportions(binCounts(edges, window)), epsilon);
}

/**
 * PSI of two categorical distributions given as counts per category. The bins are the union of the
 * categories; a category seen on one side only gets ε on the other.
 */
export function categoricalPsi(baseline: Readonly<Record<string, number>>, window: Readonly<Record<string, number>>, epsilon = PSI_EMPTY_BIN_EPSILON): number {
  const categories = unionKeys(baseline, window);
  return populationStabilityIndex(
    proportions(categories.map((c) => baseline[c] ?? 0)),
    proportions(categories.map((c) => window[c] ?? 0)),
    epsilon,
  );
}

function unionKeys(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/**
 * Kolmogorov's limiting distribution, complementary form: Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}
 * (NR §14.3). For λ < 1.18 that series converges slowly; the equivalent form
 * 1 − (√(2π)/λ) Σ_{j≥1} e^{−(2j−1)²π²/(8λ²)} (NR §14.3, from the Jacobi theta identity) is used instead.
 */
export function kolmogorovQ(lambda: number): number {
  if (!(lambda >= 0)) throw new RangeError(`lambda must be >= 0, got ${lambda}`);
  if (lambda < 1e-3) return 1;
  if (lambda < 1.18) {
    let sum = 0;
    const a = (Math.PI * Math.PI) / (8 * lambda * lambda);
    for (let j = 1; j <= 20; j++) {
      const term = Math.exp(-(2 * j - 1) * (2 * j - 1) * a);
      sum += term;
      if (term < 1e-17) break;
    }
    return clamp01(1 - (Math.sqrt(2 * Math.PI) / lambda) * sum);
  }
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += (j % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return clamp01(2 * sum);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

export interface KolmogorovSmirnovResult {
  /** D = sup |F₁ − F₂|, in [0, 1]. */
  readonly statistic: number;
  /** Asymptotic p-value (NR §14.3); reliable for nₑ ≳ 4. */
  readonly pValue: number;
  /** nₑ = n·m/(n+m). */
  readonly effectiveN: number;
}

/**
 * Two-sample Kolmogorov–Smirnov test of two numeric samples (ties handled by stepping over equal values
 * together, as NR `kstwo` does).
 * @throws RangeError when a sample is empty
 */
export function kolmogorovSmirnov(sample1: readonly number[], sample2: readonly number[]): KolmogorovSmirnovResult {
  if (sample1.length === 0 || sample2.length === 0) {
    throw new RangeError(`KS needs two non-empty samples, got ${sample1.length} and ${sample2.length} values`);
  }
  const a = [...sample1].sort((x, y) => x - y);
  const b = [...sample2].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  const ne = (a.length * b.length) / (a.length + b.length);
  const sqrtNe = Math.sqrt(ne);
  return { statistic: d, pValue: kolmogorovQ((sqrtNe + 0.12 + 0.11 / sqrtNe) * d), effectiveN: ne };
}

/** ln Γ(x) for x > 0 (Lanczos approximation, NR 3rd ed. §6.1 `gammln`, 14 coefficients, error < 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  const cof = [
    57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
    0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
    -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4,
    -0.261908384015814087e-4, 0.368991826595316234e-5,
  ];
  let y = x;
  const tmp0 = x + 5.24218750000000000;
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  let ser = 0.999999999999997092;
  for (const c of cof) ser += c / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) (NR §6.2): the series for P when x < a + 1,
 * the Lentz continued fraction for Q otherwise.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaQ needs a > 0 and x >= 0, got a=${a}, x=${x}`);
  if (x === 0) return 1;
  const prefix = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 1000; n++) {
      del *= x / ++ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return clamp01(1 - sum * prefix);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return clamp01(prefix * h);
}

/** P(χ²_k > x): the upper tail of the chi-square distribution with k degrees of freedom. */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  return regularizedGammaQ(degreesOfFreedom / 2, x / 2);
}

export interface ChiSquareResult {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  /** P(χ²_k ≥ statistic); 1 when there is nothing to compare (fewer than two categories seen). */
  readonly pValue: number;
}

/**
 * Pearson's chi-square test of homogeneity of two samples of a categorical variable (a 2×k contingency
 * table): χ² = Σ (O − E)²/E with E = row total × column total / grand total, k − 1 degrees of freedom over
 * the categories seen on at least one side. No continuity correction.
 * @throws RangeError when a side has no observations
 */
export function chiSquareHomogeneity(baseline: Readonly<Record<string, number>>, window: Readonly<Record<string, number>>): ChiSquareResult {
  const categories = unionKeys(baseline, window).filter((c) => (baseline[c] ?? 0) + (window[c] ?? 0) > 0);
  const rows = [categories.map((c) => baseline[c] ?? 0), categories.map((c) => window[c] ?? 0)];
  const rowTotals = rows.map((r) => r.reduce((s, v) => s + v, 0));
  if (rowTotals[0] === 0 || rowTotals[1] === 0) {
    throw new RangeError(`chi-square needs observations on both sides, got ${rowTotals[0]} and ${rowTotals[1]}`);
  }
  const total = rowTotals[0] + rowTotals[1];
  let statistic = 0;
  categories.forEach((_, j) => {
    const column = rows[0][j] + rows[1][j];
    for (let i = 0; i < 2; i++) {
      const expected = (rowTotals[i] * column) / total;
      statistic += ((rows[i][j] - expected) ** 2) / expected;
    }
  });
  const degreesOfFreedom = categories.length - 1;
  return { statistic, degreesOfFreedom, pValue: degreesOfFreedom > 0 ? chiSquareSurvival(statistic, degreesOfFreedom) : 1 };
}
