/**
 * LLM capture: OTLP/JSON exports of vLLM's `llm_request` spans (the shape the collector's awss3 exporter writes)
 * become request summaries, drift features and error/refusal rates; the drift job runs over them end to end.
 */
import { readDriftJobConfig, type DriftJobConfig } from '../../lib/drift/job-config';
import { runDriftJob, type MetricsPublisher } from '../../lib/drift/job';
import { finishReasonOf, llmBaselineRows, llmRates, llmSummaryFeatures, parseOtlpLlmSpans } from '../../lib/drift/llm-summary';
import { llmRateMetricData, type MetricDatum } from '../../lib/drift/metrics';
import { buildBaselineProfile } from '../../lib/drift/profile';
import { InMemoryObjectStore } from '../../lib/inference/object-store';

const NOW = new Date('2026-12-03T12:30:00.000Z');

interface SpanInput { prompt: number; completion: number; latency: number; error?: boolean; maxTokens?: number; finish?: string; endMs?: number; name?: string; promptText?: string }

/** One OTLP/JSON ExportTraceServiceRequest, attributes typed as OTLP/JSON writes them (int64 as strings). */
function otlpExport(spans: SpanInput[]): string {
  return JSON.stringify({
    resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'vllm' } }] },
      scopeSpans: [{
        scope: { name: 'vllm.llm_engine' },
        spans: spans.map((s, i) => ({
          traceId: '5b8efff798038103d269b633813fc60c', spanId: `eee19b7ec3c1b17${i % 10}`, name: s.name ?? 'llm_request', kind: 2,
          startTimeUnixNano: String(((s.endMs ?? NOW.getTime() - 60_000) - 1000) * 1e6), endTimeUnixNano: String((s.endMs ?? NOW.getTime() - 60_000) * 1e6),
          attributes: [
            { key: 'gen_ai.usage.prompt_tokens', value: { intValue: String(s.prompt) } },
            { key: 'gen_ai.usage.completion_tokens', value: { intValue: String(s.completion) } },
            { key: 'gen_ai.latency.e2e', value: { doubleValue: s.latency } },
            { key: 'gen_ai.request.id', value: { stringValue: `cmpl-${i}` } },
            ...(s.maxTokens !== undefined ? [{ key: 'gen_ai.request.max_tokens', value: { intValue: String(s.maxTokens) } }] : []),
            ...(s.finish ? [{ key: 'gen_ai.response.finish_reasons', value: { arrayValue: { values: [{ stringValue: s.finish }] } } }] : []),
            ...(s.promptText ? [{ key: 'gen_ai.prompt', value: { stringValue: s.promptText } }] : []),
          ],
          status: s.error ? { code: 2, message: 'CUDA out of memory' } : {},
        })),
      }],
    }],
  });
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('LLM request summaries from OTLP spans', () => {
  const text = otlpExport([
    { prompt: 120, completion: 256, latency: 2.5, maxTokens: 256 },
    { prompt: 40, completion: 12, latency: 0.4, error: true },
    { prompt: 80, completion: 3, latency: 0.2, finish: 'content_filter', promptText: 'my secret' },
    { prompt: 1, completion: 1, latency: 0.01, name: 'POST /v1/chat/completions' },
  ]);

  it('summarizes only llm_request spans, reading OTLP/JSON int64 strings as numbers', () => {
    const { summaries, malformed } = parseOtlpLlmSpans(text);
    expect(malformed).toBe(0);
    expect(summaries).toHaveLength(3);
    expect(summaries[0]).toEqual({ requestId: 'cmpl-0', model: undefined, time: new Date(NOW.getTime() - 60_000).toISOString(), promptTokens: 120, completionTokens: 256, latencySeconds: 2.5, timeToFirstTokenSeconds: undefined, finishReason: 'length', status: 'ok' });
    expect(summaries[1]).toMatchObject({ status: 'error', finishReason: 'error', error: 'CUDA out of memory' });
    expect(summaries[2]).toMatchObject({ finishReason: 'content_filter', status: 'ok' });
  });

  it('never keeps prompt text unless asked to, and never makes it a drift feature', () => {
    expect(parseOtlpLlmSpans(text).summaries[2].prompt).toBeUndefined();
    const opted = parseOtlpLlmSpans(text, { includePrompt: true }).summaries[2];
    expect(opted.prompt).toBe('my secret');
    expect(Object.values(llmSummaryFeatures(opted))).not.toContain('my secret');
    expect(Object.keys(llmSummaryFeatures(opted)).sort()).toEqual(['completion_tokens', 'finish_reason', 'latency_seconds', 'prompt_tokens', 'status']);
  });

  it('infers the finish reason where the span has none: length at max_tokens, stop below it, error on a failed span', () => {
    expect(finishReasonOf({ 'gen_ai.usage.completion_tokens': 100, 'gen_ai.request.max_tokens': 100 }, false)).toBe('length');
    expect(finishReasonOf({ 'gen_ai.usage.completion_tokens': 99, 'gen_ai.request.max_tokens': 100 }, false)).toBe('stop');
    expect(finishReasonOf({}, true)).toBe('error');
  });

  it('counts errors and content_filter refusals as shares of the requests, and publishes rates only from 30 requests', () => {
    const rates = llmRates(parseOtlpLlmSpans(text).summaries);
    expect(rates).toEqual({ requests: 3, errorRate: 1 / 3, refusalRate: 1 / 3 });
    expect(llmRateMetricData(rates, 'chat', NOW).map((d) => d.MetricName)).toEqual(['LlmCapturedRequests']);
    expect(llmRateMetricData(rates, 'chat', NOW, 3).map((d) => [d.MetricName, d.Value])).toEqual([['LlmCapturedRequests', 3], ['LlmErrorRate', 1 / 3], ['LlmRefusalRate', 1 / 3]]);
  });

  it('counts a document that is not an OTLP export as malformed', () => {
    expect(parseOtlpLlmSpans('{"hello": 1}\nnot json').malformed).toBe(2);
  });

  it('builds baseline rows from an OTLP export or from JSON Lines of summaries', () => {
    expect(llmBaselineRows(text)).toHaveLength(3);
    expect(llmBaselineRows('{"promptTokens": 10, "completionTokens": 5, "latencySeconds": 0.3}\n{"status": "error"}')).toEqual([
      { prompt_tokens: 10, completion_tokens: 5, latency_seconds: 0.3, finish_reason: 'stop', status: 'ok' },
      { prompt_tokens: null, completion_tokens: null, latency_seconds: null, finish_reason: 'error', status: 'error' },
    ]);
  });
});

describe('the drift job over LLM capture', () => {
  class Collector implements MetricsPublisher {
    readonly data: MetricDatum[] = [];
    async publish(_namespace: string, data: readonly MetricDatum[]) { this.data.push(...data); }
    value(name: string, feature?: string) { return this.data.find((d) => d.MetricName === name && (feature === undefined || d.Dimensions.some((x) => x.Value === feature)))?.Value; }
  }

  async function run(completionScale: number, errorShare: number) {
    const random = lcg(7);
    const spans = (n: number, scale: number, errors: number, endMs: number): SpanInput[] => Array.from({ length: n }, () => ({
      prompt: Math.round(50 + random() * 500), completion: Math.round((20 + random() * 300) * scale), latency: 0.5 + random() * 3, error: random() < errors, maxTokens: 4096, endMs,
    }));
    const rows = llmBaselineRows(otlpExport(spans(2000, 1, 0.01, NOW.getTime() - 48 * 3_600_000)));
    const store = new InMemoryObjectStore();
    store.putSync({ bucket: 'models', key: 'baseline/profile.json' }, JSON.stringify(buildBaselineProfile(rows, { categorical: ['finish_reason', 'status'] })));
    // The awss3 exporter's key layout with s3_partition_format '%Y/%m/%d/%H': <prefix>/<yyyy>/<mm>/<dd>/<hh>/<file>.
    store.putSync({ bucket: 'data', key: 'llm-capture/2026/12/03/11/traces_1.json' }, otlpExport(spans(300, completionScale, errorShare, NOW.getTime() - 3_600_000)));
    store.putSync({ bucket: 'data', key: 'llm-capture/2026/12/03/12/traces_2.json' }, otlpExport(spans(300, completionScale, errorShare, NOW.getTime() - 60_000)));
    const config: DriftJobConfig = readDriftJobConfig({
      DRIFT_DEPLOYMENT: 'chat', DRIFT_CAPTURE_URI: 's3://data/llm-capture/', DRIFT_BASELINE_URI: 's3://models/baseline/profile.json', DRIFT_CAPTURE_FORMAT: 'otlp-llm-spans',
    });
    const metrics = new Collector();
    const result = await runDriftJob(config, { store, lister: { list: async (b, p) => store.keys(b, p) }, metrics }, NOW);
    return { result, metrics };
  }

  it('GIVEN traffic like the baseline THEN token lengths are stable and the error rate is published', async () => {
    const { result, metrics } = await run(1, 0.01);
    expect(result.report.windowRows).toBe(600);
    expect(result.report.features.find((f) => f.feature === 'completion_tokens')!.psi).toBeLessThan(0.1);
    expect(metrics.value('LlmErrorRate')).toBeLessThan(0.05);
    expect(metrics.value('LlmCapturedRequests')).toBe(600);
  });

  it('GIVEN answers three times longer and 30 % errors THEN completion_tokens drifts and the error rate shows it', async () => {
    const { result, metrics } = await run(3, 0.3);
    const completion = result.report.features.find((f) => f.feature === 'completion_tokens')!;
    expect(completion.verdict).toBe('drift');
    expect(metrics.value('FeatureDriftScore', 'completion_tokens')).toBeGreaterThan(0.25);
    expect(metrics.value('LlmErrorRate')).toBeGreaterThan(0.2);
    expect(result.report.features.find((f) => f.feature === 'status')!.verdict).toBe('drift');
  });

  it('rejects an unknown capture format', () => {
    expect(() => readDriftJobConfig({ DRIFT_DEPLOYMENT: 'x', DRIFT_CAPTURE_URI: 's3://a/b/', DRIFT_BASELINE_URI: 's3://a/c', DRIFT_CAPTURE_FORMAT: 'parquet' })).toThrow(/DRIFT_CAPTURE_FORMAT must be one of records, otlp-llm-spans/);
  });
});
