/**
 * The handler's environment contract. Infrastructure code on every engine builds the environment with
 * {@link handlerEnvironment}; the handler reads it back with {@link readHandlerConfig}. Keeping both
 * directions in one file means a variable cannot be renamed on one side only.
 */
import { FieldProblem, HandlerConfigurationError } from './errors';
import type { CaptureConfig } from './capture';
import { parseObjectUri, type ObjectLocation } from './object-store';

export type InferenceMode = 'http' | 'batch' | 'stream';
export type ResultSinkKind = 'kinesis' | 'sqs' | 'eventbridge';

/**
 * Largest request body a synchronous Lambda invocation accepts: 6 MB
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, read 2025-06).
 */
export const LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;

/** Everything the handler needs to know, validated. */
export interface HandlerConfig {
  readonly mode: InferenceMode;
  /** The model object (`s3://bucket/key` in AWS, `file:///path` for local runs). */
  readonly model: ObjectLocation;
  /** Expected SHA-256 (hex) of the model bytes; `undefined` loads without verification (and logs a warning). */
  readonly modelSha256?: string;
  /** Model version reported in logs and metrics. */
  readonly modelVersionLabel: string;
  /** Requests larger than this are rejected with 400 before parsing. */
  readonly maxPayloadBytes: number;
  /** Most rows one request may carry. */
  readonly maxRows: number;
  /** Rows scored per ONNX Runtime call. */
  readonly microBatchRows: number;
  /** CloudWatch namespace of the Embedded Metric Format metrics. */
  readonly metricsNamespace: string;
  /** Value of the `Service` metric dimension (the deployment name). */
  readonly serviceName: string;
  /** Batch mode: bucket the Distributed Map lists and where results go. */
  readonly batch?: { readonly inputBucket: string; readonly inputPrefix: string; readonly output: ObjectLocation };
  /** Stream mode: where scored records are published. */
  readonly sink?: { readonly kind: ResultSinkKind; readonly target: string; readonly eventSource: string };
  /** Request capture for drift detection (every mode); `undefined` captures nothing. */
  readonly capture?: CaptureConfig;
}

/** What infrastructure code decides; the defaults are the handler's. */
export interface HandlerSettings {
  readonly mode: InferenceMode;
  readonly modelUri: string;
  /** @default - the latest object version */
  readonly modelVersionId?: string;
  /** @default - not verified */
  readonly modelSha256?: string;
  /** @default - the version id, else the first 12 characters of the SHA-256, else 'unversioned' */
  readonly modelVersionLabel?: string;
  /** @default 262144 (256 KB) */
  readonly maxPayloadBytes?: number;
  /** @default 1000 */
  readonly maxRows?: number;
  /** @default 64 */
  readonly microBatchRows?: number;
  /** @default 'AIModelDeployment/Inference' */
  readonly metricsNamespace?: string;
  readonly serviceName: string;
  /** Batch mode only: `inputBucket`, `inputPrefix` and the `s3://bucket/prefix/` results go to. */
  readonly batch?: { readonly inputBucket: string; readonly inputPrefix: string; readonly outputUri: string };
  /** Stream mode only. */
  readonly sink?: { readonly kind: ResultSinkKind; readonly target: string; /** @default 'aimd.<serviceName>' */ readonly eventSource?: string };
  /**
   * Capture a sample of scored rows to `uri` (`s3://bucket/prefix/`).
   * @default - no capture
   */
  readonly capture?: { readonly uri: string; readonly samplingPercent: number; /** @default - every non-string input */ readonly fields?: readonly string[] };
}

export const DEFAULT_METRICS_NAMESPACE = 'AIModelDeployment/Inference';
export const DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MICRO_BATCH_ROWS = 64;

/** Environment variable names (the contract). */
export const ENV = {
  mode: 'INFERENCE_MODE',
  modelUri: 'MODEL_URI',
  modelVersionId: 'MODEL_VERSION_ID',
  modelSha256: 'MODEL_SHA256',
  modelVersionLabel: 'MODEL_VERSION_LABEL',
  maxPayloadBytes: 'MAX_PAYLOAD_BYTES',
  maxRows: 'MAX_ROWS',
  microBatchRows: 'MICRO_BATCH_ROWS',
  metricsNamespace: 'METRICS_NAMESPACE',
  serviceName: 'SERVICE_NAME',
  batchInputBucket: 'BATCH_INPUT_BUCKET',
  batchInputPrefix: 'BATCH_INPUT_PREFIX',
  batchOutputUri: 'BATCH_OUTPUT_URI',
  sinkKind: 'RESULT_SINK_KIND',
  sinkTarget: 'RESULT_SINK_TARGET',
  sinkEventSource: 'RESULT_EVENT_SOURCE',
  captureUri: 'CAPTURE_URI',
  captureSamplingPercent: 'CAPTURE_SAMPLING_PERCENT',
  captureFields: 'CAPTURE_FIELDS',
} as const;

/** The Lambda environment for the given settings (strings only; unset optional values are omitted). */
export function handlerEnvironment(settings: HandlerSettings): Record<string, string> {
  const env: Record<string, string> = {
    [ENV.mode]: settings.mode,
    [ENV.modelUri]: settings.modelUri,
    [ENV.modelVersionLabel]: settings.modelVersionLabel ?? defaultVersionLabel(settings.modelVersionId, settings.modelSha256),
    [ENV.maxPayloadBytes]: String(settings.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES),
    [ENV.maxRows]: String(settings.maxRows ?? DEFAULT_MAX_ROWS),
    [ENV.microBatchRows]: String(settings.microBatchRows ?? DEFAULT_MICRO_BATCH_ROWS),
    [ENV.metricsNamespace]: settings.metricsNamespace ?? DEFAULT_METRICS_NAMESPACE,
    [ENV.serviceName]: settings.serviceName,
  };
  if (settings.modelVersionId) env[ENV.modelVersionId] = settings.modelVersionId;
  if (settings.modelSha256) env[ENV.modelSha256] = settings.modelSha256;
  if (settings.batch) {
    env[ENV.batchInputBucket] = settings.batch.inputBucket;
    env[ENV.batchInputPrefix] = settings.batch.inputPrefix;
    env[ENV.batchOutputUri] = settings.batch.outputUri;
  }
  if (settings.sink) {
    env[ENV.sinkKind] = settings.sink.kind;
    env[ENV.sinkTarget] = settings.sink.target;
    env[ENV.sinkEventSource] = settings.sink.eventSource ?? `aimd.${settings.serviceName}`;
  }
  if (settings.capture) {
    env[ENV.captureUri] = settings.capture.uri;
    env[ENV.captureSamplingPercent] = String(settings.capture.samplingPercent);
    if (settings.capture.fields && settings.capture.fields.length > 0) env[ENV.captureFields] = settings.capture.fields.join(',');
  }
  return env;
}

function defaultVersionLabel(versionId: string | undefined, sha256: string | undefined): string {
  if (versionId) return versionId;
  if (sha256) return sha256.slice(0, 12);
  return 'unversioned';
}

function positiveInteger(problems: FieldProblem[], env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1 || value > max) {
    problems.push({ field: name, message: `must be a whole number from 1 to ${max}, got '${raw}'` });
    return fallback;
  }
  return value;
}

/**
 * Reads and validates the handler configuration from the environment.
 * @throws HandlerConfigurationError listing every problem
 */
export function readHandlerConfig(env: NodeJS.ProcessEnv): HandlerConfig {
  const problems: FieldProblem[] = [];
  const mode = env[ENV.mode];
  if (mode !== 'http' && mode !== 'batch' && mode !== 'stream') {
    problems.push({ field: ENV.mode, message: `must be http, batch or stream, got '${mode ?? ''}'` });
  }
  let model: ObjectLocation = { bucket: '', key: '' };
  try {
    model = { ...parseObjectUri(env[ENV.modelUri] ?? ''), versionId: env[ENV.modelVersionId] || undefined };
  } catch (e) {
    problems.push({ field: ENV.modelUri, message: (e as Error).message });
  }
  const sha = env[ENV.modelSha256] || undefined;
  if (sha !== undefined && !/^[a-f0-9]{64}$/.test(sha)) {
    problems.push({ field: ENV.modelSha256, message: 'must be 64 lower-case hex characters (sha256sum output)' });
  }
  const config = {
    mode: mode as InferenceMode,
    model,
    modelSha256: sha,
    modelVersionLabel: env[ENV.modelVersionLabel] || defaultVersionLabel(model.versionId, sha),
    maxPayloadBytes: positiveInteger(problems, env, ENV.maxPayloadBytes, DEFAULT_MAX_PAYLOAD_BYTES, LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES),
    maxRows: positiveInteger(problems, env, ENV.maxRows, DEFAULT_MAX_ROWS, 1_000_000),
    microBatchRows: positiveInteger(problems, env, ENV.microBatchRows, DEFAULT_MICRO_BATCH_ROWS, 100_000),
    metricsNamespace: env[ENV.metricsNamespace] || DEFAULT_METRICS_NAMESPACE,
    serviceName: env[ENV.serviceName] || env.AWS_LAMBDA_FUNCTION_NAME || 'inference',
  };
  let batch: HandlerConfig['batch'];
  if (mode === 'batch') {
    const inputBucket = env[ENV.batchInputBucket] ?? '';
    if (!inputBucket) problems.push({ field: ENV.batchInputBucket, message: 'is required in batch mode' });
    try {
      batch = { inputBucket, inputPrefix: env[ENV.batchInputPrefix] ?? '', output: parseObjectUri(env[ENV.batchOutputUri] ?? '') };
    } catch (e) {
      problems.push({ field: ENV.batchOutputUri, message: `is required in batch mode: ${(e as Error).message}` });
    }
  }
  let sink: HandlerConfig['sink'];
  if (mode === 'stream') {
    const kind = env[ENV.sinkKind];
    const target = env[ENV.sinkTarget] ?? '';
    if (kind !== 'kinesis' && kind !== 'sqs' && kind !== 'eventbridge') {
      problems.push({ field: ENV.sinkKind, message: `must be kinesis, sqs or eventbridge in stream mode, got '${kind ?? ''}'` });
    }
    if (!target) problems.push({ field: ENV.sinkTarget, message: 'is required in stream mode (stream name, queue URL or event bus name)' });
    sink = { kind: kind as ResultSinkKind, target, eventSource: env[ENV.sinkEventSource] || `aimd.${config.serviceName}` };
  }
  const capture = readCapture(problems, env);
  if (problems.length > 0) throw new HandlerConfigurationError(problems);
  return { ...config, batch, sink, ...(capture ? { capture } : {}) };
}

function readCapture(problems: FieldProblem[], env: NodeJS.ProcessEnv): CaptureConfig | undefined {
  const uri = env[ENV.captureUri];
  if (!uri) return undefined;
  let location: ObjectLocation | undefined;
  try {
    location = parseObjectUri(uri);
  } catch (e) {
    problems.push({ field: ENV.captureUri, message: (e as Error).message });
  }
  if (location && !location.key.endsWith('/')) problems.push({ field: ENV.captureUri, message: `must be a prefix ending in '/', got '${uri}'` });
  const samplingPercent = positiveInteger(problems, env, ENV.captureSamplingPercent, 0, 100);
  if (!env[ENV.captureSamplingPercent]) problems.push({ field: ENV.captureSamplingPercent, message: `is required with ${ENV.captureUri} (1 to 100)` });
  const fields = (env[ENV.captureFields] ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');
  return location ? { location, samplingPercent, ...(fields.length > 0 ? { fields } : {}) } : undefined;
}
