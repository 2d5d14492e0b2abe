/**
 * Request capture on the device: a sample of the scored rows goes to AWS IoT Core as records of the serverless
 * capture contract (features, prediction, model version, request id) plus the device; it never fails a request.
 */
import { EdgeCapture, type CloudPublisher } from '../../lib/edge-app/capture';
import { parseEdgeAppArgs } from '../../lib/edge-app/config';
import { MemoryLogger } from '../../lib/edge-app/log';
import { InMemoryPubSub } from '../../lib/edge-app/pubsub';
import { runEdgeApp } from '../../lib/edge-app/run-edge-app';
import { loadOnnxRuntimeForTests } from '../inference/support/onnx-runtime';
import { sensorModelBytes, SENSOR_FEATURES } from '../fixtures/edge/models';

const TOPIC = 'aimd/edge/capture/pump-7';
const NOW = Date.UTC(2026, 11, 3, 12);

function recording(fail = false): CloudPublisher & { sent: { topic: string; message: Readonly<Record<string, unknown>> }[] } {
  const sent: { topic: string; message: Readonly<Record<string, unknown>> }[] = [];
  return { sent, publishToCloud: async (topic, message) => { if (fail) throw new Error('not connected'); sent.push({ topic, message }); } };
}

function capture(samplingPercent: number, draws: number[], publisher: CloudPublisher, logger = new MemoryLogger()) {
  let i = 0;
  return new EdgeCapture({ settings: { topic: TOPIC, samplingPercent, deployment: 'edge', device: 'pump-7' }, publisher, logger, random: () => draws[i++ % draws.length]!, now: () => NOW });
}

const REQUEST = { id: 'r-1', rows: [[60, 2, 11, 4], [90, 9, 20, 8]], featureNames: ['t', 'v', 'c', 'p'], modelVersion: 'zscore-2026.10' };
const SCORES = [{ score: 0.5, isAnomaly: false }, { score: 7.2, isAnomaly: true }];

describe('edge request capture', () => {
  test('GIVEN 50 % sampling THEN only rows whose draw falls under it are sent, as capture records with the device', async () => {
    const publisher = recording();
    const c = capture(50, [0.2, 0.7], publisher);
    await c.capture(REQUEST, SCORES);
    expect(publisher.sent).toEqual([{ topic: TOPIC, message: {
      time: '2026-12-03T12:00:00.000Z', deployment: 'edge', modelVersion: 'zscore-2026.10', mode: 'edge', requestId: 'r-1', device: 'pump-7',
      features: { t: 60, v: 2, c: 11, p: 4 }, prediction: { score: 0.5, isAnomaly: false },
    } }]);
    expect(c.stats()).toEqual({ sent: 1, failed: 0 });
  });

  test('GIVEN 100 % THEN every row is sent; GIVEN a publish failure THEN it is logged and counted, never thrown', async () => {
    const all = recording();
    await capture(100, [0.99], all).capture(REQUEST, SCORES);
    expect(all.sent).toHaveLength(2);
    const logger = new MemoryLogger();
    const failing = capture(100, [0], recording(true), logger);
    await expect(failing.capture(REQUEST, SCORES)).resolves.toBeUndefined();
    expect(failing.stats()).toEqual({ sent: 0, failed: 2 });
    expect(logger.at('error')).toEqual(['capture publish failed', 'capture publish failed']);
  });

  test('GIVEN --capture-percent without a topic, out of range or a wildcard topic THEN the configuration names each problem', () => {
    const base = ['--model', 'm.onnx', '--threshold', '3', '--input-topic', 'i', '--output-topic', 'o', '--error-topic', 'e', '--health-topic', 'h'];
    expect(parseEdgeAppArgs([...base, '--capture-percent', '10', '--capture-topic', TOPIC, '--deployment', 'edge']).capture).toEqual({ topic: TOPIC, samplingPercent: 10, deployment: 'edge' });
    expect(parseEdgeAppArgs(base).capture).toBeUndefined();
    expect(() => parseEdgeAppArgs([...base, '--capture-percent', '10'])).toThrow(/--capture-topic.*is required when --capture-percent is above 0/s);
    expect(() => parseEdgeAppArgs([...base, '--capture-percent', '101', '--capture-topic', 'aimd/+/x'])).toThrow(/--capture-percent.*0 to 100.*--capture-topic.*wildcard/s);
  });

  test('GIVEN the app runs with capture THEN a scored request is answered and its sampled rows reach the cloud publisher', async () => {
    const pubsub = new InMemoryPubSub();
    const cloud = recording();
    const topics = { input: 'in', output: 'out', errors: 'err', health: 'health' };
    const result = await runEdgeApp({
      config: { modelPath: 'm.onnx', modelVersion: 'v1', threshold: 3, topics, healthIntervalSeconds: 0, maxBatchSize: 4, pubsub: 'greengrass', capture: { topic: TOPIC, samplingPercent: 100, deployment: 'edge' } },
      pubsub, cloud, thingName: 'pump-7', logger: new MemoryLogger(), readModel: async () => sensorModelBytes(), loadRuntime: loadOnnxRuntimeForTests, now: () => NOW,
    });
    if (!result.ok) throw new Error(result.error);
    await pubsub.deliver('in', { id: 'a', features: [62, 2.1, 11.5] });
    expect(pubsub.on('out')).toHaveLength(1);
    expect(cloud.sent.map((s) => s.message)).toEqual([expect.objectContaining({ requestId: 'a', device: 'pump-7', features: Object.fromEntries(SENSOR_FEATURES.map((f, i) => [f, [62, 2.1, 11.5][i]])) })]);
    await result.service.stop();
    await result.model.release();
  });
});
