/**
 * A loaded ONNX model: an ONNX Runtime session plus the input schema and metadata the handler needs.
 * ONNX Runtime Web (WebAssembly) runs the model: it needs no native binary, so the same code runs in
 * Lambda (arm64 or x86_64), in jest and on a laptop.
 */
import type * as Ort from 'onnxruntime-web';
import { readOnnxMetadata, type OnnxModelMetadata } from '../onnx/model';
import { ModelExecutionError } from './errors';
import { deriveInputSchema, type InputElementType, type InputSchema, type RowValues } from './input-schema';

/** The part of the `onnxruntime-web` module the handler uses (injected: see `runtime.ts`). */
export type OnnxRuntime = Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>;

/** One output value of one row: a scalar, or nested arrays for outputs with per-row dimensions. */
export type OutputValue = number | string | boolean | OutputValue[];

/** Per-row outputs, keyed by output name. */
export type Prediction = Readonly<Record<string, OutputValue>>;

export interface LoadedModel {
  readonly schema: InputSchema;
  readonly outputNames: readonly string[];
  readonly metadata: OnnxModelMetadata;
  /** SHA-256 (hex) of the bytes the session was created from. */
  readonly sha256: string;
  /** Scores rows in one runtime call (callers micro-batch). @throws ModelExecutionError */
  scoreBatch(rows: readonly RowValues[]): Promise<Prediction[]>;
}

function typedArray(type: InputElementType, values: (number | boolean | string)[]): Ort.Tensor['data'] {
  switch (type) {
    case 'float32': return Float32Array.from(values as number[]);
    case 'float64': return Float64Array.from(values as number[]);
    case 'int32': return Int32Array.from(values as number[]);
    case 'int64': return BigInt64Array.from((values as number[]).map((v) => BigInt(v)));
    case 'bool': return Uint8Array.from((values as boolean[]).map((v) => (v ? 1 : 0)));
    case 'string': return values as string[];
  }
}

function toJsonScalar(value: unknown): number | string | boolean {
  if (typeof value === 'bigint') {
    // int64 labels beyond 2^53 would lose digits as JSON numbers: send them as strings.
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  return value as number | string | boolean;
}

/** Splits an output tensor `[rows, ...rest]` into one nested value per row. */
function splitRows(name: string, tensor: Ort.Tensor, rows: number): OutputValue[] {
  const dims = tensor.dims;
  if (dims.length === 0 || dims[0] !== rows) {
    throw new ModelExecutionError(`output '${name}' has shape ${JSON.stringify(dims)}, expected a leading batch axis of ${rows}`);
  }
  const rest = dims.slice(1);
  const perRow = rest.reduce((a, b) => a * b, 1);
  const data = tensor.data as ArrayLike<unknown>;
  const nest = (offset: number, depth: number): OutputValue => {
    if (depth === rest.length) return toJsonScalar(data[offset]);
    const stride = rest.slice(depth + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: rest[depth] }, (_, i) => nest(offset + i * stride, depth + 1));
  };
  return Array.from({ length: rows }, (_, r) => nest(r * perRow, 0));
}

/** Configures ONNX Runtime Web for a single-threaded, file-less start (Lambda, jest). Idempotent. */
export function configureOnnxRuntime(ort: OnnxRuntime, wasmBinary: Uint8Array): void {
  // One thread: WebAssembly threads need workers, and a Lambda's vCPUs are better spent on concurrent invocations.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmBinary = wasmBinary;
  ort.env.logLevel = 'error';
}

/**
 * Creates a session from model bytes and derives the input schema.
 * @throws ModelExecutionError when ONNX Runtime rejects the model or its inputs cannot be fed from JSON
 */
export async function loadOnnxModel(ort: OnnxRuntime, bytes: Uint8Array, sha256: string): Promise<LoadedModel> {
  let session: Ort.InferenceSession;
  let metadata: OnnxModelMetadata;
  try {
    metadata = readOnnxMetadata(bytes);
    session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  } catch (e) {
    throw new ModelExecutionError(`ONNX Runtime could not load the model: ${(e as Error).message}`, { cause: e });
  }
  const nonTensor = session.outputMetadata.filter((o) => !o.isTensor).map((o) => o.name);
  if (nonTensor.length > 0) {
    throw new ModelExecutionError(`outputs ${nonTensor.join(', ')} are not tensors (e.g. a scikit-learn ZipMap); export the model with zipmap=False`);
  }
  const schema = deriveInputSchema(session.inputMetadata, metadata.metadata);
  const outputNames = session.outputNames;
  return {
    schema,
    outputNames,
    metadata,
    sha256,
    async scoreBatch(rows: readonly RowValues[]): Promise<Prediction[]> {
      const feeds: Record<string, Ort.Tensor> = {};
      for (const input of schema.inputs) {
        const flat = rows.flatMap((row) => row[input.name] as (number | boolean | string)[]);
        feeds[input.name] = new ort.Tensor(input.type, typedArray(input.type, flat), [rows.length, ...input.rowShape]);
      }
      let results: Ort.InferenceSession.ReturnType;
      try {
        results = await session.run(feeds);
      } catch (e) {
        throw new ModelExecutionError(`ONNX Runtime failed to score ${rows.length} rows: ${(e as Error).message}`, { cause: e });
      }
      const perOutput = outputNames.map((name) => splitRows(name, results[name] as Ort.Tensor, rows.length));
      return rows.map((_, r) => Object.fromEntries(outputNames.map((name, o) => [name, perOutput[o][r]])));
    },
  };
}
