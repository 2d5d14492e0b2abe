/**
 * Spans from inside the Lambda handler as X-Ray subsegments of the function's own segment, so a caller's trace shows
 * where an inference spent its time (model load, scoring, capture).
 *
 * Why not the ADOT Lambda layer: AWS calls its per-language ADOT layers legacy (aws-otel.github.io, "AWS Distro for
 * OpenTelemetry Lambda Support For JavaScript", read 2026-12-03) and the replacement `AWSOpenTelemetryDistroJs` layers
 * carry a different version number in each region, so one pinned ARN per region and architecture cannot be checked
 * here; the legacy layer also cannot hot-patch an esbuild bundle's `export`ed handler (same page). Why not
 * aws-xray-sdk-core: a dependency for the few lines below. The X-Ray daemon's protocol is documented and small:
 * - Lambda (active tracing) runs the daemon at `AWS_XRAY_DAEMON_ADDRESS` and puts each invocation's trace header in
 *   `_X_AMZN_TRACE_ID` (`Root=...;Parent=<function segment id>;Sampled=0|1`), continuing the caller's
 *   `X-Amzn-Trace-Id` (Lambda developer guide, "Defined runtime environment variables", read 2026-12-03);
 * - a subsegment is sent on its own as `{"format":"json","version":1}\n` + the document, over UDP, with `type:
 *   "subsegment"`, `trace_id`, `parent_id`, a 16-hex-digit `id` and `start_time`/`end_time` in epoch seconds (X-Ray
 *   developer guide, "Segment documents" and "Sending segment documents to the X-Ray daemon", read 2026-12-03).
 * Unsampled invocations send nothing; a send failure never fails the request.
 */
import { randomBytes } from 'crypto';
import * as dgram from 'dgram';

/** One invocation's X-Ray trace header. */
export interface TraceHeader {
  readonly root: string;
  /** Id of the function segment the subsegments belong to. */
  readonly parent: string;
  readonly sampled: boolean;
}

/** Parses `Root=1-...;Parent=...;Sampled=1`; undefined without a root and parent (nothing to attach spans to). */
export function parseTraceHeader(value: string | undefined): TraceHeader | undefined {
  if (!value) return undefined;
  const fields = Object.fromEntries(value.split(';').map((part) => part.trim().split('=', 2) as [string, string]));
  if (!fields.Root || !fields.Parent) return undefined;
  return { root: fields.Root, parent: fields.Parent, sampled: fields.Sampled === '1' };
}

/** Where a finished subsegment document goes (UDP to the daemon in Lambda; an array in tests). */
export type SegmentSender = (message: string) => void;

/** The daemon protocol header that precedes every document. */
export const DAEMON_HEADER = '{"format":"json","version":1}';

/** Annotation values X-Ray indexes (strings, numbers, booleans). */
export type Annotations = Readonly<Record<string, string | number | boolean>>;

export interface SpanTracer {
  /** Runs `work` inside a subsegment called `name`; the subsegment records a fault when `work` throws. */
  span<T>(name: string, work: () => Promise<T>, annotations?: Annotations): Promise<T>;
}

/** Tracing off (no daemon: local runs, tests of other behaviour). */
export const NO_TRACER: SpanTracer = { span: (_name, work) => work() };

export interface XRaySubsegmentTracerOptions {
  /** Reads the current invocation's trace header (Lambda updates `_X_AMZN_TRACE_ID` per invocation). */
  readonly traceHeader: () => string | undefined;
  readonly send: SegmentSender;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default 8 random bytes as hex */
  readonly newId?: () => string;
}

export class XRaySubsegmentTracer implements SpanTracer {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: XRaySubsegmentTracerOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => randomBytes(8).toString('hex'));
  }

  async span<T>(name: string, work: () => Promise<T>, annotations?: Annotations): Promise<T> {
    const header = parseTraceHeader(this.options.traceHeader());
    if (!header?.sampled) return work();
    const start = this.now() / 1000;
    let fault = false;
    try {
      return await work();
    } catch (error) {
      fault = true;
      throw error;
    } finally {
      const document = {
        name, id: this.newId(), trace_id: header.root, parent_id: header.parent, type: 'subsegment',
        start_time: start, end_time: this.now() / 1000,
        ...(fault && { fault: true }),
        ...(annotations && { annotations: sanitizeAnnotations(annotations) }),
      };
      try {
        this.options.send(`${DAEMON_HEADER}\n${JSON.stringify(document)}`);
      } catch {
        // Tracing is best effort: the request is served whatever happens to its spans.
      }
    }
  }
}

/** X-Ray annotation keys: letters, digits and underscores only (other keys are dropped by X-Ray). */
function sanitizeAnnotations(annotations: Annotations): Annotations {
  return Object.fromEntries(Object.entries(annotations).map(([k, v]) => [k.replace(/[^A-Za-z0-9_]/g, '_'), v]));
}

/** UDP sender to `host:port` of the daemon; the socket is opened on the first span and never keeps the process alive. */
export function udpSegmentSender(daemonAddress: string): SegmentSender {
  const [host, port] = daemonAddress.split(':');
  let socket: dgram.Socket | undefined;
  return (message) => {
    if (!socket) {
      socket = dgram.createSocket('udp4');
      socket.unref();
      socket.on('error', () => undefined);
    }
    socket.send(message, Number(port), host, () => undefined);
  };
}

/** The tracer of a Lambda environment: X-Ray subsegments when the daemon address is set (active tracing), else none. */
export function tracerFromEnvironment(env: Readonly<Record<string, string | undefined>>): SpanTracer {
  const daemon = env.AWS_XRAY_DAEMON_ADDRESS;
  if (!daemon || !/^[\w.-]+:\d+$/.test(daemon)) return NO_TRACER;
  return new XRaySubsegmentTracer({ traceHeader: () => env._X_AMZN_TRACE_ID, send: udpSegmentSender(daemon) });
}
