/**
 * The edge inference service: subscribes to the input topic, scores each request with the model, and
 * publishes exactly one answer per request (a result, or an error that names the problem). Health goes to
 * the health topic on start, on an interval and on stop.
 *
 * It never lets a request's failure escape: a bad message, a failed inference or a failed publish is
 * reported and logged, and the next message is served. Only a model that cannot load stops the app (see
 * run-edge-app.ts), because then the component should fail and the deployment roll back.
 */
import type { EdgeAppConfig } from './config';
import type { Logger } from './log';
import {
  ErrorMessage, HealthMessage, HealthStatus, parseInferenceRequest, RequestError, ResultMessage,
} from './messages';
import type { EdgeCapture } from './capture';
import type { AnomalyScore } from './model-runner';
import type { LocalPubSub, PubSubPayload, Subscription } from './pubsub';

/** What the service needs from a model: its feature names and a batch scorer. */
export interface AnomalyScorer {
  readonly featureNames: readonly string[];
  score(rows: readonly (readonly number[])[], threshold: number): Promise<AnomalyScore[]>;
}

export interface InferenceServiceOptions {
  readonly config: Pick<EdgeAppConfig, 'modelVersion' | 'threshold' | 'topics' | 'healthIntervalSeconds' | 'maxBatchSize'>;
  readonly pubsub: LocalPubSub;
  readonly model: AnomalyScorer;
  readonly logger: Logger;
  /** Requests waiting for the model beyond this are answered with an `overloaded` error. @default 256 */
  readonly maxPendingRequests?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** Sends a sample of the scored rows to the cloud for drift detection (capture.ts). @default - no capture */
  readonly capture?: EdgeCapture;
}

export interface ServiceStats {
  readonly processed: number;
  readonly failed: number;
  readonly pending: number;
  readonly lastError?: string;
}

export class EdgeInferenceService {
  private readonly startedAt: number;
  private readonly now: () => number;
  private processed = 0;
  private failed = 0;
  private pending = 0;
  private lastError: string | undefined;
  private subscription: Subscription | undefined;
  private healthTimer: ReturnType<typeof setInterval> | undefined;
  /** Inference runs one request at a time: the WebAssembly runtime is single-threaded. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: InferenceServiceOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  /** Subscribes to the input topic, reports healthy, and starts the health interval. */
  async start(): Promise<void> {
    const { topics, healthIntervalSeconds } = this.options.config;
    this.subscription = await this.options.pubsub.subscribe(topics.input, (payload) => this.handle(payload));
    await this.publishHealth('healthy');
    if (healthIntervalSeconds > 0) {
      this.healthTimer = setInterval(() => void this.publishHealth('healthy'), healthIntervalSeconds * 1000);
      this.healthTimer.unref?.();
    }
    this.options.logger.log('info', 'edge inference service started', { inputTopic: topics.input, modelVersion: this.options.config.modelVersion, features: this.options.model.featureNames });
  }

  /** Stops receiving, waits for requests in flight, and reports `stopping`. */
  async stop(): Promise<void> {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = undefined;
    await this.subscription?.close();
    this.subscription = undefined;
    await this.queue;
    await this.publishHealth('stopping');
  }

  stats(): ServiceStats {
    return { processed: this.processed, failed: this.failed, pending: this.pending, ...(this.lastError !== undefined && { lastError: this.lastError }) };
  }

  /** Handles one incoming message; resolves once it is answered. Never rejects. */
  handle(payload: PubSubPayload): Promise<void> {
    const { maxBatchSize } = this.options.config;
    const parsed = parseInferenceRequest(payload, { featureNames: this.options.model.featureNames, maxBatchSize });
    if (!parsed.ok) return this.reject(parsed.error);
    if (this.pending >= (this.options.maxPendingRequests ?? 256)) {
      return this.reject({ code: 'overloaded', message: `${this.pending} requests are already waiting; retry later or send fewer, larger batches`, ...(parsed.request.id !== undefined && { id: parsed.request.id }) });
    }
    this.pending++;
    const run = this.queue.then(async () => {
      const { id, rows } = parsed.request;
      const started = this.now();
      let scores: AnomalyScore[];
      try {
        scores = await this.options.model.score(rows, this.options.config.threshold);
      } catch (error) {
        await this.reject({ code: 'inference-failed', message: `the model failed on this request: ${(error as Error).message.split('\n')[0]}`, ...(id !== undefined && { id }) });
        return;
      }
      this.processed++;
      const result: ResultMessage = {
        ...(id !== undefined && { id }),
        modelVersion: this.options.config.modelVersion,
        threshold: this.options.config.threshold,
        results: scores,
        latencyMs: this.now() - started,
        timestamp: new Date(this.now()).toISOString(),
      };
      await this.send(this.options.config.topics.output, result);
      // After the answer: capture never delays or fails a request.
      await this.options.capture?.capture({ ...(id !== undefined && { id }), rows, featureNames: this.options.model.featureNames, modelVersion: this.options.config.modelVersion }, scores);
    });
    this.queue = run.catch(() => undefined).finally(() => void this.pending--);
    return this.queue;
  }

  /** Publishes a health message; failures are logged, never thrown. */
  async publishHealth(status: HealthStatus): Promise<void> {
    const health: HealthMessage = {
      status,
      modelVersion: this.options.config.modelVersion,
      processed: this.processed,
      failed: this.failed,
      uptimeSeconds: Math.round((this.now() - this.startedAt) / 1000),
      ...(this.lastError !== undefined && { lastError: this.lastError }),
      timestamp: new Date(this.now()).toISOString(),
    };
    await this.send(this.options.config.topics.health, health);
  }

  private async reject(error: RequestError): Promise<void> {
    this.failed++;
    this.lastError = `${error.code}: ${error.message}`;
    // Bad input is the sender's problem (warn); a model failure on valid input is ours (error, on the dashboard).
    this.options.logger.log(error.code === 'inference-failed' ? 'error' : 'warn', 'request rejected', { ...error });
    const message: ErrorMessage = { ...error, modelVersion: this.options.config.modelVersion, timestamp: new Date(this.now()).toISOString() };
    await this.send(this.options.config.topics.errors, message);
  }

  private async send(topic: string, message: object): Promise<void> {
    try {
      await this.options.pubsub.publish(topic, message as Record<string, unknown>);
    } catch (error) {
      this.options.logger.log('error', 'publish failed', { topic, error: (error as Error).message });
    }
  }
}
