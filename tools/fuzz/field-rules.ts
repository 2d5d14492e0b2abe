/**
 * Values that are wrong for each spec field whatever the rest of the spec says (source: the checks of
 * lib/spec/resolve.ts and the types of lib/spec/types.ts). The spec arbitraries set one of them to break
 * a field on purpose; a spec carrying one must be refused, naming that field.
 */
/** Strings that look like enum values or keys but are not (prototype names catch `obj[value]` lookups). */
const WRONG_WORDS = ['', ' ', 'VLLM', 'vllm ', 'latest', 'none?', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'null', 'undefined', '0', 'a\nb', 'é', 'x'.repeat(300)];
/** Values of the wrong JSON type for any scalar field. */
export const WRONG_TYPES: readonly unknown[] = [null, true, false, [], {}, [1, 2], { nested: 1 }, 'text', 12, -1];

/** How a field may be broken. */
export interface FieldRule {
  readonly path: string;
  /** Values that are wrong for this field whatever the rest of the spec says. */
  readonly wrong: readonly unknown[];
  /** Deleting it makes the spec invalid. */
  readonly required?: boolean;
}

const intWrong = (min: number, max: number): unknown[] => [min - 1, max + 1, min + 0.5, String(min), NaN, Infinity, -Infinity, null, true, [min], { v: min }];
const enumWrong: unknown[] = [...WRONG_WORDS, 1, null, true, ['vllm'], {}];
const stringWrong: unknown[] = [12, null, true, [], {}];
const boolWrong: unknown[] = ['true', 'false', 'no', 1, 0, null, [], {}];

/** Every spec field with values that are wrong for it in any spec (source: lib/spec/resolve.ts and types.ts). */
export const FIELD_RULES: readonly FieldRule[] = [
  { path: 'name', required: true, wrong: ['', 'A', 'Upper', '-x', 'x-', '9abc', 'a_b', 'a'.repeat(41), 'a b', 'a\nb', ...stringWrong] },
  { path: 'description', wrong: stringWrong },
  { path: 'region', wrong: ['us-east-9', 'US-EAST-1', 'mars-1', ...enumWrong] },
  { path: 'model', required: true, wrong: WRONG_TYPES.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)) },
  { path: 'model.id', wrong: ['', 12, null, true, [], {}] },
  { path: 'model.servedName', wrong: stringWrong },
  { path: 'model.task', wrong: ['chat', 'Text-Generation', ...enumWrong] },
  { path: 'model.artifact', wrong: ['s3://bucket/key', 1, null, []] },
  { path: 'model.artifact.uri', wrong: ['http://x/y', 's3://', 's3://UPPER/x', 'hf://only', '/local/path', ...stringWrong] },
  { path: 'model.artifact.sha256', wrong: ['abc', 'A'.repeat(64), 'g'.repeat(64), ...stringWrong] },
  { path: 'model.artifact.version', wrong: stringWrong },
  { path: 'runtime', required: true, wrong: ['vllm', 1, null, [], true] },
  { path: 'runtime.engine', required: true, wrong: ['vLLM', 'ollama', 'tensorrt', ...enumWrong] },
  { path: 'runtime.version', wrong: ['latest', '', 1.5, null, [], {}] },
  { path: 'runtime.dtype', wrong: ['fp32', 'float32', ...enumWrong] },
  { path: 'runtime.quantization', wrong: ['int4', 'FP8', ...enumWrong] },
  { path: 'runtime.kvCacheDtype', wrong: ['fp16', ...enumWrong] },
  { path: 'runtime.maxModelLen', wrong: intWrong(16, 10_485_760) },
  { path: 'runtime.gpuMemoryUtilization', wrong: [0, -0.5, 1.01, 90, '0.9', NaN, Infinity, null, true, [], {}] },
  { path: 'runtime.maxNumSeqs', wrong: intWrong(1, 4096) },
  { path: 'runtime.maxNumBatchedTokens', wrong: intWrong(16, 1_048_576) },
  { path: 'runtime.tensorParallelSize', wrong: intWrong(1, 64) },
  { path: 'runtime.pipelineParallelSize', wrong: intWrong(1, 64) },
  { path: 'runtime.lora', wrong: ['adapter', 1, null, []] },
  { path: 'runtime.lora.adapters', wrong: [[], 'a', {}, null, 1] },
  { path: 'runtime.lora.adapters[0]', wrong: ['a', 1, null, [], {}] },
  { path: 'runtime.lora.adapters[0].name', wrong: ['', '-bad', 'a b', 'x'.repeat(65), ...stringWrong] },
  { path: 'runtime.lora.adapters[0].uri', wrong: ['http://x', '', ...stringWrong] },
  { path: 'runtime.lora.maxLoraRank', wrong: intWrong(1, 512) },
  { path: 'runtime.lora.maxLoras', wrong: intWrong(1, 256) },
  { path: 'target', required: true, wrong: ['eks', 1, null, [], true] },
  { path: 'target.kind', required: true, wrong: ['EKS', 'ecs', 'k8s', ...enumWrong] },
  { path: 'traffic', wrong: ['high', 1, null, [], true] },
  { path: 'traffic.requestsPerSecond', wrong: [0, -1, 1_000_001, '5', NaN, Infinity, null, true, [], {}] },
  { path: 'traffic.promptTokens', wrong: intWrong(1, 10_000_000) },
  { path: 'traffic.outputTokens', wrong: intWrong(1, 1_000_000) },
  { path: 'traffic.p95LatencyMs', wrong: intWrong(1, 3_600_000) },
  { path: 'traffic.timeToFirstTokenMs', wrong: intWrong(1, 600_000) },
  { path: 'traffic.maxPayloadKb', wrong: intWrong(1, 1_048_576) },
  { path: 'scaling', wrong: ['auto', 1, null, [], true] },
  { path: 'scaling.minReplicas', wrong: [-1, 1001, 1.5, '1', NaN, Infinity, null, true, [], {}] },
  { path: 'scaling.maxReplicas', wrong: intWrong(1, 1000) },
  { path: 'scaling.scaleToZero', wrong: boolWrong },
  { path: 'scaling.scaleInCooldownSeconds', wrong: intWrong(0, 86_400) },
  { path: 'rollout', wrong: ['canary', 1, null, [], true] },
  { path: 'rollout.strategy', wrong: ['blue-green', 'Canary', ...enumWrong] },
  { path: 'rollout.canaryPercent', wrong: intWrong(1, 99) },
  { path: 'rollout.linearStepPercent', wrong: intWrong(1, 50) },
  { path: 'rollout.intervalMinutes', wrong: intWrong(1, 1440) },
  { path: 'rollout.shadowSamplingPercent', wrong: intWrong(1, 100) },
  { path: 'rollout.rollbackAlarms', wrong: [['cpu'], 'errors-5xx', [1], null, {}, true] },
  { path: 'monitoring', wrong: ['on', 1, null, [], true] },
  { path: 'monitoring.alarmEmail', wrong: ['oncall', 'a@b', '@x.com', ...stringWrong] },
  { path: 'monitoring.dashboard', wrong: boolWrong },
  { path: 'monitoring.dataCapture', wrong: ['on', 1, null, [], true] },
  { path: 'monitoring.dataCapture.enabled', wrong: boolWrong },
  { path: 'monitoring.dataCapture.samplingPercent', wrong: intWrong(1, 100) },
  { path: 'monitoring.driftDetection', wrong: boolWrong },
  { path: 'monitoring.drift', wrong: ['hourly', 1, null, [], true] },
  { path: 'monitoring.drift.schedule', wrong: ['hourly', 'rate(0.5 hours)', 'rate(1 fortnight)', ...stringWrong] },
  { path: 'monitoring.drift.windowHours', wrong: intWrong(1, 168) },
  { path: 'monitoring.drift.captureFields', wrong: [[], 'age', [1], ['a b'], null, {}] },
  { path: 'monitoring.drift.alarmThreshold', wrong: [0, -1, 10.5, '0.2', NaN, Infinity, null, true, [], {}] },
  { path: 'monitoring.drift.captureRetentionDays', wrong: intWrong(1, 3650) },
  { path: 'monitoring.logRetentionDays', wrong: [0, 2, 364, 3654, '365', NaN, null, true, [], {}] },
  { path: 'security', wrong: ['strict', 1, null, [], true] },
  { path: 'security.vpc', wrong: ['vpc-0123456789abcdef0', { create: false }, { vpcId: 'vpc-1' }, 1, null, []] },
  { path: 'security.kmsKey', wrong: ['default', 'arn:aws:kms:us-east-1:123:key/x', { keyArn: 'x' }, 1, null, []] },
  { path: 'security.networkIsolation', wrong: boolWrong },
  { path: 'security.allowedCidrs', wrong: [['0.0.0.0/0'], ['10.0.0.0'], '10.0.0.0/16', [1], null, {}] },
  { path: 'tags', wrong: ['team=ml', ['a'], { 'aws:x': 'y' }, { a: 1 }, { a: 'x'.repeat(257) }, { ['k'.repeat(129)]: 'v' }, { a: '' }, { a: 'b;c' }, { 'a#b': 'c' }, { a: '?D0$a' }, 1, null] },
];

/** Target fields per kind (a wrong value is wrong only when the target is of that kind; elsewhere the key is unknown, also wrong). */
export const TARGET_FIELD_RULES: readonly FieldRule[] = [
  { path: 'target.memoryMb', wrong: intWrong(128, 10240) },
  { path: 'target.timeoutSeconds', wrong: intWrong(1, 900) },
  { path: 'target.architecture', wrong: ['arm', 'amd64', ...enumWrong] },
  { path: 'target.reservedConcurrency', wrong: intWrong(0, 10000) },
  { path: 'target.provisionedConcurrency', wrong: intWrong(0, 10000) },
  { path: 'target.mode', wrong: ['batch', 'Realtime', ...enumWrong] },
  { path: 'target.instanceType', wrong: ['', 12, null, true, [], {}] },
  { path: 'target.serverlessMemoryMb', wrong: [1000, 0, 7168, '2048', NaN, null, true, [], {}] },
  { path: 'target.serverlessMaxConcurrency', wrong: intWrong(1, 200) },
  { path: 'target.serverlessProvisionedConcurrency', wrong: intWrong(1, 200) },
  { path: 'target.capacity', wrong: ['spot', 'fargate', ...enumWrong] },
  { path: 'target.accelerator', wrong: [12, null, true, [], {}] },
  { path: 'target.namespace', wrong: ['Default', '-ns', 'a_b', 'a'.repeat(64), ...stringWrong] },
  { path: 'target.capacityReservationId', wrong: ['cr-1', 'res-0123456789abcdef0', ...stringWrong] },
  { path: 'target.thingGroupName', wrong: ['', 'a b', 'x'.repeat(129), ...stringWrong] },
  { path: 'target.platforms', wrong: [[], ['windows'], 'linux/x86_64', [1], null, {}] },
  { path: 'target.executor', wrong: ['ecs', ...enumWrong] },
  { path: 'target.schedule', wrong: ['daily', 'rate 1 day', ...stringWrong] },
  { path: 'target.maxConcurrency', wrong: intWrong(1, 10000) },
  { path: 'target.source', wrong: ['kafka', ...enumWrong] },
  { path: 'target.sink', wrong: ['s3', ...enumWrong] },
  { path: 'target.batchSize', wrong: intWrong(1, 10000) },
  { path: 'target.maxBatchingWindowSeconds', wrong: intWrong(0, 300) },
];
