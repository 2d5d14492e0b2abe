/**
 * Loads the model once per execution environment: the first invocation (cold path) reads the pinned S3
 * object version, verifies its SHA-256 and creates the ONNX Runtime session; later invocations (warm
 * path) reuse it. A failed load is not cached, so the next invocation tries again.
 */
import { createHash } from 'crypto';
import { ModelIntegrityError } from './errors';
import { formatObjectUri, type ObjectLocation, type ObjectStore } from './object-store';
import { loadOnnxModel, type LoadedModel, type OnnxRuntime } from './onnx-model';

export interface ModelLoaderOptions {
  readonly store: ObjectStore;
  readonly runtime: OnnxRuntime;
  readonly location: ObjectLocation;
  /** Expected SHA-256 (hex). @default - not verified */
  readonly expectedSha256?: string;
}

/** How a model was obtained for one invocation. */
export interface ModelAcquisition {
  readonly model: LoadedModel;
  /** `true` when this call loaded the model (the cold path). */
  readonly coldStart: boolean;
  /** Milliseconds spent reading, verifying and creating the session (0 on the warm path). */
  readonly loadMs: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class ModelLoader {
  private pending?: Promise<LoadedModel>;
  private loadCount = 0;

  constructor(private readonly options: ModelLoaderOptions) {}

  /** Number of times the model was read from the store (1 after any number of warm invocations). */
  get loads(): number {
    return this.loadCount;
  }

  /**
   * The loaded model; concurrent callers during a cold start share one load.
   * @throws ModelIntegrityError when the bytes do not match the pinned SHA-256
   * @throws ModelExecutionError when ONNX Runtime cannot load the model
   */
  async acquire(): Promise<ModelAcquisition> {
    if (this.pending) return { model: await this.pending, coldStart: false, loadMs: 0 };
    const started = Date.now();
    this.pending = this.load();
    try {
      const model = await this.pending;
      return { model, coldStart: true, loadMs: Date.now() - started };
    } catch (e) {
      this.pending = undefined;
      throw e;
    }
  }

  private async load(): Promise<LoadedModel> {
    const { store, runtime, location, expectedSha256 } = this.options;
    this.loadCount += 1;
    const object = await store.get(location);
    const actual = sha256Hex(object.body);
    if (expectedSha256 !== undefined && actual !== expectedSha256) {
      throw new ModelIntegrityError(formatObjectUri(location), expectedSha256, actual);
    }
    return loadOnnxModel(runtime, object.body, actual);
  }
}
