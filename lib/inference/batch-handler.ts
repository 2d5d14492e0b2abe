/**
 * Batch mode: one Step Functions Distributed Map item = one S3 object of JSON Lines (one row per line).
 * The results go to the output prefix under a predictable key; re-running over the same input with the
 * same model skips objects that were already scored (the output carries the input's ETag and the model's
 * SHA-256 as metadata), so a failed run can simply be started again.
 *
 * Errors thrown here fail the item: Step Functions retries it and, when retries are exhausted, lists it in
 * the run's failure manifest (ResultWriter).
 */
import { FieldProblemCollector, type FieldProblem } from './errors';
import { validateRow, type RowValues } from './input-schema';
import type { InvocationContext } from './http-handler';
import type { InferenceService } from './service';
import { errorFields, INFERENCE_METRICS } from './telemetry';
import { NO_TRACER, type SpanTracer } from './xray-subsegments';

/** The item the state machine's ItemSelector builds from an S3 ListObjectsV2 entry. */
export interface BatchItemEvent {
  readonly key: string;
  readonly etag?: string;
  readonly size?: number;
}

export interface BatchItemResult {
  readonly key: string;
  readonly outputKey?: string;
  readonly status: 'scored' | 'skipped';
  readonly reason?: string;
  readonly rows: number;
  readonly invalidRows: number;
}

/** Metadata keys on output objects that make re-runs idempotent. */
export const BATCH_OUTPUT_METADATA = { sourceEtag: 'source-etag', modelSha256: 'model-sha256', modelVersion: 'model-version' } as const;

/** Where the results of `key` go: the input's path below the input prefix, `.predictions.jsonl` appended. */
export function batchOutputKey(key: string, inputPrefix: string, outputPrefix: string): string {
  const relative = key.startsWith(inputPrefix) ? key.slice(inputPrefix.length) : key;
  return `${outputPrefix}${relative.replace(/\.(jsonl|ndjson|json)$/i, '')}.predictions.jsonl`;
}

function checkItem(event: unknown, inputPrefix: string): BatchItemEvent {
  const problems = new FieldProblemCollector();
  const item = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  if (typeof item.key !== 'string' || item.key.length === 0) problems.add('key', 'is required: the S3 key of the input object');
  else if (!item.key.startsWith(inputPrefix)) problems.add('key', `must be under the input prefix '${inputPrefix}'`);
  if (item.etag !== undefined && typeof item.etag !== 'string') problems.add('etag', 'must be a string');
  for (const field of Object.keys(item)) {
    if (!['key', 'etag', 'size'].includes(field)) problems.add(field, 'is not a batch item field (expected: key, etag, size)');
  }
  problems.throwIfAny();
  return item as unknown as BatchItemEvent;
}

/** Parses JSON Lines, validating each row; blank lines are ignored. */
function parseLines(text: string, validate: (row: unknown, field: string, problems: FieldProblemCollector) => RowValues | undefined) {
  const lines: { line: number; row?: RowValues; problems?: readonly FieldProblem[] }[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    const problems = new FieldProblemCollector(5);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (e) {
      lines.push({ line, problems: [{ field: `line ${line}`, message: `is not valid JSON (${(e as Error).message})` }] });
      return;
    }
    const row = validate(parsed, `line ${line}`, problems);
    lines.push(row ? { line, row } : { line, problems: problems.list() });
  });
  return lines;
}

/**
 * Creates the Lambda handler for Distributed Map items. `tracer` records the model load, reading the input object,
 * the scoring, writing the results and the capture as spans of the item's trace (lib/inference/xray-subsegments.ts;
 * the state machine traces too, so an item's spans sit under its Map iteration).
 */
export function createBatchHandler(service: InferenceService, tracer: SpanTracer = NO_TRACER) {
  const batch = service.config.batch;
  if (!batch) throw new Error('batch mode needs BATCH_INPUT_BUCKET and BATCH_OUTPUT_URI');
  return async function handleBatchItem(event: unknown, context: InvocationContext = {}): Promise<BatchItemResult> {
    const logger = service.logger.child({ requestId: context.awsRequestId ?? 'local' });
    const item = checkItem(event, batch.inputPrefix);
    if (item.key.endsWith('/')) return { key: item.key, status: 'skipped', reason: 'folder marker', rows: 0, invalidRows: 0 };
    const output = { ...batch.output, key: batchOutputKey(item.key, batch.inputPrefix, batch.output.key) };
    try {
      const version = service.config.modelVersionLabel;
      const model = await tracer.span('LoadModel', () => service.model(logger), { model_version: version });
      const existing = await service.store.head(output);
      if (item.etag && existing?.metadata[BATCH_OUTPUT_METADATA.sourceEtag] === item.etag && existing.metadata[BATCH_OUTPUT_METADATA.modelSha256] === model.sha256) {
        logger.info('already scored with this model; skipping', { key: item.key, outputKey: output.key });
        return { key: item.key, outputKey: output.key, status: 'skipped', reason: 'already scored with this model', rows: 0, invalidRows: 0 };
      }
      const input = await tracer.span('ReadInput', () => service.store.get({ bucket: batch.inputBucket, key: item.key }), { key: item.key });
      const lines = parseLines(new TextDecoder().decode(input.body), (row, field, problems) => validateRow(model.schema, row, field, problems));
      const valid = lines.filter((l) => l.row !== undefined);
      const scored = await tracer.span('Score', () => service.score(model, valid.map((l) => l.row as RowValues)), { rows: valid.length, model_version: version });
      const captured = tracer.span('CaptureRequest', () => service.captureScored(model, valid.map((l) => l.row as RowValues), scored.predictions, context.awsRequestId ?? item.key, logger));
      const byLine = new Map(valid.map((l, i) => [l.line, scored.predictions[i]]));
      const body = lines
        .map((l) => JSON.stringify(l.row ? { line: l.line, prediction: byLine.get(l.line) } : { line: l.line, error: l.problems }))
        .join('\n');
      const invalidRows = lines.length - valid.length;
      await tracer.span('WriteResults', () => service.store.put(output, body.length > 0 ? `${body}\n` : '', {
        contentType: 'application/x-ndjson',
        metadata: {
          [BATCH_OUTPUT_METADATA.sourceEtag]: input.etag ?? item.etag ?? '',
          [BATCH_OUTPUT_METADATA.modelSha256]: model.sha256,
          [BATCH_OUTPUT_METADATA.modelVersion]: service.config.modelVersionLabel,
        },
      }), { rows: valid.length });
      service.emit([
        { name: INFERENCE_METRICS.latency, value: scored.latencyMs, unit: 'Milliseconds' },
        { name: INFERENCE_METRICS.batchSize, value: valid.length, unit: 'Count' },
        { name: INFERENCE_METRICS.microBatches, value: scored.microBatches, unit: 'Count' },
        { name: INFERENCE_METRICS.invalidInputs, value: invalidRows, unit: 'Count' },
        { name: INFERENCE_METRICS.errors, value: 0, unit: 'Count' },
      ], { key: item.key }, logger);
      await captured;
      logger.info('object scored', { key: item.key, outputKey: output.key, rows: valid.length, invalidRows });
      return { key: item.key, outputKey: output.key, status: 'scored', rows: valid.length, invalidRows };
    } catch (error) {
      logger.error('batch item failed', { key: item.key, ...errorFields(error) });
      service.emit([{ name: INFERENCE_METRICS.errors, value: 1, unit: 'Count' }], { key: item.key }, logger);
      throw error;
    }
  };
}
