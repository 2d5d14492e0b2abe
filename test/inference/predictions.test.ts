/**
 * The handler scores real ONNX models (hand-encoded, run by ONNX Runtime Web) and returns the outputs the
 * model defines, checked against reference implementations computed by hand.
 */
import { createHttpHandler } from '../../lib/inference/http-handler';
import {
  IRIS_FEATURES, binaryLogistic, fixedBatchDoubler, irisClassifier, irisReference, perColumnInputs, treeClassifier, xorMlp, xorReference,
} from '../fixtures/onnx/models';
import { createHarness, post } from './support/harness';

async function predict(model: Uint8Array, instances: unknown[], overrides = {}) {
  const h = createHarness(model, overrides);
  const response = (await createHttpHandler(h.service)(post({ instances }), { awsRequestId: 'r' })) as { statusCode: number; body: string };
  return { ...h, status: response.statusCode, body: JSON.parse(response.body) as { predictions: Record<string, unknown>[]; modelVersion: string } };
}

const IRIS_ROWS = [
  [5.1, 3.5, 1.4, 0.2], // setosa-like
  [6.0, 2.9, 4.5, 1.5], // versicolor-like
  [6.3, 3.3, 6.0, 2.5], // virginica-like
];

describe('predictions on real ONNX models', () => {
  test('GIVEN a logistic-regression iris classifier WHEN rows are objects keyed by feature name THEN labels and probabilities match the reference', async () => {
    const rows = IRIS_ROWS.map((r) => Object.fromEntries(IRIS_FEATURES.map((f, i) => [f, r[i]])));
    const { status, body } = await predict(irisClassifier(), rows);
    expect(status).toBe(200);
    expect(body.modelVersion).toBe('iris-v1');
    expect(body.predictions.map((p) => p.label)).toEqual([0, 1, 2]);
    body.predictions.forEach((p, i) => {
      const expected = irisReference(IRIS_ROWS[i]);
      (p.probabilities as number[]).forEach((v, c) => expect(v).toBeCloseTo(expected.probabilities[c], 5));
    });
  });

  test('GIVEN the iris classifier WHEN rows are arrays in feature order THEN the result equals the keyed form', async () => {
    const keyed = await predict(irisClassifier(), IRIS_ROWS.map((r) => Object.fromEntries(IRIS_FEATURES.map((f, i) => [f, r[i]]))));
    const arrays = await predict(irisClassifier(), IRIS_ROWS);
    expect(arrays.body.predictions).toEqual(keyed.body.predictions);
  });

  test('GIVEN a binary logistic regression WHEN scored THEN p = sigmoid(x1 - x2 + 0.5)', async () => {
    const { body } = await predict(binaryLogistic(), [[1, 2], [3, 0]]);
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    expect((body.predictions[0].probability as number[])[0]).toBeCloseTo(sigmoid(-0.5), 6);
    expect((body.predictions[1].probability as number[])[0]).toBeCloseTo(sigmoid(3.5), 6);
  });

  test('GIVEN a two-layer perceptron WHEN scored on the XOR truth table and other points THEN it matches the hand-computed network', async () => {
    const points = [[0, 0], [0, 1], [1, 0], [1, 1], [0.25, 0.5], [2, 3]];
    const { body } = await predict(xorMlp(), points);
    expect(body.predictions.slice(0, 4).map((p) => (p.y as number[])[0])).toEqual([0, 1, 1, 0]);
    points.forEach(([a, b], i) => expect((body.predictions[i].y as number[])[0]).toBeCloseTo(xorReference(a, b), 6));
  });

  test('GIVEN an ai.onnx.ml TreeEnsembleClassifier WHEN rows fall into each leaf THEN each gets its leaf class and probabilities', async () => {
    const { body } = await predict(treeClassifier(), [[0.2, 5], [0.9, 1], [0.9, 3]]);
    expect(body.predictions.map((p) => p.label)).toEqual([0, 1, 2]);
    expect((body.predictions[2].probabilities as number[])[2]).toBeCloseTo(0.9, 6);
  });

  test('GIVEN a model with one input per column (float and int64) WHEN rows give scalars per input THEN score = 0.1·age + 2·visits', async () => {
    const { body } = await predict(perColumnInputs(), [{ age: 40, visits: 3 }, { age: [20], visits: [0] }]);
    expect(body.predictions.map((p) => (p.score as number[])[0])).toEqual([10, 2]);
  });
});

describe('micro-batching', () => {
  test('GIVEN 10 rows and MICRO_BATCH_ROWS=3 WHEN scored THEN 4 runtime calls return the same predictions, in order, as one call', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [i / 10, 1 - i / 10]);
    const batched = await predict(xorMlp(), rows, { microBatchRows: 3 });
    const single = await predict(xorMlp(), rows, { microBatchRows: 64 });
    expect(batched.body.predictions).toEqual(single.body.predictions);
    const record = batched.metrics().find((m) => 'MicroBatches' in m);
    expect(record).toMatchObject({ MicroBatches: 4, BatchSize: 10 });
  });

  test('GIVEN a model exported with a fixed batch of 1 WHEN three rows are sent THEN each is scored alone and all come back', async () => {
    const { body, metrics } = await predict(fixedBatchDoubler(), [[1, 2, 3], [4, 5, 6], [0, 0, 1]]);
    expect(body.predictions.map((p) => p.y)).toEqual([[2, 4, 6], [8, 10, 12], [0, 0, 2]]);
    expect(metrics().find((m) => 'MicroBatches' in m)).toMatchObject({ MicroBatches: 3 });
  });
});
