/**
 * Ground-truth quality metrics against the examples of scikit-learn's API reference (read 2026-12-03), which
 * computes them with its own independent implementation:
 * - accuracy_score: y_true [0,1,2,3], y_pred [0,2,1,3] -> 0.5
 * - f1_score: y_true [0,1,2,0,1,2], y_pred [0,2,1,0,0,1] -> average='macro' 0.2666..., average=None [0.8, 0, 0]
 * - root_mean_squared_error: y_true [3,-0.5,2,7], y_pred [2.5,0.0,2,8] -> 0.6123724356957945 (= sqrt(0.375),
 *   mean_squared_error's example 0.375)
 */
import type { MetricDatum } from '../../lib/drift/metrics';
import { readQualityJobConfig, runQualityJob } from '../../lib/drift/quality-job';
import { qualityAlarms, qualitySettings } from '../../lib/inference/deployment/quality';
import { InMemoryObjectStore } from '../../lib/inference/object-store';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { accuracy, capturedPredictions, f1Score, higherIsBetter, joinGroundTruth, parseGroundTruthLines, qualityMetric, rootMeanSquaredError } from '../../lib/drift/quality';

describe('quality metrics (scikit-learn reference examples)', () => {
  it('accuracy_score example: 0.5', () => {
    expect(accuracy([0, 1, 2, 3], [0, 2, 1, 3])).toBe(0.5);
  });

  it('f1_score example: macro 0.2667, the F1 of class 0 alone 0.8', () => {
    const truth = [0, 1, 2, 0, 1, 2];
    const predicted = [0, 2, 1, 0, 0, 1];
    expect(f1Score(truth, predicted)).toBeCloseTo(0.26666666666666666, 12);
    expect(f1Score(truth, predicted, 0)).toBeCloseTo(0.8, 12);
    expect(f1Score(truth, predicted, 1)).toBe(0);
  });

  it('root_mean_squared_error example: sqrt(0.375)', () => {
    expect(rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])).toBeCloseTo(0.6123724356957945, 12);
  });

  it('treats labels as values, so "1" and 1 are different classes', () => {
    expect(accuracy(['1', 1], [1, 1])).toBe(0.5);
  });

  it('rejects mismatched lengths and non-numeric regression pairs', () => {
    expect(() => accuracy([1, 2], [1])).toThrow(/differ in length/);
    expect(() => rootMeanSquaredError(['a'], [1])).toThrow(/rmse needs numbers/);
  });

  it('alarms below the threshold for accuracy and F1, above it for RMSE', () => {
    expect(higherIsBetter('accuracy')).toBe(true);
    expect(higherIsBetter('f1')).toBe(true);
    expect(higherIsBetter('rmse')).toBe(false);
    expect(qualityMetric([1, 0], [1, 1], { metric: 'f1', positiveLabel: 1 })).toBeCloseTo(2 / 3, 12);
  });
});

describe('joining ground truth with captured predictions', () => {
  it('joins on request id and row, counts labels without a capture, and keeps the last duplicate label', () => {
    const records = [
      { requestId: 'a', prediction: { score: 1 } },
      { requestId: 'a', prediction: { score: 0 } },
      { requestId: 'b', prediction: { score: 1 } },
    ];
    const predictions = capturedPredictions(records, 'score');
    expect(predictions).toEqual([{ requestId: 'a', row: 0, prediction: 1 }, { requestId: 'a', row: 1, prediction: 0 }, { requestId: 'b', row: 0, prediction: 1 }]);
    const { labels, malformed } = parseGroundTruthLines([
      '{"requestId":"a","row":1,"label":1}',
      '{"requestId":"b","label":0}',
      '{"requestId":"b","label":1}',
      '{"requestId":"zzz","label":1}',
      'not json',
      '{"label":1}',
    ].join('\n'));
    expect(malformed).toBe(2);
    const joined = joinGroundTruth(predictions, labels);
    expect(joined).toEqual({ truth: [1, 1], predicted: [0, 1], unmatchedLabels: 1 });
    expect(accuracy(joined.truth, joined.predicted)).toBe(0.5);
  });
});

describe('the quality job over an in-memory store', () => {
  const NOW = new Date('2026-12-03T12:30:00.000Z');
  const env = {
    QUALITY_DEPLOYMENT: 'iris', QUALITY_CAPTURE_URI: 's3://data/capture/', QUALITY_LABELS_URI: 's3://data/ground-truth/',
    QUALITY_METRIC: 'accuracy', QUALITY_PREDICTION_FIELD: 'label', QUALITY_WINDOW_HOURS: '24',
  };

  it('joins the window\'s labels with its captured predictions and publishes the accuracy', async () => {
    const store = new InMemoryObjectStore();
    // 40 predictions; labels for all of them, 30 agreeing: accuracy 0.75.
    const captured = Array.from({ length: 40 }, (_, i) => JSON.stringify({ time: '2026-12-03T11:00:00Z', requestId: `r${i}`, features: {}, prediction: { label: i % 2 } })).join('\n');
    store.putSync({ bucket: 'data', key: 'capture/2026/12/03/11/r-1.jsonl' }, captured);
    const labels = Array.from({ length: 40 }, (_, i) => JSON.stringify({ requestId: `r${i}`, label: i < 30 ? i % 2 : 1 - (i % 2) })).join('\n');
    store.putSync({ bucket: 'data', key: 'ground-truth/2026/12/03/12/batch.jsonl' }, `${labels}\n{"requestId":"late","label":1}`);
    const published: MetricDatum[] = [];
    const result = await runQualityJob(readQualityJobConfig(env), { store, lister: { list: async (b, p) => store.keys(b, p) }, metrics: { publish: async (_n, d) => { published.push(...d); } } }, NOW);
    expect(result).toMatchObject({ value: 0.75, labelledRows: 40, unmatchedLabels: 1, malformedLines: 0 });
    expect(published.find((d) => d.MetricName === 'ModelQuality')).toMatchObject({ Value: 0.75, Dimensions: [{ Name: 'Deployment', Value: 'iris' }, { Name: 'Metric', Value: 'accuracy' }] });
  });

  it('publishes no quality value under 30 labelled rows, only the count', async () => {
    const store = new InMemoryObjectStore();
    store.putSync({ bucket: 'data', key: 'capture/2026/12/03/11/a.jsonl' }, '{"requestId":"a","prediction":{"label":1}}');
    store.putSync({ bucket: 'data', key: 'ground-truth/2026/12/03/11/a.jsonl' }, '{"requestId":"a","label":1}');
    const published: MetricDatum[] = [];
    const result = await runQualityJob(readQualityJobConfig(env), { store, lister: { list: async (b, p) => store.keys(b, p) }, metrics: { publish: async (_n, d) => { published.push(...d); } } }, NOW);
    expect(result.value).toBeUndefined();
    expect(published.map((d) => [d.MetricName, d.Value])).toEqual([['QualityLabelledRows', 1]]);
  });

  it('lists every configuration problem at once', () => {
    expect(() => readQualityJobConfig({ QUALITY_METRIC: 'auc', QUALITY_CAPTURE_URI: 's3://data/capture' })).toThrow(/QUALITY_CAPTURE_URI[\s\S]*QUALITY_LABELS_URI[\s\S]*QUALITY_METRIC must be one of accuracy, f1, rmse[\s\S]*QUALITY_DEPLOYMENT[\s\S]*QUALITY_PREDICTION_FIELD/);
  });
});

describe('monitoring.quality in the spec', () => {
  const spec = (quality: unknown) => resolveDeploymentSpec({
    name: 'iris', model: { id: 'iris' }, runtime: { engine: 'onnxruntime' }, target: { kind: 'lambda' }, monitoring: { quality },
  });

  it('becomes a daily job over a week of labels under ground-truth/ of the data bucket, alarming below the threshold', () => {
    const settings = qualitySettings(spec({ metric: 'f1', threshold: 0.8, predictionField: 'label', positiveLabel: 1 }), { samplingPercent: 20, bucket: 'data', prefix: 'capture/', retentionDays: 30 }, 'models')!;
    expect(settings).toMatchObject({ functionName: 'iris-quality', schedule: 'rate(1 day)', windowHours: 168, metricsNamespace: 'aimd/Quality' });
    expect(settings.quality).toEqual({ metric: 'f1', threshold: 0.8, predictionField: 'label', labelField: 'label', positiveLabel: 1, labels: { bucket: 'data', prefix: 'ground-truth/' } });
    const [alarm] = qualityAlarms({ name: 'iris', quality: settings });
    expect(alarm).toMatchObject({ metricName: 'ModelQuality', comparisonOperator: 'LessThanThreshold', statistic: 'Minimum', threshold: 0.8, dimensions: { Deployment: 'iris', Metric: 'f1' } });
    const rmse = qualitySettings(spec({ metric: 'rmse', threshold: 3, predictionField: 'price' }), { samplingPercent: 20, bucket: 'data', prefix: 'capture/', retentionDays: 30 }, 'models')!;
    expect(qualityAlarms({ name: 'iris', quality: rmse })[0]).toMatchObject({ comparisonOperator: 'GreaterThanThreshold', statistic: 'Maximum' });
  });

  it('lists every problem of a malformed quality section at once', () => {
    expect(() => spec({ metric: 'auc', threshold: 2, labelsPrefix: 'capture/x/' })).toThrow(/quality\.metric[\s\S]*quality\.threshold[\s\S]*quality\.predictionField[\s\S]*quality\.labelsPrefix/);
  });
});

describe('monitoring.quality where it cannot run', () => {
  it('is rejected outside the serverless targets and without data capture, naming both', () => {
    expect(() => resolveDeploymentSpec({
      name: 'chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'vllm' }, target: { kind: 'eks' },
      monitoring: { dataCapture: { enabled: false }, quality: { metric: 'accuracy', threshold: 0.9, predictionField: 'label' } },
    })).toThrow(/quality job runs for the lambda, batch, streaming targets only[\s\S]*data capture is off/);
  });
});
