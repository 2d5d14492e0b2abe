import { formatScaleTable, marginalGrowth, type ScaleRun } from '../../bench/scale';

const run = (count: number, synthSeconds: number, peakMiB = 100 + count): ScaleRun => ({
  count, stacks: 1 + Math.ceil(count / 17), resources: 117 + 18 * count, maxStackResources: 117, maxTemplateBytes: 100_000, synthSeconds, peakMiB, quotaFindings: 0,
});

describe('marginalGrowth (how the scale benchmark judges linear growth)', () => {
  test('a fixed cost plus a constant cost per model is linear (ratio 1), although seconds per model fall', () => {
    const runs = [1, 10, 50, 200].map((n) => run(n, 5 + 0.05 * n));
    expect(marginalGrowth(runs, (r) => r.synthSeconds)!.ratio).toBeCloseTo(1, 6);
  });

  test('quadratic growth shows as a ratio well above 2', () => {
    const runs = [1, 10, 50, 200].map((n) => run(n, 5 + 0.001 * n * n));
    expect(marginalGrowth(runs, (r) => r.synthSeconds)!.ratio).toBeGreaterThan(2);
  });

  test('needs three counts', () => {
    expect(marginalGrowth([run(1, 1), run(10, 2)], (r) => r.synthSeconds)).toBeUndefined();
  });

  test('the table has one row per count with seconds per model', () => {
    const table = formatScaleTable([run(10, 2), run(200, 12)]).split('\n');
    expect(table[0]).toMatch(/models\s+stacks\s+resources.*synth s\s+peak MiB\s+s\/model/);
    expect(table[2]).toMatch(/^\s*200\s+13\s+3717\b.*\b12\.00\s+300\s+0\.060$/);
  });
});
