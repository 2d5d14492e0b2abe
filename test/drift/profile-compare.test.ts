/**
 * Baseline profiles and window comparison: the profile of a dataset, and what the comparison reports for
 * unchanged, shifted and re-mixed traffic.
 */
import fc from 'fast-check';
import { compareFeature, compareWindow, type WindowRecord } from '../../lib/drift/compare';
import { parseDataset, splitCsv } from '../../lib/drift/dataset';
import { buildBaselineProfile, OTHER_CATEGORY, parseBaselineProfile } from '../../lib/drift/profile';

/** A deterministic pseudo-random generator (mulberry32) so the fixtures are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rows(n: number, seed: number, shift = 0, countries = ['DE', 'FR', 'US']) {
  const next = random(seed);
  return Array.from({ length: n }, () => {
    const age = Math.round(20 + next() * 50 + shift);
    return { age, income: 1000 * (1 + next() * 4) + shift * 100, country: countries[Math.floor(next() * countries.length)], label: age > 45 ? 1 : 0 };
  });
}

const toWindow = (data: ReturnType<typeof rows>): WindowRecord[] => data.map(({ label, ...features }) => ({ features, prediction: { label } }));

describe('buildBaselineProfile', () => {
  const profile = buildBaselineProfile(rows(2000, 1), { predictionField: 'label', categorical: ['label'], createdAt: '2026-12-02T00:00:00.000Z', source: 'train.csv' });

  test('GIVEN numbers and strings THEN numeric columns get decile bins and categorical ones frequencies', () => {
    expect(Object.keys(profile.features)).toEqual(['age', 'income', 'country']);
    const age = profile.features.age;
    expect(age.kind).toBe('numeric');
    if (age.kind !== 'numeric') return;
    expect(age.edges).toHaveLength(9);
    expect(age.binCounts.reduce((s, c) => s + c, 0)).toBe(2000);
    expect(age.sample).toHaveLength(1000);
    expect(age.quantiles.p50).toBeGreaterThan(40);
    expect(age.quantiles.p50).toBeLessThan(50);
    const country = profile.features.country;
    expect(country.kind === 'categorical' && Object.keys(country.counts).sort()).toEqual(['DE', 'FR', 'US']);
  });

  test('GIVEN --prediction-field and --categorical THEN the prediction is profiled as categorical', () => {
    expect(profile.prediction?.field).toBe('label');
    expect(profile.prediction?.profile.kind).toBe('categorical');
  });

  test('GIVEN more categories than kept THEN the rarest merge into __other__', () => {
    const data = ['a', 'a', 'a', 'b', 'b', 'c', 'd'].map((x) => ({ x }));
    const p = buildBaselineProfile(data, { maxCategories: 2 });
    expect(p.features.x).toEqual({ kind: 'categorical', count: 7, missing: 0, counts: { a: 3, b: 2, [OTHER_CATEGORY]: 2 } });
  });

  test('GIVEN unknown columns and bad options THEN every problem is reported at once', () => {
    expect(() => buildBaselineProfile([{ a: 1 }], { features: ['a', 'zz'], predictionField: 'yy', bins: 1 }))
      .toThrow(/baseline has 3 problems[\s\S]*bins \(1\)[\s\S]*--features \('zz'\): is not a column[\s\S]*--prediction-field \('yy'\)/);
  });

  test('a profile survives JSON and is checked when read back', () => {
    expect(parseBaselineProfile(JSON.stringify(profile), 'profile.json')).toEqual(profile);
    expect(() => parseBaselineProfile('{"format":"other"}', 'profile.json')).toThrow(/profile.json.format \('other'\): must be 'aimd-drift-baseline\/v1'/);
  });
});

describe('compareWindow', () => {
  const profile = buildBaselineProfile(rows(5000, 7), { predictionField: 'label', categorical: ['label'] });

  test('GIVEN a fresh window from the same distribution THEN every feature is stable and the score is low', () => {
    const report = compareWindow(profile, toWindow(rows(1000, 99)));
    expect(report.verdict).toBe('stable');
    expect(report.overallScore).toBeLessThan(0.05);
    expect(report.features.map((f) => f.verdict)).toEqual(['stable', 'stable', 'stable']);
    expect(report.prediction?.verdict).toBe('stable');
  });

  test('GIVEN ages shifted by 15 years THEN age and the prediction drift, the others stay stable', () => {
    const report = compareWindow(profile, toWindow(rows(1000, 99, 15)));
    const age = report.features.find((f) => f.feature === 'age')!;
    expect(age.verdict).toBe('drift');
    expect(age.psi).toBeGreaterThan(0.25);
    expect(age.test.pValue).toBeLessThan(1e-6);
    expect(report.features.find((f) => f.feature === 'country')!.verdict).toBe('stable');
    expect(report.prediction?.verdict).toBe('drift');
    expect(report.verdict).toBe('drift');
    expect(report.overallScore).toBe(Math.max(...report.features.map((f) => f.psi), report.prediction!.psi));
  });

  test('GIVEN a new country in the window THEN the categorical feature drifts by chi-square and PSI', () => {
    const report = compareWindow(profile, toWindow(rows(1000, 5, 0, ['DE', 'JP', 'JP', 'JP'])));
    const country = report.features.find((f) => f.feature === 'country')!;
    expect(country.test.name).toBe('chi-square');
    expect(country.test.pValue).toBeLessThan(0.001);
    expect(country.verdict).toBe('drift');
  });

  test('GIVEN fewer than 30 values THEN the feature is not judged and the overall verdict says so', () => {
    const report = compareWindow(profile, toWindow(rows(10, 3, 40)));
    expect(report.verdict).toBe('insufficient-data');
    expect(report.overallScore).toBe(0);
  });

  test('GIVEN missing and mistyped values THEN they are counted as missing, not compared', () => {
    const age = profile.features.age;
    const result = compareFeature('age', age, [30, null, 'thirty', undefined, 40]);
    expect(result.windowValues).toBe(2);
    expect(result.windowMissing).toBe(3);
  });

  test('PROPERTY: the baseline rows themselves, as a window, show no drift (PSI = 0, KS D = 0 on small sets)', () => {
    fc.assert(fc.property(fc.array(fc.record({ x: fc.integer({ min: 0, max: 100 }), c: fc.constantFrom('a', 'b', 'c') }), { minLength: 30, maxLength: 300 }), (data) => {
      const p = buildBaselineProfile(data);
      const report = compareWindow(p, data.map((features) => ({ features })));
      return report.overallScore === 0 && report.features.every((f) => f.verdict === 'stable' && (f.kind === 'categorical' || f.test.statistic === 0));
    }), { numRuns: 50 });
  });
});

describe('datasets', () => {
  test('GIVEN CSV with quotes, empty cells and CRLF THEN numbers become numbers and empty cells are missing', () => {
    const data = parseDataset('age,city,note\r\n42,"Paris, FR","say ""hi"""\r\n,Berlin,\r\n', 'csv');
    expect(data).toEqual([{ age: 42, city: 'Paris, FR', note: 'say "hi"' }, { age: null, city: 'Berlin', note: null }]);
    expect(splitCsv('a,b\n"x\ny",2\n')).toEqual([['a', 'b'], ['x\ny', '2']]);
  });

  test('GIVEN captured request records (serverless or edge) THEN each row is its features and prediction fields, without the metadata', () => {
    const edge = { time: '2026-12-03T10:00:00Z', deployment: 'edge-greengrass', modelVersion: 'zscore-2026.10', mode: 'edge', requestId: 'r1', device: 'pump-7',
      features: { temperature_c: 63, vibration_mm_s: 2.2 }, prediction: { score: 1.2, isAnomaly: false } };
    expect(parseDataset(`${JSON.stringify(edge)}\n`, 'jsonl')).toEqual([{ temperature_c: 63, vibration_mm_s: 2.2, score: 1.2, isAnomaly: false }]);
    expect(parseDataset('{"features":{"age":42,"tags":[1]},"prediction":{"label":1}}', 'jsonl')).toEqual([{ age: 42, label: 1 }]);
  });

  test('GIVEN ragged CSV and bad JSON lines THEN every bad line is named', () => {
    expect(() => parseDataset('a,b\n1\n2,3,4\n', 'csv', 'd.csv')).toThrow(/d.csv record 2[\s\S]*d.csv record 3/);
    expect(() => parseDataset('{"a":1}\nnope\n[1]\n', 'jsonl', 'd.jsonl')).toThrow(/d.jsonl:2[\s\S]*d.jsonl:3 \('\[1\]'\): is not a JSON object/);
  });
});
