/**
 * Event-driven mode: Kinesis Data Streams or SQS batches. Each record carries
 * `{ "id"?: string, "instance": row }`. Valid records are scored in micro-batches and their results
 * published to the sink; records the model rejects as invalid are published as `rejected` results (retrying
 * them would never help). Records that failed for a transient reason (model error, publish failure) are
 * returned in `batchItemFailures`, so Lambda retries only those (with bisect-on-error for Kinesis) and
 * finally hands them to the on-failure destination.
 * Partial batch responses: https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html (read 2025-06).
 */
import { FieldProblemCollector, type FieldProblem } from './errors';
import { validateRow, type RowValues } from './input-schema';
import type { InvocationContext } from './http-handler';
import { chunk } from './micro-batch';
import type { Prediction } from './onnx-model';
import type { ResultMessage, ResultSink } from './result-sink';
import type { InferenceService } from './service';
import { errorFields, INFERENCE_METRICS } from './telemetry';
import { NO_TRACER, type SpanTracer } from './xray-subsegments';

export interface KinesisStreamRecord {
  readonly eventSource: 'aws:kinesis';
  readonly kinesis: { readonly data: string; readonly sequenceNumber: string; readonly partitionKey: string };
}

export interface SqsRecord {
  readonly eventSource: 'aws:sqs';
  readonly messageId: string;
  readonly body: string;
  readonly attributes?: { readonly MessageGroupId?: string };
}

export interface StreamEvent {
  readonly Records: readonly (KinesisStreamRecord | SqsRecord)[];
}

export interface StreamBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

interface DecodedRecord {
  /** Sequence number (Kinesis) or message id (SQS): what `batchItemFailures` must name. */
  readonly itemIdentifier: string;
  readonly id: string;
  readonly partitionKey: string;
  readonly row?: RowValues;
  readonly problems?: readonly FieldProblem[];
  readonly instance?: unknown;
}

function decode(record: KinesisStreamRecord | SqsRecord): { itemIdentifier: string; partitionKey: string; text: string } {
  if (record.eventSource === 'aws:kinesis') {
    return { itemIdentifier: record.kinesis.sequenceNumber, partitionKey: record.kinesis.partitionKey, text: Buffer.from(record.kinesis.data, 'base64').toString('utf8') };
  }
  return { itemIdentifier: record.messageId, partitionKey: record.attributes?.MessageGroupId ?? record.messageId, text: record.body };
}

/** Parses a record's payload: `{ "id"?: string, "instance": row }`, nothing else. */
function parsePayload(text: string, problems: FieldProblemCollector): { id?: string; instance?: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    problems.add('record', `is not valid JSON (${(e as Error).message})`);
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.add('record', 'must be a JSON object such as {"id": "...", "instance": {...}}');
    return {};
  }
  const payload = parsed as Record<string, unknown>;
  for (const key of Object.keys(payload)) {
    if (key !== 'id' && key !== 'instance') problems.add(key, 'is not a record field (expected: id, instance)');
  }
  if (payload.id !== undefined && (typeof payload.id !== 'string' || payload.id.length === 0)) problems.add('id', 'must be a non-empty string');
  if (!('instance' in payload)) problems.add('instance', 'is required');
  return { id: typeof payload.id === 'string' ? payload.id : undefined, instance: payload.instance };
}

/**
 * Creates the Lambda handler for Kinesis/SQS batches. `tracer` records the model load, each micro-batch's scoring,
 * publishing the results and the capture as spans of the batch's trace (lib/inference/xray-subsegments.ts).
 */
export function createStreamHandler(service: InferenceService, sink: ResultSink, tracer: SpanTracer = NO_TRACER) {
  const version = service.config.modelVersionLabel;
  return async function handleStreamBatch(event: StreamEvent, context: InvocationContext = {}): Promise<StreamBatchResponse> {
    const logger = service.logger.child({ requestId: context.awsRequestId ?? 'local' });
    const records = event.Records ?? [];
    const failed = new Set<string>();
    let model;
    try {
      model = await tracer.span('LoadModel', () => service.model(logger), { model_version: version });
    } catch (error) {
      logger.error('model unavailable; the whole batch will be retried', errorFields(error));
      service.emit([{ name: INFERENCE_METRICS.errors, value: records.length, unit: 'Count' }], {}, logger);
      return { batchItemFailures: records.map((r) => ({ itemIdentifier: decode(r).itemIdentifier })) };
    }
    const decoded: DecodedRecord[] = records.map((record) => {
      const { itemIdentifier, partitionKey, text } = decode(record);
      const problems = new FieldProblemCollector(5);
      const payload = parsePayload(text, problems);
      const row = problems.count === 0 ? validateRow(model.schema, payload.instance, 'instance', problems) : undefined;
      return { itemIdentifier, id: payload.id ?? itemIdentifier, partitionKey, row, problems: row ? undefined : problems.list() };
    });
    const results: ResultMessage[] = [];
    const itemOf = new Map<string, string>();
    let latencyMs = 0;
    for (const record of decoded.filter((d) => !d.row)) {
      results.push({ id: record.id, partitionKey: record.partitionKey, payload: { id: record.id, modelVersion: version, status: 'rejected', error: { code: 'INVALID_INPUT', problems: record.problems } } });
      itemOf.set(record.id, record.itemIdentifier);
    }
    const valid = decoded.filter((d) => d.row);
    const scoredRows: RowValues[] = [];
    const scoredPredictions: Prediction[] = [];
    for (const part of chunk(valid, service.config.microBatchRows)) {
      try {
        const scored = await tracer.span('Score', () => service.score(model, part.map((d) => d.row as RowValues)), { rows: part.length, model_version: version });
        latencyMs += scored.latencyMs;
        scoredRows.push(...part.map((d) => d.row as RowValues));
        scoredPredictions.push(...scored.predictions);
        part.forEach((d, i) => {
          results.push({ id: d.id, partitionKey: d.partitionKey, payload: { id: d.id, modelVersion: version, status: 'scored', prediction: scored.predictions[i] } });
          itemOf.set(d.id, d.itemIdentifier);
        });
      } catch (error) {
        logger.error('micro-batch failed; its records will be retried', { records: part.length, ...errorFields(error) });
        part.forEach((d) => failed.add(d.itemIdentifier));
      }
    }
    if (results.length > 0) {
      try {
        const { failedIds } = await tracer.span('PublishResults', () => sink.publish(results), { results: results.length });
        failedIds.forEach((id) => failed.add(itemOf.get(id) ?? id));
      } catch (error) {
        logger.error('publishing results failed; the scored records will be retried', errorFields(error));
        results.forEach((r) => failed.add(itemOf.get(r.id) ?? r.id));
      }
    }
    await tracer.span('CaptureRequest', () => service.captureScored(model, scoredRows, scoredPredictions, context.awsRequestId ?? 'local', logger));
    const invalid = decoded.length - valid.length;
    service.emit([
      { name: INFERENCE_METRICS.latency, value: latencyMs, unit: 'Milliseconds' },
      { name: INFERENCE_METRICS.batchSize, value: records.length, unit: 'Count' },
      { name: INFERENCE_METRICS.invalidInputs, value: invalid, unit: 'Count' },
      { name: INFERENCE_METRICS.errors, value: failed.size, unit: 'Count' },
    ], {}, logger);
    logger.info('stream batch processed', { records: records.length, invalid, failed: failed.size });
    // Kinesis checkpoints at the lowest failed sequence number, so report failures in record order.
    return { batchItemFailures: decoded.filter((d) => failed.has(d.itemIdentifier)).map((d) => ({ itemIdentifier: d.itemIdentifier })) };
  };
}
