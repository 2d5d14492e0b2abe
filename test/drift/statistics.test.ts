/**
 * The drift statistics against reference values computed independently, and their properties.
 *
 * Sources of the reference values:
 * - [TABLE] published critical values: chi-square upper 5 % points 3.841 (k=1), 5.991 (k=2), 11.070 (k=5)
 *   (NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.4, "Critical Values of the Chi-Square
 *   Distribution", read 2026-12); Kolmogorov distribution: Q_KS(1.36) ≈ 0.05, the c(α = 0.05) = 1.358
 *   coefficient of the two-sample KS critical value (Smirnov 1948 table, reproduced in the Wikipedia
 *   article "Kolmogorov–Smirnov test", section "Two-sample Kolmogorov–Smirnov test", read 2026-12).
 * - [PY] test/drift/reference_values.py: a Python 3 standard-library implementation written separately
 *   (closed-form chi-square tails from Abramowitz & Stegun 26.4.4/26.4.5, brute-force ECDF KS, the plain
 *   Kolmogorov series), run 2026-12-02; its printed output is quoted next to each value.
 * - [HAND] worked by hand in the comment.
 */
import fc from 'fast-check';
import {
  binCounts, binIndex, categoricalPsi, chiSquareHomogeneity, chiSquareSurvival, kolmogorovQ, kolmogorovSmirnov,
  logGamma, numericPsi, populationStabilityIndex, proportions, quantileBinEdges, quantileSorted, regularizedGammaQ,
} from '../../lib/drift/statistics';

describe('chi-square tail probability', () => {
  test.each([
    // [TABLE] upper 5 % critical values, and [PY] chi2_sf at their exact values → 0.05000000000000008 etc.
    [3.841458820694124, 1, 0.05],
    [5.991464547107979, 2, 0.05],
    [11.070497693516351, 5, 0.05],
    // [PY] chi2_sf(2.5, 3) = 0.4752910833430206; chi2_sf(30.0, 10) = 0.0008566412107753004; chi2_sf(0.5, 7) = 0.9994464813904251
    [2.5, 3, 0.4752910833430206],
    [30.0, 10, 0.0008566412107753004],
    [0.5, 7, 0.9994464813904251],
  ])('GIVEN χ² = %p with %p degrees of freedom THEN P(X > χ²) = %p', (x, k, expected) => {
    expect(chiSquareSurvival(x, k)).toBeCloseTo(expected, 12);
  });

  test('GIVEN two degrees of freedom THEN the tail is exactly e^(-x/2) [HAND: Q(1, x/2) = e^(-x/2)]', () => {
    for (const x of [0.1, 1, 4, 9.21, 20]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 13);
  });

  test('ln Γ matches the factorials and Γ(1/2) = √π [HAND]', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });

  test('Q(a, 0) = 1 and Q decreases in x', () => {
    expect(regularizedGammaQ(3, 0)).toBe(1);
    expect(regularizedGammaQ(3, 1)).toBeGreaterThan(regularizedGammaQ(3, 2));
  });
});

describe('chi-square test of homogeneity', () => {
  test('GIVEN baseline {red 30, green 50, blue 20} and window {red 40, green 35, blue 25} THEN χ² = 4.6312, k = 2, p = 0.0987 [PY]', () => {
    // [PY] chi2 homogeneity A = (4.631185807656396, 2, 0.09870764250999249)
    const result = chiSquareHomogeneity({ red: 30, green: 50, blue: 20 }, { red: 40, green: 35, blue: 25 });
    expect(result.statistic).toBeCloseTo(4.631185807656396, 12);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.pValue).toBeCloseTo(0.09870764250999249, 12);
  });

  test('GIVEN a category new in the window and one absent from it THEN both count [PY]', () => {
    // [PY] chi2 homogeneity B = (8.555555555555557, 2, 0.013873457762527497)
    const result = chiSquareHomogeneity({ a: 10, b: 0 }, { a: 5, b: 5, c: 2 });
    expect(result.statistic).toBeCloseTo(8.555555555555557, 12);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.pValue).toBeCloseTo(0.013873457762527497, 12);
  });

  test('GIVEN one category only THEN there is nothing to test: p = 1', () => {
    expect(chiSquareHomogeneity({ a: 10 }, { a: 3 })).toEqual({ statistic: 0, degreesOfFreedom: 0, pValue: 1 });
  });

  test('GIVEN an empty side THEN it refuses, naming both totals', () => {
    expect(() => chiSquareHomogeneity({ a: 1 }, {})).toThrow(/both sides, got 1 and 0/);
  });
});

describe('Kolmogorov–Smirnov', () => {
  test.each([
    // [PY] ks_q(0.5) = 0.9639452436648751, ks_q(1.0) = 0.26999967167735456, ks_q(2.0) = 0.0006709252557796953
    [0.5, 0.9639452436648751],
    [1.0, 0.26999967167735456],
    [2.0, 0.0006709252557796953],
    // [TABLE] c(0.05) = 1.358; [PY] ks_q(1.36) = 0.049485876755377876
    [1.36, 0.049485876755377876],
  ])('GIVEN λ = %p THEN Q_KS(λ) = %p', (lambda, expected) => {
    expect(kolmogorovQ(lambda)).toBeCloseTo(expected, 12);
  });

  test('GIVEN two samples of 8 and 10 values THEN D = 0.5 and p = 0.1485 [PY]', () => {
    // [PY] ks x,y = (0.5, 0.1484822882249145). [HAND] at x = 2.2: F₁ = 6/8 = 0.75, F₂ = 3/10 = 0.3 → 0.45;
    // at x = 3.3: F₁ = 1, F₂ = 5/10 = 0.5 → D = 0.5.
    const result = kolmogorovSmirnov([0.1, 0.4, 0.7, 1.2, 1.5, 2.2, 2.9, 3.3], [0.9, 1.3, 1.9, 2.4, 2.8, 3.5, 3.9, 4.4, 5.0, 5.1]);
    expect(result.statistic).toBeCloseTo(0.5, 14);
    expect(result.effectiveN).toBeCloseTo(80 / 18, 12);
    expect(result.pValue).toBeCloseTo(0.1484822882249145, 12);
  });

  test('GIVEN tied values THEN equal values step together [PY]', () => {
    // [PY] ks ties = (0.30000000000000004, 0.9213873971936145)
    const result = kolmogorovSmirnov([1, 1, 2, 2, 3], [1, 2, 2, 3, 3, 3]);
    expect(result.statistic).toBeCloseTo(0.3, 14);
    expect(result.pValue).toBeCloseTo(0.9213873971936145, 12);
  });

  test('GIVEN an empty sample THEN it refuses', () => {
    expect(() => kolmogorovSmirnov([], [1])).toThrow(/non-empty samples, got 0 and 1/);
  });

  test('PROPERTY: D is in [0, 1], symmetric, and the p-value is in [0, 1]', () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
    fc.assert(fc.property(sample, sample, (a, b) => {
      const ab = kolmogorovSmirnov(a, b);
      const ba = kolmogorovSmirnov(b, a);
      return ab.statistic >= 0 && ab.statistic <= 1 && Math.abs(ab.statistic - ba.statistic) < 1e-12 && ab.pValue >= 0 && ab.pValue <= 1;
    }));
  });

  test('PROPERTY: a sample against a permutation of itself has D = 0 and p = 1', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 80 }), (a) => {
      const result = kolmogorovSmirnov(a, [...a].reverse());
      return result.statistic === 0 && result.pValue === 1;
    }));
  });

  test('PROPERTY: a sample shifted by more than its range is detected (D = 1, p < 0.05 from 8 values each)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 8, maxLength: 80 }), (a) => {
      const result = kolmogorovSmirnov(a, a.map((v) => v + 101));
      return result.statistic === 1 && result.pValue < 0.05;
    }));
  });
});

describe('Population Stability Index', () => {
  test('GIVEN four bins 10/20/30/40 % against 15/25/25/35 % THEN PSI = 0.0472 [PY] [HAND]', () => {
    // [HAND] 0.05·ln 1.5 + 0.05·ln 1.25 − 0.05·ln(0.25/0.3) − 0.05·ln(0.35/0.4)
    //      = 0.020273 + 0.011157 + 0.009116 + 0.006677 = 0.047223; [PY] psi = 0.04722308044204256
    expect(populationStabilityIndex([0.1, 0.2, 0.3, 0.4], [0.15, 0.25, 0.25, 0.35])).toBeCloseTo(0.04722308044204256, 14);
  });

  test('GIVEN an empty baseline bin THEN ε = 1e-4 stands in for it [PY]', () => {
    // [PY] psi empty = 1.5640491119253044
    expect(populationStabilityIndex([0.5, 0.5, 0], [0.4, 0.4, 0.2])).toBeCloseTo(1.5640491119253044, 12);
  });

  test('GIVEN vectors of different lengths THEN it refuses', () => {
    expect(() => populationStabilityIndex([1], [0.5, 0.5])).toThrow(/same non-zero length, got 1 and 2/);
  });

  test('categorical PSI takes the union of the categories', () => {
    expect(categoricalPsi({ a: 50, b: 50 }, { a: 40, b: 40, c: 20 })).toBeCloseTo(1.5640491119253044, 12);
  });

  const distribution = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 12 })
    .filter((c) => c.some((v) => v > 0));

  test('PROPERTY: PSI is non-negative, symmetric in its two arguments, and 0 for identical distributions', () => {
    fc.assert(fc.property(distribution, distribution, (x, y) => {
      const n = Math.min(x.length, y.length);
      const e = proportions(x.slice(0, n));
      const a = proportions(y.slice(0, n));
      if (!e.some((v) => v > 0) || !a.some((v) => v > 0)) return true;
      const psi = populationStabilityIndex(e, a);
      return psi >= 0 && Math.abs(psi - populationStabilityIndex(a, e)) < 1e-9 && populationStabilityIndex(e, e) === 0;
    }));
  });

  test('PROPERTY: a numeric sample against itself has PSI 0; shifted past its upper decile edge, PSI > 0.25', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 20, maxLength: 200 }), (sample) => {
      const edges = quantileBinEdges(sample, 10);
      if (edges.length < 2) return true; // a (near-)constant sample has one bin: nothing to shift between
      const counts = binCounts(edges, sample);
      const shifted = sample.map((v) => v + 2000);
      return numericPsi(edges, counts, sample) === 0 && numericPsi(edges, counts, shifted) > 0.25;
    }));
  });
});

describe('quantile bins', () => {
  test('GIVEN 1..10 and 4 bins THEN the edges are the type-7 quartiles 3.25, 5.5, 7.75 [HAND: h = 9p]', () => {
    const sample = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(sample, 0.25)).toBeCloseTo(3.25, 14);
    expect(quantileBinEdges(sample, 4)).toEqual([3.25, 5.5, 7.75]);
    expect(binCounts([3.25, 5.5, 7.75], sample)).toEqual([3, 2, 2, 3]) // [HAND] {1,2,3} {4,5} {6,7} {8,9,10};
  });

  test('bins are right-closed and open-ended', () => {
    expect(binIndex([1, 2], 1)).toBe(0);
    expect(binIndex([1, 2], 1.5)).toBe(1);
    expect(binIndex([1, 2], -1e9)).toBe(0);
    expect(binIndex([1, 2], 1e9)).toBe(2);
  });

  test('GIVEN a feature with two distinct values THEN duplicate edges collapse [HAND: h = 7p; p ≤ 0.4 → 0, p = 0.5 → 0.5, p ≥ 0.6 → 1]', () => {
    expect(quantileBinEdges([0, 0, 0, 0, 1, 1, 1, 1], 10)).toEqual([0, 0.5, 1]);
  });
});
