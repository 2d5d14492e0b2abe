/**
 * Starts the edge app: loads and checks the model, then starts the inference service. A model that
 * cannot be loaded is reported on the health topic and returned as a failure, so the entry point exits
 * non-zero: Greengrass then marks the component ERRORED (BROKEN after three tries), the deployment fails
 * on that device, and the device rolls back to its previous component version.
 */
import { EdgeCapture, type CloudPublisher } from './capture';
import type { EdgeAppConfig } from './config';
import { EdgeInferenceService } from './inference-service';
import type { Logger } from './log';
import type { HealthMessage } from './messages';
import { AnomalyModel, type OnnxRuntime } from './model-runner';
import type { LocalPubSub } from './pubsub';

export interface RunEdgeAppOptions {
  readonly config: EdgeAppConfig;
  readonly pubsub: LocalPubSub;
  readonly logger: Logger;
  /** Reads the model file. */
  readonly readModel: (path: string) => Promise<Uint8Array>;
  /** Loads the configured ONNX Runtime (runtime.ts on a device; the test runtime in jest). */
  readonly loadRuntime: () => OnnxRuntime;
  /** @default Date.now */
  readonly now?: () => number;
  /** Where capture records go when `config.capture` is set (Greengrass IPC to IoT Core on a device). @default - no capture */
  readonly cloud?: CloudPublisher;
  /** The device's thing name, written in capture records. @default process.env.AWS_IOT_THING_NAME */
  readonly thingName?: string;
}

export type RunEdgeAppResult =
  | { readonly ok: true; readonly service: EdgeInferenceService; readonly model: AnomalyModel }
  | { readonly ok: false; readonly error: string };

export async function runEdgeApp(options: RunEdgeAppOptions): Promise<RunEdgeAppResult> {
  const { config, pubsub, logger } = options;
  const now = options.now ?? Date.now;
  let model: AnomalyModel;
  try {
    const bytes = await options.readModel(config.modelPath);
    model = await AnomalyModel.load(options.loadRuntime(), bytes);
  } catch (error) {
    const reason = `cannot load model ${config.modelPath}: ${(error as Error).message}`;
    logger.log('error', 'model load failed; exiting so the deployment rolls back', { modelPath: config.modelPath, modelVersion: config.modelVersion, error: reason });
    const health: HealthMessage = { status: 'model-load-failed', modelVersion: config.modelVersion, processed: 0, failed: 0, uptimeSeconds: 0, lastError: reason, timestamp: new Date(now()).toISOString() };
    try {
      await pubsub.publish(config.topics.health, { ...health });
    } catch (publishError) {
      logger.log('error', 'publish failed', { topic: config.topics.health, error: (publishError as Error).message });
    }
    return { ok: false, error: reason };
  }
  const capture = config.capture && options.cloud
    ? new EdgeCapture({ settings: { ...config.capture, device: options.thingName ?? process.env.AWS_IOT_THING_NAME ?? 'unknown' }, publisher: options.cloud, logger, now })
    : undefined;
  const service = new EdgeInferenceService({ config, pubsub, model, logger, now, ...(capture && { capture }) });
  await service.start();
  return { ok: true, service, model };
}
