/**
 * From a planned spec to the {@link ServerlessDeploymentConfig} every engine renders: the one place
 * where spec fields become Lambda, release, API, batch and streaming settings for the `serverless-onnx`,
 * `batch-scoring` and `streaming-inference` blueprints. Engine-free.
 */
import { qualitySettings } from './quality';
import { ProblemCollector } from '../../errors';
import type { DeploymentPlan } from '../../plan/deployment-plan';
import type { RollbackAlarm } from '../../spec/types';
import { DEFAULT_MAX_ROWS, DEFAULT_MICRO_BATCH_ROWS, LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES, handlerEnvironment, type HandlerSettings } from '../config';
import { driftSettings, type CaptureSettings, type DriftJobSettings } from './drift';
import { planServerlessBucketReplication, type BucketReplicationPlan } from '../../disaster-recovery/bucket-replication';
import { regionalFailover, type FailoverRole, type RegionalFailover } from '../../disaster-recovery/dns-failover';
import { defaultModelKey, serverlessResourceNames, type ServerlessResourceNames } from './names';
import type { AlarmRecipientsSpec } from '../../spec/types';

export type ServerlessWorkload = 'realtime' | 'batch' | 'streaming';

/**
 * The Lambda runtime: Node.js 22, the version the issue asks for and the bundle targets (`node22`). Node.js 22
 * is maintained upstream until 2027-04-30 (https://nodejs.org/en/about/previous-releases, read 2025-06).
 */
export const LAMBDA_RUNTIME = 'nodejs22.x';
/** Lambda's upper timeout: 900 s (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, read 2025-06). */
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

export interface FunctionSettings {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: 'arm64' | 'x86_64';
  readonly runtime: typeof LAMBDA_RUNTIME;
  /** @default - unreserved */
  readonly reservedConcurrency?: number;
  /** On the alias; 0 = none. */
  readonly provisionedConcurrency: number;
  /** Handler settings except the model bucket, which each engine turns into its own reference. */
  readonly handler: Omit<HandlerSettings, 'modelUri' | 'batch' | 'sink'>;
  /** Deploy a container image instead of the zip bundle. @default - the zip bundle */
  readonly imageUri?: string;
  /**
   * X-Ray tracing mode: `Active` samples and records every invocation's segment and continues the caller's trace
   * from the `X-Amzn-Trace-Id` header API Gateway passes on (Lambda developer guide, "Visualize Lambda function
   * invocations using AWS X-Ray", read 2026-12-03). Every engine sets it the same way from here.
   */
  readonly tracing: 'Active' | 'PassThrough';
}

export interface ModelLocation {
  /** `true` when the bucket is the deployment's own (created, versioned, retained). */
  readonly ownBucket: boolean;
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly sha256?: string;
}

export interface ReleaseSettings {
  readonly strategy: 'canary' | 'linear' | 'all-at-once';
  /** Percent of traffic shifted first (canary) or per step (linear). */
  readonly percent: number;
  readonly intervalMinutes: number;
  /** CodeDeploy deployment configuration name (ours, or `CodeDeployDefault.LambdaAllAtOnce`). */
  readonly deploymentConfigName: string;
  readonly rollbackAlarms: readonly RollbackAlarm[];
}

export interface ApiSettings {
  /** HTTP API with IAM authorization and stage throttling, or a function URL with IAM auth. */
  readonly kind: 'http-api' | 'function-url';
  /** Steady-state requests per second the stage admits. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface BatchSettings {
  readonly executor: 'lambda' | 'sagemaker-batch-transform';
  readonly inputPrefix: string;
  readonly outputPrefix: string;
  /** Where the Distributed Map's ResultWriter puts each run's manifest and failure list. */
  readonly runsPrefix: string;
  readonly maxConcurrency: number;
  readonly toleratedFailurePercentage: number;
  /** EventBridge schedule; without one, runs start when objects are created under the input prefix. */
  readonly schedule?: string;
}

export interface StreamingSettings {
  readonly source: 'kinesis' | 'sqs';
  readonly sink: 'kinesis' | 'sqs' | 'eventbridge';
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** Kinesis: retries before a batch goes to the on-failure destination. */
  readonly retryAttempts: number;
  /** Kinesis: records older than this are sent to the on-failure destination. */
  readonly maxRecordAgeSeconds: number;
  /** SQS: receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** SQS source visibility timeout: six times the function timeout, as Lambda recommends. */
  readonly visibilityTimeoutSeconds: number;
}

export interface ServerlessDeploymentConfig {
  readonly name: string;
  readonly workload: ServerlessWorkload;
  readonly account: string;
  readonly region: string;
  readonly names: ServerlessResourceNames;
  readonly function: FunctionSettings;
  readonly model: ModelLocation;
  readonly release: ReleaseSettings;
  readonly api?: ApiSettings;
  readonly batch?: BatchSettings;
  readonly streaming?: StreamingSettings;
  /** Request capture to the data bucket (`monitoring.dataCapture`). @default - no capture */
  readonly capture?: CaptureSettings;
  /** The scheduled drift job (`monitoring.driftDetection`, `monitoring.drift`). @default - no drift job */
  readonly drift?: DriftJobSettings;
  /** The scheduled ground-truth quality job (`monitoring.quality`; lib/inference/deployment/quality.ts). @default - none */
  readonly quality?: DriftJobSettings;
  /** Cross-region replication of the buckets (`disasterRecovery`, lib/disaster-recovery). @default - none */
  readonly replication?: BucketReplicationPlan;
  /**
   * Alias given to the deployment's key: set on the standby deployment, whose key encrypts the replicas and is
   * named by this alias in the primary's replication rule (lib/disaster-recovery/bucket-replication.ts). @default - no alias
   */
  readonly keyAlias?: string;
  /** This region's half of Route 53 failover (`disasterRecovery.failover`, lib/disaster-recovery/dns-failover.ts). @default - no DNS failover */
  readonly dnsFailover?: RegionalFailover;
  readonly logRetentionDays: number;
  readonly alarmEmail?: string;
  /** Who hears the alarms besides `alarmEmail` (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  /** Customer-managed key ARN to use; `undefined` creates one. */
  readonly kmsKeyArn?: string;
  /** Existing VPC; `undefined` creates one with isolated subnets and endpoints. */
  readonly vpc?: { readonly vpcId: string; readonly privateSubnetIds: readonly string[] };
  /** p95 latency objective (ms) the latency alarms use. */
  readonly p95LatencyMs: number;
  readonly dashboard: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

/** Per-workload function defaults when the spec's target is not `lambda` (batch items read whole objects). */
const WORKLOAD_DEFAULTS: Record<ServerlessWorkload, { memoryMb: number; timeoutSeconds: number }> = {
  realtime: { memoryMb: 2048, timeoutSeconds: 30 },
  batch: { memoryMb: 3008, timeoutSeconds: 300 },
  streaming: { memoryMb: 2048, timeoutSeconds: 60 },
};
/** Share of a Distributed Map's items that may fail before the run fails (the rest still complete). */
const TOLERATED_FAILURE_PERCENTAGE = 5;

function workloadOf(kind: string): ServerlessWorkload | undefined {
  return kind === 'lambda' ? 'realtime' : kind === 'batch' ? 'batch' : kind === 'streaming' ? 'streaming' : undefined;
}

function modelLocation(plan: DeploymentPlan, names: ServerlessResourceNames, p: ProblemCollector): ModelLocation {
  const artifact = plan.spec.model.artifact;
  const versionId = artifact?.version;
  const sha256 = artifact?.sha256;
  const uri = artifact?.uri;
  if (uri === undefined) return { ownBucket: true, bucket: names.modelBucket, key: defaultModelKey(plan.spec.model.id ?? plan.spec.name), versionId, sha256 };
  const s3 = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!p.check(s3 !== null, 'model.artifact.uri', uri, 'must be an s3:// location for serverless inference', 'upload the .onnx file to S3 and give s3://bucket/key')) {
    return { ownBucket: true, bucket: names.modelBucket, key: 'model.onnx' };
  }
  const [, bucket, rawKey] = s3 as RegExpExecArray;
  const key = rawKey === '' || rawKey.endsWith('/') ? `${rawKey}model.onnx` : rawKey;
  return { ownBucket: bucket === names.modelBucket, bucket, key, versionId, sha256 };
}

function release(plan: DeploymentPlan, name: string, p: ProblemCollector): ReleaseSettings {
  const r = plan.spec.rollout;
  p.check(r.strategy !== 'shadow', 'rollout.strategy', r.strategy, 'shadow traffic is not available for Lambda aliases',
    "use 'canary' or 'linear' (CodeDeploy shifts alias traffic) or deploy on SageMaker for shadow tests");
  p.check(r.strategy !== 'ab', 'rollout.strategy', r.strategy, 'an A/B split needs weighted production variants, which Lambda aliases do not render here',
    "use 'canary' or 'linear', or deploy on SageMaker for A/B tests (docs/ab-testing.md)");
  if (r.strategy === 'all-at-once' || r.strategy === 'shadow' || r.strategy === 'ab') {
    return { strategy: 'all-at-once', percent: 100, intervalMinutes: 0, deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce', rollbackAlarms: r.rollbackAlarms };
  }
  const percent = r.strategy === 'canary' ? r.canaryPercent : r.linearStepPercent;
  const kind = r.strategy === 'canary' ? 'Canary' : 'Linear';
  return { strategy: r.strategy, percent, intervalMinutes: r.intervalMinutes, deploymentConfigName: `${name}-${kind}${percent}Percent${r.intervalMinutes}Minutes`, rollbackAlarms: r.rollbackAlarms };
}

/**
 * The configuration of a serverless inference deployment.
 * @throws InputValidationError listing every spec field a serverless deployment cannot honour
 */
export function serverlessDeploymentConfig(plan: DeploymentPlan, env: { readonly account: string; readonly region: string }): ServerlessDeploymentConfig {
  const { spec } = plan;
  const p = new ProblemCollector();
  const target = spec.target;
  const workload = workloadOf(target.kind);
  p.check(workload !== undefined, 'target.kind', target.kind, 'is not a serverless target', "use 'lambda', 'batch' or 'streaming'");
  p.check(spec.runtime.engine === 'onnxruntime', 'runtime.engine', spec.runtime.engine, 'serverless inference runs ONNX models with ONNX Runtime',
    "export the model to ONNX (skl2onnx, onnxmltools, torch.onnx) and set runtime.engine to 'onnxruntime'");
  const names = serverlessResourceNames(spec.name, env.account, env.region);
  const kind = workload ?? 'realtime';
  const defaults = WORKLOAD_DEFAULTS[kind];
  const lambda = target.kind === 'lambda' ? target : undefined;
  const timeoutSeconds = lambda?.timeoutSeconds ?? defaults.timeoutSeconds;
  const maxPayloadBytes = spec.traffic.maxPayloadKb * 1024;
  p.check(maxPayloadBytes <= LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES, 'traffic.maxPayloadKb', spec.traffic.maxPayloadKb,
    `exceeds the 6 MB Lambda request limit (${LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES / 1024} KB)`, 'lower it to 6144 or less, or use the batch-scoring blueprint for large inputs');
  const provisioned = lambda?.provisionedConcurrency ?? 0;
  const reserved = lambda?.reservedConcurrency ?? (target.kind === 'batch' ? target.maxConcurrency ?? 10 : undefined);
  if (reserved !== undefined) {
    p.check(provisioned <= reserved, 'target.provisionedConcurrency', provisioned, `must not exceed target.reservedConcurrency (${reserved})`, `lower it to ${reserved} or raise the reserved concurrency`);
  }
  const model = modelLocation(plan, names, p);
  const rel = release(plan, spec.name, p);
  let streaming: StreamingSettings | undefined;
  if (target.kind === 'streaming') {
    const source = target.source ?? 'kinesis';
    const window = target.maxBatchingWindowSeconds ?? 5;
    const batchSize = target.batchSize ?? 100;
    // SQS event sources take at most 10 messages per batch without a batching window
    // (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html, read 2025-06).
    if (source === 'sqs' && window === 0) {
      p.check(batchSize <= 10, 'target.batchSize', batchSize, 'SQS batches above 10 need a batching window', 'set target.maxBatchingWindowSeconds to 1 or more, or batchSize to 10');
    }
    streaming = {
      source, sink: target.sink ?? 'eventbridge', batchSize, maxBatchingWindowSeconds: window,
      retryAttempts: 3, maxRecordAgeSeconds: 3600, maxReceiveCount: 5, visibilityTimeoutSeconds: Math.min(6 * timeoutSeconds, 43_200),
    };
  }
  const { capture, drift } = driftSettings(spec, names.dataBucket, model.bucket);
  const quality = qualitySettings(spec, capture, model.bucket);
  p.check(!spec.monitoring.driftDetection || capture !== undefined, 'monitoring.driftDetection', true, 'the drift job compares captured requests with the baseline, but data capture is off',
    'set monitoring.dataCapture.enabled to true, or monitoring.driftDetection to false');
  const dr = spec.disasterRecovery;
  if (dr !== undefined) {
    // A key and a VPC live in one region: the standby deployment in another region cannot use them.
    p.check(spec.security.kmsKey === 'create', 'security.kmsKey', spec.security.kmsKey, `a customer key ARN is regional; the standby deployment in ${dr.standbyRegion} needs its own key`,
      "leave security.kmsKey at 'create' (each region's deployment creates its key), or remove disasterRecovery");
    p.check(!('vpcId' in spec.security.vpc), 'security.vpc', spec.security.vpc, `a VPC is regional; the standby deployment in ${dr.standbyRegion} cannot attach to it`,
      "leave security.vpc at 'create', or remove disasterRecovery");
    p.check(dr.failover === undefined || kind === 'realtime', 'disasterRecovery.failover', dr.failover, `DNS failover routes requests to an API; target '${target.kind}' has none`,
      "remove disasterRecovery.failover (batch and stream deployments fail over by redeploying; docs/disaster-recovery.md)");
    p.check(dr.standbyMinReplicas === undefined, 'disasterRecovery.standbyMinReplicas', dr.standbyMinReplicas, 'sets the instances of a SageMaker standby endpoint; a Lambda standby keeps the primary\'s concurrency settings',
      'remove it (target.provisionedConcurrency keeps warm Lambda instances in both regions)');
  }
  p.throwIfAny(`Serverless deployment '${spec.name}'`);
  const kms = spec.security.kmsKey;
  const vpc = 'vpcId' in spec.security.vpc ? spec.security.vpc : undefined;
  return {
    name: spec.name,
    workload: kind,
    account: env.account,
    region: env.region,
    names,
    function: {
      memoryMb: lambda?.memoryMb ?? defaults.memoryMb,
      timeoutSeconds,
      architecture: lambda?.architecture ?? 'arm64',
      runtime: LAMBDA_RUNTIME,
      reservedConcurrency: reserved,
      provisionedConcurrency: provisioned,
      imageUri: spec.runtime.image,
      tracing: 'Active',
      handler: {
        mode: kind === 'realtime' ? 'http' : kind === 'batch' ? 'batch' : 'stream',
        modelVersionId: model.versionId,
        modelSha256: model.sha256,
        modelVersionLabel: model.versionId ?? (model.sha256 ? model.sha256.slice(0, 12) : undefined),
        maxPayloadBytes,
        maxRows: DEFAULT_MAX_ROWS,
        microBatchRows: DEFAULT_MICRO_BATCH_ROWS,
        serviceName: spec.name,
      },
    },
    model,
    release: rel,
    api: kind === 'realtime' ? { kind: 'http-api', rateLimit: Math.max(1, Math.ceil(spec.traffic.requestsPerSecond * 2)), burstLimit: Math.max(2, Math.ceil(spec.traffic.requestsPerSecond * 4)) } : undefined,
    batch: target.kind === 'batch'
      ? { executor: target.executor ?? 'lambda', inputPrefix: 'input/', outputPrefix: 'output/', runsPrefix: 'runs/', maxConcurrency: target.maxConcurrency ?? 10, toleratedFailurePercentage: TOLERATED_FAILURE_PERCENTAGE, schedule: target.schedule }
      : undefined,
    streaming,
    ...(capture ? { capture } : {}),
    ...(drift ? { drift } : {}),
    ...(quality ? { quality } : {}),
    ...(spec.disasterRecovery?.replicateBuckets && {
      replication: planServerlessBucketReplication({
        name: spec.name, account: env.account, primaryRegion: env.region, standbyRegion: spec.disasterRecovery.standbyRegion,
        ownModelBucket: model.ownBucket, dataBucket: capture !== undefined || target.kind === 'batch',
        // Real-time deployments are rendered in both regions; batch and stream ones are not (a second consumer would score the same data twice).
        standbyDeployment: kind === 'realtime',
      }),
    }),
    ...(dr?.failover && kind === 'realtime' && { dnsFailover: failoverOf(spec.name, 'PRIMARY', env.region, names, dr.failover) }),
    logRetentionDays: spec.monitoring.logRetentionDays,
    alarmEmail: spec.monitoring.alarmEmail,
    alarmRecipients: spec.monitoring.recipients,
    kmsKeyArn: kms === 'create' ? undefined : kms.keyArn,
    vpc,
    // Without an objective, alarm when p95 reaches 80% of the timeout: requests are close to being cut off.
    p95LatencyMs: spec.traffic.p95LatencyMs ?? Math.round(timeoutSeconds * 1000 * 0.8),
    dashboard: spec.monitoring.dashboard,
    tags: { 'aimd:blueprint': spec.name, ...spec.tags },
  };
}

function failoverOf(name: string, role: FailoverRole, region: string, names: ServerlessResourceNames, failover: { readonly domainName: string; readonly hostedZoneId: string }): RegionalFailover {
  return regionalFailover({ name, region, role, domainName: failover.domainName, hostedZoneId: failover.hostedZoneId, functionName: names.functionName, aliasName: names.aliasName });
}

/**
 * The standby deployment of a spec with `disasterRecovery`: the same spec in the standby region. Its model and
 * data buckets are the replicas of the primary's (names carry the region), its key carries the replica alias, it
 * replicates nothing itself, and with `failover` it owns the SECONDARY record.
 */
export function standbyServerlessDeploymentConfig(plan: DeploymentPlan, env: { readonly account: string; readonly region: string }): ServerlessDeploymentConfig | undefined {
  const dr = plan.spec.disasterRecovery;
  if (dr === undefined) return undefined;
  const primary = serverlessDeploymentConfig(plan, env);
  const standby = serverlessDeploymentConfig(plan, { account: env.account, region: dr.standbyRegion });
  const { replication: _none, dnsFailover: _primaryRecord, ...rest } = standby;
  return {
    ...rest,
    // CloudWatch dashboards are account-wide, not regional (AWS::CloudWatch::Dashboard, read 2026-12-03): the standby's needs its own name.
    names: { ...rest.names, dashboard: `${rest.names.dashboard}-standby` },
    // A model in the primary's own bucket is read from its replica; a model in someone else's bucket stays where it is.
    model: primary.model.ownBucket ? { ...primary.model, bucket: standby.names.modelBucket, ownBucket: true } : primary.model,
    keyAlias: primary.replication?.destinationKeyAlias ?? `alias/${plan.spec.name}-replica`,
    ...(primary.dnsFailover && { dnsFailover: failoverOf(plan.spec.name, 'SECONDARY', dr.standbyRegion, standby.names, primary.dnsFailover) }),
  };
}

/** URL of an SQS queue, derivable from its name (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html, read 2025-06). */
export function sqsQueueUrl(region: string, account: string, queueName: string): string {
  return `https://sqs.${region}.amazonaws.com/${account}/${queueName}`;
}

/** Where stream mode publishes results: stream name, queue URL or event bus name. */
export function resultSinkTarget(config: ServerlessDeploymentConfig): string | undefined {
  switch (config.streaming?.sink) {
    case 'kinesis': return config.names.resultStream;
    case 'sqs': return sqsQueueUrl(config.region, config.account, config.names.resultQueue);
    case 'eventbridge': return config.names.resultBus;
    default: return undefined;
  }
}

/**
 * The complete handler settings of a deployment. Every value is a literal known before synthesis, so the
 * three engines write the same Lambda environment.
 */
export function handlerSettingsFor(config: ServerlessDeploymentConfig): HandlerSettings {
  const capture = config.capture;
  const settings: HandlerSettings = {
    ...config.function.handler, modelUri: `s3://${config.model.bucket}/${config.model.key}`,
    ...(capture ? { capture: { uri: `s3://${capture.bucket}/${capture.prefix}`, samplingPercent: capture.samplingPercent, fields: capture.fields } } : {}),
  };
  if (config.batch) {
    const data = config.names.dataBucket;
    return { ...settings, batch: { inputBucket: data, inputPrefix: config.batch.inputPrefix, outputUri: `s3://${data}/${config.batch.outputPrefix}` } };
  }
  const sink = resultSinkTarget(config);
  if (config.streaming && sink !== undefined) return { ...settings, sink: { kind: config.streaming.sink, target: sink } };
  return settings;
}

/** The Lambda environment of a deployment (the handler's contract, `../config.ts`). */
export function functionEnvironment(config: ServerlessDeploymentConfig): Record<string, string> {
  return { ...handlerEnvironment(handlerSettingsFor(config)), NODE_OPTIONS: '--enable-source-maps' };
}
