/**
 * The inference service shared by the three entry points (HTTP, batch, stream): it owns the model loader,
 * the logger and the metrics, so that every mode loads, scores and reports the same way.
 */
import type { HandlerConfig } from './config';
import type { RowValues } from './input-schema';
import { ModelLoader } from './model-loader';
import { scoreInMicroBatches } from './micro-batch';
import type { ObjectStore } from './object-store';
import type { LoadedModel, OnnxRuntime, Prediction } from './onnx-model';
import { emfRecord, INFERENCE_METRICS, StructuredLogger, type LineWriter, type MetricValue } from './telemetry';

export interface InferenceServiceOptions {
  readonly config: HandlerConfig;
  /** Where the model (and, in batch mode, the input and output objects) are read and written. */
  readonly store: ObjectStore;
  readonly runtime: OnnxRuntime;
  /** @default - process.stdout (one JSON object per line) */
  readonly writeLine?: LineWriter;
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
