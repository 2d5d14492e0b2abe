/** Builds an {@link InferenceService} over an in-memory S3 with a real model and captures its log lines. */
import { handlerEnvironment, readHandlerConfig, type HandlerSettings } from '../../../lib/inference/config';
import { sha256Hex } from '../../../lib/inference/model-loader';
import { InMemoryObjectStore } from '../../../lib/inference/object-store';
import { InferenceService } from '../../../lib/inference/service';
import { loadOnnxRuntimeForTests } from './onnx-runtime';

export const MODEL_BUCKET = 'models-bucket';
export const MODEL_KEY = 'iris/model.onnx';

export interface Harness {
  readonly service: InferenceService;
  readonly store: InMemoryObjectStore;
  readonly versionId: string;
  /** Every line written (JSON-parsed). */
  readonly lines: Record<string, unknown>[];
  /** EMF records only. */
  metrics(): Record<string, unknown>[];
}

export function createHarness(model: Uint8Array, overrides: Partial<HandlerSettings> = {}, store = new InMemoryObjectStore(), clock: { random?: () => number; now?: () => Date } = {}): Harness {
  const versionId = store.putSync({ bucket: MODEL_BUCKET, key: MODEL_KEY }, model);
  const settings: HandlerSettings = {
    mode: 'http',
    modelUri: `s3://${MODEL_BUCKET}/${MODEL_KEY}`,
    modelVersionId: versionId,
    modelSha256: sha256Hex(model),
    modelVersionLabel: 'iris-v1',
    serviceName: 'iris',
    ...overrides,
  };
  const lines: Record<string, unknown>[] = [];
  const service = new InferenceService({
    config: readHandlerConfig(handlerEnvironment(settings)),
    store,
    runtime: loadOnnxRuntimeForTests(),
    writeLine: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    ...clock,
  });
  return { service, store, versionId, lines, metrics: () => lines.filter((l) => '_aws' in l) };
}

/** An HTTP API (payload 2.0) POST event. */
export function post(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return {
    version: '2.0',
    requestContext: { requestId: 'req-1', http: { method: 'POST', path: '/predict' } },
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
  };
}
