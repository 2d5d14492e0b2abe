/**
 * The alarms of a serverless inference deployment, described once and rendered by every engine: Lambda's
 * own metrics on the live alias (errors, throttles, p95 duration) and the handler's Embedded Metric Format
 * metrics (model errors, p95 model latency), plus per-workload alarms for batch runs and stream lag.
 * Alarms marked `rollsBack` are the CodeDeploy deployment group's rollback alarms.
 */
import { qualityAlarms } from './quality';
import type { RollbackAlarm } from '../../spec/types';
import { INFERENCE_METRICS, SERVICE_DIMENSION } from '../telemetry';
import { stateMachineArn } from './arns';
import type { ServerlessDeploymentConfig } from './config';
import { driftAlarms } from './drift';

export interface AlarmDefinition {
  /** Construct id / resource name suffix, e.g. `Errors`. */
  readonly id: string;
  readonly alarmName: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Exactly one of `statistic` and `extendedStatistic`. */
  readonly statistic?: 'Sum' | 'Average' | 'Maximum' | 'Minimum';
  /** Percentile statistic, e.g. `p95`. */
  readonly extendedStatistic?: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  /** `LessThanThreshold` only for quality metrics where higher is better (lib/inference/deployment/quality.ts). */
  readonly comparisonOperator: 'GreaterThanThreshold' | 'LessThanThreshold';
  readonly treatMissingData: 'notBreaching';
  /** CodeDeploy rolls a release back while this alarm is in ALARM. */
  readonly rollsBack: boolean;
}

/** A model error rate above 5% of requests (the handler emits ModelErrors 0 or 1 per request) fails a release. */
export const MODEL_ERROR_RATE_THRESHOLD = 0.05;
/** Stream records older than a minute mean the function falls behind its source. */
export const ITERATOR_AGE_THRESHOLD_MS = 60_000;

function alarm(config: ServerlessDeploymentConfig, def: Omit<AlarmDefinition, 'alarmName' | 'comparisonOperator' | 'treatMissingData' | 'rollsBack'>, rollbackAlarm?: RollbackAlarm): AlarmDefinition {
  const rollsBack = rollbackAlarm !== undefined && config.release.strategy !== 'all-at-once' && config.release.rollbackAlarms.includes(rollbackAlarm);
  const kebab = def.id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return { ...def, alarmName: `${config.name}-${kebab}`, comparisonOperator: 'GreaterThanThreshold', treatMissingData: 'notBreaching', rollsBack };
}

/** Every alarm of the deployment, in a stable order. */
export function inferenceAlarms(config: ServerlessDeploymentConfig): AlarmDefinition[] {
  const fn = config.names.functionName;
  const onAlias = { FunctionName: fn, Resource: `${fn}:${config.names.aliasName}` };
  const handler = { [SERVICE_DIMENSION]: config.name };
  const ns = config.function.handler.metricsNamespace ?? 'AIModelDeployment/Inference';
  const realtime = config.workload === 'realtime';
  const alarms: AlarmDefinition[] = [
    alarm(config, {
      id: 'Errors', description: `Invocations of ${fn}:${config.names.aliasName} failed (crash, timeout, out of memory): clients saw 5xx`,
      namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: onAlias, statistic: 'Sum', periodSeconds: 60, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0,
    }, 'errors-5xx'),
    alarm(config, {
      id: 'Throttles', description: `Invocations of ${fn} were throttled: raise reserved concurrency or the account limit`,
      namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: onAlias, statistic: 'Sum', periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0,
    }),
    alarm(config, {
      id: 'DurationP95', description: `p95 duration of ${fn}:${config.names.aliasName} is above ${config.p95LatencyMs} ms`,
      namespace: 'AWS/Lambda', metricName: 'Duration', dimensions: onAlias, extendedStatistic: 'p95', periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: config.p95LatencyMs,
    }, 'latency-p95'),
    alarm(config, realtime
      ? {
          id: 'ModelErrors', description: `More than ${MODEL_ERROR_RATE_THRESHOLD * 100}% of requests failed in the model (HTTP 500)`,
          namespace: ns, metricName: INFERENCE_METRICS.errors, dimensions: handler, statistic: 'Average', periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: MODEL_ERROR_RATE_THRESHOLD,
        }
      : {
          id: 'ModelErrors', description: 'Records or objects failed in the model and are being retried',
          namespace: ns, metricName: INFERENCE_METRICS.errors, dimensions: handler, statistic: 'Sum', periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0,
        }, 'model-errors'),
    alarm(config, {
      id: 'ModelLatencyP95', description: `p95 model scoring time is above ${config.p95LatencyMs} ms`,
      namespace: ns, metricName: INFERENCE_METRICS.latency, dimensions: handler, extendedStatistic: 'p95', periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: config.p95LatencyMs,
    }, 'latency-p95'),
  ];
  if (config.workload === 'batch') {
    alarms.push(alarm(config, {
      id: 'BatchRunsFailed', description: `A batch scoring run of ${config.names.stateMachine} failed; see the failure manifest under ${config.batch!.runsPrefix}`,
      namespace: 'AWS/States', metricName: 'ExecutionsFailed', dimensions: { StateMachineArn: stateMachineArn(config) }, statistic: 'Sum', periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0,
    }));
  }
  if (config.streaming?.source === 'kinesis') {
    alarms.push(alarm(config, {
      id: 'IteratorAge', description: `${fn} is more than ${ITERATOR_AGE_THRESHOLD_MS / 1000} s behind the request stream`,
      namespace: 'AWS/Lambda', metricName: 'IteratorAge', dimensions: onAlias, statistic: 'Maximum', periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 5, threshold: ITERATOR_AGE_THRESHOLD_MS,
    }));
  }
  if (config.streaming) {
    const queue = config.streaming.source === 'kinesis' ? config.names.failedRecordsQueue : `${config.names.inputQueue}-dlq`;
    alarms.push(alarm(config, {
      id: 'FailedRecords', description: `Records gave up after retries and wait in ${queue}`,
      namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: queue }, statistic: 'Maximum', periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0,
    }));
  }
  alarms.push(...driftAlarms(config));
  alarms.push(...qualityAlarms(config));
  return alarms;
}
