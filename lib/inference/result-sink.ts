/**
 * Where stream mode publishes scored records: a Kinesis stream, an SQS queue or an EventBridge bus
 * (implementations in `aws/result-sinks.ts`), or memory in tests.
 */

/** One result to publish. */
export interface ResultMessage {
  /** Correlation id (the record's `id`, else its sequence number or message id). */
  readonly id: string;
  /** Kinesis partition key / SQS message group, so results of one key stay ordered. */
  readonly partitionKey: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface ResultSink {
  /** Publishes results; returns the ids that could not be published (they are retried by the caller). */
  publish(results: readonly ResultMessage[]): Promise<{ readonly failedIds: readonly string[] }>;
}

/** Keeps published results in memory; `rejectIds` simulates per-entry publish failures. */
export class InMemoryResultSink implements ResultSink {
  public readonly published: ResultMessage[] = [];
  constructor(private readonly rejectIds: ReadonlySet<string> = new Set()) {}

  async publish(results: readonly ResultMessage[]): Promise<{ readonly failedIds: readonly string[] }> {
    const failedIds: string[] = [];
    for (const result of results) {
      if (this.rejectIds.has(result.id)) failedIds.push(result.id);
      else this.published.push(result);
    }
    return { failedIds };
  }
}
