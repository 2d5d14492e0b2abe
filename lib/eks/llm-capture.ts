/**
 * LLM request capture on EKS: the in-cluster OpenTelemetry Collector (otel-collector-component.ts) already receives
 * vLLM's OTLP traces; a second traces pipeline keeps only vLLM's `llm_request` spans (one per finished request,
 * carrying token counts, latencies and the request id; vllm/tracing.py), samples them at the spec's rate, strips any
 * prompt/completion text attribute unless the spec opts in, and writes them as OTLP/JSON to the capture bucket with
 * the contrib `awss3` exporter. The drift job (lib/drift, `DRIFT_CAPTURE_FORMAT=otlp-llm-spans`) reads them back.
 * Every component used is in the otelcol-contrib distribution's build manifest (opentelemetry-collector-releases
 * distributions/otelcol-contrib/manifest.yaml: awss3exporter, filterprocessor, probabilisticsamplerprocessor,
 * attributesprocessor; read 2026-12-03). Engine-free.
 */
import { ProblemCollector } from '../errors';
import { VLLM_REQUEST_SPAN } from '../drift/llm-summary';
import type { AwsScope } from './add-on-components';

/** Key prefix of the captured spans in the capture bucket (ends in `/`, as the drift job's capture URI must). */
export const LLM_CAPTURE_PREFIX = 'llm-capture/';

/**
 * Partition layout of the awss3 exporter (`s3_partition_format`, strftime): `<prefix>/<yyyy>/<mm>/<dd>/<hh>/`, the
 * hour folders the drift job lists (lib/drift/job.ts `windowHourPrefixes`). The exporter's default is
 * `year=%Y/month=%m/day=%d/hour=%H/minute=%M` (exporter/awss3exporter/README.md, read 2026-12-03).
 */
export const LLM_CAPTURE_PARTITION_FORMAT = '%Y/%m/%d/%H';

export interface LlmCaptureOptions {
  /** Capture bucket (SSE-KMS by default encryption with `kmsKeyArn`; the exporter sets no encryption header itself). */
  readonly bucket: string;
  /**
   * ARN of the bucket's KMS key.
   * @default - any key of the account, used through S3 for objects of this bucket only (kms:ViaService and the
   * `aws:s3:arn` encryption context): engines whose key ARN is not a plain string at this point need no token here
   */
  readonly kmsKeyArn?: string;
  /** Percentage of requests captured (the probabilistic sampler's `sampling_percentage`, 0 < p ≤ 100). */
  readonly samplingPercent: number;
  /** Key prefix, ending in `/`. @default LLM_CAPTURE_PREFIX */
  readonly prefix?: string;
  /**
   * Keep `gen_ai.prompt*` / `gen_ai.completion*` attributes a client's span may add. vLLM's own spans carry none.
   * @default false: the attributes processor deletes them before export
   */
  readonly includePrompt?: boolean;
}

/** @throws InputValidationError listing every problem of the options */
export function checkLlmCaptureOptions(options: LlmCaptureOptions): void {
  const p = new ProblemCollector();
  p.check(options.samplingPercent > 0 && options.samplingPercent <= 100, 'monitoring.dataCapture.samplingPercent', options.samplingPercent,
    'must be above 0 and at most 100', 'set a percentage of requests to capture, e.g. 20');
  const prefix = options.prefix ?? LLM_CAPTURE_PREFIX;
  p.check(prefix.endsWith('/') && !prefix.startsWith('/') && prefix.length > 1, 'llmCapture.prefix', prefix, "must be a key prefix ending in '/' (and not starting with one)", "use e.g. 'llm-capture/'");
  p.throwIfAny('LLM capture');
}

/** The capture pipeline's collector configuration, merged into the collector's config by otel-collector-component.ts. */
export function llmCaptureCollectorConfig(options: LlmCaptureOptions, region: string): {
  processors: Record<string, unknown>; exporters: Record<string, unknown>; pipeline: { receivers: string[]; processors: string[]; exporters: string[] };
} {
  checkLlmCaptureOptions(options);
  const prefix = (options.prefix ?? LLM_CAPTURE_PREFIX).replace(/\/$/, '');
  const processors: Record<string, unknown> = {
    // filterprocessor (OTTL): spans matching a condition are dropped, so everything but vLLM's request span goes.
    'filter/llm-requests': { error_mode: 'ignore', traces: { span: [`name != "${VLLM_REQUEST_SPAN}"`] } },
    'probabilistic_sampler/llm-capture': { sampling_percentage: options.samplingPercent },
  };
  if (!options.includePrompt) {
    // attributesprocessor `delete` with a regex `pattern` (processor/attributesprocessor/README.md).
    processors['attributes/drop-llm-text'] = { actions: [{ pattern: '^gen_ai\\.(prompt|completion).*', action: 'delete' }] };
  }
  return {
    processors,
    exporters: {
      'awss3/llm-capture': {
        s3uploader: { region, s3_bucket: options.bucket, s3_prefix: prefix, s3_partition_format: LLM_CAPTURE_PARTITION_FORMAT, file_prefix: 'llm-requests-' },
        marshaler: 'otlp_json',
      },
    },
    pipeline: {
      receivers: ['otlp'],
      processors: ['memory_limiter', 'filter/llm-requests', 'probabilistic_sampler/llm-capture', ...(options.includePrompt ? [] : ['attributes/drop-llm-text']), 'batch'],
      exporters: ['awss3/llm-capture'],
    },
  };
}

/**
 * The collector role's extra statements: put objects under the capture prefix only, and use KMS only through S3
 * (kms:ViaService) for this bucket's objects: S3 passes `aws:s3:arn` as encryption context, the bucket ARN when S3
 * Bucket Keys are on (as on our buckets), else the object ARN ("Using server-side encryption with AWS KMS keys",
 * Amazon S3 user guide, "Encryption context", read 2026-12-03). GenerateDataKey encrypts a new object; Decrypt is
 * needed by multipart uploads to an SSE-KMS bucket (same guide, "Uploading and copying objects using multipart upload").
 */
export function llmCaptureStatements(options: LlmCaptureOptions, scope: AwsScope): Record<string, unknown>[] {
  const prefix = options.prefix ?? LLM_CAPTURE_PREFIX;
  const bucketArn = `arn:${scope.partition}:s3:::${options.bucket}`;
  return [
    { Sid: 'WriteLlmCapture', Effect: 'Allow', Action: ['s3:PutObject'], Resource: `${bucketArn}/${prefix}*` },
    {
      Sid: 'EncryptLlmCapture', Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: options.kmsKeyArn ?? `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/*`,
      Condition: {
        StringEquals: { 'kms:ViaService': `s3.${scope.region}.amazonaws.com` },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/${prefix}*`] },
      },
    },
  ];
}
