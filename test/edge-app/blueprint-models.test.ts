/**
 * The two models the edge-greengrass blueprint publishes, run by the edge app: both load, name their
 * features, and score readings as max |z| against their own calibration.
 */
import { CALIBRATION_2026_10, CALIBRATION_2026_11, EDGE_GREENGRASS_FLEET, SENSOR_FEATURES } from '../../blueprints/edge/edge-greengrass';
import { AnomalyModel } from '../../lib/edge-app/model-runner';
import { sensorAnomalyModelDefinition } from '../../lib/edge/sensor-anomaly-model';
import { loadOnnxRuntimeForTests } from '../inference/support/onnx-runtime';

describe.each(EDGE_GREENGRASS_FLEET.releases.map((r) => [r.componentVersion, r] as const))('release %s', (_version, release) => {
  test('THEN its model loads in the app and scores a reading as the largest |z|', async () => {
    const model = await AnomalyModel.load(loadOnnxRuntimeForTests(), release.model);
    expect(model.featureNames).toEqual(SENSOR_FEATURES);
    const reading = [70, 2.1, 11.5, 4.2];
    const [score] = await model.score([reading], release.threshold);
    const calibration = release.modelVersion === 'zscore-2026.10' ? CALIBRATION_2026_10 : CALIBRATION_2026_11;
    const expected = Math.max(...reading.map((x, i) => Math.abs((x - calibration.mean[i]!) / calibration.std[i]!)));
    expect(score!.score).toBeCloseTo(expected, 4);
    expect(score!.isAnomaly).toBe(expected > release.threshold);
    await model.release();
  });
});

test('GIVEN inconsistent statistics THEN the model builder lists every problem', () => {
  expect(() => sensorAnomalyModelDefinition({ featureNames: ['t', 't'], mean: [1], std: [0, -1], version: { number: 0, label: 'x' } }))
    .toThrow(/Sensor anomaly model has 4 problems[\s\S]*featureNames[\s\S]*must be unique[\s\S]*mean[\s\S]*std[\s\S]*version\.number/);
});
