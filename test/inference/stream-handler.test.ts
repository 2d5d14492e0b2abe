/**
 * Event-driven mode: Kinesis and SQS batches with partial batch failure reporting. Invalid records are
 * published as rejected results (retrying cannot fix them); transient failures are reported in
 * `batchItemFailures` so that only those records are retried.
 */
import { InMemoryResultSink } from '../../lib/inference/result-sink';
import { createStreamHandler, type KinesisStreamRecord, type SqsRecord } from '../../lib/inference/stream-handler';
import { irisClassifier, reshapeFailsAtRuntime } from '../fixtures/onnx/models';
import { sha256Hex } from '../../lib/inference/model-loader';
import { createHarness } from './support/harness';

const SETOSA = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 };

function kinesis(sequenceNumber: string, payload: unknown): KinesisStreamRecord {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return { eventSource: 'aws:kinesis', kinesis: { sequenceNumber, partitionKey: `pk-${sequenceNumber}`, data: Buffer.from(text).toString('base64') } };
}

function sqs(messageId: string, payload: unknown): SqsRecord {
  return { eventSource: 'aws:sqs', messageId, body: JSON.stringify(payload) };
}

function streamHarness(model = irisClassifier(), sink = new InMemoryResultSink(), overrides = {}) {
  const h = createHarness(model, { mode: 'stream', sink: { kind: 'kinesis', target: 'results' }, ...overrides });
  return { ...h, sink, handle: createStreamHandler(h.service, sink) };
}

describe('stream batches', () => {
  test('GIVEN a Kinesis batch of valid records WHEN processed THEN every result is published with its id and no failures are reported', async () => {
    const h = streamHarness();
    const response = await h.handle({ Records: [kinesis('1', { id: 'a', instance: SETOSA }), kinesis('2', { instance: [6.3, 3.3, 6.0, 2.5] })] });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(h.sink.published.map((r) => [r.id, r.partitionKey, r.payload.status])).toEqual([['a', 'pk-1', 'scored'], ['2', 'pk-2', 'scored']]);
    expect(h.sink.published[1].payload).toMatchObject({ modelVersion: 'iris-v1', prediction: { label: 2 } });
  });

  test('GIVEN invalid records in the batch WHEN processed THEN they are published as rejected with the field named, and not retried', async () => {
    const h = streamHarness();
    const response = await h.handle({ Records: [kinesis('1', { instance: { ...SETOSA, petal_width: '0.2' } }), kinesis('2', 'oops'), kinesis('3', { id: 'c', instance: SETOSA, extra: 1 })] });
    expect(response.batchItemFailures).toEqual([]);
    const rejected = h.sink.published.filter((r) => r.payload.status === 'rejected');
    expect(rejected).toHaveLength(3);
    expect(JSON.stringify(rejected[0].payload)).toContain('instance.petal_width');
    expect(JSON.stringify(rejected[2].payload)).toContain('"field":"extra"');
  });

  test('GIVEN the sink rejects one result WHEN processed THEN only that record is reported by its sequence number', async () => {
    const h = streamHarness(irisClassifier(), new InMemoryResultSink(new Set(['b'])));
    const response = await h.handle({ Records: [kinesis('100', { id: 'a', instance: SETOSA }), kinesis('101', { id: 'b', instance: SETOSA }), kinesis('102', { id: 'c', instance: SETOSA })] });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }] });
  });

  test('GIVEN a model that fails WHEN a batch is processed THEN every scored record is reported for retry (bisect-on-error narrows it down)', async () => {
    const h = streamHarness(reshapeFailsAtRuntime());
    const response = await h.handle({ Records: [kinesis('7', { instance: [1, 2] }), kinesis('8', { instance: [3, 4] }), kinesis('9', { instance: 'bad' })] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '7' }, { itemIdentifier: '8' }]);
    expect(h.sink.published.map((r) => r.payload.status)).toEqual(['rejected']);
    expect(h.metrics().find((m) => m.ModelErrors === 2)).toBeDefined();
  });

  test('GIVEN the model cannot be loaded WHEN a batch arrives THEN the whole batch is reported as failed', async () => {
    const h = streamHarness(irisClassifier(), new InMemoryResultSink(), { modelSha256: sha256Hex(new Uint8Array([1])) });
    const response = await h.handle({ Records: [sqs('m1', { instance: SETOSA }), sqs('m2', { instance: SETOSA })] });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }] });
  });

  test('GIVEN an SQS batch WHEN a result cannot be published THEN the failure names the message id', async () => {
    const h = streamHarness(irisClassifier(), new InMemoryResultSink(new Set(['m2'])));
    const response = await h.handle({ Records: [sqs('m1', { instance: SETOSA }), sqs('m2', { instance: SETOSA })] });
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(h.sink.published[0].payload).toMatchObject({ id: 'm1', status: 'scored' });
  });

  test('GIVEN 5 records and MICRO_BATCH_ROWS=2 WHEN processed THEN all are scored and BatchSize=5 is emitted', async () => {
    const h = streamHarness(irisClassifier(), new InMemoryResultSink(), { microBatchRows: 2 });
    await h.handle({ Records: Array.from({ length: 5 }, (_, i) => kinesis(String(i), { instance: SETOSA })) });
    expect(h.sink.published).toHaveLength(5);
    expect(h.metrics().find((m) => m.BatchSize === 5)).toMatchObject({ InvalidInputs: 0, ModelErrors: 0 });
  });
});
