/**
 * The real-time handler's contract: 400 naming every offending field for bad input (nothing coerced),
 * 500 without internals when the model fails, GET describes the schema, direct invocations throw.
 */
import { InvalidInputError } from '../../lib/inference/errors';
import { createHttpHandler } from '../../lib/inference/http-handler';
import { irisClassifier, perColumnInputs, reshapeFailsAtRuntime } from '../fixtures/onnx/models';
import { createHarness, post } from './support/harness';

interface ErrorBody {
  error: { code: string; message: string; problems?: { field: string; message: string }[] };
  requestId: string;
}

const SETOSA = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 };

async function call(model: Uint8Array, event: unknown, overrides = {}) {
  const h = createHarness(model, overrides);
  const response = (await createHttpHandler(h.service)(event as never, { awsRequestId: 'req-42' })) as { statusCode: number; body: string; headers: Record<string, string> };
  return { ...h, response, status: response.statusCode, body: JSON.parse(response.body) as ErrorBody & Record<string, unknown> };
}

function fields(body: ErrorBody): string[] {
  return (body.error.problems ?? []).map((p) => p.field);
}

describe('400: input that does not match the model schema', () => {
  test.each([
    ['a string where a float32 is declared', { ...SETOSA, sepal_length: '5.1' }, 'instances[0].sepal_length', /must be a number \(float32\), got string '5.1'/],
    ['a missing feature', { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4 }, 'instances[0].petal_width', /is required/],
    ['an unknown feature', { ...SETOSA, colour: 1 }, 'instances[0].colour', /is not a feature of this model \(expected: sepal_length/],
    ['a null feature', { ...SETOSA, petal_width: null }, 'instances[0].petal_width', /got null/],
    ['a boolean feature', { ...SETOSA, petal_width: true }, 'instances[0].petal_width', /got boolean true/],
    ['an array row of the wrong length', [5.1, 3.5, 1.4], 'instances[0]', /must be an array of 4 float32/],
    ['a scalar row', 5.1, 'instances[0]', /must be an object with sepal_length/],
  ])('GIVEN %s WHEN posted THEN 400 names the field', async (_case, row, field, message) => {
    const { status, body } = await call(irisClassifier(), post({ instances: [row] }));
    expect(status).toBe(400);
    expect(body.error.code).toBe('INVALID_INPUT');
    const problem = body.error.problems?.find((p) => p.field === field);
    expect(problem?.message).toMatch(message);
    expect(body.error.message).toContain(field);
  });

  test('GIVEN an int64 input WHEN a fractional number is sent THEN 400 (never truncated)', async () => {
    const { status, body } = await call(perColumnInputs(), post({ instances: [{ age: 30, visits: 1.5 }] }));
    expect(status).toBe(400);
    expect(body.error.problems).toEqual([{ field: 'instances[0].visits', message: 'must be an integer within ±2^53 (int64), got number 1.5' }]);
  });

  test('GIVEN several bad rows WHEN posted THEN every problem is listed at once', async () => {
    const { body } = await call(irisClassifier(), post({ instances: [SETOSA, { ...SETOSA, petal_length: 'x' }, { sepal_length: 1 }] }));
    expect(fields(body)).toEqual(expect.arrayContaining(['instances[1].petal_length', 'instances[2].sepal_width', 'instances[2].petal_length', 'instances[2].petal_width']));
  });

  test.each([
    ['the body is not JSON', post('{"instances": [1,'), 'body', /is not valid JSON/],
    ['the body is missing', { ...post(''), body: undefined }, 'body', /is required/],
    ['the body is a JSON array', post([SETOSA]), 'body', /must be a JSON object/],
    ['instances is missing', post({ rows: [SETOSA] }), 'instances', /is required/],
    ['instances is empty', post({ instances: [] }), 'instances', /at least one row/],
    ['the content type is a form', post({ instances: [SETOSA] }, { 'Content-Type': 'application/x-www-form-urlencoded' }), 'headers.content-type', /must be application\/json/],
  ])('GIVEN %s WHEN posted THEN 400 names the field', async (_case, event, field, message) => {
    const { status, body } = await call(irisClassifier(), event);
    expect(status).toBe(400);
    expect(body.error.problems?.find((p) => p.field === field)?.message).toMatch(message);
  });

  test('GIVEN an unknown top-level field WHEN posted THEN it is reported, not ignored', async () => {
    const { body } = await call(irisClassifier(), post({ instances: [SETOSA], threshold: 0.3 }));
    expect(body.error.problems).toContainEqual({ field: 'threshold', message: 'is not a request field (expected: instances)' });
  });

  test('GIVEN MAX_PAYLOAD_BYTES=200 WHEN a larger body is posted THEN 400 names the body and its size before parsing', async () => {
    const big = post({ instances: Array.from({ length: 10 }, () => SETOSA) });
    const { status, body } = await call(irisClassifier(), big, { maxPayloadBytes: 200 });
    expect(status).toBe(400);
    expect(body.error.problems?.[0]).toEqual({ field: 'body', message: `is ${Buffer.byteLength(big.body)} bytes; the limit is 200 bytes (split the request into smaller batches)` });
  });

  test('GIVEN MAX_ROWS=2 WHEN three rows are posted THEN 400 names instances', async () => {
    const { body } = await call(irisClassifier(), post({ instances: [SETOSA, SETOSA, SETOSA] }), { maxRows: 2 });
    expect(body.error.problems?.[0].field).toBe('instances');
    expect(body.error.problems?.[0].message).toMatch(/has 3 rows; at most 2/);
  });

  test('GIVEN a base64-encoded body (function URL) WHEN valid THEN it is decoded and scored', async () => {
    const event = { ...post(''), body: Buffer.from(JSON.stringify({ instances: [SETOSA] })).toString('base64'), isBase64Encoded: true };
    const { status } = await call(irisClassifier(), event);
    expect(status).toBe(200);
  });
});

describe('500: the model fails', () => {
  test('GIVEN a model that fails at run time WHEN scored THEN 500 with a generic message and the details only in the logs', async () => {
    const { status, body, response, lines, metrics } = await call(reshapeFailsAtRuntime(), post({ instances: [[1, 2]] }));
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: 'INTERNAL', message: expect.stringContaining('could not score') }, requestId: 'req-42' });
    expect(response.body).not.toMatch(/Reshape|ONNX|onnxruntime|stack|\.ts:/i);
    const logged = lines.find((l) => l.message === 'inference failed');
    expect(logged).toMatchObject({ level: 'error', requestId: 'req-42', errorName: 'ModelExecutionError' });
    expect(String(logged?.errorMessage)).toMatch(/ONNX Runtime failed to score 1 rows/);
    expect(metrics().find((m) => m.ModelErrors === 1)).toBeDefined();
  });

  test('GIVEN bytes that are not an ONNX model WHEN the first request arrives THEN 500 without internals', async () => {
    const { status, response } = await call(new TextEncoder().encode('definitely not protobuf'), post({ instances: [[1]] }));
    expect(status).toBe(500);
    expect(response.body).not.toMatch(/protobuf|ONNX/i);
  });
});

describe('methods and invocation styles', () => {
  test('GIVEN a GET WHEN called THEN the input schema and model version are described', async () => {
    const event = { requestContext: { requestId: 'g', http: { method: 'GET', path: '/schema' } } };
    const { status, body, response } = await call(irisClassifier(), event);
    expect(status).toBe(200);
    expect(response.headers['x-model-version']).toBe('iris-v1');
    expect(body).toMatchObject({ modelVersion: 'iris-v1', featureNames: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'], outputs: ['label', 'probabilities'] });
  });

  test('GIVEN a PUT WHEN called THEN 405', async () => {
    const { status } = await call(irisClassifier(), { requestContext: { http: { method: 'PUT' } } });
    expect(status).toBe(405);
  });

  test('GIVEN a direct (async) invocation WHEN valid THEN the predictions are returned unwrapped; WHEN invalid THEN it throws so Lambda retries and dead-letters it', async () => {
    const h = createHarness(irisClassifier());
    const handle = createHttpHandler(h.service);
    await expect(handle({ instances: [SETOSA] } as never)).resolves.toMatchObject({ modelVersion: 'iris-v1', predictions: [{ label: 0 }] });
    await expect(handle({ instances: [{ sepal_length: 1 }] } as never)).rejects.toBeInstanceOf(InvalidInputError);
  });
});
