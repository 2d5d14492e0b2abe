/**
 * What starts a batch-scoring run: an EventBridge schedule, or an EventBridge rule on objects created
 * under the input prefix (the data bucket sends its events to EventBridge). Either way the state machine
 * receives `{"prefix": ...}`.
 * S3 events in EventBridge: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html (read 2025-06).
 */
import type { ServerlessDeploymentConfig } from './config';

export interface BatchTrigger {
  readonly ruleName: string;
  readonly description: string;
  /** `rate(...)`/`cron(...)`, for scheduled runs. */
  readonly scheduleExpression?: string;
  /** Event pattern, for runs started by new input objects. */
  readonly eventPattern?: Record<string, unknown>;
  /** Constant input (scheduled runs). */
  readonly input?: string;
  /** Input built from the event (object-created runs). */
  readonly inputTransformer?: { readonly inputPathsMap: Readonly<Record<string, string>>; readonly inputTemplate: string };
}

export function batchTrigger(config: ServerlessDeploymentConfig): BatchTrigger {
  const batch = config.batch!;
  const ruleName = `${config.name}-batch-trigger`;
  if (batch.schedule) {
    return { ruleName, description: `Scores s3://${config.names.dataBucket}/${batch.inputPrefix} on ${batch.schedule}`, scheduleExpression: batch.schedule, input: JSON.stringify({ prefix: batch.inputPrefix }) };
  }
  return {
    ruleName,
    description: `Scores each object created under s3://${config.names.dataBucket}/${batch.inputPrefix}`,
    eventPattern: {
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [config.names.dataBucket] }, object: { key: [{ prefix: batch.inputPrefix }] } },
    },
    inputTransformer: { inputPathsMap: { key: '$.detail.object.key' }, inputTemplate: '{"prefix": <key>}' },
  };
}
