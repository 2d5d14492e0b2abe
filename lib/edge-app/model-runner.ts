/**
 * Runs the anomaly model with ONNX Runtime Web (WebAssembly): one runtime for x86_64 and aarch64 devices,
 * no native binary to match to the device. Loading checks the model's inputs and outputs against what the
 * app feeds it, so a wrong model fails the component's start (and the deployment rolls back) instead of
 * failing every request.
 */
import type * as Ort from 'onnxruntime-web';
import type { OnnxRuntime } from '../inference/onnx-model';
import { readOnnxMetadata } from '../onnx';
import { MODEL_IO } from './layout';

export type { OnnxRuntime };

export interface AnomalyScore {
  readonly score: number;
  readonly isAnomaly: boolean;
}

/** Thrown when a model cannot be loaded or does not have the inputs and outputs the app needs. */
export class ModelLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

interface TensorMetadata {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: readonly (number | string)[];
}

export class AnomalyModel {
  /**
   * Loads and checks a model with a configured ONNX Runtime (see runtime.ts).
   * @throws ModelLoadError naming what is wrong (not ONNX, wrong inputs/outputs)
   */
  static async load(ort: OnnxRuntime, bytes: Uint8Array): Promise<AnomalyModel> {
    let session: Ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes);
    } catch (error) {
      throw new ModelLoadError(`the model file is not a loadable ONNX model (${(error as Error).message.split('\n')[0]})`);
    }
    const inputs = (session.inputMetadata as readonly TensorMetadata[]) ?? [];
    const features = inputs.find((m) => m.name === MODEL_IO.features);
    const problems: string[] = [];
    if (!features || features.type !== 'float32' || features.shape?.length !== 2 || typeof features.shape[1] !== 'number') {
      problems.push(`input '${MODEL_IO.features}' must be float32 [batch, n] with a fixed n (found ${features ? `${features.type} ${JSON.stringify(features.shape)}` : 'none'})`);
    }
    if (!session.inputNames.includes(MODEL_IO.threshold)) problems.push(`input '${MODEL_IO.threshold}' (float32 [1]) is missing`);
    for (const output of [MODEL_IO.score, MODEL_IO.isAnomaly]) {
      if (!session.outputNames.includes(output)) problems.push(`output '${output}' is missing`);
    }
    if (problems.length > 0) {
      await session.release();
      throw new ModelLoadError(`the model does not fit the app: ${problems.join('; ')} (inputs: ${session.inputNames.join(', ')}; outputs: ${session.outputNames.join(', ')})`);
    }
    const n = features!.shape![1] as number;
    const named = readOnnxMetadata(bytes).metadata.feature_names?.split(',').filter((f) => f !== '');
    const featureNames = named && named.length === n ? named : Array.from({ length: n }, (_, i) => `f${i}`);
    return new AnomalyModel(ort, session, featureNames);
  }

  private constructor(private readonly ort: OnnxRuntime, private readonly session: Ort.InferenceSession, public readonly featureNames: readonly string[]) {}

  /** Scores a batch of rows (each with `featureNames.length` values) against a threshold. */
  async score(rows: readonly (readonly number[])[], threshold: number): Promise<AnomalyScore[]> {
    const n = this.featureNames.length;
    const data = new Float32Array(rows.length * n);
    rows.forEach((row, i) => data.set(row, i * n));
    const out = await this.session.run({
      [MODEL_IO.features]: new this.ort.Tensor('float32', data, [rows.length, n]),
      [MODEL_IO.threshold]: new this.ort.Tensor('float32', Float32Array.of(threshold), [1]),
    });
    const scores = out[MODEL_IO.score]!.data as Float32Array;
    const flags = out[MODEL_IO.isAnomaly]!.data as Uint8Array;
    return rows.map((_, i) => ({ score: scores[i]!, isAnomaly: flags[i] === 1 }));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
