/**
 * LLM request summaries, read from the OpenTelemetry spans vLLM emits (`vllm serve --otlp-traces-endpoint`) and the
 * in-cluster collector writes to S3 with the contrib `awss3` exporter as OTLP JSON (lib/eks/llm-capture.ts). One
 * summary per finished request: prompt and completion token counts, latency, finish reason, status, model, time.
 * The spans carry no prompt or output text (vLLM's tracing is metadata only), so nothing here can leak a prompt;
 * a summary holds text only where a client's own span adds `gen_ai.prompt` and the spec opts in. Pure.
 */
import type { CellValue, DataRow } from './dataset';
import type { WindowRecord } from './compare';

/** Name of vLLM's per-request SERVER span (vllm/v1/engine/output_processor.py, `do_tracing`, read 2026-12-03). */
export const VLLM_REQUEST_SPAN = 'llm_request';

/**
 * Span attributes read. vLLM's `SpanAttributes` (vllm/tracing.py, read 2026-12-03) sets the usage, latency, request
 * id and max_tokens ones on `llm_request`; `gen_ai.response.finish_reasons` and `gen_ai.response.model` are the
 * OpenTelemetry GenAI semantic conventions (docs/gen-ai/gen-ai-spans.md), read when a span carries them.
 */
export const GEN_AI_ATTRIBUTES = {
  promptTokens: 'gen_ai.usage.prompt_tokens',
  completionTokens: 'gen_ai.usage.completion_tokens',
  e2eLatency: 'gen_ai.latency.e2e',
  timeToFirstToken: 'gen_ai.latency.time_to_first_token',
  requestId: 'gen_ai.request.id',
  maxTokens: 'gen_ai.request.max_tokens',
  responseModel: 'gen_ai.response.model',
  finishReasons: 'gen_ai.response.finish_reasons',
  prompt: 'gen_ai.prompt',
} as const;

/** OTLP `Status.code` of an error (opentelemetry-proto trace.proto: STATUS_CODE_ERROR = 2; JSON may spell the name). */
const STATUS_CODE_ERROR = 2;

export interface LlmRequestSummary {
  readonly requestId?: string;
  readonly model?: string;
  /** ISO-8601 end of the request. */
  readonly time: string;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  /** End-to-end latency in seconds. */
  readonly latencySeconds?: number;
  readonly timeToFirstTokenSeconds?: number;
  /** `stop`, `length`, `content_filter`, ... or `error`; see {@link finishReasonOf}. */
  readonly finishReason: string;
  readonly status: 'ok' | 'error';
  /** The span status message of a failed request. */
  readonly error?: string;
  /** Present only when the spec opts in (`includePrompt`) and a span carried it. */
  readonly prompt?: string;
}

/** Features of an LLM summary compared with the baseline; the names of the FeatureDriftScore metrics. */
export const LLM_FEATURES = {
  promptTokens: 'prompt_tokens',
  completionTokens: 'completion_tokens',
  latencySeconds: 'latency_seconds',
  finishReason: 'finish_reason',
  status: 'status',
} as const;

interface OtlpAnyValue {
  readonly stringValue?: string; readonly intValue?: string | number; readonly doubleValue?: number; readonly boolValue?: boolean;
  readonly arrayValue?: { readonly values?: readonly OtlpAnyValue[] };
}
interface OtlpSpan {
  readonly name?: string; readonly endTimeUnixNano?: string | number;
  readonly attributes?: readonly { readonly key: string; readonly value?: OtlpAnyValue }[];
  readonly status?: { readonly code?: number | string; readonly message?: string };
}

function anyValue(v: OtlpAnyValue | undefined): CellValue | readonly CellValue[] | undefined {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  // OTLP/JSON writes 64-bit integers as decimal strings (protobuf JSON mapping).
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map((x) => anyValue(x) as CellValue);
  return undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The finish reason of a request. The span's `gen_ai.response.finish_reasons` when present; otherwise (vLLM's spans
 * do not carry it) inferred: `error` for a failed span, `length` when the completion reached `max_tokens`, else
 * `stop`. The inference cannot tell `stop` from an aborted or filtered request: documented in docs/drift.md.
 */
export function finishReasonOf(attributes: Readonly<Record<string, unknown>>, failed: boolean): string {
  if (failed) return 'error';
  const given = attributes[GEN_AI_ATTRIBUTES.finishReasons];
  const first = Array.isArray(given) ? str(given[0]) : str(given);
  if (first) return first;
  const max = num(attributes[GEN_AI_ATTRIBUTES.maxTokens]);
  const completion = num(attributes[GEN_AI_ATTRIBUTES.completionTokens]);
  return max !== undefined && completion !== undefined && completion >= max ? 'length' : 'stop';
}

function spanSummary(span: OtlpSpan, includePrompt: boolean): LlmRequestSummary | undefined {
  const attributes: Record<string, unknown> = {};
  for (const a of span.attributes ?? []) attributes[a.key] = anyValue(a.value);
  const code = span.status?.code;
  const failed = code === STATUS_CODE_ERROR || code === 'STATUS_CODE_ERROR';
  const endNanos = Number(span.endTimeUnixNano ?? NaN);
  if (!Number.isFinite(endNanos)) return undefined;
  const prompt = includePrompt ? str(attributes[GEN_AI_ATTRIBUTES.prompt]) : undefined;
  return {
    requestId: str(attributes[GEN_AI_ATTRIBUTES.requestId]),
    model: str(attributes[GEN_AI_ATTRIBUTES.responseModel]),
    time: new Date(endNanos / 1e6).toISOString(),
    promptTokens: num(attributes[GEN_AI_ATTRIBUTES.promptTokens]),
    completionTokens: num(attributes[GEN_AI_ATTRIBUTES.completionTokens]),
    latencySeconds: num(attributes[GEN_AI_ATTRIBUTES.e2eLatency]),
    timeToFirstTokenSeconds: num(attributes[GEN_AI_ATTRIBUTES.timeToFirstToken]),
    finishReason: finishReasonOf(attributes, failed),
    status: failed ? 'error' : 'ok',
    ...(failed && span.status?.message ? { error: span.status.message } : {}),
    ...(prompt !== undefined ? { prompt } : {}),
  };
}

export interface ParsedLlmSpans {
  readonly summaries: LlmRequestSummary[];
  /** Documents (or lines) that were not OTLP trace exports. */
  readonly malformed: number;
}

/**
 * Summaries of the `llm_request` spans of an OTLP/JSON trace export (`{"resourceSpans": [...]}`): one document per
 * object as the awss3 exporter writes it, or one per line. Other spans (HTTP server spans, client spans) are skipped.
 */
export function parseOtlpLlmSpans(text: string, options: { readonly includePrompt?: boolean; readonly spanName?: string } = {}): ParsedLlmSpans {
  const spanName = options.spanName ?? VLLM_REQUEST_SPAN;
  const documents: unknown[] = [];
  let malformed = 0;
  try {
    documents.push(JSON.parse(text));
  } catch {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try { documents.push(JSON.parse(line)); } catch { malformed++; }
    }
  }
  const summaries: LlmRequestSummary[] = [];
  for (const doc of documents) {
    const resourceSpans = (doc as { resourceSpans?: unknown } | null)?.resourceSpans;
    if (!Array.isArray(resourceSpans)) { malformed++; continue; }
    for (const rs of resourceSpans as { scopeSpans?: { spans?: OtlpSpan[] }[] }[]) {
      for (const ss of rs.scopeSpans ?? []) {
        for (const span of ss.spans ?? []) {
          if (span.name !== spanName) continue;
          const summary = spanSummary(span, options.includePrompt ?? false);
          if (summary) summaries.push(summary);
        }
      }
    }
  }
  return { summaries, malformed };
}

/** The drift features of a summary (never the prompt, the request id or the model: identifiers are not distributions). */
export function llmSummaryFeatures(summary: LlmRequestSummary): Record<string, CellValue> {
  return {
    [LLM_FEATURES.promptTokens]: summary.promptTokens ?? null,
    [LLM_FEATURES.completionTokens]: summary.completionTokens ?? null,
    [LLM_FEATURES.latencySeconds]: summary.latencySeconds ?? null,
    [LLM_FEATURES.finishReason]: summary.finishReason,
    [LLM_FEATURES.status]: summary.status,
  };
}

export function llmWindowRecord(summary: LlmRequestSummary): WindowRecord {
  return { features: llmSummaryFeatures(summary) };
}

/**
 * Rows for `aimd baseline --llm`: each line of a JSON Lines file of summaries (fields of {@link LlmRequestSummary})
 * or each `llm_request` span of an OTLP/JSON export becomes the features of {@link llmSummaryFeatures}.
 */
export function llmBaselineRows(text: string): DataRow[] {
  const trimmed = text.trimStart();
  if (trimmed.includes('"resourceSpans"')) return parseOtlpLlmSpans(text).summaries.map(llmSummaryFeatures);
  const rows: DataRow[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const s = JSON.parse(line) as Partial<LlmRequestSummary>;
    const status = s.status === 'error' ? 'error' : 'ok';
    rows.push(llmSummaryFeatures({ time: '', finishReason: s.finishReason ?? (status === 'error' ? 'error' : 'stop'), status, promptTokens: s.promptTokens, completionTokens: s.completionTokens, latencySeconds: s.latencySeconds }));
  }
  return rows;
}

/**
 * Finish reasons counted as refusals. `content_filter` is the OpenAI-compatible finish reason of a response
 * withheld by a filter (OpenAI API reference, chat completion object `finish_reason`, read 2026-12-03); a model that
 * declines in words finishes with `stop` and is not counted: the spans carry no text to classify.
 */
export const DEFAULT_REFUSAL_FINISH_REASONS: readonly string[] = ['content_filter'];

export interface LlmRates {
  readonly requests: number;
  /** Share of requests whose span status is ERROR. */
  readonly errorRate: number;
  /** Share of requests whose finish reason is a refusal reason. */
  readonly refusalRate: number;
}

export function llmRates(summaries: readonly LlmRequestSummary[], refusalFinishReasons: readonly string[] = DEFAULT_REFUSAL_FINISH_REASONS): LlmRates {
  const n = summaries.length;
  if (n === 0) return { requests: 0, errorRate: 0, refusalRate: 0 };
  const errors = summaries.filter((s) => s.status === 'error').length;
  const refusals = summaries.filter((s) => refusalFinishReasons.includes(s.finishReason)).length;
  return { requests: n, errorRate: errors / n, refusalRate: refusals / n };
}
