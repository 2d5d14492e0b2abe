/**
 * The inference service shared by the three entry points (HTTP, batch, stream): it owns the model loader,
 * the logger and the metrics, so that every mode loads, scores and reports the same way.
 */
import { RequestCapture } from './capture';
import type { HandlerConfig } from './config';
import type { RowValues } from './input-schema';
import { ModelLoader } from './model-loader';
import { scoreInMicroBatches } from './micro-batch';
import type { ObjectStore } from './object-store';
import type { LoadedModel, OnnxRuntime, Prediction } from './onnx-model';
import { emfRecord, errorFields, INFERENCE_METRICS, StructuredLogger, type LineWriter, type MetricValue } from './telemetry';

export interface InferenceServiceOptions {
  readonly config: HandlerConfig;
  /** Where the model (and, in batch mode, the input and output objects) are read and written. */
  readonly store: ObjectStore;
  readonly runtime: OnnxRuntime;
  /** @default - process.stdout (one JSON object per line) */
  readonly writeLine?: LineWriter;
  /** Random numbers in [0, 1) for capture sampling. @default Math.random */
  readonly random?: () => number;
  /** Clock of the capture records. @default - the current time */
  readonly now?: () => Date;
}

export interface ScoredRows {
  readonly predictions: Prediction[];
  readonly microBatches: number;
  readonly latencyMs: number;
}

export class InferenceService {
  public readonly config: HandlerConfig;
  public readonly store: ObjectStore;
  public readonly logger: StructuredLogger;
  public readonly loader: ModelLoader;
  /** Samples scored rows for drift detection, when `config.capture` is set. */
  public readonly capture?: RequestCapture;

  constructor(options: InferenceServiceOptions) {
    this.config = options.config;
    this.store = options.store;
    const write = options.writeLine ?? ((line: string) => process.stdout.write(`${line}\n`));
    this.logger = new StructuredLogger(write, { service: this.config.serviceName, modelVersion: this.config.modelVersionLabel, mode: this.config.mode });
    this.loader = new ModelLoader({
      store: options.store,
      runtime: options.runtime,
      location: this.config.model,
      expectedSha256: this.config.modelSha256,
    });
    if (this.config.capture) {
      this.capture = new RequestCapture({
        config: this.config.capture, store: options.store, deployment: this.config.serviceName, modelVersion: this.config.modelVersionLabel,
        mode: this.config.mode, random: options.random, now: options.now,
      });
    }
  }

  /**
   * Captures a sample of scored rows. Never rejects: a failed write is logged and counted, and the request
   * is served as if capture were off.
   */
  async captureScored(model: LoadedModel, rows: readonly RowValues[], predictions: readonly Prediction[], requestId: string, logger: StructuredLogger = this.logger): Promise<void> {
    if (!this.capture || rows.length === 0) return;
    const { error } = await this.capture.write(model.schema, rows, predictions, requestId);
    if (error !== undefined) {
      logger.warn('request capture failed; the request itself was served', errorFields(error));
      this.emit([{ name: INFERENCE_METRICS.captureErrors, value: 1, unit: 'Count' }], { requestId }, logger);
    }
  }

  /** The model, loading it on the first call; logs and measures the cold start. */
  async model(logger: StructuredLogger = this.logger): Promise<LoadedModel> {
    const { model, coldStart, loadMs } = await this.loader.acquire();
    if (coldStart) {
      if (this.config.modelSha256 === undefined) {
        logger.warn('model loaded without integrity check; set MODEL_SHA256 to pin the artifact', { sha256: model.sha256 });
      }
      logger.info('model loaded', { loadMs, sha256: model.sha256, inputs: model.schema.inputs, outputs: model.outputNames, featureNames: model.schema.featureNames });
      this.emit([{ name: INFERENCE_METRICS.modelLoadTime, value: loadMs, unit: 'Milliseconds' }], { coldStart: true }, logger);
    }
    return model;
  }

  /** Scores validated rows in micro-batches. @throws ModelExecutionError */
  async score(model: LoadedModel, rows: readonly RowValues[]): Promise<ScoredRows> {
    const started = performance.now();
    const { predictions, microBatches } = await scoreInMicroBatches(model, rows, this.config.microBatchRows);
    return { predictions, microBatches, latencyMs: Math.round((performance.now() - started) * 1000) / 1000 };
  }

  /** Emits metrics as one EMF line. */
  emit(metrics: readonly MetricValue[], properties: Readonly<Record<string, unknown>> = {}, logger: StructuredLogger = this.logger): void {
    logger.metrics(
      emfRecord({
        namespace: this.config.metricsNamespace,
        service: this.config.serviceName,
        modelVersion: this.config.modelVersionLabel,
        metrics,
        properties,
      }),
    );
  }
}
