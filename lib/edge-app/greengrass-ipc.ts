/**
 * Greengrass IPC as the app's {@link LocalPubSub}, through the AWS IoT Device SDK v2 for JavaScript
 * (`greengrasscoreipc`). The SDK wraps the native aws-crt library, so it is installed on the device by the
 * recipe's Install step (one build per CPU architecture) and loaded here at run time, never bundled.
 *
 * The types below are the part of the SDK's API the adapter uses (aws-iot-device-sdk-js-v2
 * `lib/greengrasscoreipc/{client,model}.ts` and the `samples/node/greengrass/gg_ipc` component, read
 * 2026-11): `createClient()`, `connect()`, `publishToTopic({ topic, publishMessage })`, and
 * `subscribeToTopic({ topic })` returning a streaming operation with `on('message')` and `activate()`.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { IPC_SDK_PACKAGE } from './layout';
import type { CloudPublisher } from './capture';
import type { Logger } from './log';
import type { LocalPubSub, MessageHandler, PubSubPayload, Subscription } from './pubsub';

/** An event-stream payload as the SDK delivers it. */
type SdkPayload = string | ArrayBuffer | ArrayBufferView;

export interface SdkSubscriptionMessage {
  readonly jsonMessage?: { readonly message?: unknown };
  readonly binaryMessage?: { readonly message?: SdkPayload };
}

export interface SdkStreamingOperation {
  on(event: 'message', listener: (message: SdkSubscriptionMessage) => void): SdkStreamingOperation;
  on(event: 'streamError', listener: (error: Error) => void): SdkStreamingOperation;
  activate(): Promise<unknown>;
  close(): Promise<void>;
}

export interface SdkIpcClient {
  connect(): Promise<void>;
  close(): Promise<void>;
  publishToTopic(request: { topic: string; publishMessage: { jsonMessage: { message: Record<string, unknown> } } }): Promise<unknown>;
  /** `qos` is the SDK's QOS enum: '0' at most once, '1' at least once (model.ts `enum QOS`). */
  publishToIoTCore(request: { topicName: string; qos: '0' | '1'; payload: string }): Promise<unknown>;
  subscribeToTopic(request: { topic: string }): SdkStreamingOperation;
}

export interface GreengrassIpcSdk {
  readonly greengrasscoreipc: { createClient(): SdkIpcClient };
}

/**
 * Loads the installed SDK. @param installDir the `--prefix` folder the Install step used
 * @throws Error naming the folder and the Install step when the SDK is missing
 */
export function loadGreengrassIpcSdk(installDir: string = process.cwd()): GreengrassIpcSdk {
  try {
    return createRequire(join(installDir, 'package.json'))(IPC_SDK_PACKAGE) as GreengrassIpcSdk;
  } catch (error) {
    throw new Error(
      `cannot load ${IPC_SDK_PACKAGE} from ${installDir}/node_modules (${(error as Error).message.split('\n')[0]}); ` +
        'the component\'s Install step installs it with npm, so check that npm can reach the registry or pre-install it in the device image',
    );
  }
}

function toBytes(payload: SdkPayload): Uint8Array {
  if (typeof payload === 'string') return new TextEncoder().encode(payload);
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
}

/** Turns one IPC message into the app's payload: JSON messages as objects, binary messages as bytes. */
export function payloadOf(message: SdkSubscriptionMessage): PubSubPayload {
  const json = message.jsonMessage?.message;
  if (json !== undefined) {
    // A JSON message that is not an object (a number, a list) reaches the parser as text, which rejects it clearly.
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : new TextEncoder().encode(JSON.stringify(json));
  }
  return toBytes(message.binaryMessage?.message ?? '');
}

export class GreengrassIpcPubSub implements LocalPubSub, CloudPublisher {
  /** Connects to the nucleus (it passes the socket path and auth token in the component's environment). */
  static async connect(sdk: GreengrassIpcSdk, logger: Logger): Promise<GreengrassIpcPubSub> {
    const client = sdk.greengrasscoreipc.createClient();
    await client.connect();
    return new GreengrassIpcPubSub(client, logger);
  }

  private constructor(private readonly client: SdkIpcClient, private readonly logger: Logger) {}

  async publish(topic: string, message: Readonly<Record<string, unknown>>): Promise<void> {
    await this.client.publishToTopic({ topic, publishMessage: { jsonMessage: { message: message as Record<string, unknown> } } });
  }

  /** QoS 1: the nucleus spools the message while the device is offline and retries until IoT Core acknowledges it. */
  async publishToCloud(topic: string, message: Readonly<Record<string, unknown>>): Promise<void> {
    await this.client.publishToIoTCore({ topicName: topic, qos: '1', payload: JSON.stringify(message) });
  }

  async subscribe(topic: string, handler: MessageHandler): Promise<Subscription> {
    const operation = this.client.subscribeToTopic({ topic });
    operation.on('message', (message) => {
      // The handler never rejects (the service answers every request); this guards adapters around it.
      Promise.resolve(handler(payloadOf(message), topic)).catch((error: Error) => this.logger.log('error', 'message handler failed', { topic, error: error.message }));
    });
    operation.on('streamError', (error) => this.logger.log('error', 'subscription stream error', { topic, error: error.message }));
    await operation.activate();
    return { close: () => operation.close() };
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
