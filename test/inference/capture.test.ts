/**
 * Request capture: a sample of scored rows (allowed features + prediction) written as JSON Lines under
 * capture/<yyyy>/<mm>/<dd>/<hh>/ of the data bucket, in every mode, without ever failing a request.
 */
import fc from 'fast-check';
import { captureFeatures, captureKey, capturePrediction, RequestCapture, type CaptureRecord } from '../../lib/inference/capture';
import { createBatchHandler } from '../../lib/inference/batch-handler';
import { handlerEnvironment, readHandlerConfig } from '../../lib/inference/config';
import { HandlerConfigurationError } from '../../lib/inference/errors';
import { createHttpHandler } from '../../lib/inference/http-handler';
import type { InputSchema } from '../../lib/inference/input-schema';
import { InMemoryObjectStore, type ObjectLocation, type PutObjectOptions } from '../../lib/inference/object-store';
import { InMemoryResultSink } from '../../lib/inference/result-sink';
import { createStreamHandler } from '../../lib/inference/stream-handler';
import { irisClassifier, perColumnInputs } from '../fixtures/onnx/models';
import { createHarness, post } from './support/harness';

const SETOSA = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 };
const DATA = 'iris-data-bucket';
const NOW = new Date('2026-12-02T23:45:10.000Z');
const capture = (samplingPercent: number, fields?: string[]) => ({ capture: { uri: `s3://${DATA}/capture/`, samplingPercent, fields } });

async function captured(store: InMemoryObjectStore): Promise<CaptureRecord[]> {
  const texts = await Promise.all(store.keys(DATA, 'capture/').map(async (key) => new TextDecoder().decode((await store.get({ bucket: DATA, key })).body)));
  return texts.flatMap((text) => text.trim().split('\n').map((line) => JSON.parse(line) as CaptureRecord));
}

describe('the capture record', () => {
  const iris: InputSchema = { inputs: [{ name: 'input', type: 'float32', rowShape: [4], rowSize: 4 }], featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'] };
  const mixed: InputSchema = { inputs: [{ name: 'age', type: 'float32', rowShape: [1], rowSize: 1 }, { name: 'comment', type: 'string', rowShape: [1], rowSize: 1 }, { name: 'emb', type: 'float32', rowShape: [2], rowSize: 2 }] };

  test('GIVEN a model with feature_names THEN each value is captured under its feature name', () => {
    expect(captureFeatures(iris, { input: [5.1, 3.5, 1.4, 0.2] })).toEqual(SETOSA);
  });

  test('GIVEN a string input and no allow-list THEN the free text is never captured', () => {
    expect(captureFeatures(mixed, { age: [42], comment: ['call me at 555-0100'], emb: [0.1, 0.2] })).toEqual({ age: 42, 'emb[0]': 0.1, 'emb[1]': 0.2 });
  });

  test('GIVEN an allow-list THEN only those fields are captured, string ones included', () => {
    expect(captureFeatures(mixed, { age: [42], comment: ['DE'], emb: [0.1, 0.2] }, ['comment'])).toEqual({ comment: 'DE' });
  });

  test('predictions: scalars kept, short vectors flattened, long or nested outputs left out', () => {
    expect(capturePrediction({ label: 2, probabilities: [0.1, 0.9], embedding: new Array(64).fill(0), grid: [[1, 2]] }))
      .toEqual({ label: 2, 'probabilities[0]': 0.1, 'probabilities[1]': 0.9 });
  });

  test('keys are partitioned by UTC hour', () => {
    expect(captureKey('capture/', NOW, 'req/42')).toBe('capture/2026/12/02/23/req-42.jsonl');
  });

  test('PROPERTY: about samplingPercent % of rows are sampled (binomial, ±5 standard deviations)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.integer(), (percent, seed) => {
      let state = seed >>> 0;
      const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
      const c = new RequestCapture({ config: { samplingPercent: percent, location: { bucket: DATA, key: 'capture/' } }, store: new InMemoryObjectStore(), deployment: 'd', modelVersion: 'v', mode: 'batch', random });
      const n = 2000;
      const rows = new Array(n).fill({ input: [1, 2, 3, 4] });
      const kept = c.sample(iris, rows, rows.map(() => ({ label: 1 })), 'r').length;
      const p = percent / 100;
      return Math.abs(kept - n * p) <= 5 * Math.sqrt(n * p * (1 - p)) + 1;
    }), { numRuns: 40 });
  });
});

describe('capture in the handlers', () => {
  test('GIVEN 100 % sampling WHEN an HTTP request is scored THEN one JSONL object holds a record per row', async () => {
    const h = createHarness(irisClassifier(), capture(100), undefined, { now: () => NOW });
    const response = await createHttpHandler(h.service)(post({ instances: [SETOSA, [6.3, 3.3, 6.0, 2.5]] }) as never, { awsRequestId: 'req-7' }) as { statusCode: number };
    expect(response.statusCode).toBe(200);
    expect(h.store.keys(DATA, 'capture/')).toEqual(['capture/2026/12/02/23/req-7-1.jsonl']);
    const records = await captured(h.store);
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({ time: NOW.toISOString(), deployment: 'iris', modelVersion: 'iris-v1', mode: 'http', requestId: 'req-7', features: SETOSA, prediction: expect.objectContaining({ label: 0 }) });
  });

  test('GIVEN sampling that draws nothing THEN nothing is written', async () => {
    const h = createHarness(irisClassifier(), capture(1), undefined, { random: () => 0.5 });
    await createHttpHandler(h.service)(post({ instances: [SETOSA] }) as never, {});
    expect(h.store.keys(DATA, 'capture/')).toEqual([]);
  });

  test('GIVEN the capture write fails THEN the request is still served and the failure is logged and counted', async () => {
    class FailingPuts extends InMemoryObjectStore {
      async put(location: ObjectLocation, body: Uint8Array | string, options: PutObjectOptions): Promise<void> {
        if (location.key.startsWith('capture/')) throw new Error('AccessDenied');
        return super.put(location, body, options);
      }
    }
    const h = createHarness(irisClassifier(), capture(100), new FailingPuts());
    const response = await createHttpHandler(h.service)(post({ instances: [SETOSA] }) as never, {}) as { statusCode: number };
    expect(response.statusCode).toBe(200);
    expect(h.lines.find((l) => l.message === 'request capture failed; the request itself was served')).toBeDefined();
    expect(h.metrics().some((m) => m.CaptureErrors === 1)).toBe(true);
  });

  test('GIVEN a batch item THEN its scored rows are captured with mode batch', async () => {
    const store = new InMemoryObjectStore();
    store.putSync({ bucket: DATA, key: 'input/a.jsonl' }, `${JSON.stringify({ age: 30, visits: 2 })}\n${JSON.stringify({ age: 'x', visits: 1 })}\n`);
    const h = createHarness(perColumnInputs(), { mode: 'batch', batch: { inputBucket: DATA, inputPrefix: 'input/', outputUri: `s3://${DATA}/output/` }, ...capture(100) }, store);
    await createBatchHandler(h.service)({ key: 'input/a.jsonl' }, { awsRequestId: 'item-1' });
    const records = await captured(h.store);
    expect(records.map((r) => [r.mode, r.features])).toEqual([['batch', { age: 30, visits: 2 }]]);
  });

  test('GIVEN a stream batch THEN the scored records are captured once per invocation', async () => {
    const h = createHarness(irisClassifier(), { mode: 'stream', sink: { kind: 'kinesis', target: 'results' }, ...capture(100) });
    const record = (n: string) => ({ eventSource: 'aws:kinesis' as const, kinesis: { sequenceNumber: n, partitionKey: n, data: Buffer.from(JSON.stringify({ instance: SETOSA })).toString('base64') } });
    await createStreamHandler(h.service, new InMemoryResultSink())({ Records: [record('1'), record('2')] }, { awsRequestId: 'batch-1' });
    expect(h.store.keys(DATA, 'capture/')).toHaveLength(1);
    expect((await captured(h.store)).map((r) => r.mode)).toEqual(['stream', 'stream']);
  });
});

describe('capture configuration', () => {
  const base = { mode: 'http' as const, modelUri: 's3://models-bucket/m.onnx', serviceName: 'iris' };

  test('the environment round-trips, allow-list included', () => {
    const config = readHandlerConfig(handlerEnvironment({ ...base, capture: { uri: `s3://${DATA}/capture/`, samplingPercent: 20, fields: ['a', 'b'] } }));
    expect(config.capture).toEqual({ location: { scheme: 's3', bucket: DATA, key: 'capture/' }, samplingPercent: 20, fields: ['a', 'b'] });
    expect(readHandlerConfig(handlerEnvironment(base)).capture).toBeUndefined();
  });

  test('GIVEN a key that is not a prefix and a rate above 100 THEN both are reported', () => {
    const env = { ...handlerEnvironment(base), CAPTURE_URI: `s3://${DATA}/capture`, CAPTURE_SAMPLING_PERCENT: '150' };
    expect(() => readHandlerConfig(env)).toThrow(HandlerConfigurationError);
    expect(() => readHandlerConfig(env)).toThrow(/CAPTURE_URI[\s\S]*prefix ending in '\/'[\s\S]*CAPTURE_SAMPLING_PERCENT[\s\S]*1 to 100/);
  });
});
