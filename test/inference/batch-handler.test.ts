/**
 * Batch mode: one Distributed Map item (an S3 object of JSON Lines) in, one results object out, with
 * per-line errors, idempotent re-runs and failures thrown for Step Functions to retry.
 */
import { BATCH_OUTPUT_METADATA, batchOutputKey, createBatchHandler } from '../../lib/inference/batch-handler';
import { sha256Hex } from '../../lib/inference/model-loader';
import { InMemoryObjectStore } from '../../lib/inference/object-store';
import { irisClassifier, reshapeFailsAtRuntime } from '../fixtures/onnx/models';
import { createHarness } from './support/harness';

const DATA = 'scoring-data';

function batchHarness(model = irisClassifier(), store = new InMemoryObjectStore()) {
  const h = createHarness(model, { mode: 'batch', batch: { inputBucket: DATA, inputPrefix: 'input/', outputUri: `s3://${DATA}/output/` } }, store);
  return { ...h, handle: createBatchHandler(h.service) };
}

function addInput(store: InMemoryObjectStore, key: string, lines: string[]): string {
  store.putSync({ bucket: DATA, key }, `${lines.join('\n')}\n`);
  return `"etag-v${store.keys(DATA).length + 1}"`;
}

describe('batch scoring of one object', () => {
  test('GIVEN a JSON Lines object with valid and invalid rows WHEN scored THEN every line gets a prediction or its errors, in order', async () => {
    const h = batchHarness();
    h.store.putSync({ bucket: DATA, key: 'input/2025/day1.jsonl' }, [
      JSON.stringify({ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }),
      '',
      JSON.stringify([6.3, 3.3, 6.0, 2.5]),
      '{"sepal_length": "big"}',
      'not json',
    ].join('\n'));
    const result = await h.handle({ key: 'input/2025/day1.jsonl', etag: '"e1"', size: 100 });
    expect(result).toEqual({ key: 'input/2025/day1.jsonl', outputKey: 'output/2025/day1.predictions.jsonl', status: 'scored', rows: 2, invalidRows: 2 });
    const out = await h.store.get({ bucket: DATA, key: 'output/2025/day1.predictions.jsonl' });
    const lines = new TextDecoder().decode(out.body).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual([1, 3, 4, 5]);
    expect(lines[0].prediction.label).toBe(0);
    expect(lines[1].prediction.label).toBe(2);
    expect(lines[2].error).toContainEqual({ field: 'line 4.sepal_length', message: "must be a number (float32), got string 'big'" });
    expect(lines[3].error[0].message).toMatch(/is not valid JSON/);
    expect(out.metadata).toMatchObject({ [BATCH_OUTPUT_METADATA.modelSha256]: sha256Hex(irisClassifier()), [BATCH_OUTPUT_METADATA.modelVersion]: 'iris-v1' });
  });

  test('GIVEN an object already scored with the same model WHEN the run is repeated THEN it is skipped (idempotent re-run)', async () => {
    const h = batchHarness();
    addInput(h.store, 'input/a.jsonl', ['[5.1, 3.5, 1.4, 0.2]']);
    const etag = (await h.store.head({ bucket: DATA, key: 'input/a.jsonl' }))?.etag;
    const first = await h.handle({ key: 'input/a.jsonl', etag });
    const again = await h.handle({ key: 'input/a.jsonl', etag });
    expect(first.status).toBe('scored');
    expect(again).toMatchObject({ status: 'skipped', reason: 'already scored with this model' });
    expect(h.store.readsOf({ bucket: DATA, key: 'input/a.jsonl' })).toBe(1);
  });

  test('GIVEN the input object changed since the last run WHEN the run is repeated THEN it is scored again', async () => {
    const h = batchHarness();
    addInput(h.store, 'input/a.jsonl', ['[5.1, 3.5, 1.4, 0.2]']);
    await h.handle({ key: 'input/a.jsonl', etag: (await h.store.head({ bucket: DATA, key: 'input/a.jsonl' }))?.etag });
    addInput(h.store, 'input/a.jsonl', ['[6.3, 3.3, 6.0, 2.5]']);
    const rerun = await h.handle({ key: 'input/a.jsonl', etag: (await h.store.head({ bucket: DATA, key: 'input/a.jsonl' }))?.etag });
    expect(rerun.status).toBe('scored');
  });

  test('GIVEN a folder marker key WHEN listed by the map THEN it is skipped without reading', async () => {
    const h = batchHarness();
    await expect(h.handle({ key: 'input/2025/' })).resolves.toMatchObject({ status: 'skipped', reason: 'folder marker' });
  });

  test('GIVEN a model that fails WHEN an item is scored THEN the handler throws ModelExecutionError for Step Functions to retry and record', async () => {
    const h = batchHarness(reshapeFailsAtRuntime());
    addInput(h.store, 'input/b.jsonl', ['[1, 2]']);
    await expect(h.handle({ key: 'input/b.jsonl' })).rejects.toMatchObject({ name: 'ModelExecutionError' });
    expect(h.store.keys(DATA, 'output/')).toEqual([]);
    expect(h.metrics().find((m) => m.ModelErrors === 1)).toBeDefined();
  });

  test('GIVEN an item outside the input prefix or with unknown fields WHEN invoked THEN it is rejected with the field named', async () => {
    const h = batchHarness();
    await expect(h.handle({ key: 'elsewhere/x.jsonl' })).rejects.toThrow(/key must be under the input prefix 'input\/'/);
    await expect(h.handle({ Key: 'input/x.jsonl' })).rejects.toMatchObject({ name: 'InvalidInputError', problems: expect.arrayContaining([{ field: 'Key', message: expect.stringMatching(/not a batch item field/) }]) });
  });

  test.each([
    ['input/a.jsonl', 'output/a.predictions.jsonl'],
    ['input/x/y.json', 'output/x/y.predictions.jsonl'],
    ['input/raw.csv', 'output/raw.csv.predictions.jsonl'],
  ])('GIVEN input key %s WHEN mapped THEN results go to %s', (key, expected) => {
    expect(batchOutputKey(key, 'input/', 'output/')).toBe(expected);
  });
});
