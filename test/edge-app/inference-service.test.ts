/**
 * The edge inference app on a real ONNX model (ONNX Runtime Web), fed through the in-memory pub/sub the
 * way Greengrass IPC would feed it: every request gets exactly one answer, bad input gets a clear error,
 * and nothing a sender does can stop the service.
 */
import type { EdgeAppConfig } from '../../lib/edge-app/config';
import { MemoryLogger } from '../../lib/edge-app/log';
import { InMemoryPubSub } from '../../lib/edge-app/pubsub';
import { runEdgeApp, RunEdgeAppResult } from '../../lib/edge-app/run-edge-app';
import { loadOnnxRuntimeForTests } from '../inference/support/onnx-runtime';
import { CORRUPT_MODEL_BYTES, expectedScore, sensorModelBytes, SENSOR_FEATURES, wrongInterfaceModelBytes } from '../fixtures/edge/models';

const TOPICS = { input: 'sensors/readings', output: 'sensors/anomaly', errors: 'sensors/anomaly/errors', health: 'sensors/anomaly/health' };

function config(overrides: Partial<EdgeAppConfig> = {}): EdgeAppConfig {
  return { modelPath: '/greengrass/model.onnx', modelVersion: 'test-v1', threshold: 3, topics: TOPICS, healthIntervalSeconds: 0, maxBatchSize: 4, pubsub: 'greengrass', ...overrides };
}

async function start(bytes: Uint8Array, overrides: Partial<EdgeAppConfig> = {}) {
  const pubsub = new InMemoryPubSub();
  const logger = new MemoryLogger();
  const result = await runEdgeApp({ config: config(overrides), pubsub, logger, readModel: async () => bytes, loadRuntime: loadOnnxRuntimeForTests, now: () => Date.UTC(2026, 10, 24) });
  return { pubsub, logger, result };
}

function started(result: RunEdgeAppResult) {
  if (!result.ok) throw new Error(`app did not start: ${result.error}`);
  return result;
}

describe('edge inference app on a real ONNX model', () => {
  let app: Awaited<ReturnType<typeof start>>;
  beforeEach(async () => {
    app = await start(sensorModelBytes());
  });
  afterEach(async () => {
    if (app.result.ok) {
      await app.result.service.stop();
      await app.result.model.release();
    }
  });

  test('GIVEN the app starts THEN it subscribes to the input topic and reports healthy with the feature names', () => {
    const { service } = started(app.result);
    expect(app.pubsub.subscriberCount(TOPICS.input)).toBe(1);
    expect(app.pubsub.on(TOPICS.health)).toEqual([expect.objectContaining({ status: 'healthy', modelVersion: 'test-v1', processed: 0, failed: 0 })]);
    expect(service.stats()).toEqual({ processed: 0, failed: 0, pending: 0 });
  });

  test('GIVEN a normal and an abnormal reading WHEN they arrive as features THEN the results carry the z-score and the verdict', async () => {
    const normal = [61, 2.1, 10.5];
    const hot = [80, 2, 10]; // temperature 4 standard deviations above the mean
    await app.pubsub.deliver(TOPICS.input, JSON.stringify({ id: 'r-1', features: [normal, hot] }));
    const [result] = app.pubsub.on(TOPICS.output);
    expect(result).toMatchObject({ id: 'r-1', modelVersion: 'test-v1', threshold: 3 });
    const results = result!.results as { score: number; isAnomaly: boolean }[];
    expect(results[0]!.score).toBeCloseTo(expectedScore(normal), 5);
    expect(results[0]!.isAnomaly).toBe(false);
    expect(results[1]!.score).toBeCloseTo(4, 5);
    expect(results[1]!.isAnomaly).toBe(true);
    expect(app.pubsub.on(TOPICS.errors)).toEqual([]);
  });

  test('GIVEN readings by feature name, as a JSON IPC message THEN they are scored in model order', async () => {
    await app.pubsub.deliver(TOPICS.input, { id: 7, readings: { current_a: 18, vibration_mm_s: 2, temperature_c: 60 } });
    const [result] = app.pubsub.on(TOPICS.output);
    expect(result).toMatchObject({ id: '7', results: [{ isAnomaly: true }] });
    expect((result!.results as { score: number }[])[0]!.score).toBeCloseTo(4, 5);
  });

  test('GIVEN a higher threshold in the configuration THEN the same reading is not an anomaly', async () => {
    const lenient = await start(sensorModelBytes(), { threshold: 5 });
    await lenient.pubsub.deliver(TOPICS.input, JSON.stringify({ features: [80, 2, 10] }));
    expect(lenient.pubsub.on(TOPICS.output)[0]).toMatchObject({ threshold: 5, results: [{ isAnomaly: false }] });
    await started(lenient.result).service.stop();
  });

  test.each([
    ['not JSON', '{"features": [1, 2', 'invalid-json', /not UTF-8 JSON/],
    ['a JSON list instead of an object', '[1, 2, 3]', 'invalid-request', /a list; send a JSON object/],
    ['neither features nor readings', '{"values": [1, 2, 3]}', 'invalid-request', /neither "features" nor "readings"/],
    ['too few features', '{"id": "short", "features": [1, 2]}', 'wrong-feature-count', /features\[0\] has 2 value\(s\); the model expects 3 \(temperature_c, vibration_mm_s, current_a\)/],
    ['a string feature', '{"features": [60, "2.0", 10]}', 'non-finite-value', /features\[0\]\[1\] \(vibration_mm_s\) is the string "2.0"/],
    ['a null feature', '{"features": [[60, 2, 10], [60, null, 10]]}', 'non-finite-value', /features\[1\]\[1\] \(vibration_mm_s\) is null/],
    ['an empty batch', '{"features": []}', 'empty-batch', /empty list/],
    ['a batch above maxBatchSize', JSON.stringify({ features: Array.from({ length: 5 }, () => [60, 2, 10]) }), 'batch-too-large', /5 readings; at most 4/],
    ['an unknown reading', '{"readings": {"temperature_c": 60, "vibration_mm_s": 2, "current_a": 10, "pressure": 1}}', 'unknown-reading', /unknown reading\(s\) pressure/],
    ['a missing reading', '{"readings": {"temperature_c": 60}}', 'missing-reading', /lacks vibration_mm_s, current_a/],
  ])('GIVEN %s THEN one clear error is published and no result', async (_case, body, code, message) => {
    await app.pubsub.deliver(TOPICS.input, body);
    const errors = app.pubsub.on(TOPICS.errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code, modelVersion: 'test-v1' });
    expect(errors[0]!.message).toMatch(message);
    expect(app.pubsub.on(TOPICS.output)).toEqual([]);
  });

  test('GIVEN a stream of bad messages THEN the service keeps serving good ones and counts both (no crash loop)', async () => {
    const binaryGarbage = new Uint8Array([0xff, 0xfe, 0x00, 0x01]);
    await app.pubsub.deliver(TOPICS.input, binaryGarbage);
    await app.pubsub.deliver(TOPICS.input, '{"features": "hot"}');
    await app.pubsub.deliver(TOPICS.input, JSON.stringify({ id: 'after', features: [60, 2, 10] }));
    expect(app.pubsub.on(TOPICS.errors).map((e) => e.code)).toEqual(['invalid-json', 'invalid-request']);
    expect(app.pubsub.on(TOPICS.output)).toEqual([expect.objectContaining({ id: 'after', results: [{ score: 0, isAnomaly: false }] })]);
    const { service } = started(app.result);
    expect(service.stats()).toMatchObject({ processed: 1, failed: 2, lastError: expect.stringMatching(/^invalid-request:/) });
    await service.publishHealth('healthy');
    expect(app.pubsub.on(TOPICS.health).at(-1)).toMatchObject({ status: 'healthy', processed: 1, failed: 2, lastError: expect.stringMatching(/invalid-request/) });
    expect(app.logger.at('warn')).toEqual(['request rejected', 'request rejected']);
  });

  test('GIVEN the pub/sub fails to publish THEN the failure is logged and the handler still resolves', async () => {
    const publish = jest.spyOn(app.pubsub, 'publish').mockRejectedValueOnce(new Error('IPC connection reset'));
    await expect(app.pubsub.deliver(TOPICS.input, JSON.stringify({ features: [60, 2, 10] }))).resolves.toBeUndefined();
    expect(app.logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'publish failed', fields: { topic: TOPICS.output, error: 'IPC connection reset' } }));
    publish.mockRestore();
  });

  test('GIVEN the app stops THEN it unsubscribes and reports stopping', async () => {
    const { service } = started(app.result);
    await service.stop();
    expect(app.pubsub.subscriberCount(TOPICS.input)).toBe(0);
    expect(app.pubsub.on(TOPICS.health).at(-1)).toMatchObject({ status: 'stopping' });
  });
});

describe('edge inference app with a model it cannot use', () => {
  test.each([
    ['bytes that are not ONNX', CORRUPT_MODEL_BYTES, /not a loadable ONNX model/],
    ['an ONNX model with other inputs and outputs', wrongInterfaceModelBytes(), /input 'features' must be float32 \[batch, n\].*input 'threshold'.*output 'score' is missing/],
  ])('GIVEN %s THEN start fails, health says model-load-failed and nothing subscribes', async (_case, bytes, reason) => {
    const { pubsub, logger, result } = await start(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(reason);
    expect(pubsub.on(TOPICS.health)).toEqual([expect.objectContaining({ status: 'model-load-failed', lastError: expect.stringMatching(reason) })]);
    expect(pubsub.subscriberCount(TOPICS.input)).toBe(0);
    expect(logger.at('error')).toEqual(['model load failed; exiting so the deployment rolls back']);
  });
});

test('GIVEN the anomaly model THEN its metadata names the features the app reports', async () => {
  const { result } = await start(sensorModelBytes());
  const { model, service } = started(result);
  expect(model.featureNames).toEqual([...SENSOR_FEATURES]);
  await service.stop();
});
