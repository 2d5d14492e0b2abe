/**
 * A small, real ONNX model for edge devices: a per-feature z-score anomaly detector. For each reading it
 * computes `score = max_i |x_i - mean_i| / std_i` and `is_anomaly = score > threshold`, with the
 * threshold as a model input so the component configuration can change it without a new model.
 *
 * Graph (opset 17, where ReduceMax still takes `axes` as an attribute):
 *   features[batch, n] -Sub(mean)-> -Div(std)-> -Abs-> -ReduceMax(axes=[1], keepdims=0)-> score[batch]
 *   Greater(score, threshold[1]) -> is_anomaly[batch] (bool)
 */
import { ProblemCollector } from '../errors';
import { MODEL_IO } from '../edge-app/layout';
import { encodeOnnxModel, OnnxModelDefinition } from '../onnx';

export interface SensorAnomalyModelOptions {
  /** One name per input feature, in order (written to the model's `feature_names` metadata). */
  readonly featureNames: readonly string[];
  /** Per-feature mean of normal operation. */
  readonly mean: readonly number[];
  /** Per-feature standard deviation of normal operation (> 0). */
  readonly std: readonly number[];
  /** Written to `model_version` and the `model_label` metadata. */
  readonly version: { readonly number: number; readonly label: string };
}


function validate(o: SensorAnomalyModelOptions): void {
  const p = new ProblemCollector();
  const n = o.featureNames.length;
  p.check(n > 0, 'featureNames', o.featureNames, 'must name at least one feature', "e.g. ['temperature_c', 'vibration_mm_s']");
  p.check(new Set(o.featureNames).size === n, 'featureNames', o.featureNames, 'must be unique', 'rename the duplicates');
  p.check(o.mean.length === n && o.mean.every(Number.isFinite), 'mean', o.mean, `must hold ${n} finite numbers (one per feature)`, 'give the mean of each feature');
  p.check(o.std.length === n && o.std.every((s) => Number.isFinite(s) && s > 0), 'std', o.std, `must hold ${n} positive numbers (one per feature)`, 'give the standard deviation of each feature; a constant feature cannot be scored');
  p.check(Number.isInteger(o.version.number) && o.version.number >= 1, 'version.number', o.version.number, 'must be a whole number >= 1', 'count model builds from 1');
  p.throwIfAny('Sensor anomaly model');
}

/** The model as an ONNX graph definition. @throws InputValidationError for inconsistent statistics */
export function sensorAnomalyModelDefinition(o: SensorAnomalyModelOptions): OnnxModelDefinition {
  validate(o);
  const n = o.featureNames.length;
  const io = MODEL_IO;
  return {
    graphName: 'sensor_zscore_anomaly',
    inputs: [
      { name: io.features, elementType: 'float32', shape: ['batch', n] },
      { name: io.threshold, elementType: 'float32', shape: [1] },
    ],
    outputs: [
      { name: io.score, elementType: 'float32', shape: ['batch'] },
      { name: io.isAnomaly, elementType: 'bool', shape: ['batch'] },
    ],
    initializers: [
      { name: 'mean', elementType: 'float32', dims: [n], values: [...o.mean] },
      { name: 'std', elementType: 'float32', dims: [n], values: [...o.std] },
    ],
    nodes: [
      { opType: 'Sub', inputs: [io.features, 'mean'], outputs: ['centered'] },
      { opType: 'Div', inputs: ['centered', 'std'], outputs: ['z'] },
      { opType: 'Abs', inputs: ['z'], outputs: ['abs_z'] },
      { opType: 'ReduceMax', inputs: ['abs_z'], outputs: [io.score], attributes: [{ name: 'axes', kind: 'ints', value: [1] }, { name: 'keepdims', kind: 'int', value: 0 }] },
      { opType: 'Greater', inputs: [io.score, io.threshold], outputs: [io.isAnomaly] },
    ],
    opsets: [{ domain: '', version: 17 }],
    modelVersion: o.version.number,
    metadata: { feature_names: o.featureNames.join(','), model_label: o.version.label, task: 'anomaly-detection' },
  };
}

/** The model as the bytes of an `.onnx` file. */
export function encodeSensorAnomalyModel(o: SensorAnomalyModelOptions): Uint8Array {
  return encodeOnnxModel(sensorAnomalyModelDefinition(o));
}
