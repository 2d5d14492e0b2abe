/**
 * Model Monitor model quality, where ground-truth labels exist: the job reads the same capture as the
 * data-quality job plus the ground-truth prefix, runs hourly as a ModelQuality schedule, and an alarm
 * on the chosen metric notifies the alarm topic. Bad options are reported all at once, by field.
 */
import { InputValidationError } from '../../lib/errors';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import { MODEL_QUALITY_NAMESPACE } from '../../lib/sagemaker/model-quality';
import type { ModelQualityOptions } from '../../lib/sagemaker/options';
import { planFor } from './support/plans';

const MONITORED = { monitoring: { dataCapture: { enabled: true, samplingPercent: 25 } } };
const BINARY: ModelQualityOptions = { problemType: 'BinaryClassification', probabilityAttribute: '0', probabilityThresholdAttribute: 0.5, metricAlarm: { metric: 'f1', threshold: 0.8, comparison: 'LessThanThreshold' } };

function problemsOf(options: ModelQualityOptions, overrides: Parameters<typeof planFor>[1] = MONITORED) {
  try {
    describeSageMakerEndpoint(planFor('realtime', overrides), { modelQuality: options });
  } catch (error) {
    if (error instanceof InputValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('GIVEN a real-time endpoint with data capture and modelQuality options', () => {
  const d = describeSageMakerEndpoint(planFor('realtime', MONITORED), { modelQuality: BINARY });

  test('THEN the job reads the capture of this endpoint and the ground truth in the data bucket', () => {
    expect(d.modelQuality).toMatchObject({
      problemType: 'BinaryClassification',
      input: d.dataCapture!.files,
      groundTruth: { bucket: 'data', key: 'ground-truth/tabular/' },
      probabilityAttribute: '0',
      probabilityThresholdAttribute: 0.5,
      baselineConstraints: { bucket: 'data', key: 'monitoring/tabular/model-quality/baseline/constraints.json' },
      environment: { publish_cloudwatch_metrics: 'Enabled' },
    });
    const read = d.modelQualityPermissions.find((s) => s.sid === 'ReadCaptureGroundTruthAndBaseline')!;
    expect(read.resources).toContainEqual({ kind: 'objects', bucket: 'data', prefix: 'ground-truth/tabular/' });
    expect(read.resources).toContainEqual({ kind: 'objects', bucket: 'data', prefix: 'capture/tabular/' });
  });

  test('THEN an hourly alarm on the metric watches the schedule in the model-metrics namespace', () => {
    expect(d.alarms.find((a) => a.purpose === 'model-quality')).toMatchObject({
      name: 'tabular-model-quality',
      namespace: MODEL_QUALITY_NAMESPACE,
      metricNames: ['f1'],
      dimensions: { Endpoint: 'tabular', MonitoringSchedule: 'tabular-model-quality' },
      threshold: 0.8,
      comparison: 'LessThanThreshold',
      notify: true,
    });
  });

  test('WHEN the labels live in another bucket THEN the job and its role read that bucket', () => {
    const other = describeSageMakerEndpoint(planFor('realtime', MONITORED), { modelQuality: { ...BINARY, groundTruthS3Uri: 's3://labels-bucket/fraud/' } });
    expect(other.modelQuality!.groundTruth).toEqual({ bucket: { external: 'labels-bucket' }, key: 'fraud/' });
    expect(other.modelQualityPermissions.find((s) => s.sid === 'ListInputBuckets')!.resources).toContainEqual({ kind: 'bucket', bucket: { external: 'labels-bucket' } });
  });
});

describe('GIVEN invalid modelQuality options', () => {
  test('WHEN data capture is off THEN the problem names modelQuality and the fix', () => {
    expect(problemsOf(BINARY, { monitoring: { dataCapture: { enabled: false } } })).toContainEqual(expect.objectContaining({ field: 'modelQuality', fix: expect.stringMatching(/dataCapture.enabled/) }));
  });

  test('WHEN several fields are wrong THEN every problem is reported at once with field and value', () => {
    const problems = problemsOf({
      problemType: 'Regression',
      groundTruthS3Uri: 'labels/',
      probabilityAttribute: '0',
      probabilityThresholdAttribute: 1.5,
      metricAlarm: { metric: 'f1', threshold: Number.NaN, comparison: 'LessThanThreshold' },
    });
    expect(problems.map((p) => p.field).sort()).toEqual([
      'modelQuality.groundTruthS3Uri',
      'modelQuality.inferenceAttribute',
      'modelQuality.metricAlarm.metric',
      'modelQuality.metricAlarm.threshold',
      'modelQuality.probabilityAttribute',
      'modelQuality.probabilityThresholdAttribute',
      'modelQuality.probabilityThresholdAttribute',
    ]);
    expect(problems.find((p) => p.field === 'modelQuality.metricAlarm.metric')).toMatchObject({ value: 'f1', fix: expect.stringMatching(/mae, mse, rmse, r2/) });
  });

  test('WHEN a classifier gives neither a label nor a probability attribute THEN the problem says which to set', () => {
    expect(problemsOf({ problemType: 'MulticlassClassification', metricAlarm: { metric: 'weighted_f1', threshold: 0.7, comparison: 'LessThanThreshold' } }))
      .toEqual([expect.objectContaining({ field: 'modelQuality.probabilityAttribute', fix: expect.stringMatching(/inferenceAttribute/) })]);
  });
});

// What the sagemaker-shadow blueprint renders for model quality is asserted in blueprint-sagemaker-shadow.test.ts,
// on the render that file already makes (one render per blueprint in the suite).
