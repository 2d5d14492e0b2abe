/**
 * fast-check arbitraries over the deployment spec space: a valid spec for every target kind × runtime
 * engine (including the pairs no renderer serves), with boundary values, then 0-3 deliberate breakages
 * (wrong types, out-of-range numbers, wrong enum strings, unknown keys, missing required fields, whole
 * sections of the wrong type). Each breakage is recorded, so the oracle knows the input must be refused
 * and which field a problem should name.
 */
import fc from 'fast-check';
import { MODELS } from '../../lib/catalogue';
import { SUPPORTED_REGIONS } from '../../lib/spec/resolve';
import { RUNTIMES_BY_TARGET } from '../../lib/spec/targets';
import { LLM_ENGINES, type RuntimeEngine, type TargetKind } from '../../lib/spec/types';
import { FIELD_RULES, TARGET_FIELD_RULES } from './field-rules';

/** A field the generator made wrong on purpose: any spec carrying one must be refused. */
export interface BrokenField {
  /** Dotted path as problems name it (`runtime.lora.adapters[0].uri`). */
  readonly field: string;
  /** What was done, for the report (`wrong type`, `out of range`, `missing`...). */
  readonly how: string;
  /** Other fields a refusal may name instead (e.g. an unserved pair is named by target.kind or runtime.engine). */
  readonly alternatives?: readonly string[];
}

/** One generated spec and what was broken in it. */
export interface SpecCase {
  readonly spec: unknown;
  readonly broken: readonly BrokenField[];
  /** How the spec reaches the product: YAML text (keeps .nan/.inf), JSON text, or the object itself. */
  readonly format: 'yaml' | 'json' | 'object';
}

const ENGINES: readonly RuntimeEngine[] = ['vllm', 'lmi', 'tgi', 'triton', 'torchserve', 'tensorflow-serving', 'huggingface', 'sklearn', 'xgboost', 'onnxruntime', 'custom'];
const TARGETS: readonly TargetKind[] = ['lambda', 'sagemaker', 'eks', 'greengrass', 'batch', 'streaming'];
/** Catalogue models, small ones (that fit one GPU) weighted up so that most LLM cases plan. */
const SMALL_MODELS = MODELS.filter((m) => m.parameters < 10e9).map((m) => m.id);
const LARGE_MODELS = MODELS.filter((m) => m.parameters >= 10e9).map((m) => m.id);
const ALIASES = MODELS.flatMap((m) => m.aliases);


const nameArb = fc.oneof(
  fc.constantFrom('a', 'llama-8b-chat', 'fraud-scorer', 'm0', 'a'.repeat(40), 'x-1-y'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/),
);

const modelIdFor = (engine: RuntimeEngine): fc.Arbitrary<string> =>
  LLM_ENGINES.includes(engine)
    ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...SMALL_MODELS) }, { weight: 2, arbitrary: fc.constantFrom(...LARGE_MODELS) }, { weight: 1, arbitrary: fc.constantFrom(...ALIASES) })
    : fc.constantFrom('fraud-classifier', 'churn-xgb', 'resnet50', 'my-model', 'iris');

/** An optional field, present in `percent`% of the cases (fixed hardware and tuning knobs are rare, or most LLM specs would not plan). */
function opt<T>(arb: fc.Arbitrary<T>, percent = 50): fc.Arbitrary<T | undefined> {
  return fc.integer({ min: 0, max: 99 }).chain((n) => (n < percent ? arb : fc.constant(undefined)));
}

/** A record whose undefined fields are left out (as a user would leave them out). */
function fields(shape: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(shape).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
}

const s3Uri = fc.constantFrom('s3://my-model-bucket/model/', 's3://bkt/a/b/model.onnx', 's3://models-123/fraud/model.tar.gz');

function modelArb(engine: RuntimeEngine): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    id: modelIdFor(engine),
    servedName: fc.constantFrom('chat', 'model-a'),
    task: LLM_ENGINES.includes(engine) ? fc.constant('text-generation') : fc.constantFrom('classification', 'tabular', 'image', 'anomaly-detection', 'embedding'),
    artifact: fc.record({ uri: s3Uri, sha256: fc.constant('a'.repeat(64)) }, { requiredKeys: ['uri'] }),
  }, { requiredKeys: ['id'] });
}

function runtimeArb(engine: RuntimeEngine, kind: TargetKind): fc.Arbitrary<Record<string, unknown>> {
  const llm = LLM_ENGINES.includes(engine);
  // On EKS, custom and bentoml run the user's image under the container contract (lib/spec/container-contract.ts).
  const contract = kind === 'eks' && (engine === 'custom' || engine === 'bentoml');
  const base = {
    engine: fc.constant(engine),
    version: fc.constantFrom('0.11.0', '1.2.3'),
    ...(engine === 'custom' || contract ? { image: fc.constant('123456789012.dkr.ecr.us-east-1.amazonaws.com/my-model:1.0') } : {}),
    ...(contract ? { container: fc.constantFrom({ port: 8080, healthPath: '/healthz', checksBearerApiKey: true }, { port: 3000, healthPath: '/livez', readinessPath: '/readyz', metricsPath: '/metrics', checksBearerApiKey: true }) } : {}),
  };
  if (!llm) return fc.record(base, { requiredKeys: contract ? ['engine', 'image', 'container'] : engine === 'custom' ? ['engine', 'image'] : ['engine'] });
  return fields({
    engine: base.engine,
    version: opt(base.version, 20),
    dtype: opt(fc.constantFrom('auto', 'bfloat16', 'float16'), 20),
    quantization: opt(fc.constantFrom('none', 'fp8', 'int8', 'awq', 'gptq', 'mxfp4'), 15),
    kvCacheDtype: opt(fc.constantFrom('auto', 'fp8', 'fp8_e4m3', 'fp8_e5m2'), 15),
    maxModelLen: opt(fc.constantFrom(16, 512, 2048, 4096, 8192, 32768, 131072), 50),
    gpuMemoryUtilization: opt(fc.oneof(fc.constantFrom(0.9, 0.95, 1), fc.double({ min: 0.05, max: 1, noNaN: true })), 30),
    maxNumSeqs: opt(fc.integer({ min: 1, max: 512 }), 10),
    tensorParallelSize: opt(fc.constantFrom(1, 2, 4, 8), 10),
    pipelineParallelSize: opt(fc.constantFrom(1, 2), 5),
    lora: opt(fc.record({
      adapters: fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), uri: s3Uri, tenant: fc.constantFrom('t1', 'acme') }, { requiredKeys: ['name', 'uri'] }), { minLength: 1, maxLength: 4, selector: (a) => a.name }),
      maxLoraRank: fc.constantFrom(8, 16, 64),
      maxLoras: fc.integer({ min: 1, max: 8 }),
    }, { requiredKeys: ['adapters'] }), 15),
  });
}

function targetArb(kind: TargetKind, engine: RuntimeEngine): fc.Arbitrary<Record<string, unknown>> {
  const k = fc.constant(kind);
  switch (kind) {
    case 'lambda':
      return fc.record({ kind: k, memoryMb: fc.constantFrom(128, 2048, 10240), timeoutSeconds: fc.constantFrom(1, 30, 900), architecture: fc.constantFrom('arm64', 'x86_64'), reservedConcurrency: fc.integer({ min: 0, max: 100 }), provisionedConcurrency: fc.integer({ min: 0, max: 5 }) }, { requiredKeys: ['kind'] });
    case 'sagemaker': {
      const llm = LLM_ENGINES.includes(engine);
      return fields({
        kind: k,
        mode: llm ? fc.constantFrom('realtime', 'async', 'multi-model') : fc.constantFrom('realtime', 'serverless', 'async', 'multi-model'),
        instanceType: opt(llm ? fc.constantFrom('ml.g5.2xlarge', 'ml.g6e.xlarge', 'ml.g5.12xlarge', 'ml.p4d.24xlarge') : fc.constantFrom('ml.m7i.xlarge', 'ml.c7i.2xlarge', 'ml.g4dn.xlarge'), llm ? 15 : 50),
        serverlessMemoryMb: opt(fc.constantFrom(1024, 2048, 6144)),
        serverlessMaxConcurrency: opt(fc.constantFrom(5, 200)),
        serverlessProvisionedConcurrency: opt(fc.constantFrom(1, 5)),
      });
    }
    case 'eks':
      return fields({
        kind: k,
        capacity: opt(fc.constantFrom('karpenter', 'auto-mode', 'managed-nodegroup')),
        accelerator: opt(fc.constantFrom('l4', 'a10g', 'l40s', 'h100-80gb', 'a100-80gb', 'h200'), 10),
        instanceType: opt(fc.constantFrom('g6e.xlarge', 'g5.12xlarge', 'p5.48xlarge', 'g6.xlarge'), 10),
        namespace: opt(nameArb, 30),
        capacityReservationId: opt(fc.constant('cr-0123456789abcdef0'), 10),
      });
    case 'greengrass':
      return fc.record({ kind: k, thingGroupName: fc.constantFrom('edge-fleet', 'cams:1'), platforms: fc.constantFrom(['linux/x86_64'], ['linux/aarch64', 'linux/x86_64']) }, { requiredKeys: ['kind', 'thingGroupName'] });
    case 'batch':
      return fc.record({ kind: k, executor: fc.constantFrom('lambda', 'sagemaker-batch-transform'), schedule: fc.constantFrom('rate(1 day)', 'cron(0 2 * * ? *)'), maxConcurrency: fc.constantFrom(1, 10, 10000) }, { requiredKeys: ['kind'] });
    case 'streaming':
      return fc.record({ kind: k, source: fc.constantFrom('kinesis', 'sqs'), batchSize: fc.constantFrom(1, 100, 10000), maxBatchingWindowSeconds: fc.constantFrom(0, 5, 300), sink: fc.constantFrom('kinesis', 'sqs', 'eventbridge') }, { requiredKeys: ['kind'] });
    default:
      // Targets of other clouds: fields common to them (their own arbitraries come with their renderers).
      return fields({ kind: k, instanceType: opt(fc.constantFrom('a3-highgpu-8g', 'Standard_NC24ads_A100_v4'), 10) });
  }
}

const trafficArb = fc.record({
  requestsPerSecond: fc.oneof(fc.constantFrom(0.001, 1, 5, 50), fc.double({ min: 0.01, max: 200, noNaN: true })),
  promptTokens: fc.constantFrom(1, 128, 1024, 8192),
  outputTokens: fc.constantFrom(1, 256, 2048),
  p95LatencyMs: fc.constantFrom(200, 5000, 60000),
  timeToFirstTokenMs: fc.constantFrom(100, 2000),
  maxPayloadKb: fc.constantFrom(1, 256, 6000),
}, { requiredKeys: [] });

const scalingArb = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 6 }), fc.boolean(), fc.integer({ min: 0, max: 9 }).map((n) => n === 0), fc.constantFrom(0, 60, 300)).map(([min, extra, withMax, zero, cooldown]) => ({
  minReplicas: min === 0 && !zero ? 1 : min,
  ...(withMax ? { maxReplicas: Math.max(1, min) + extra } : {}),
  ...(min === 0 || zero ? { scaleToZero: min === 0 ? true : zero } : {}),
  scaleInCooldownSeconds: cooldown,
}));

const rolloutArb = fc.record({
  strategy: fc.constantFrom('all-at-once', 'canary', 'canary', 'linear', 'shadow'),
  canaryPercent: fc.constantFrom(1, 10, 50, 99),
  linearStepPercent: fc.constantFrom(1, 20, 50),
  intervalMinutes: fc.constantFrom(1, 10, 60, 1440),
  shadowSamplingPercent: fc.constantFrom(1, 20, 100),
  rollbackAlarms: fc.subarray(['latency-p95', 'errors-5xx', 'model-errors'], { minLength: 1 }),
}, { requiredKeys: [] });

const monitoringArb = fc.record({
  alarmEmail: fc.constant('oncall@example.com'),
  dashboard: fc.boolean(),
  dataCapture: fc.record({ enabled: fc.boolean(), samplingPercent: fc.constantFrom(1, 20, 100) }, { requiredKeys: ['enabled'] }),
  driftDetection: fc.constantFrom(false, false, true),
  drift: fc.record({ schedule: fc.constantFrom('rate(1 hour)', 'rate(2 days)', 'cron(0 * * * ? *)'), windowHours: fc.constantFrom(1, 24, 168), captureFields: fc.constantFrom(['age'], ['age', 'income']), alarmThreshold: fc.constantFrom(0.1, 0.25, 10), captureRetentionDays: fc.constantFrom(1, 30, 3650) }, { requiredKeys: [] }),
  logRetentionDays: fc.constantFrom(1, 30, 365, 3653),
}, { requiredKeys: [] });

const securityArb = fc.record({
  vpc: fc.constantFrom({ create: true }, { vpcId: 'vpc-0123456789abcdef0', privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] }),
  kmsKey: fc.constantFrom('create', { keyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }),
  networkIsolation: fc.boolean(),
  allowedCidrs: fc.constantFrom(['10.0.0.0/16'], ['10.0.0.0/8', '192.168.1.0/24']),
}, { requiredKeys: [] });

/** Target kind × engine, weighted towards the pairs a renderer serves (lib/spec/targets.ts). */
const pairArb: fc.Arbitrary<[TargetKind, RuntimeEngine]> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...TARGETS.flatMap((t) => (RUNTIMES_BY_TARGET[t] ?? []).map((e) => [t, e] as [TargetKind, RuntimeEngine]))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TARGETS), fc.constantFrom(...ENGINES)) },
);

/** A spec that is valid by construction apart from an unserved target/runtime pair (recorded as broken). */
export const validSpecArb: fc.Arbitrary<{ spec: Record<string, unknown>; broken: BrokenField[] }> = pairArb.chain(([kind, engine]) => specOfPair(kind, engine));

/** Valid specs of one target kind and engine (the render samples draw EKS ones: few random specs plan on EKS). */
export function validSpecFor(kind: TargetKind, engine: RuntimeEngine): fc.Arbitrary<SpecCase> {
  return specOfPair(kind, engine).map(({ spec, broken }) => ({ spec, broken, format: 'object' as const }));
}

function specOfPair(kind: TargetKind, engine: RuntimeEngine): fc.Arbitrary<{ spec: Record<string, unknown>; broken: BrokenField[] }> {
  return fc.record({
    name: nameArb,
    description: fc.constantFrom('A model', 'ünïcode description'),
    // Most instance prices are for us-east-1; other regions mostly exercise the planner's refusals.
    region: fc.oneof({ weight: 3, arbitrary: fc.constant('us-east-1') }, { weight: 1, arbitrary: fc.constantFrom(...SUPPORTED_REGIONS) }),
    model: modelArb(engine),
    runtime: runtimeArb(engine, kind),
    target: targetArb(kind, engine),
    traffic: trafficArb,
    scaling: scalingArb,
    rollout: rolloutArb,
    monitoring: monitoringArb,
    security: securityArb,
    tags: fc.dictionary(fc.stringMatching(/^[A-Za-z][\w-]{0,10}$/), fc.oneof(fc.stringMatching(/^[\w .:/=+@-]{1,20}$/), fc.constantFrom('ünïcode', 'team a', 'x'.repeat(256))), { maxKeys: 3 }),
  }, { requiredKeys: ['name', 'model', 'runtime', 'target'] }).map((spec) => {
    const served = (RUNTIMES_BY_TARGET[kind] ?? []).includes(engine);
    const serverlessLlm = kind === 'sagemaker' && (spec.target as Record<string, unknown>).mode === 'serverless' && LLM_ENGINES.includes(engine);
    const broken: BrokenField[] = served && !serverlessLlm ? [] : [{ field: 'runtime.engine', how: `unserved pair ${kind}/${engine}`, alternatives: ['target.kind', 'target.mode'] }];
    return { spec: spec as Record<string, unknown>, broken };
  });
}


const SECTIONS = ['', 'model', 'model.artifact', 'runtime', 'runtime.lora', 'target', 'traffic', 'scaling', 'rollout', 'monitoring', 'monitoring.drift', 'monitoring.dataCapture', 'security'];
const UNKNOWN_KEYS = ['replicas', 'engin', 'instance_type', 'Name', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'x-extra', ''];

/** One breakage, applied to a copy of the spec. */
export type Mutation =
  | { readonly op: 'set'; readonly path: string; readonly value: unknown }
  | { readonly op: 'delete'; readonly path: string }
  | { readonly op: 'unknown-key'; readonly section: string; readonly key: string; readonly value: unknown };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FIELD_RULES, ...TARGET_FIELD_RULES).chain((rule) => fc.constantFrom(...rule.wrong).map((value): Mutation => ({ op: 'set', path: rule.path, value }))) },
  { weight: 2, arbitrary: fc.constantFrom(...FIELD_RULES.filter((r) => r.required)).map((rule): Mutation => ({ op: 'delete', path: rule.path })) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unknown-key' as const), section: fc.constantFrom(...SECTIONS), key: fc.constantFrom(...UNKNOWN_KEYS), value: fc.constantFrom<unknown>(1, 'x', null, { a: 1 }) }) },
);

/** `runtime.lora.adapters[0].name` -> ['runtime', 'lora', 'adapters', 0, 'name']. */
function parts(path: string): Array<string | number> {
  return path === '' ? [] : path.split(/\.|(?=\[)/).map((p) => (p.startsWith('[') ? Number(p.slice(1, -1)) : p));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Sets an own property even for `__proto__`, as JSON.parse and the YAML parser do. */
function setOwn(obj: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Applies a mutation in place; returns the field it broke, or undefined when it could not apply (a
 * parent is not an object) or its effect is unknowable (the parent was itself replaced by a scalar).
 */
export function applyMutation(spec: Record<string, unknown>, mutation: Mutation): BrokenField | undefined {
  if (mutation.op === 'unknown-key') {
    const section = parts(mutation.section);
    let node: unknown = spec;
    for (const key of section) {
      if (!isObject(node) || Array.isArray(node)) return undefined;
      if (node[key as string] === undefined) setOwn(node, key, {});
      node = node[key as string];
    }
    if (!isObject(node) || Array.isArray(node)) return undefined;
    if (Object.prototype.hasOwnProperty.call(node, mutation.key)) return undefined;
    setOwn(node, mutation.key, mutation.value);
    const key = /^[A-Za-z$_][\w$-]*$/.test(mutation.key) ? mutation.key : JSON.stringify(mutation.key);
    return { field: mutation.section === '' ? key : `${mutation.section}.${key}`, how: 'unknown key' };
  }
  const path = parts(mutation.path);
  let node: unknown = spec;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node)) return undefined;
    let next = (node as Record<string | number, unknown>)[key];
    if (next === undefined) {
      if (mutation.op === 'delete') return undefined;
      next = typeof key === 'number' || key === 'adapters' ? [] : {};
      setOwn(node as Record<string, unknown>, key, next);
    }
    node = next;
  }
  if (!isObject(node)) return undefined;
  const last = path[path.length - 1]!;
  if (Array.isArray(node) && typeof last !== 'number') return undefined;
  if (mutation.op === 'delete') {
    if ((node as Record<string | number, unknown>)[last] === undefined) return undefined;
    delete (node as Record<string | number, unknown>)[last];
    return { field: mutation.path, how: 'missing' };
  }
  setOwn(node as Record<string, unknown>, last, mutation.value);
  return { field: mutation.path, how: `wrong value ${describe(mutation.value)}` };
}

function describe(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 30 ? `${text.slice(0, 27)}...` : text;
}

/** Deep copy that keeps NaN/Infinity and own `__proto__` keys. */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, copy(value[key]));
  return out as T;
}

/** A spec, valid or broken by 1-3 mutations, or (rarely) not an object at all. */
export const specCaseArb: fc.Arbitrary<SpecCase> = fc.oneof(
  { weight: 40, arbitrary: fc.tuple(validSpecArb, fc.oneof({ weight: 1, arbitrary: fc.constant([] as Mutation[]) }, { weight: 1, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) }), fc.constantFrom('yaml', 'yaml', 'json', 'object') as fc.Arbitrary<SpecCase['format']>)
    .map(([{ spec, broken }, mutations, format]) => {
      const mutated = copy(spec);
      const all = [...broken];
      for (const m of mutations) {
        const b = applyMutation(mutated, m);
        if (b) all.push(b);
      }
      // JSON has no NaN/Infinity: they become null there, still wrong for every numeric field.
      return { spec: mutated, broken: all, format };
    }) },
  { weight: 1, arbitrary: fc.record({ spec: fc.constantFrom<unknown>(null, [], 'name: x', 42, true, [{ name: 'a' }]), broken: fc.constant([{ field: '(spec)', how: 'not an object', alternatives: ['(root)', '(syntax)'] }]), format: fc.constantFrom('yaml', 'json', 'object') as fc.Arbitrary<SpecCase['format']> }) },
);
