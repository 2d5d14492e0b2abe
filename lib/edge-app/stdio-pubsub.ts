/**
 * Local pub/sub over JSON lines, for running the app (or its bundle) on a laptop without Greengrass:
 *   stdin  `{"topic": "<topic>", "message": <JSON value or string>}`  delivered to that topic's subscribers;
 *          any other line is delivered as raw bytes to every subscriber (to try malformed input);
 *   stdout `{"topic": "<topic>", "message": {...}}` for every publish, `{"cloudTopic": ..., "message": ...}` for every
 *          capture record that would go to AWS IoT Core.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { CloudPublisher } from './capture';
import type { LocalPubSub, MessageHandler, Subscription } from './pubsub';

export class StdioPubSub implements LocalPubSub, CloudPublisher {
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  private readonly done: Promise<void>;
  private startReading: (() => void) | undefined;

  constructor(input: Readable, private readonly write: (line: string) => void) {
    // Reading starts with the first subscription, so lines sent before the model loaded are not lost.
    this.done = new Promise((resolve) => {
      this.startReading = () => {
        const lines = createInterface({ input, crlfDelay: Infinity });
        let chain: Promise<void> = Promise.resolve();
        // Lines are handled in order, each after the previous one's handlers finished.
        lines.on('line', (line) => {
          chain = chain.then(() => this.dispatch(line));
        });
        lines.once('close', () => void chain.then(resolve));
      };
    });
  }

  /** Resolves when stdin has ended and every line has been handled (reading starts with the first subscription). */
  ended(): Promise<void> {
    return this.done;
  }

  async publish(topic: string, message: Readonly<Record<string, unknown>>): Promise<void> {
    this.write(`${JSON.stringify({ topic, message })}\n`);
  }

  async publishToCloud(topic: string, message: Readonly<Record<string, unknown>>): Promise<void> {
    this.write(`${JSON.stringify({ cloudTopic: topic, message })}\n`);
  }

  async subscribe(topic: string, handler: MessageHandler): Promise<Subscription> {
    const set = this.handlers.get(topic) ?? new Set<MessageHandler>();
    set.add(handler);
    this.handlers.set(topic, set);
    this.startReading?.();
    this.startReading = undefined;
    return { close: async () => void set.delete(handler) };
  }

  private async dispatch(line: string): Promise<void> {
    if (line.trim() === '') return;
    let envelope: unknown;
    try {
      envelope = JSON.parse(line);
    } catch {
      envelope = undefined;
    }
    const isEnvelope = typeof envelope === 'object' && envelope !== null && typeof (envelope as Record<string, unknown>).topic === 'string' && 'message' in envelope;
    const encoder = new TextEncoder();
    if (isEnvelope) {
      const { topic, message } = envelope as { topic: string; message: unknown };
      const bytes = encoder.encode(typeof message === 'string' ? message : JSON.stringify(message));
      for (const handler of [...(this.handlers.get(topic) ?? [])]) await handler(bytes, topic);
      return;
    }
    for (const [topic, set] of this.handlers) {
      for (const handler of [...set]) await handler(encoder.encode(line), topic);
    }
  }
}
