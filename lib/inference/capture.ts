/**
 * Request capture for drift detection: a sample of the scored rows (their allowed features and the
 * prediction) written as JSON Lines to `s3://<data bucket>/capture/<yyyy>/<mm>/<dd>/<hh>/<id>.jsonl`, where
 * the drift job (lib/drift/job-handler.ts) reads the last window back.
 *
 * Privacy: by default only non-string model inputs are captured (numbers and booleans: the model's
 * features, never free text); `CAPTURE_FIELDS` narrows the set to an allow-list and is the only way to
 * capture a string input. The bucket encrypts with the deployment's KMS key by default and a lifecycle rule
 * expires the prefix. Capture never fails a request: errors are logged and counted.
 */
import type { CellValue } from '../drift/dataset';
import type { InputSchema, RowValues } from './input-schema';
import type { ObjectLocation, ObjectStore } from './object-store';
import type { OutputValue, Prediction } from './onnx-model';

/** Prefix (below the data bucket) the handler writes and the drift job reads. */
export const CAPTURE_PREFIX = 'capture/';

/** Largest array output flattened into `name[i]` prediction fields; longer ones (embeddings) are left out. */
export const MAX_CAPTURED_OUTPUT_VALUES = 32;

export interface CaptureConfig {
  /** Share of scored rows captured, 1–100 percent. */
  readonly samplingPercent: number;
  /** Bucket and key prefix (ending in `/`) the captured objects go under. */
  readonly location: ObjectLocation;
  /** Feature names that may be captured. @default - every non-string model input */
  readonly fields?: readonly string[];
}

/** One captured row: the contract between the handler and the drift job. */
export interface CaptureRecord {
  /** ISO-8601 time the row was scored. */
  readonly time: string;
  readonly deployment: string;
  readonly modelVersion: string;
  readonly mode: 'http' | 'batch' | 'stream';
  readonly requestId: string;
  readonly features: Readonly<Record<string, CellValue>>;
  readonly prediction: Readonly<Record<string, CellValue>>;
}

/**
 * A validated row as named features: a single `[batch, F]` input with `feature_names` metadata gives one
 * field per name; otherwise each input gives `input` (one value) or `input[i]`. String inputs are kept only
 * when their names are allow-listed.
 */
export function captureFeatures(schema: InputSchema, row: RowValues, allowList?: readonly string[]): Record<string, CellValue> {
  const features: Record<string, CellValue> = {};
  const allowed = allowList ? new Set(allowList) : undefined;
  for (const input of schema.inputs) {
    const values = row[input.name] ?? [];
    const named = schema.inputs.length === 1 && schema.featureNames?.length === values.length ? schema.featureNames : undefined;
    values.forEach((value, i) => {
      const name = named ? named[i] : values.length === 1 ? input.name : `${input.name}[${i}]`;
      const keep = allowed ? allowed.has(name) : input.type !== 'string';
      if (keep) features[name] = value;
    });
  }
  return features;
}

/** A prediction as flat fields: scalars as they are, short arrays as `name[i]`, long or nested arrays left out. */
export function capturePrediction(prediction: Prediction): Record<string, CellValue> {
  const fields: Record<string, CellValue> = {};
  for (const [name, value] of Object.entries(prediction)) {
    if (!Array.isArray(value)) fields[name] = value;
    else if (value.length <= MAX_CAPTURED_OUTPUT_VALUES && value.every((v: OutputValue) => !Array.isArray(v))) {
      value.forEach((v, i) => { fields[`${name}[${i}]`] = v as CellValue; });
    }
  }
  return fields;
}

/** `<prefix><yyyy>/<mm>/<dd>/<hh>/<id>.jsonl`, hours in UTC: the drift job lists the hours of its window. */
export function captureKey(prefix: string, time: Date, id: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const hour = `${time.getUTCFullYear()}/${pad(time.getUTCMonth() + 1)}/${pad(time.getUTCDate())}/${pad(time.getUTCHours())}`;
  return `${prefix}${hour}/${id.replace(/[^A-Za-z0-9._-]/g, '-')}.jsonl`;
}

export interface RequestCaptureOptions {
  readonly config: CaptureConfig;
  readonly store: ObjectStore;
  readonly deployment: string;
  readonly modelVersion: string;
  readonly mode: CaptureRecord['mode'];
  /** Uniform random numbers in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** @default - the current time */
  readonly now?: () => Date;
}

/** Samples scored rows and writes them; shared by the three entry points. */
export class RequestCapture {
  private readonly random: () => number;
  private readonly now: () => Date;
  private sequence = 0;

  constructor(private readonly options: RequestCaptureOptions) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
  }

  /** The records of the sampled rows (each row is kept with probability samplingPercent/100). */
  sample(schema: InputSchema, rows: readonly RowValues[], predictions: readonly Prediction[], requestId: string): CaptureRecord[] {
    const rate = this.options.config.samplingPercent / 100;
    const time = this.now().toISOString();
    const records: CaptureRecord[] = [];
    rows.forEach((row, i) => {
      if (this.random() >= rate || predictions[i] === undefined) return;
      records.push({
        time, deployment: this.options.deployment, modelVersion: this.options.modelVersion, mode: this.options.mode, requestId,
        features: captureFeatures(schema, row, this.options.config.fields), prediction: capturePrediction(predictions[i]),
      });
    });
    return records;
  }

  /**
   * Samples and writes one object for the invocation. Never rejects: returns the number of rows written,
   * or an error for the caller to log and count.
   */
  async write(schema: InputSchema, rows: readonly RowValues[], predictions: readonly Prediction[], requestId: string): Promise<{ readonly captured: number; readonly error?: unknown }> {
    try {
      const records = this.sample(schema, rows, predictions, requestId);
      if (records.length === 0) return { captured: 0 };
      const { location } = this.options.config;
      const key = captureKey(location.key, this.now(), `${requestId}-${++this.sequence}`);
      await this.options.store.put({ bucket: location.bucket, key }, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`, { contentType: 'application/x-ndjson' });
      return { captured: records.length };
    } catch (error) {
      return { captured: 0, error };
    }
  }
}
