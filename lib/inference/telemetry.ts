/**
 * Structured JSON logs and CloudWatch Embedded Metric Format (EMF) records. In Lambda, every line written
 * to stdout lands in CloudWatch Logs; lines with an `_aws.CloudWatchMetrics` block also become metrics,
 * without an API call on the request path.
 * EMF specification: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html (read 2025-06).
 */

/** Metric names the handler emits; the alarms and dashboards of every engine use these constants. */
export const INFERENCE_METRICS = {
  /** Milliseconds to score a request's rows (excludes model load). */
  latency: 'ModelLatency',
  /** Rows in the request, batch item or stream batch. */
  batchSize: 'BatchSize',
  /** Model runtime calls per request (micro-batches). */
  microBatches: 'MicroBatches',
  /** Requests or records that failed in the model or the handler (500s, retried records). */
  errors: 'ModelErrors',
  /** Requests or records rejected by input validation (400s). */
  invalidInputs: 'InvalidInputs',
  /** Milliseconds to read, verify and load the model on a cold start. */
  modelLoadTime: 'ModelLoadTime',
  /** Request-capture writes that failed (the requests themselves were served). */
  captureErrors: 'CaptureErrors',
} as const;

/** The dimension every metric carries (the deployment name); alarms select on it. */
export const SERVICE_DIMENSION = 'Service';
/** Second dimension set, so versions can be compared during a canary. */
export const MODEL_VERSION_DIMENSION = 'ModelVersion';

export type MetricUnit = 'Milliseconds' | 'Count';

export interface MetricValue {
  readonly name: string;
  readonly value: number;
  readonly unit: MetricUnit;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where log lines go (stdout in Lambda; an array in tests). */
export type LineWriter = (line: string) => void;

/** Builds one EMF record (a plain object, one JSON log line). */
export function emfRecord(options: {
  readonly namespace: string;
  readonly service: string;
  readonly modelVersion: string;
  readonly metrics: readonly MetricValue[];
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly timestamp?: number;
}): Record<string, unknown> {
  const record: Record<string, unknown> = {
    ...options.properties,
    _aws: {
      Timestamp: options.timestamp ?? Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: options.namespace,
          Dimensions: [[SERVICE_DIMENSION], [SERVICE_DIMENSION, MODEL_VERSION_DIMENSION]],
          Metrics: options.metrics.map((m) => ({ Name: m.name, Unit: m.unit })),
        },
      ],
    },
    [SERVICE_DIMENSION]: options.service,
    [MODEL_VERSION_DIMENSION]: options.modelVersion,
  };
  for (const m of options.metrics) record[m.name] = m.value;
  return record;
}

/** A JSON-lines logger with fixed context fields (service, model version, request id). */
export class StructuredLogger {
  constructor(
    private readonly write: LineWriter,
    private readonly context: Readonly<Record<string, unknown>> = {},
  ) {}

  /** A logger whose lines also carry `fields` (e.g. the request id). */
  child(fields: Readonly<Record<string, unknown>>): StructuredLogger {
    return new StructuredLogger(this.write, { ...this.context, ...fields });
  }

  log(level: LogLevel, message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.write(JSON.stringify({ timestamp: new Date().toISOString(), level, message, ...this.context, ...fields }));
  }

  info(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.log('info', message, fields);
  }

  warn(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.log('warn', message, fields);
  }

  error(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.log('error', message, fields);
  }

  /** Writes an EMF record as its own line (CloudWatch extracts the metrics from it). */
  metrics(record: Record<string, unknown>): void {
    this.write(JSON.stringify(record));
  }
}

/** Error details safe for logs (never for responses): name, message and the first stack frames. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { errorName: error.name, errorMessage: error.message, stack: error.stack?.split('\n').slice(0, 6).join('\n') };
  }
  return { errorMessage: String(error) };
}
