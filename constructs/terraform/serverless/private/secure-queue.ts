/**
 * An SQS queue as every deployment queue is: encrypted with the deployment key, TLS-only, and either a
 * dead-letter queue (redrive allowed from it) or a queue with its own dead-letter queue
 * (AWS Control Tower CT.SQS.PR.1 and CT.SQS.PR.2).
 */
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';

/** Days messages stay in a dead-letter queue: the SQS maximum, 14 days (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html, read 2025-06). */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

export interface SecureQueueOptions {
  readonly name: string;
  readonly kmsKeyArn: string;
  /** Makes it a dead-letter queue. */
  readonly deadLetter?: boolean;
  /** Its own dead-letter queue and receive count. */
  readonly redrive?: { readonly deadLetterArn: string; readonly maxReceiveCount: number };
  readonly visibilityTimeoutSeconds?: number;
}

export function secureQueue(scope: Construct, id: string, options: SecureQueueOptions): SqsQueue {
  const queue = new SqsQueue(scope, id, {
    name: options.name,
    kmsMasterKeyId: options.kmsKeyArn,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    ...(options.deadLetter ? { messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS, redriveAllowPolicy: JSON.stringify({ redrivePermission: 'allowAll' }) } : {}),
    ...(options.redrive ? { redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: options.redrive.deadLetterArn, maxReceiveCount: options.redrive.maxReceiveCount }) } : {}),
  });
  new SqsQueuePolicy(scope, `${id}TlsOnly`, {
    queueUrl: queue.url,
    policy: Fn.jsonencode({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: queue.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    }),
  });
  return queue;
}
