/**
 * {@link ResultSink}s on Kinesis (PutRecords), SQS (SendMessageBatch) and EventBridge (PutEvents). Each
 * API accepts a bounded number of entries per call and reports per-entry failures, which are returned as
 * failed ids rather than thrown, so only those records are retried.
 */
import type { ResultSinkKind } from '../config';
import { chunk } from '../micro-batch';
import type { ResultMessage, ResultSink } from '../result-sink';
import { loadSdkPackage, type ClientConstructor, type CommandConstructor, type SdkClient } from './sdk';

/**
 * Entries per call: PutRecords 500 (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html),
 * SendMessageBatch 10 (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html),
 * PutEvents 10 (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html); read 2025-06.
 */
export const SINK_ENTRIES_PER_CALL: Readonly<Record<ResultSinkKind, number>> = { kinesis: 500, sqs: 10, eventbridge: 10 };

/** EventBridge `detail-type` of result events (rules match on it). */
export const RESULT_DETAIL_TYPE = 'InferenceResult';

type Send = (entries: readonly ResultMessage[]) => Promise<string[]>;

class ChunkedSink implements ResultSink {
  constructor(private readonly size: number, private readonly send: Send) {}

  async publish(results: readonly ResultMessage[]): Promise<{ readonly failedIds: readonly string[] }> {
    const failedIds: string[] = [];
    for (const part of chunk(results, this.size)) failedIds.push(...(await this.send(part)));
    return { failedIds };
  }
}

interface KinesisPackage { readonly KinesisClient: ClientConstructor; readonly PutRecordsCommand: CommandConstructor }
interface SqsPackage { readonly SQSClient: ClientConstructor; readonly SendMessageBatchCommand: CommandConstructor }
interface EventBridgePackage { readonly EventBridgeClient: ClientConstructor; readonly PutEventsCommand: CommandConstructor }

function kinesisSink(streamName: string, sdk: KinesisPackage): ResultSink {
  const kinesis: SdkClient = new sdk.KinesisClient({});
  return new ChunkedSink(SINK_ENTRIES_PER_CALL.kinesis, async (entries) => {
    const out = await kinesis.send(new sdk.PutRecordsCommand({
      StreamName: streamName,
      Records: entries.map((e) => ({ PartitionKey: e.partitionKey, Data: Buffer.from(JSON.stringify(e.payload)) })),
    }));
    const records = (out.Records as { ErrorCode?: string }[] | undefined) ?? [];
    return entries.filter((_, i) => records[i]?.ErrorCode).map((e) => e.id);
  });
}

function sqsSink(queueUrl: string, sdk: SqsPackage): ResultSink {
  const sqs: SdkClient = new sdk.SQSClient({});
  return new ChunkedSink(SINK_ENTRIES_PER_CALL.sqs, async (entries) => {
    const out = await sqs.send(new sdk.SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: entries.map((e, i) => ({ Id: String(i), MessageBody: JSON.stringify(e.payload) })),
    }));
    const failed = (out.Failed as { Id: string }[] | undefined) ?? [];
    return failed.map((f) => entries[Number(f.Id)].id);
  });
}

function eventBridgeSink(busName: string, source: string, sdk: EventBridgePackage): ResultSink {
  const events: SdkClient = new sdk.EventBridgeClient({});
  return new ChunkedSink(SINK_ENTRIES_PER_CALL.eventbridge, async (entries) => {
    const out = await events.send(new sdk.PutEventsCommand({
      Entries: entries.map((e) => ({ EventBusName: busName, Source: source, DetailType: RESULT_DETAIL_TYPE, Detail: JSON.stringify(e.payload) })),
    }));
    const results = (out.Entries as { ErrorCode?: string }[] | undefined) ?? [];
    return entries.filter((_, i) => results[i]?.ErrorCode).map((e) => e.id);
  });
}

/**
 * The sink for the configured kind. `sdkPackage` replaces the SDK package the runtime provides (tests pass
 * a recording stand-in with the same client and command classes).
 */
export function createResultSink(kind: ResultSinkKind, target: string, eventSource: string, sdkPackage?: unknown): ResultSink {
  switch (kind) {
    case 'kinesis': return kinesisSink(target, (sdkPackage as KinesisPackage) ?? loadSdkPackage<KinesisPackage>('@aws-sdk/client-kinesis'));
    case 'sqs': return sqsSink(target, (sdkPackage as SqsPackage) ?? loadSdkPackage<SqsPackage>('@aws-sdk/client-sqs'));
    case 'eventbridge': return eventBridgeSink(target, eventSource, (sdkPackage as EventBridgePackage) ?? loadSdkPackage<EventBridgePackage>('@aws-sdk/client-eventbridge'));
  }
}
