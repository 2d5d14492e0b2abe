/**
 * The drift job end to end over an in-memory store: capture written by the inference handler's
 * RequestCapture, a baseline from `buildBaselineProfile`, metrics collected by a fake publisher. And the
 * bundle it ships as.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundleDriftJob } from '../../lib/drift/bundle';
import { readDriftJobConfig, type DriftJobConfig } from '../../lib/drift/job-config';
import { parseCaptureLines, runDriftJob, windowHourPrefixes, type MetricsPublisher } from '../../lib/drift/job';
import type { MetricDatum } from '../../lib/drift/metrics';
import { buildBaselineProfile } from '../../lib/drift/profile';
import { RequestCapture } from '../../lib/inference/capture';
import type { InputSchema } from '../../lib/inference/input-schema';
import { InMemoryObjectStore } from '../../lib/inference/object-store';
import { CloudWatchMetricsPublisher, S3ObjectLister } from '../../lib/drift/aws';

const DATA = 'shop-data';
const MODELS = 'shop-models';
const NOW = new Date('2026-12-02T12:30:00.000Z');
const SCHEMA: InputSchema = { inputs: [{ name: 'x', type: 'float32', rowShape: [2], rowSize: 2 }], featureNames: ['age', 'income'] };
const CONFIG: DriftJobConfig = { deployment: 'shop', capture: { bucket: DATA, key: 'capture/' }, baseline: { bucket: MODELS, key: 'baseline/profile.json' }, windowHours: 24, namespace: 'aimd/Drift' };

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

class Collector implements MetricsPublisher {
  readonly calls: { namespace: string; data: readonly MetricDatum[] }[] = [];
  async publish(namespace: string, data: readonly MetricDatum[]) { this.calls.push({ namespace, data }); }
  value(name: string, feature?: string) {
    return this.calls.flatMap((c) => c.data).find((d) => d.MetricName === name && (feature === undefined || d.Dimensions.some((x) => x.Name === 'Feature' && x.Value === feature)))?.Value;
  }
}

async function scenario(ageShift: number) {
  const store = new InMemoryObjectStore();
  const random = lcg(11);
  const baseline = Array.from({ length: 3000 }, () => ({ age: 20 + random() * 50, income: 1000 + random() * 4000, score: 0 }));
  baseline.forEach((r) => { r.score = r.age > 45 ? 1 : 0; });
  store.putSync({ bucket: MODELS, key: 'baseline/profile.json' }, JSON.stringify(buildBaselineProfile(baseline, { predictionField: 'score', categorical: ['score'] })));
  // Two hours of traffic inside the window, one hour outside it (must be ignored).
  for (const [hoursAgo, shift] of [[1, ageShift], [3, ageShift], [30, 0]] as const) {
    const capture = new RequestCapture({ config: { samplingPercent: 100, location: { bucket: DATA, key: 'capture/' } }, store, deployment: 'shop', modelVersion: 'v1', mode: 'http', random, now: () => new Date(NOW.getTime() - hoursAgo * 3_600_000) });
    const rows = Array.from({ length: 400 }, () => ({ x: [20 + random() * 50 + shift, 1000 + random() * 4000] }));
    await capture.write(SCHEMA, rows, rows.map((r) => ({ score: (r.x[0] as number) > 45 ? 1 : 0 })), `req-${hoursAgo}`);
  }
  const lister = { list: async (bucket: string, prefix: string) => store.keys(bucket, prefix) };
  const metrics = new Collector();
  const result = await runDriftJob(CONFIG, { store, lister, metrics }, NOW);
  return { result, metrics };
}

describe('runDriftJob', () => {
  test('GIVEN capture like the baseline WHEN the job runs THEN it reads only the window and publishes low scores', async () => {
    const { result, metrics } = await scenario(0);
    expect(result.objects).toBe(2);
    expect(result.report.windowRows).toBe(800);
    expect(result.report.verdict).toBe('stable');
    expect(metrics.calls.map((c) => c.namespace)).toEqual(['aimd/Drift']);
    expect(metrics.value('DriftWindowRows')).toBe(800);
    expect(metrics.value('OverallDriftScore')).toBeLessThan(0.05);
    expect(metrics.value('FeatureDriftScore', 'age')).toBeDefined();
    expect(metrics.value('FeatureDriftScore', 'prediction:score')).toBeDefined();
  });

  test('GIVEN ages shifted by 20 years WHEN the job runs THEN age and the prediction drift and the overall score exceeds 0.25', async () => {
    const { result, metrics } = await scenario(20);
    expect(result.report.verdict).toBe('drift');
    expect(metrics.value('FeatureDriftScore', 'age')).toBeGreaterThan(0.25);
    expect(metrics.value('FeatureDriftScore', 'income')).toBeLessThan(0.1);
    expect(metrics.value('OverallDriftScore')).toBeGreaterThan(0.25);
    const dims = metrics.calls[0].data.find((d) => d.MetricName === 'OverallDriftScore')!.Dimensions;
    expect(dims).toEqual([{ Name: 'Deployment', Value: 'shop' }]);
  });

  test('GIVEN no baseline THEN the run fails, naming the object', async () => {
    const lister = { list: async () => [] };
    await expect(runDriftJob(CONFIG, { store: new InMemoryObjectStore(), lister, metrics: new Collector() }, NOW)).rejects.toThrow(/NoSuchKey: s3:\/\/shop-models\/baseline\/profile.json/);
  });

  test('GIVEN an empty window THEN only DriftWindowRows = 0 is published (a gap, not a false "no drift")', async () => {
    const store = new InMemoryObjectStore();
    store.putSync({ bucket: MODELS, key: 'baseline/profile.json' }, JSON.stringify(buildBaselineProfile([{ a: 1 }, { a: 2 }])));
    const metrics = new Collector();
    await runDriftJob(CONFIG, { store, lister: { list: async () => [] }, metrics }, NOW);
    expect(metrics.calls[0].data.map((d) => [d.MetricName, d.Value])).toEqual([['DriftWindowRows', 0]]);
  });

  test('the window covers the hours overlapping [now - N h, now], newest first', () => {
    expect(windowHourPrefixes('capture/', NOW, 2)).toEqual(['capture/2026/12/02/12/', 'capture/2026/12/02/11/', 'capture/2026/12/02/10/']);
    expect(windowHourPrefixes('c/', new Date('2027-01-01T00:10:00Z'), 1)).toEqual(['c/2027/01/01/00/', 'c/2026/12/31/23/']);
  });

  test('malformed lines and records outside the window are skipped, and counted when malformed', () => {
    const inside = JSON.stringify({ time: '2026-12-02T12:00:00Z', features: { a: 1 } });
    const outside = JSON.stringify({ time: '2026-11-01T00:00:00Z', features: { a: 2 } });
    const parsed = parseCaptureLines(`${inside}\nnot json\n{"features": 3}\n${outside}\n`, Date.parse('2026-12-02T00:00:00Z'), NOW.getTime());
    expect(parsed).toEqual({ records: [{ features: { a: 1 }, prediction: undefined }], malformed: 2 });
  });
});

describe('AWS adapters', () => {
  test('ListObjectsV2 is paginated and PutMetricData is sent in chunks of 20', async () => {
    const sent: Record<string, unknown>[] = [];
    class Command { constructor(public readonly input: Record<string, unknown>) {} }
    const pages = [{ Contents: [{ Key: 'a' }], IsTruncated: true, NextContinuationToken: 't' }, { Contents: [{ Key: 'b' }], IsTruncated: false }];
    const client = class { async send(c: Command) { sent.push(c.input); return 'Prefix' in c.input ? pages.shift()! : {}; } };
    const lister = new S3ObjectLister({ S3Client: client, ListObjectsV2Command: Command });
    expect(await lister.list('b', 'capture/')).toEqual(['a', 'b']);
    expect(sent[1]).toMatchObject({ Bucket: 'b', Prefix: 'capture/', ContinuationToken: 't' });
    const publisher = new CloudWatchMetricsPublisher({ CloudWatchClient: client, PutMetricDataCommand: Command });
    const datum: MetricDatum = { MetricName: 'm', Dimensions: [], Value: 1, Unit: 'None', Timestamp: NOW };
    await publisher.publish('aimd/Drift', new Array(45).fill(datum));
    expect(sent.slice(2).map((s) => (s.MetricData as unknown[]).length)).toEqual([20, 20, 5]);
    expect(sent[2].Namespace).toBe('aimd/Drift');
  });
});

describe('configuration and bundle', () => {
  test('GIVEN a bad environment THEN every problem is listed', () => {
    expect(() => readDriftJobConfig({ DRIFT_CAPTURE_URI: 's3://bucket-a/capture', DRIFT_WINDOW_HOURS: '0' }))
      .toThrow(/4 problem[\s\S]*prefix ending in '\/'[\s\S]*DRIFT_BASELINE_URI[\s\S]*DRIFT_WINDOW_HOURS[\s\S]*DRIFT_DEPLOYMENT/);
  });

  test('the bundle is one small index.js that exports the handler and leaves the AWS SDK external', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aimd-drift-bundle-test-'));
    try {
      bundleDriftJob(dir);
      const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
      expect(code.length).toBeLessThan(200_000);
      expect(code).toContain('@aws-sdk/client-cloudwatch');
      expect(code).not.toContain('onnxruntime');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(typeof require(path.join(dir, 'index.js')).handler).toBe('function');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
