/**
 * The Greengrass IPC adapter against a stand-in for the SDK's `greengrasscoreipc` client with the same
 * call shapes (the real client needs a nucleus and the native aws-crt library).
 */
import { EventEmitter } from 'node:events';
import { GreengrassIpcPubSub, GreengrassIpcSdk, loadGreengrassIpcSdk, payloadOf, SdkIpcClient, SdkStreamingOperation, SdkSubscriptionMessage } from '../../lib/edge-app/greengrass-ipc';
import { MemoryLogger } from '../../lib/edge-app/log';

class FakeOperation extends EventEmitter {
  activated = false;
  closed = false;
  async activate() { this.activated = true; }
  async close() { this.closed = true; }
}

function fakeSdk() {
  const published: unknown[] = [];
  const operations = new Map<string, FakeOperation>();
  const client = {
    connected: false,
    async connect() { client.connected = true; },
    async close() { client.connected = false; },
    async publishToTopic(request: unknown) { published.push(request); },
    async publishToIoTCore(request: unknown) { published.push(request); },
    subscribeToTopic(request: { topic: string }) {
      const op = new FakeOperation();
      operations.set(request.topic, op);
      return op as unknown as SdkStreamingOperation;
    },
  };
  const sdk: GreengrassIpcSdk = { greengrasscoreipc: { createClient: () => client as unknown as SdkIpcClient } };
  return { sdk, client, published, operations };
}

describe('Greengrass IPC adapter', () => {
  test('GIVEN a capture record THEN it goes to AWS IoT Core with QoS 1 (spooled by the nucleus while offline)', async () => {
    const { sdk, published } = fakeSdk();
    const pubsub = await GreengrassIpcPubSub.connect(sdk, new MemoryLogger());
    await pubsub.publishToCloud('aimd/edge/capture/dev-1', { mode: 'edge' });
    expect(published).toEqual([{ topicName: 'aimd/edge/capture/dev-1', qos: '1', payload: '{"mode":"edge"}' }]);
  });

  test('GIVEN a publish THEN it is sent as a JSON message to the topic', async () => {
    const { sdk, client, published } = fakeSdk();
    const pubsub = await GreengrassIpcPubSub.connect(sdk, new MemoryLogger());
    expect(client.connected).toBe(true);
    await pubsub.publish('out', { id: 'a' });
    expect(published).toEqual([{ topic: 'out', publishMessage: { jsonMessage: { message: { id: 'a' } } } }]);
  });

  test('GIVEN a subscription THEN binary and JSON messages reach the handler and close() ends the stream', async () => {
    const { sdk, operations } = fakeSdk();
    const pubsub = await GreengrassIpcPubSub.connect(sdk, new MemoryLogger());
    const received: unknown[] = [];
    const subscription = await pubsub.subscribe('in', (payload) => void received.push(payload));
    const op = operations.get('in')!;
    expect(op.activated).toBe(true);
    op.emit('message', { binaryMessage: { message: new TextEncoder().encode('{"features":[1]}').buffer } });
    op.emit('message', { jsonMessage: { message: { features: [2] } } });
    expect(new TextDecoder().decode(received[0] as Uint8Array)).toBe('{"features":[1]}');
    expect(received[1]).toEqual({ features: [2] });
    await subscription.close();
    expect(op.closed).toBe(true);
  });

  test('GIVEN a handler that rejects or a stream error THEN both are logged, not thrown', async () => {
    const { sdk, operations } = fakeSdk();
    const logger = new MemoryLogger();
    const pubsub = await GreengrassIpcPubSub.connect(sdk, logger);
    await pubsub.subscribe('in', async () => { throw new Error('boom'); });
    operations.get('in')!.emit('message', { binaryMessage: { message: 'x' } });
    operations.get('in')!.emit('streamError', new Error('socket closed'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.lines.map((l) => [l.message, l.fields.error])).toEqual([['subscription stream error', 'socket closed'], ['message handler failed', 'boom']]);
  });

  test.each<[string, SdkSubscriptionMessage, string]>([
    ['a string binary message', { binaryMessage: { message: 'abc' } }, 'abc'],
    ['a typed-array view', { binaryMessage: { message: new Uint8Array([0, 104, 105, 0]).subarray(1, 3) } }, 'hi'],
    ['a JSON list', { jsonMessage: { message: [1, 2] } }, '[1,2]'],
    ['an empty message', {}, ''],
  ])('GIVEN %s THEN the payload is the bytes the app parses', (_case, message, text) => {
    expect(new TextDecoder().decode(payloadOf(message) as Uint8Array)).toBe(text);
  });

  test('GIVEN the SDK is not installed THEN the error names the folder and the Install step', () => {
    expect(() => loadGreengrassIpcSdk('/nonexistent/ipc-client')).toThrow(/cannot load aws-iot-device-sdk-v2 from \/nonexistent\/ipc-client\/node_modules .*Install step installs it with npm/);
  });
});
