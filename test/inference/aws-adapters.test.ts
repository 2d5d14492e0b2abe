/**
 * The AWS adapters translate to the SDK v3 calls and read per-entry failures back. The SDK ships with the
 * Lambda runtime (not installed here), so the tests hand in stand-in packages with the same client and
 * command classes and record what was sent.
 */
import { createResultSink, SINK_ENTRIES_PER_CALL } from '../../lib/inference/aws/result-sinks';
import { S3ObjectStore } from '../../lib/inference/aws/s3-object-store';
import type { ResultMessage } from '../../lib/inference/result-sink';

/** A stand-in SDK package: commands record their input; the client answers with `respond`. */
function fakePackage(client: string, commands: string[], respond: (command: string, input: Record<string, unknown>) => unknown) {
  const sent: { command: string; input: Record<string, unknown> }[] = [];
  const pkg: Record<string, unknown> = {
    [client]: class {
      async send(cmd: { name: string; input: Record<string, unknown> }) {
        sent.push({ command: cmd.name, input: cmd.input });
        const out = respond(cmd.name, cmd.input);
        if (out instanceof Error) throw out;
        return out;
      }
    },
  };
  for (const name of commands) pkg[name] = class { name = name; constructor(public input: Record<string, unknown>) {} };
  return { pkg, sent };
}

const results = (n: number): ResultMessage[] => Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, partitionKey: `pk-${i}`, payload: { i } }));

describe('result sinks', () => {
  test('GIVEN 12 results WHEN published to SQS THEN two SendMessageBatch calls of at most 10, and failed entries come back by id', async () => {
    const { pkg, sent } = fakePackage('SQSClient', ['SendMessageBatchCommand'], (_c, input) => ({ Failed: (input.Entries as { Id: string }[]).length === 10 ? [{ Id: '3' }] : [] }));
    const { failedIds } = await createResultSink('sqs', 'https://sqs.us-east-1.amazonaws.com/1/q', 'src', pkg).publish(results(12));
    expect(sent.map((s) => (s.input.Entries as unknown[]).length)).toEqual([SINK_ENTRIES_PER_CALL.sqs, 2]);
    expect(sent[0].input.QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/1/q');
    expect(failedIds).toEqual(['id-3']);
  });

  test('GIVEN results WHEN published to Kinesis THEN PutRecords keeps partition keys and reports entries with an ErrorCode', async () => {
    const { pkg, sent } = fakePackage('KinesisClient', ['PutRecordsCommand'], () => ({ FailedRecordCount: 1, Records: [{ SequenceNumber: '1' }, { ErrorCode: 'ProvisionedThroughputExceededException' }] }));
    const { failedIds } = await createResultSink('kinesis', 'results', 'src', pkg).publish(results(2));
    expect(sent[0].input).toMatchObject({ StreamName: 'results', Records: [{ PartitionKey: 'pk-0' }, { PartitionKey: 'pk-1' }] });
    expect(failedIds).toEqual(['id-1']);
  });

  test('GIVEN results WHEN published to EventBridge THEN PutEvents uses the bus, source and detail type', async () => {
    const { pkg, sent } = fakePackage('EventBridgeClient', ['PutEventsCommand'], () => ({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] }));
    await createResultSink('eventbridge', 'bus-1', 'aimd.fraud', pkg).publish(results(1));
    expect(sent[0].input.Entries).toEqual([{ EventBusName: 'bus-1', Source: 'aimd.fraud', DetailType: 'InferenceResult', Detail: '{"i":0}' }]);
  });
});

describe('S3 object store', () => {
  test('GIVEN a pinned version WHEN read THEN GetObject asks for that VersionId and returns the bytes', async () => {
    const { pkg, sent } = fakePackage('S3Client', ['GetObjectCommand', 'HeadObjectCommand', 'PutObjectCommand'], () => ({
      Body: { transformToByteArray: async () => Uint8Array.from([1, 2, 3]) }, ETag: '"e"', VersionId: 'v9', Metadata: {},
    }));
    const object = await new S3ObjectStore(pkg).get({ bucket: 'b', key: 'm.onnx', versionId: 'v9' });
    expect(sent[0]).toEqual({ command: 'GetObjectCommand', input: { Bucket: 'b', Key: 'm.onnx', VersionId: 'v9' } });
    expect(Array.from(object.body)).toEqual([1, 2, 3]);
  });

  test('GIVEN a missing object WHEN headed THEN undefined (a 404 is an answer, not an error); other errors propagate', async () => {
    const notFound = Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
    const denied = Object.assign(new Error('AccessDenied'), { $metadata: { httpStatusCode: 403 } });
    const store404 = new S3ObjectStore(fakePackage('S3Client', ['HeadObjectCommand'], () => notFound).pkg);
    const store403 = new S3ObjectStore(fakePackage('S3Client', ['HeadObjectCommand'], () => denied).pkg);
    await expect(store404.head({ bucket: 'b', key: 'k' })).resolves.toBeUndefined();
    await expect(store403.head({ bucket: 'b', key: 'k' })).rejects.toThrow('AccessDenied');
  });
});
