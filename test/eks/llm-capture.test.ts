/**
 * LLM request capture through the in-cluster OpenTelemetry Collector: the extra traces pipeline (vLLM request spans
 * only, sampled, text attributes dropped, OTLP/JSON to S3 in the hour layout the drift job reads) and the least
 * privilege its Pod Identity role gets.
 */
import { gpuClusterComponents } from '../../lib/eks/components';
import { LLM_CAPTURE_PARTITION_FORMAT, llmCaptureCollectorConfig } from '../../lib/eks/llm-capture';
import { llmDriftAlarms, llmDriftSettings } from '../../lib/eks/llm-drift';
import { otelCollectorComponent } from '../../lib/eks/otel-collector-component';
import { driftJobEnvironment } from '../../lib/inference/deployment/drift';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';

const scope = { partition: 'aws', region: 'eu-west-1', accountId: '111122223333' };
const capture = { bucket: 'chat-models', samplingPercent: 20 };

describe('LLM capture pipeline of the collector', () => {
  const collector = otelCollectorComponent({ clusterName: 'gpu', region: 'eu-west-1', llmCapture: capture }, []);
  const config = (collector.values as Record<string, any>).config;

  it('keeps the X-Ray pipeline and adds one that writes sampled llm_request spans to S3 as OTLP/JSON', () => {
    expect(config.service.pipelines.traces.exporters).toEqual(['awsxray']);
    expect(config.service.pipelines['traces/llm-capture']).toEqual({
      receivers: ['otlp'],
      processors: ['memory_limiter', 'filter/llm-requests', 'probabilistic_sampler/llm-capture', 'attributes/drop-llm-text', 'batch'],
      exporters: ['awss3/llm-capture'],
    });
    expect(config.processors['filter/llm-requests']).toEqual({ error_mode: 'ignore', traces: { span: ['name != "llm_request"'] } });
    expect(config.processors['probabilistic_sampler/llm-capture']).toEqual({ sampling_percentage: 20 });
    expect(config.exporters['awss3/llm-capture']).toEqual({
      s3uploader: { region: 'eu-west-1', s3_bucket: 'chat-models', s3_prefix: 'llm-capture', s3_partition_format: '%Y/%m/%d/%H', file_prefix: 'llm-requests-' },
      marshaler: 'otlp_json',
    });
    expect(LLM_CAPTURE_PARTITION_FORMAT).toBe('%Y/%m/%d/%H');
  });

  it('drops prompt and completion text attributes unless the spec opts in', () => {
    expect(config.processors['attributes/drop-llm-text']).toEqual({ actions: [{ pattern: '^gen_ai\\.(prompt|completion).*', action: 'delete' }] });
    const opted = llmCaptureCollectorConfig({ ...capture, includePrompt: true }, 'eu-west-1');
    expect(opted.processors['attributes/drop-llm-text']).toBeUndefined();
    expect(opted.pipeline.processors).not.toContain('attributes/drop-llm-text');
  });

  it('may put objects under the capture prefix only, and use KMS only through S3 for this bucket', () => {
    const statements = collector.podIdentity!.policy(scope).Statement as Array<Record<string, any>>;
    expect(statements.map((s) => s.Sid)).toEqual(['WriteTraces', 'WriteLlmCapture', 'EncryptLlmCapture']);
    expect(statements[1]).toEqual({ Sid: 'WriteLlmCapture', Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::chat-models/llm-capture/*' });
    expect(statements[2].Action).toEqual(['kms:GenerateDataKey', 'kms:Decrypt']);
    expect(statements[2].Condition).toEqual({
      StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
      StringLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::chat-models', 'arn:aws:s3:::chat-models/llm-capture/*'] },
    });
  });

  it('rejects a sampling rate outside (0, 100] and a prefix without a trailing slash, in one error', () => {
    expect(() => llmCaptureCollectorConfig({ ...capture, samplingPercent: 0, prefix: 'x' }, 'eu-west-1')).toThrow(/samplingPercent[\s\S]*prefix/);
  });

  it('is passed through by gpuClusterComponents', () => {
    const components = gpuClusterComponents({ clusterName: 'gpu', capacity: 'auto-mode', keda: false, leaderWorkerSet: false, region: 'eu-west-1', llmCapture: capture });
    const otel = components.find((c) => c.id === 'OtelCollector')!;
    expect(Object.keys((otel.values as any).config.service.pipelines)).toContain('traces/llm-capture');
  });
});

describe('LLM drift settings from the spec', () => {
  const spec = (monitoring: Record<string, unknown>, engine = 'vllm') => resolveDeploymentSpec({
    name: 'chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine }, target: { kind: 'eks' }, monitoring,
  });
  const deployment = { name: 'chat', account: '111122223333', region: 'eu-west-1', modelBucket: 'chat-models' };

  it('captures nothing unless the spec enables data capture on a vLLM deployment', () => {
    expect(llmDriftSettings(spec({}), deployment)).toBeUndefined();
    expect(llmDriftSettings(spec({ dataCapture: { enabled: true } }, 'tgi'), deployment)).toBeUndefined();
  });

  it('captures to the model bucket, and runs the drift job over OTLP spans with its four alarms when drift detection is on', () => {
    const settings = llmDriftSettings(spec({ dataCapture: { enabled: true, samplingPercent: 10 }, driftDetection: true, drift: { refusalFinishReasons: ['content_filter', 'safety'], errorRateThreshold: 0.02 } }), deployment)!;
    expect(settings.capture).toEqual({ bucket: 'chat-models', prefix: 'llm-capture/', samplingPercent: 10, includePrompt: false, retentionDays: 30 });
    expect(driftJobEnvironment(settings.job!)).toMatchObject({
      DRIFT_CAPTURE_URI: 's3://chat-models/llm-capture/', DRIFT_BASELINE_URI: 's3://chat-models/baseline/profile.json',
      DRIFT_CAPTURE_FORMAT: 'otlp-llm-spans', DRIFT_REFUSAL_FINISH_REASONS: 'content_filter,safety',
    });
    const alarms = llmDriftAlarms(settings);
    expect(alarms.map((a) => [a.id, a.metricName, a.threshold])).toEqual([
      ['LlmDrift', 'OverallDriftScore', 0.25], ['LlmErrorRate', 'LlmErrorRate', 0.02], ['LlmRefusalRate', 'LlmRefusalRate', 0.05], ['LlmDriftJobErrors', 'Errors', 0],
    ]);
    expect(alarms.every((a) => a.treatMissingData === 'notBreaching')).toBe(true);
  });

  it('keeps capture without a job or alarms when drift detection is off', () => {
    const settings = llmDriftSettings(spec({ dataCapture: { enabled: true }, driftDetection: false }), deployment)!;
    expect(settings.job).toBeUndefined();
    expect(llmDriftAlarms(settings)).toEqual([]);
  });

  it('rejects rate thresholds outside (0, 1) and an empty refusal list, in one error', () => {
    expect(() => spec({ drift: { errorRateThreshold: 5, refusalRateThreshold: 0, refusalFinishReasons: [] } })).toThrow(/errorRateThreshold[\s\S]*refusalRateThreshold[\s\S]*refusalFinishReasons/);
  });
});
