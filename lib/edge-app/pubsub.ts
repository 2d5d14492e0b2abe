/**
 * The local publish/subscribe port of the edge app. On a device it is Greengrass IPC
 * (`aws.greengrass.ipc.pubsub`, see greengrass-ipc.ts); in tests and local runs it is an in-memory broker
 * or JSON lines on stdin/stdout. The app only ever sees this interface.
 */

/** A message as delivered: the raw bytes of a binary message, or the object of a JSON message. */
export type PubSubPayload = Uint8Array | Record<string, unknown>;

export type MessageHandler = (payload: PubSubPayload, topic: string) => void | Promise<void>;

export interface Subscription {
  close(): Promise<void>;
}

export interface LocalPubSub {
  /** Publishes a JSON document to a local topic. */
  publish(topic: string, message: Readonly<Record<string, unknown>>): Promise<void>;
  /** Subscribes to one exact topic (local pub/sub has no wildcards). */
  subscribe(topic: string, handler: MessageHandler): Promise<Subscription>;
}

/** A published message, as recorded by {@link InMemoryPubSub}. */
export interface PublishedMessage {
  readonly topic: string;
  readonly message: Readonly<Record<string, unknown>>;
}

/**
 * An in-process broker: delivers every publish to the topic's subscribers and records it. Delivery awaits
 * the handlers, so `deliver()` resolves once the app has processed the message.
 */
export class InMemoryPubSub implements LocalPubSub {
  public readonly published: PublishedMessage[] = [];
  private readonly handlers = new Map<string, Set<MessageHandler>>();

  async publish(topic: string, message: Readonly<Record<string, unknown>>): Promise<void> {
    this.published.push({ topic, message });
    await this.deliver(topic, message as Record<string, unknown>);
  }

  async subscribe(topic: string, handler: MessageHandler): Promise<Subscription> {
    const set = this.handlers.get(topic) ?? new Set<MessageHandler>();
    set.add(handler);
    this.handlers.set(topic, set);
    return { close: async () => void set.delete(handler) };
  }

  /** Delivers a message (bytes or JSON) to a topic's subscribers, as another component's publish would. */
  async deliver(topic: string, payload: PubSubPayload | string): Promise<void> {
    const body = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
    for (const handler of [...(this.handlers.get(topic) ?? [])]) await handler(body, topic);
  }

  /** Messages published to one topic, oldest first. */
  on(topic: string): Readonly<Record<string, unknown>>[] {
    return this.published.filter((m) => m.topic === topic).map((m) => m.message);
  }

  subscriberCount(topic: string): number {
    return this.handlers.get(topic)?.size ?? 0;
  }
}
