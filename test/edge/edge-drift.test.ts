/**
 * Drift detection of an edge fleet without an engine: records sampled by the device app (EdgeCapture), written as
 * Firehose writes them (JSON Lines in hour folders under capture/), read by the drift job configured from the
 * environment the engines give the edge job. And when the spec turns the job on.
 */
import { EDGE_GREENGRASS_SPEC, SENSOR_FEATURES, CALIBRATION_2026_10 } from '../../blueprints/edge/edge-greengrass';
import { readDriftJobConfig } from '../../lib/drift/job-config';
import { parseCaptureLines, runDriftJob, type MetricsPublisher } from '../../lib/drift/job';
import type { MetricDatum } from '../../lib/drift/metrics';
import { buildBaselineProfile, BASELINE_PROFILE_KEY } from '../../lib/drift/profile';
import { EdgeCapture, type EdgeCaptureRecord } from '../../lib/edge-app/capture';
import { checkEdgeDrift, planEdgeDriftJob } from '../../lib/edge/edge-drift';
import { ProblemCollector } from '../../lib/errors';
import { driftJobEnvironment, driftJobRoleStatements } from '../../lib/inference/deployment/drift';
import { InMemoryObjectStore } from '../../lib/inference/object-store';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';

const BUCKET = 'fleet-artifacts';
const NOW = new Date('2026-12-03T12:30:00.000Z');
const spec = (monitoring: Partial<DeploymentSpecInput['monitoring']> = {}) =>
  resolveDeploymentSpec({ ...EDGE_GREENGRASS_SPEC, monitoring: { ...EDGE_GREENGRASS_SPEC.monitoring, ...monitoring } });

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A standard normal draw (Box–Muller) from a seeded uniform source. */
const gaussian = (random: () => number) => () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** Readings of healthy pumps around the blueprint's calibration, shifted by `shift` standard deviations on vibration. */
function readings(count: number, random: () => number, vibrationShift = 0): number[][] {
  const normal = gaussian(random);
  return Array.from({ length: count }, () => CALIBRATION_2026_10.mean.map((mean, i) => mean + CALIBRATION_2026_10.std[i]! * (normal() + (i === 1 ? vibrationShift : 0))));
}

/** The z-score model's answer: the largest |z| over the features, an anomaly above 3 (the 1.0.0 release). */
const score = (row: readonly number[]) => {
  const z = Math.max(...row.map((v, i) => Math.abs((v - CALIBRATION_2026_10.mean[i]!) / CALIBRATION_2026_10.std[i]!)));
  return { score: z, isAnomaly: z > 3 };
};

class Collector implements MetricsPublisher {
  readonly data: MetricDatum[] = [];
  async publish(_namespace: string, data: readonly MetricDatum[]) { this.data.push(...data); }
  value(name: string, feature?: string) {
    return this.data.find((d) => d.MetricName === name && (feature === undefined || d.Dimensions.some((x) => x.Name === 'Feature' && x.Value === feature)))?.Value;
  }
}

async function edgeScenario(vibrationShift: number) {
  const host = planEdgeDriftJob(spec(), 90)!({ bucket: BUCKET, account: '123456789012' });
  const config = readDriftJobConfig(driftJobEnvironment(host));
  const store = new InMemoryObjectStore();
  const random = lcg(7);
  const healthy = readings(3000, random).map((row) => ({ ...Object.fromEntries(SENSOR_FEATURES.map((name, i) => [name, row[i]!])), score: score(row).score }));
  store.putSync(config.baseline, JSON.stringify(buildBaselineProfile(healthy, { predictionField: 'score' })));
  // Two hours of device records inside the window, as Firehose delivers them: one JSON object per line.
  for (const hoursAgo of [1, 2]) {
    const at = new Date(NOW.getTime() - hoursAgo * 3_600_000);
    const capture = new EdgeCapture({
      settings: { topic: 'aimd/edge-greengrass/capture/edge-greengrass-pump-7', samplingPercent: 100, deployment: 'edge-greengrass', device: 'edge-greengrass-pump-7' },
      publisher: { publishToCloud: async () => undefined }, logger: { log: () => undefined }, random, now: () => at.getTime(),
    });
    const rows = readings(300, random, vibrationShift);
    const records: EdgeCaptureRecord[] = capture.sample({ rows, featureNames: SENSOR_FEATURES, modelVersion: 'zscore-2026.10' }, rows.map(score));
    const hour = at.toISOString().slice(0, 13).replace(/-|T/g, '/');
    store.putSync({ bucket: BUCKET, key: `capture/${hour}/edge-greengrass-edge-capture-1-${hoursAgo}` }, records.map((r) => JSON.stringify(r)).join('\n'));
  }
  const metrics = new Collector();
  const result = await runDriftJob(config, { store, lister: { list: async (bucket, prefix) => store.keys(bucket, prefix) }, metrics }, NOW);
  return { result, metrics, config };
}

describe('edge drift job', () => {
  test('GIVEN an edge capture record THEN the reader keeps its numeric features and its flat prediction (score, isAnomaly)', () => {
    const record: EdgeCaptureRecord = {
      time: NOW.toISOString(), deployment: 'edge-greengrass', modelVersion: 'zscore-2026.10', mode: 'edge', requestId: 'r1', device: 'pump-7',
      features: { temperature_c: 63, vibration_mm_s: 2.2, current_a: 11, pressure_bar: 4.1 }, prediction: { score: 1.2, isAnomaly: false },
    };
    const parsed = parseCaptureLines(`${JSON.stringify(record)}\n`, NOW.getTime() - 3_600_000, NOW.getTime());
    expect(parsed).toEqual({ records: [{ features: record.features, prediction: { score: 1.2, isAnomaly: false } }], malformed: 0 });
  });

  test('GIVEN device readings like the baseline WHEN the job runs on the edge configuration THEN nothing drifts', async () => {
    const { result, metrics, config } = await edgeScenario(0);
    expect(config).toMatchObject({ deployment: 'edge-greengrass', capture: { bucket: BUCKET, key: 'capture/' }, baseline: { bucket: BUCKET, key: BASELINE_PROFILE_KEY }, windowHours: 24 });
    expect(result).toMatchObject({ objects: 2, malformedLines: 0 });
    expect(result.report.windowRows).toBe(600);
    expect(result.report.verdict).toBe('stable');
    expect(metrics.value('OverallDriftScore')).toBeLessThan(0.1);
    expect(metrics.value('FeatureDriftScore', 'prediction:score')).toBeDefined();
  });

  test('GIVEN vibration shifted by two standard deviations THEN vibration and the anomaly score drift, the other sensors do not', async () => {
    const { result, metrics } = await edgeScenario(2);
    expect(result.report.verdict).toBe('drift');
    expect(metrics.value('FeatureDriftScore', 'vibration_mm_s')).toBeGreaterThan(0.25);
    expect(metrics.value('FeatureDriftScore', 'temperature_c')).toBeLessThan(0.1);
    expect(metrics.value('FeatureDriftScore', 'prediction:score')).toBeGreaterThan(0.25);
    expect(metrics.value('OverallDriftScore')).toBeGreaterThan(0.25);
  });

  test('THEN the edge job reads only capture/ and the baseline, decrypts only through S3 and manages no VPC interfaces', () => {
    const host = planEdgeDriftJob(spec(), 90)!({ bucket: BUCKET, account: '123456789012' });
    const statements = driftJobRoleStatements(host, { kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' });
    expect(statements.map((s) => s.sid)).toEqual(['WriteOwnLogs', 'ListCapturedHours', 'ReadCapturedRequests', 'ReadBaselineProfile', 'DecryptWithDeploymentKey', 'PublishDriftMetrics']);
    expect(statements.find((s) => s.sid === 'ReadCapturedRequests')!.resources).toEqual([`arn:aws:s3:::${BUCKET}/capture/*`]);
    expect(statements.find((s) => s.sid === 'DecryptWithDeploymentKey')!.conditions).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
    expect(host.drift).toMatchObject({ functionName: 'edge-greengrass-drift', logGroup: '/aws/lambda/edge-greengrass-drift', schedule: 'rate(1 hour)', alarmThreshold: 0.25 });
  });

  test('THEN greengrass turns the job on with capture, follows monitoring.drift, and refuses it without capture (field, value, fix)', () => {
    expect(spec().monitoring.driftDetection).toBe(true);
    expect(spec({ dataCapture: { enabled: false } }).monitoring.driftDetection).toBe(false);
    expect(planEdgeDriftJob(spec({ driftDetection: false }), 90)).toBeUndefined();
    const tuned = planEdgeDriftJob(spec({ drift: { schedule: 'rate(6 hours)', windowHours: 48, alarmThreshold: 0.4 } }), 90)!({ bucket: BUCKET, account: '1' });
    expect(tuned.drift).toMatchObject({ schedule: 'rate(6 hours)', windowHours: 48, alarmThreshold: 0.4, alarmPeriodSeconds: 21_600 });
    const p = new ProblemCollector();
    checkEdgeDrift(spec({ dataCapture: { enabled: false }, driftDetection: true }), p);
    expect(() => p.throwIfAny('edge')).toThrow(/monitoring\.driftDetection.*data capture is off.*set monitoring\.dataCapture\.enabled to true/s);
  });
});
