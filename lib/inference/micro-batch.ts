/**
 * Micro-batching: a request's rows are scored in chunks of at most `maxRows`, one ONNX Runtime call per
 * chunk. Large requests stay within a bounded working set, and small ones cost a single call.
 */
import type { RowValues } from './input-schema';
import type { LoadedModel, Prediction } from './onnx-model';

export interface MicroBatchResult {
  readonly predictions: Prediction[];
  /** Runtime calls made. */
  readonly microBatches: number;
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Scores rows in micro-batches, in order. A model that fixes its batch dimension (e.g. exported with
 * batch 1) gets chunks of exactly that size: the last chunk is padded with copies of its last row and the
 * padding's predictions are dropped.
 */
export async function scoreInMicroBatches(model: LoadedModel, rows: readonly RowValues[], maxRows: number): Promise<MicroBatchResult> {
  const fixed = model.schema.fixedBatchSize;
  const size = fixed ?? maxRows;
  const predictions: Prediction[] = [];
  const chunks = chunk(rows, size);
  for (const part of chunks) {
    const padded = fixed !== undefined && part.length < fixed ? [...part, ...Array<RowValues>(fixed - part.length).fill(part[part.length - 1])] : part;
    const scored = await model.scoreBatch(padded);
    predictions.push(...scored.slice(0, part.length));
  }
  return { predictions, microBatches: chunks.length };
}
