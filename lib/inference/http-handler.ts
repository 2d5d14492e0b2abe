/**
 * Real-time mode: API Gateway HTTP API (payload 2.0) and Lambda function URL events, plus direct
 * invocations (`{ "instances": [...] }`, e.g. asynchronous invokes that end in the dead-letter queue when
 * they fail).
 *
 * POST (any path) scores `{ "instances": [row, ...] }`; GET (any path) describes the input schema.
 * Invalid input gets 400 naming each offending field; failures of the model get 500 with no internals.
 */
import { FieldProblemCollector, InvalidInputError } from './errors';
import { validateInstances } from './input-schema';
import type { InferenceService } from './service';
import { errorFields, INFERENCE_METRICS } from './telemetry';
import { NO_TRACER, type SpanTracer } from './xray-subsegments';

/** The parts of an HTTP API / function URL event the handler reads. */
export interface HttpRequestEvent {
  readonly requestContext?: { readonly requestId?: string; readonly http?: { readonly method?: string; readonly path?: string } };
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The Lambda context fields the handlers use. */
export interface InvocationContext {
  readonly awsRequestId?: string;
}

const REQUEST_FIELDS = ['instances'];

function respond(status: number, payload: unknown, modelVersion: string): HttpResponse {
  return { statusCode: status, headers: { 'content-type': 'application/json', 'x-model-version': modelVersion }, body: JSON.stringify(payload) };
}

/** Decodes and checks the body of an HTTP request; returns the parsed JSON object. @throws InvalidInputError */
export function parseRequestBody(event: HttpRequestEvent, maxPayloadBytes: number): Record<string, unknown> {
  const problems = new FieldProblemCollector();
  const contentType = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (contentType !== undefined && !/^application\/json\s*(;.*)?$/i.test(contentType)) {
    problems.add('headers.content-type', `must be application/json, got '${contentType}'`);
  }
  if (event.body === undefined || event.body === null || event.body === '') {
    problems.add('body', 'is required: a JSON object such as {"instances": [...]}');
    problems.throwIfAny();
  }
  const bytes = event.isBase64Encoded ? Buffer.from(event.body as string, 'base64') : Buffer.from(event.body as string, 'utf8');
  if (bytes.length > maxPayloadBytes) {
    problems.add('body', `is ${bytes.length} bytes; the limit is ${maxPayloadBytes} bytes (split the request into smaller batches)`);
  }
  problems.throwIfAny();
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    problems.add('body', `is not valid JSON (${(e as Error).message})`);
    problems.throwIfAny();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.add('body', 'must be a JSON object such as {"instances": [...]}');
    problems.throwIfAny();
  }
  checkRequestFields(parsed as Record<string, unknown>, problems);
  problems.throwIfAny();
  return parsed as Record<string, unknown>;
}

function checkRequestFields(request: Record<string, unknown>, problems: FieldProblemCollector): void {
  if (!('instances' in request)) problems.add('instances', 'is required: an array of rows');
  for (const key of Object.keys(request)) {
    if (!REQUEST_FIELDS.includes(key)) problems.add(key, `is not a request field (expected: ${REQUEST_FIELDS.join(', ')})`);
  }
}

/**
 * Creates the Lambda handler for real-time inference. `tracer` records the model load, the scoring and the capture
 * write as spans of the invocation's trace (lib/inference/xray-subsegments.ts).
 */
export function createHttpHandler(service: InferenceService, tracer: SpanTracer = NO_TRACER) {
  const version = service.config.modelVersionLabel;
  return async function handleHttp(event: HttpRequestEvent & Record<string, unknown>, context: InvocationContext = {}): Promise<HttpResponse | Record<string, unknown>> {
    const requestId = context.awsRequestId ?? event.requestContext?.requestId ?? 'local';
    const logger = service.logger.child({ requestId });
    const direct = event.requestContext === undefined;
    const method = event.requestContext?.http?.method ?? 'POST';
    let rows = 0;
    try {
      if (!direct && method === 'GET') {
        const model = await service.model(logger);
        return respond(200, { modelVersion: version, sha256: model.sha256, inputs: model.schema.inputs, featureNames: model.schema.featureNames, outputs: model.outputNames }, version);
      }
      if (!direct && method !== 'POST') {
        return respond(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST to score and GET to describe the model' }, requestId }, version);
      }
      let request: Record<string, unknown>;
      if (direct) {
        const problems = new FieldProblemCollector();
        checkRequestFields(event, problems);
        problems.throwIfAny();
        request = event;
      } else {
        request = parseRequestBody(event, service.config.maxPayloadBytes);
      }
      const model = await tracer.span('LoadModel', () => service.model(logger), { model_version: version });
      const valid = validateInstances(model.schema, request.instances, { maxRows: service.config.maxRows });
      rows = valid.length;
      const scored = await tracer.span('Score', () => service.score(model, valid), { rows, model_version: version });
      // Written while the response is prepared; awaited so Lambda does not freeze it half-way. Never rejects.
      const captured = tracer.span('CaptureRequest', () => service.captureScored(model, valid, scored.predictions, requestId, logger));
      service.emit([
        { name: INFERENCE_METRICS.latency, value: scored.latencyMs, unit: 'Milliseconds' },
        { name: INFERENCE_METRICS.batchSize, value: rows, unit: 'Count' },
        { name: INFERENCE_METRICS.microBatches, value: scored.microBatches, unit: 'Count' },
        { name: INFERENCE_METRICS.errors, value: 0, unit: 'Count' },
      ], { requestId }, logger);
      logger.info('scored', { rows, microBatches: scored.microBatches, latencyMs: scored.latencyMs });
      const payload = { modelVersion: version, predictions: scored.predictions };
      await captured;
      return direct ? payload : respond(200, payload, version);
    } catch (error) {
      if (error instanceof InvalidInputError) {
        logger.warn('invalid input', { problems: error.problems });
        service.emit([{ name: INFERENCE_METRICS.invalidInputs, value: 1, unit: 'Count' }], { requestId }, logger);
        if (direct) throw error;
        return respond(400, { error: { code: 'INVALID_INPUT', message: error.message, problems: error.problems }, requestId }, version);
      }
      logger.error('inference failed', { rows, ...errorFields(error) });
      service.emit([{ name: INFERENCE_METRICS.errors, value: 1, unit: 'Count' }], { requestId }, logger);
      if (direct) throw new Error(`inference failed; see the logs of request ${requestId}`);
      return respond(500, { error: { code: 'INTERNAL', message: 'The model could not score this request; it has been logged under the request id.' }, requestId }, version);
    }
  };
}
