/**
 * Spans from inside the Lambda handler: X-Ray subsegments of the invocation's function segment, continuing the trace
 * Lambda hands over in `_X_AMZN_TRACE_ID` (itself continued from the caller's X-Amzn-Trace-Id).
 */
import { createBatchHandler } from '../../lib/inference/batch-handler';
import { createHttpHandler } from '../../lib/inference/http-handler';
import { InMemoryResultSink } from '../../lib/inference/result-sink';
import { createStreamHandler } from '../../lib/inference/stream-handler';
import { DAEMON_HEADER, NO_TRACER, parseTraceHeader, tracerFromEnvironment, XRaySubsegmentTracer } from '../../lib/inference/xray-subsegments';
import { irisClassifier, reshapeFailsAtRuntime } from '../fixtures/onnx/models';
import { createHarness, post } from './support/harness';
import { functionEnvironment } from '../../lib/inference/deployment/config';
import { configFor } from '../serverless/support/configs';

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const SAMPLED = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
const SETOSA = { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 };

/** A tracer whose documents land in `sent`, with a clock that advances 5 ms per reading. */
function recordingTracer(header: string | undefined) {
  const sent: string[] = [];
  let clock = 1_700_000_000_000;
  let ids = 0;
  const tracer = new XRaySubsegmentTracer({
    traceHeader: () => header, send: (m) => sent.push(m), now: () => (clock += 5), newId: () => `00000000000000${String(++ids).padStart(2, '0')}`,
  });
  const documents = () => sent.map((m) => {
    const [head, body] = m.split('\n');
    expect(head).toBe(DAEMON_HEADER);
    return JSON.parse(body) as Record<string, any>;
  });
  return { tracer, documents };
}

describe('X-Ray trace header', () => {
  it('reads root, parent and the sampling decision', () => {
    expect(parseTraceHeader(SAMPLED)).toEqual({ root: ROOT, parent: '53995c3f42cd8ad8', sampled: true });
    expect(parseTraceHeader(`Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=0`)?.sampled).toBe(false);
    expect(parseTraceHeader(`Root=${ROOT}`)).toBeUndefined();
    expect(parseTraceHeader(undefined)).toBeUndefined();
  });
});

describe('subsegments', () => {
  it('sends one subsegment per span, child of the function segment, in the caller trace', async () => {
    const { tracer, documents } = recordingTracer(SAMPLED);
    await expect(tracer.span('Score', async () => 42, { rows: 3, 'model-version': 'v1' })).resolves.toBe(42);
    const [doc] = documents();
    expect(doc).toEqual({
      name: 'Score', id: '0000000000000001', trace_id: ROOT, parent_id: '53995c3f42cd8ad8', type: 'subsegment',
      start_time: 1_700_000_000.005, end_time: 1_700_000_000.01, annotations: { rows: 3, model_version: 'v1' },
    });
  });

  it('marks a span whose work throws as a fault and rethrows', async () => {
    const { tracer, documents } = recordingTracer(SAMPLED);
    await expect(tracer.span('Score', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(documents()[0].fault).toBe(true);
  });

  it('sends nothing for unsampled or untraced invocations, and never fails the work when sending fails', async () => {
    for (const header of [`Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=0`, undefined]) {
      const { tracer, documents } = recordingTracer(header);
      await tracer.span('Score', async () => 1);
      expect(documents()).toEqual([]);
    }
    const failing = new XRaySubsegmentTracer({ traceHeader: () => SAMPLED, send: () => { throw new Error('socket closed'); } });
    await expect(failing.span('Score', async () => 'ok')).resolves.toBe('ok');
  });

  it('is on only where Lambda runs the X-Ray daemon (active tracing)', () => {
    expect(tracerFromEnvironment({})).toBe(NO_TRACER);
    expect(tracerFromEnvironment({ AWS_XRAY_DAEMON_ADDRESS: '169.254.79.129:2000' })).toBeInstanceOf(XRaySubsegmentTracer);
  });
});

describe('the function configuration', () => {
  it('runs with active tracing, which gives the handler the daemon, and needs no layer or exec wrapper', () => {
    const config = configFor({ target: { kind: 'lambda' } });
    expect(config.function.tracing).toBe('Active');
    expect(Object.keys(functionEnvironment(config))).not.toContain('AWS_LAMBDA_EXEC_WRAPPER');
  });
});

describe('the real-time handler', () => {
  it('records model load, scoring and capture as spans of the invocation', async () => {
    const { tracer, documents } = recordingTracer(SAMPLED);
    const h = createHarness(irisClassifier());
    const response = (await createHttpHandler(h.service, tracer)(post({ instances: [SETOSA, SETOSA] }) as never, { awsRequestId: 'req-1' })) as { statusCode: number };
    expect(response.statusCode).toBe(200);
    const spans = documents();
    expect(spans.map((s) => s.name).sort()).toEqual(['CaptureRequest', 'LoadModel', 'Score']);
    expect(spans.every((s) => s.trace_id === ROOT && s.parent_id === '53995c3f42cd8ad8')).toBe(true);
    expect(spans.find((s) => s.name === 'Score')!.annotations.rows).toBe(2);
  });

  it('records a fault on the Score span when the model fails', async () => {
    const { tracer, documents } = recordingTracer(SAMPLED);
    const h = createHarness(reshapeFailsAtRuntime());
    const response = (await createHttpHandler(h.service, tracer)(post({ instances: [[1, 2]] }) as never, {})) as { statusCode: number };
    expect(response.statusCode).toBe(500);
    expect(documents().find((s) => s.name === 'Score')?.fault).toBe(true);
  });
});

describe('the batch handler', () => {
  it('records model load, reading the input, scoring, writing the results and capture as spans of the item', async () => {
    const { tracer, documents } = recordingTracer(SAMPLED);
    const h = createHarness(irisClassifier(), { mode: 'batch', batch: { inputBucket: 'data', inputPrefix: 'input/', outputUri: 's3://data/output/' } });
    h.store.putSync({ bucket: 'data', key: 'input/day1.jsonl' }, `${JSON.stringify(SETOSA)}\n${JSON.stringify(SETOSA)}\n`);
    await expect(createBatchHandler(h.service, tracer)({ key: 'input/day1.jsonl' }, { awsRequestId: 'item-1' })).resolves.toMatchObject({ status: 'scored', rows: 2 });
    const spans = documents();
    expect(spans.map((s) => s.name).sort()).toEqual(['CaptureRequest', 'LoadModel', 'ReadInput', 'Score', 'WriteResults']);
    expect(spans.every((s) => s.trace_id === ROOT && s.parent_id === '53995c3f42cd8ad8')).toBe(true);
    expect(spans.find((s) => s.name === 'Score')!.annotations).toEqual({ rows: 2, model_version: 'iris-v1' });
  });
});

describe('the stream handler', () => {
  it('records model load, one Score span per micro-batch, publishing and capture as spans of the batch', async () => {
    const { tracer, documents } = recordingTracer(SAMPLED);
    const h = createHarness(irisClassifier(), { mode: 'stream', sink: { kind: 'kinesis', target: 'results' }, microBatchRows: 1 });
    const record = (seq: string) => ({
      eventSource: 'aws:kinesis', kinesis: { sequenceNumber: seq, partitionKey: `pk-${seq}`, data: Buffer.from(JSON.stringify({ instance: SETOSA })).toString('base64') },
    });
    const response = await createStreamHandler(h.service, new InMemoryResultSink(), tracer)({ Records: [record('1'), record('2')] } as never, { awsRequestId: 'batch-1' });
    expect(response).toEqual({ batchItemFailures: [] });
    const names = documents().map((s) => s.name);
    expect(names.filter((n) => n === 'Score')).toHaveLength(2);
    expect([...new Set(names)].sort()).toEqual(['CaptureRequest', 'LoadModel', 'PublishResults', 'Score']);
  });
});
