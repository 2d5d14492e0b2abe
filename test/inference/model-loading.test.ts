/**
 * Cold and warm paths: the model is read from its pinned S3 version, verified by SHA-256 and loaded once
 * per execution environment; a failed load is retried by the next invocation.
 */
import { createHttpHandler } from '../../lib/inference/http-handler';
import { sha256Hex } from '../../lib/inference/model-loader';
import { InMemoryObjectStore } from '../../lib/inference/object-store';
import { irisClassifier, xorMlp } from '../fixtures/onnx/models';
import { MODEL_BUCKET, MODEL_KEY, createHarness, post } from './support/harness';

const MODEL = { bucket: MODEL_BUCKET, key: MODEL_KEY };
const ROW = [5.1, 3.5, 1.4, 0.2];

describe('cold vs warm path', () => {
  test('GIVEN a fresh environment WHEN three requests arrive THEN the model is read and loaded once, and only the first logs the load', async () => {
    const h = createHarness(irisClassifier());
    const handle = createHttpHandler(h.service);
    for (let i = 0; i < 3; i++) {
      const response = (await handle(post({ instances: [ROW] }) as never)) as { statusCode: number };
      expect(response.statusCode).toBe(200);
    }
    expect(h.store.readsOf(MODEL)).toBe(1);
    expect(h.service.loader.loads).toBe(1);
    expect(h.lines.filter((l) => l.message === 'model loaded')).toHaveLength(1);
    expect(h.metrics().filter((m) => 'ModelLoadTime' in m)).toHaveLength(1);
  });

  test('GIVEN a cold environment WHEN requests arrive concurrently THEN they share one load', async () => {
    const h = createHarness(irisClassifier());
    const handle = createHttpHandler(h.service);
    const responses = await Promise.all(Array.from({ length: 5 }, () => handle(post({ instances: [ROW] }) as never)));
    expect(responses.map((r) => (r as { statusCode: number }).statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(h.store.readsOf(MODEL)).toBe(1);
  });

  test('GIVEN the model was replaced by a newer object version WHEN the handler is pinned to the old version THEN it serves the old model', async () => {
    const store = new InMemoryObjectStore();
    const pinned = store.putSync(MODEL, irisClassifier());
    store.putSync(MODEL, xorMlp());
    const h = createHarness(irisClassifier(), { modelVersionId: pinned, modelSha256: sha256Hex(irisClassifier()) }, store);
    const response = (await createHttpHandler(h.service)(post({ instances: [ROW] }) as never)) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).predictions[0]).toHaveProperty('probabilities');
  });
});

describe('integrity', () => {
  test('GIVEN MODEL_SHA256 that does not match the object WHEN a request arrives THEN 500, the model is never loaded, and the mismatch is logged', async () => {
    const h = createHarness(irisClassifier(), { modelSha256: sha256Hex(xorMlp()) });
    const response = (await createHttpHandler(h.service)(post({ instances: [ROW] }) as never)) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain(sha256Hex(xorMlp()));
    const logged = h.lines.find((l) => l.message === 'inference failed');
    expect(logged).toMatchObject({ errorName: 'ModelIntegrityError' });
    expect(String(logged?.errorMessage)).toContain(`expected ${sha256Hex(xorMlp())}`);
  });

  test('GIVEN a failed cold start WHEN the next request arrives THEN the load is retried, not cached', async () => {
    const h = createHarness(irisClassifier(), { modelSha256: sha256Hex(xorMlp()) });
    const handle = createHttpHandler(h.service);
    await handle(post({ instances: [ROW] }) as never);
    await handle(post({ instances: [ROW] }) as never);
    expect(h.store.readsOf(MODEL)).toBe(2);
  });

  test('GIVEN no MODEL_SHA256 WHEN the model loads THEN a warning names the SHA-256 to pin', async () => {
    const h = createHarness(irisClassifier(), { modelSha256: undefined });
    await createHttpHandler(h.service)(post({ instances: [ROW] }) as never);
    expect(h.lines.find((l) => l.level === 'warn')).toMatchObject({ sha256: sha256Hex(irisClassifier()) });
  });
});
