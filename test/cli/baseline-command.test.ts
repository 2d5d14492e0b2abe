import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';

async function aimd(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; } });
  return { code, out, err };
}

describe('aimd baseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aimd-baseline-'));
  const csv = join(dir, 'train.csv');
  writeFileSync(csv, ['age,country,label', ...Array.from({ length: 200 }, (_, i) => `${20 + (i % 50)},${['DE', 'FR'][i % 2]},${i % 3 === 0 ? 'yes' : 'no'}`)].join('\n'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN a CSV WHEN run with --prediction-field THEN it writes a profile with the features and the prediction', async () => {
    const out = join(dir, 'baseline.json');
    const { code, out: stdout } = await aimd('baseline', '--data', csv, '--prediction-field', 'label', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Baseline of 200 rows written to .*baseline.json/);
    expect(stdout).toMatch(/age \(numeric\), country \(categorical\); prediction: label \(categorical\)/);
    const profile = JSON.parse(readFileSync(out, 'utf8'));
    expect(profile.format).toBe('aimd-drift-baseline/v1');
    expect(profile.source).toBe('train.csv');
    expect(Object.keys(profile.features)).toEqual(['age', 'country']);
    expect(profile.prediction.profile.counts).toEqual({ no: 133, yes: 67 });
  });

  test('GIVEN --llm and JSON Lines of request summaries THEN token lengths and latency are numeric, finish reason and status categorical', async () => {
    const summaries = join(dir, 'llm.jsonl');
    writeFileSync(summaries, Array.from({ length: 100 }, (_, i) => JSON.stringify({ promptTokens: 100 + i, completionTokens: 20 + (i % 40), latencySeconds: 0.5 + i / 100, finishReason: i % 10 === 0 ? 'length' : 'stop', status: 'ok' })).join('\n'));
    const out = join(dir, 'llm-baseline.json');
    const { code, out: stdout } = await aimd('baseline', '--llm', '--data', summaries, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/prompt_tokens \(numeric\), completion_tokens \(numeric\), latency_seconds \(numeric\), finish_reason \(categorical\), status \(categorical\)/);
    expect(JSON.parse(readFileSync(out, 'utf8')).features.finish_reason.counts).toEqual({ stop: 90, length: 10 });
  });

  test('GIVEN --features and --categorical THEN only those are profiled, as asked', async () => {
    const out = join(dir, 'only-age.json');
    expect((await aimd('baseline', '--data', csv, '--features', 'age', '--categorical', 'age', '--bins', '5', '--out', out)).code).toBe(0);
    const profile = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(profile.features)).toEqual(['age']);
    expect(profile.features.age.kind).toBe('categorical');
    expect(profile.bins).toBe(5);
  });

  test('GIVEN no --data, no --out and a bad --bins THEN exit 2 naming all three', async () => {
    const { code, err } = await aimd('baseline', '--bins', '1');
    expect(code).toBe(2);
    expect(err).toMatch(/--data[\s\S]*--out[\s\S]*--bins \('1'\)/);
  });

  test('GIVEN a missing file THEN exit 2 naming it', async () => {
    const { code, err } = await aimd('baseline', '--data', join(dir, 'nope.csv'), '--out', join(dir, 'x.json'));
    expect(code).toBe(2);
    expect(err).toMatch(/--data .*nope.csv.*cannot be read/);
  });

  test('the command is listed in the usage', async () => {
    expect((await aimd('--help')).out).toMatch(/baseline\s+Build the drift baseline profile/);
  });
});
