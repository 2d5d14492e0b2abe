/**
 * Request capture on the device: a sample of the scored rows (their features and the model's answer) sent to AWS
 * IoT Core, where a topic rule hands them to Kinesis Data Firehose, which writes JSON Lines under `capture/` of the
 * fleet's bucket (lib/edge/capture-pipeline.ts). The records follow the serverless capture contract
 * (lib/inference/capture.ts `CaptureRecord`: time, deployment, modelVersion, mode, requestId, features, prediction)
 * with `mode: 'edge'` and the device's thing name, so the same readers and drift statistics apply.
 *
 * Upload from the device: the app publishes with QoS 1 through Greengrass IPC (`PublishToIoTCore`); while the
 * device is offline the nucleus' MQTT spooler keeps QoS 1 messages (in memory by default, `mqtt.spooler` of the
 * nucleus configuration; Greengrass developer guide, "Greengrass nucleus", read 2026-12-03) and sends them once
 * connected. Privacy: the edge model's inputs are numeric sensor readings only, so a record carries no free text.
 * Capture never fails a request: a failed publish is logged and counted.
 */
import type { Logger } from './log';
import type { AnomalyScore } from './model-runner';

/** Where capture records go: AWS IoT Core through the nucleus (Greengrass IPC), or stdout in local runs. */
export interface CloudPublisher {
  publishToCloud(topic: string, message: Readonly<Record<string, unknown>>): Promise<void>;
}

export interface EdgeCaptureSettings {
  /** IoT Core topic of this device's records (`aimd/<deployment>/capture/<thing name>`). */
  readonly topic: string;
  /** Share of scored rows captured, 1–100 percent. */
  readonly samplingPercent: number;
  /** Deployment (spec) name written in every record. */
  readonly deployment: string;
  /** The device's thing name (Greengrass sets `AWS_IOT_THING_NAME` for components). @default 'unknown' */
  readonly device?: string;
}

/** One captured row, as the drift reader expects it (lib/inference/capture.ts `CaptureRecord`, plus the device). */
export interface EdgeCaptureRecord {
  readonly time: string;
  readonly deployment: string;
  readonly modelVersion: string;
  readonly mode: 'edge';
  readonly requestId: string;
  readonly device: string;
  readonly features: Readonly<Record<string, number>>;
  readonly prediction: { readonly score: number; readonly isAnomaly: boolean };
}

export interface EdgeCaptureOptions {
  readonly settings: EdgeCaptureSettings;
  readonly publisher: CloudPublisher;
  readonly logger: Logger;
  /** @default Math.random */
  readonly random?: () => number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Samples scored rows and publishes them; counts what was sent and what failed. */
export class EdgeCapture {
  private sent = 0;
  private failed = 0;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: EdgeCaptureOptions) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** The records of the rows this request samples (pure apart from the random draw per row). */
  sample(request: { readonly id?: string; readonly rows: readonly (readonly number[])[]; readonly featureNames: readonly string[]; readonly modelVersion: string }, scores: readonly AnomalyScore[]): EdgeCaptureRecord[] {
    const { settings } = this.options;
    const time = new Date(this.now()).toISOString();
    const requestId = request.id ?? `${settings.device ?? 'unknown'}-${this.now()}`;
    const records: EdgeCaptureRecord[] = [];
    request.rows.forEach((row, i) => {
      const score = scores[i];
      if (score === undefined || this.random() * 100 >= settings.samplingPercent) return;
      const features = Object.fromEntries(request.featureNames.map((name, j) => [name, row[j] as number]));
      records.push({
        time, deployment: settings.deployment, modelVersion: request.modelVersion, mode: 'edge', requestId, device: settings.device ?? 'unknown',
        features, prediction: { score: score.score, isAnomaly: score.isAnomaly },
      });
    });
    return records;
  }

  /** Publishes the sampled records of one request. Never rejects. */
  async capture(request: Parameters<EdgeCapture['sample']>[0], scores: readonly AnomalyScore[]): Promise<void> {
    for (const record of this.sample(request, scores)) {
      try {
        await this.options.publisher.publishToCloud(this.options.settings.topic, { ...record });
        this.sent++;
      } catch (error) {
        this.failed++;
        this.options.logger.log('error', 'capture publish failed', { topic: this.options.settings.topic, error: (error as Error).message });
      }
    }
  }

  stats(): { readonly sent: number; readonly failed: number } {
    return { sent: this.sent, failed: this.failed };
  }
}
