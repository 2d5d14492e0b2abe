/**
 * The edge app's message contract. Requests arrive on the input topic; every request gets exactly one
 * answer: a result on the output topic, or an error on the error topic that says what was wrong and how
 * to fix it. A bad message never throws out of the handler, so it cannot crash-loop the component.
 *
 * Request (JSON, binary or JSON IPC message):
 *   { "id"?: string, "features": number[] | number[][] }          values in the model's feature order
 *   { "id"?: string, "readings": { "<feature>": number } | [...] } values by feature name
 */
import type { PubSubPayload } from './pubsub';

export type RequestErrorCode =
  | 'invalid-json'
  | 'invalid-request'
  | 'wrong-feature-count'
  | 'non-finite-value'
  | 'empty-batch'
  | 'batch-too-large'
  | 'missing-reading'
  | 'unknown-reading'
  | 'inference-failed'
  | 'overloaded';

export interface RequestError {
  readonly code: RequestErrorCode;
  readonly message: string;
  /** The request id, when the request had a readable one. */
  readonly id?: string;
}

export interface InferenceRequest {
  readonly id?: string;
  /** One row of features per reading, in model order. */
  readonly rows: readonly (readonly number[])[];
}

export type ParsedRequest = { readonly ok: true; readonly request: InferenceRequest } | { readonly ok: false; readonly error: RequestError };

export interface RequestShape {
  /** Feature names in model order (from the model's metadata), or generated `f0..fn` names. */
  readonly featureNames: readonly string[];
  readonly maxBatchSize: number;
}

export interface ResultMessage {
  readonly id?: string;
  readonly modelVersion: string;
  readonly threshold: number;
  readonly results: readonly { readonly score: number; readonly isAnomaly: boolean }[];
  readonly latencyMs: number;
  readonly timestamp: string;
}

export interface ErrorMessage extends RequestError {
  readonly modelVersion: string;
  readonly timestamp: string;
}

export type HealthStatus = 'healthy' | 'model-load-failed' | 'stopping';

export interface HealthMessage {
  readonly status: HealthStatus;
  readonly modelVersion: string;
  readonly processed: number;
  readonly failed: number;
  readonly uptimeSeconds: number;
  readonly lastError?: string;
  readonly timestamp: string;
}

const fail = (code: RequestErrorCode, message: string, id?: string): ParsedRequest => ({ ok: false, error: { code, message, ...(id !== undefined && { id }) } });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}...` : value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function decode(payload: PubSubPayload): { ok: true; body: unknown } | { ok: false } {
  if (!(payload instanceof Uint8Array)) return { ok: true, body: payload };
  try {
    return { ok: true, body: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) };
  } catch {
    return { ok: false };
  }
}

function rowFromFeatures(row: unknown, index: number, shape: RequestShape, id?: string): number[] | ParsedRequest {
  const n = shape.featureNames.length;
  const where = `features[${index}]`;
  if (!Array.isArray(row)) return fail('invalid-request', `${where} is ${describe(row)}; expected a list of ${n} numbers`, id);
  if (row.length !== n) return fail('wrong-feature-count', `${where} has ${row.length} value(s); the model expects ${n} (${shape.featureNames.join(', ')})`, id);
  const bad = row.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) return fail('non-finite-value', `${where}[${bad}] (${shape.featureNames[bad]}) is ${describe(row[bad])}; every feature must be a finite number`, id);
  return row as number[];
}

function rowFromReadings(readings: unknown, index: number, shape: RequestShape, id?: string): number[] | ParsedRequest {
  const where = `readings[${index}]`;
  if (!isObject(readings)) return fail('invalid-request', `${where} is ${describe(readings)}; expected { ${shape.featureNames.map((f) => `"${f}": number`).join(', ')} }`, id);
  const unknown = Object.keys(readings).filter((k) => !shape.featureNames.includes(k));
  if (unknown.length > 0) return fail('unknown-reading', `${where} has unknown reading(s) ${unknown.join(', ')}; the model reads ${shape.featureNames.join(', ')}`, id);
  const missing = shape.featureNames.filter((f) => !(f in readings));
  if (missing.length > 0) return fail('missing-reading', `${where} lacks ${missing.join(', ')}`, id);
  const row = shape.featureNames.map((f) => readings[f]);
  const bad = row.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) return fail('non-finite-value', `${where}.${shape.featureNames[bad]} is ${describe(row[bad])}; every reading must be a finite number`, id);
  return row as number[];
}

/** Parses and checks one request against the model's input shape. Never throws. */
export function parseInferenceRequest(payload: PubSubPayload, shape: RequestShape): ParsedRequest {
  const decoded = decode(payload);
  if (!decoded.ok) return fail('invalid-json', 'the message is not UTF-8 JSON; send {"features": [...]} or {"readings": {...}}');
  const body = decoded.body;
  if (!isObject(body)) return fail('invalid-request', `the message is ${describe(body)}; send a JSON object with "features" or "readings"`);
  const id = typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : undefined;
  const hasFeatures = body.features !== undefined;
  const hasReadings = body.readings !== undefined;
  if (hasFeatures === hasReadings) return fail('invalid-request', hasFeatures ? 'give either "features" or "readings", not both' : 'the message has neither "features" nor "readings"', id);
  const raw = hasFeatures ? body.features : body.readings;
  // A single reading is a flat list of numbers (features) or one object (readings); a batch is a list of them.
  const batch: unknown[] = hasFeatures
    ? Array.isArray(raw) && raw.length > 0 && !Array.isArray(raw[0]) ? [raw] : Array.isArray(raw) ? raw : [raw]
    : Array.isArray(raw) ? raw : [raw];
  if (batch.length === 0) return fail('empty-batch', `"${hasFeatures ? 'features' : 'readings'}" is an empty list; send at least one reading`, id);
  if (batch.length > shape.maxBatchSize) return fail('batch-too-large', `the batch has ${batch.length} readings; at most ${shape.maxBatchSize} are allowed per message`, id);
  const rows: number[][] = [];
  for (let i = 0; i < batch.length; i++) {
    const row = hasFeatures ? rowFromFeatures(batch[i], i, shape, id) : rowFromReadings(batch[i], i, shape, id);
    if (!Array.isArray(row)) return row;
    rows.push(row);
  }
  return { ok: true, request: { ...(id !== undefined && { id }), rows } };
}
