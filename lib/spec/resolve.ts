/**
 * Validates a {@link DeploymentSpecInput} and fills in its defaults. Every problem is collected and
 * reported at once, each with the field, the value and the fix.
 */
import { ProblemCollector } from '../errors';
import type { KvCacheDtype, Quantization, ServingDtype } from '../planner/types';
import type {
  DeploymentSpec,
  DeploymentSpecInput,
  ModelSpec,
  RollbackAlarm,
  RolloutStrategy,
  RuntimeEngine,
} from './types';
import { defaultModelTask, LLM_OR_CLASSIC_ENGINES, servesLlm } from './serves-llm';
import { LLM_ENGINES } from './types';
import { checkAlarmRecipients, effectiveRecipients } from './check-recipients';
import { checkAzureRecipients } from './check-azure-recipients';
import { checkDisasterRecovery, disasterRecoveryWithDefaults } from './disaster-recovery';
import { checkInferenceGraph } from './graph';
import { checkEnvironments } from './environments';
import { checkContainerContract, CONTRACT_ENGINES } from './container-contract';
import { checkCapacityType } from './capacity-type';
import { checkOffHours, resolveOffHours } from './check-off-hours';
import { checkManagedPrometheus } from './check-managed-prometheus';
import { checkBudget } from './check-budget';
import { gcpRecipientProblemsOfSpec } from '../gcp/alert-routing';
import { checkAbVariants } from './ab-variants';
import { checkUnknownKeys, isInteger, isPlainObject, NAME_PATTERN, numberIn, oneOf, optionalIntegers, optionalTypes, section, type Check } from './field-checks';
import { checkTarget } from './check-target';
import { CLOUD_OF_TARGET, cloudOfTarget, defaultRolloutStrategy, rolloutStrategyProblems } from './targets';

const ENGINES: readonly RuntimeEngine[] = [
  'vllm', 'lmi', 'tgi', 'triton', 'torchserve', 'tensorflow-serving', 'huggingface', 'sklearn', 'xgboost',
  'onnxruntime', 'custom', 'bentoml', 'kserve', 'ray-serve', 'seldon',
];
const DTYPES: readonly ServingDtype[] = ['auto', 'bfloat16', 'float16'];
const QUANTIZATIONS: readonly Quantization[] = ['none', 'fp8', 'int8', 'awq', 'gptq', 'mxfp4'];
const KV_DTYPES: readonly KvCacheDtype[] = ['auto', 'fp8', 'fp8_e4m3', 'fp8_e5m2'];
const STRATEGIES: readonly RolloutStrategy[] = ['all-at-once', 'canary', 'linear', 'shadow', 'ab'];
const ROLLBACK_ALARMS: readonly RollbackAlarm[] = ['latency-p95', 'errors-5xx', 'model-errors'];
const TASKS = ['text-generation', 'embedding', 'classification', 'tabular', 'image', 'speech', 'anomaly-detection'] as const;
/** Regions the library has prices and images for; others are rejected rather than guessed. */
export const SUPPORTED_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-southeast-2',
];
/**
 * Regions of the managed platforms of other clouds a spec may name (Vertex AI and Azure ML GPU regions in
 * cloud.google.com/vertex-ai/docs/general/locations and azure.microsoft.com/explore/global-infrastructure/
 * products-by-region, read 2026-12-03); AWS targets keep SUPPORTED_REGIONS.
 */
export const SUPPORTED_REGIONS_OF_CLOUD: Readonly<Record<'aws' | 'gcp' | 'azure', readonly string[]>> = {
  aws: SUPPORTED_REGIONS,
  gcp: ['us-central1', 'us-east4', 'us-west1', 'europe-west4', 'asia-southeast1'],
  azure: ['eastus', 'eastus2', 'westus3', 'westeurope', 'swedencentral'],
};

/** The regions a spec's target may deploy to (AWS's when the target is not readable yet). */
function regionsOfTarget(target: unknown): readonly string[] {
  if (!isPlainObject(target) || typeof target.kind !== 'string') return SUPPORTED_REGIONS;
  // A Hugging Face endpoint is driven from an AWS stack (its custom resource and token secret live there): the spec's
  // region is that stack's; the endpoint runs in the plan's region of the vendor cloud.
  if (target.kind === 'huggingface-endpoint') return SUPPORTED_REGIONS;
  try {
    return SUPPORTED_REGIONS_OF_CLOUD[cloudOfTarget(target as never)] ?? SUPPORTED_REGIONS;
  } catch {
    return SUPPORTED_REGIONS;
  }
}

export { NAME_PATTERN } from './field-checks';


/** Targets whose drift detection is our own drift job (lib/drift), on by default. */
const SERVERLESS_TARGETS: readonly string[] = ['lambda', 'batch', 'streaming'];

function checkDrift(p: Check, drift: unknown): void {
  if (drift === undefined || !p.check(isPlainObject(drift), 'monitoring.drift', drift, 'must be an object', 'give { schedule?, windowHours?, captureFields?, alarmThreshold?, captureRetentionDays? }')) return;
  const d = drift as Record<string, unknown>;
  checkUnknownKeys(p, 'monitoring.drift', d, ['schedule', 'windowHours', 'captureFields', 'alarmThreshold', 'captureRetentionDays', 'includePrompt', 'errorRateThreshold', 'refusalRateThreshold', 'refusalFinishReasons']);
  optionalTypes(p, 'monitoring.drift', d, { includePrompt: 'boolean' });
  for (const field of ['errorRateThreshold', 'refusalRateThreshold'] as const) {
    if (d[field] === undefined) continue;
    p.check(typeof d[field] === 'number' && (d[field] as number) > 0 && (d[field] as number) < 1, `monitoring.drift.${field}`, d[field], 'must be a share above 0 and below 1', 'e.g. 0.05 for 5 % of requests');
  }
  if (d.refusalFinishReasons !== undefined) {
    p.check(Array.isArray(d.refusalFinishReasons) && d.refusalFinishReasons.length > 0 && d.refusalFinishReasons.every((r) => typeof r === 'string' && /^[\w.-]+$/.test(r)), 'monitoring.drift.refusalFinishReasons', d.refusalFinishReasons,
      'must be a non-empty list of finish reasons', "e.g. ['content_filter']");
  }
  if (d.schedule !== undefined) {
    p.check(typeof d.schedule === 'string' && /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/.test(d.schedule), 'monitoring.drift.schedule', d.schedule,
      'must be an EventBridge schedule expression', "e.g. 'rate(1 hour)' or 'cron(0 * * * ? *)'");
  }
  optionalIntegers(p, 'monitoring.drift', d, { windowHours: [1, 168], captureRetentionDays: [1, 3650] });
  if (d.alarmThreshold !== undefined) {
    p.check(typeof d.alarmThreshold === 'number' && d.alarmThreshold > 0 && d.alarmThreshold <= 10, 'monitoring.drift.alarmThreshold', d.alarmThreshold, 'must be a PSI above 0 (at most 10)', 'use 0.25 (significant shift) or 0.1 (moderate)');
  }
  if (d.captureFields !== undefined) {
    p.check(Array.isArray(d.captureFields) && d.captureFields.length > 0 && d.captureFields.every((f) => typeof f === 'string' && /^[\w.\[\]-]+$/.test(f)), 'monitoring.drift.captureFields', d.captureFields,
      'must be a non-empty list of feature names', "e.g. ['age', 'income']");
  }
}

function checkQuality(p: Check, quality: unknown): void {
  if (quality === undefined || !p.check(isPlainObject(quality), 'monitoring.quality', quality, 'must be an object', 'give { metric, threshold, predictionField, labelField?, positiveLabel?, labelsPrefix?, schedule?, windowHours? }')) return;
  const q = quality as Record<string, unknown>;
  checkUnknownKeys(p, 'monitoring.quality', q, ['metric', 'threshold', 'predictionField', 'labelField', 'positiveLabel', 'labelsPrefix', 'schedule', 'windowHours']);
  p.check(q.metric === 'accuracy' || q.metric === 'f1' || q.metric === 'rmse', 'monitoring.quality.metric', q.metric, 'must be accuracy, f1 or rmse', "e.g. metric: 'accuracy'");
  const bounded = q.metric !== 'rmse';
  p.check(typeof q.threshold === 'number' && q.threshold >= 0 && (!bounded || q.threshold <= 1), 'monitoring.quality.threshold', q.threshold,
    bounded ? 'must be a number from 0 to 1' : 'must be a number ≥ 0', bounded ? 'e.g. 0.9 (alarm below 90 %)' : 'the RMSE above which to alarm');
  p.check(typeof q.predictionField === 'string' && q.predictionField !== '', 'monitoring.quality.predictionField', q.predictionField, 'is required', 'name the captured prediction field, e.g. label');
  optionalTypes(p, 'monitoring.quality', q, { labelField: 'string', labelsPrefix: 'string' });
  if (typeof q.labelsPrefix === 'string') {
    p.check(/^[\w.\/-]+\/$/.test(q.labelsPrefix) && !q.labelsPrefix.startsWith('/') && !q.labelsPrefix.startsWith('capture/'), 'monitoring.quality.labelsPrefix', q.labelsPrefix,
      "must be a key prefix ending in '/', outside capture/", "e.g. 'ground-truth/'");
  }
  if (q.schedule !== undefined) {
    p.check(typeof q.schedule === 'string' && /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/.test(q.schedule), 'monitoring.quality.schedule', q.schedule,
      'must be an EventBridge schedule expression', "e.g. 'rate(1 day)'");
  }
  optionalIntegers(p, 'monitoring.quality', q, { windowHours: [1, 744] });
}


function checkModel(p: Check, model: Record<string, unknown>): void {
  checkUnknownKeys(p, 'model', model, ['id', 'configPath', 'servedName', 'task', 'artifact']);
  optionalTypes(p, 'model', model, { servedName: 'string' });
  const hasId = typeof model.id === 'string' && model.id.length > 0;
  const hasConfig = typeof model.configPath === 'string' && model.configPath.length > 0;
  p.check(hasId !== hasConfig, 'model.id', model.id ?? model.configPath,
    hasId ? 'cannot be given together with model.configPath' : 'one of model.id or model.configPath is required',
    'give a catalogue id (see `aimd catalogue models`) or the path of a Hugging Face config.json, not both');
  if (model.task !== undefined) oneOf(p, 'model.task', model.task, TASKS);
  if (model.artifact !== undefined && p.check(isPlainObject(model.artifact), 'model.artifact', model.artifact, 'must be an object', 'give { uri, version?, sha256? }')) {
    const artifact = model.artifact as Record<string, unknown>;
    checkUnknownKeys(p, 'model.artifact', artifact, ['uri', 'version', 'sha256', 'revision', 'huggingFaceTokenSecret']);
    if (artifact.revision !== undefined) {
      p.check(typeof artifact.revision === 'string' && /^[\w.\/-]{1,200}$/.test(artifact.revision) && typeof artifact.uri === 'string' && artifact.uri.startsWith('hf://'),
        'model.artifact.revision', artifact.revision, 'is a Hugging Face revision and needs an hf:// artifact uri', 'give model.artifact.uri hf://org/name, or remove revision (S3 artifacts pin with version or sha256)');
    }
    optionalTypes(p, 'model.artifact', artifact, { version: 'string', huggingFaceTokenSecret: 'string' });
    if (artifact.uri !== undefined) {
      p.check(typeof artifact.uri === 'string' && /^(s3:\/\/[a-z0-9.-]{3,63}(\/.*)?|hf:\/\/[\w.-]+\/[\w.-]+)$/.test(artifact.uri),
        'model.artifact.uri', artifact.uri, 'must be s3://bucket/key or hf://org/name', 'point it at an S3 location or a Hugging Face repository');
    }
    if (artifact.sha256 !== undefined) {
      p.check(typeof artifact.sha256 === 'string' && /^[a-f0-9]{64}$/.test(artifact.sha256),
        'model.artifact.sha256', artifact.sha256, 'must be 64 lower-case hex characters', 'use the output of `sha256sum <file>`');
    }
  }
}

function checkRuntime(p: Check, runtime: Record<string, unknown>, target: Record<string, unknown>, model: Record<string, unknown>): void {
  checkUnknownKeys(p, 'runtime', runtime, [
    'engine', 'version', 'image', 'dtype', 'quantization', 'kvCacheDtype', 'maxModelLen', 'gpuMemoryUtilization',
    'maxNumSeqs', 'maxNumBatchedTokens', 'tensorParallelSize', 'pipelineParallelSize', 'lora', 'container', 'accelerator',
  ]);
  const engine = runtime.engine;
  if (target.kind === 'eks' && CONTRACT_ENGINES.includes(engine as RuntimeEngine)) {
    checkContainerContract(p, engine as RuntimeEngine, runtime);
  } else if (runtime.container !== undefined) {
    p.add('runtime.container', runtime.container, `applies only to ${CONTRACT_ENGINES.join(' and ')} on target eks`, 'remove it');
  }
  if (oneOf(p, 'runtime.engine', runtime.engine, ENGINES) && runtime.engine === 'custom' && target.kind !== 'eks') {
    p.check(typeof runtime.image === 'string' && runtime.image.includes('.dkr.ecr.'), 'runtime.image', runtime.image,
      'is required for the custom engine and must be an ECR image URI', 'set runtime.image to <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>');
  }
  if (runtime.version !== undefined) {
    p.check(typeof runtime.version === 'string' && runtime.version !== 'latest' && runtime.version.length > 0, 'runtime.version', runtime.version,
      'must be a pinned version, never latest', 'give an exact version such as 0.11.0');
  }
  if (runtime.dtype !== undefined) oneOf(p, 'runtime.dtype', runtime.dtype, DTYPES);
  if (runtime.quantization !== undefined) oneOf(p, 'runtime.quantization', runtime.quantization, QUANTIZATIONS);
  if (runtime.kvCacheDtype !== undefined) oneOf(p, 'runtime.kvCacheDtype', runtime.kvCacheDtype, KV_DTYPES);
  if (runtime.gpuMemoryUtilization !== undefined) numberIn(p, 'runtime.gpuMemoryUtilization', runtime.gpuMemoryUtilization, 0, 1, true);
  optionalIntegers(p, 'runtime', runtime, {
    maxModelLen: [16, 10_485_760], maxNumSeqs: [1, 4096], maxNumBatchedTokens: [16, 1_048_576],
    tensorParallelSize: [1, 64], pipelineParallelSize: [1, 64],
  });
  if (isInteger(runtime.maxNumBatchedTokens) && isInteger(runtime.maxNumSeqs)) {
    p.check(runtime.maxNumBatchedTokens >= runtime.maxNumSeqs, 'runtime.maxNumBatchedTokens', runtime.maxNumBatchedTokens,
      `must be at least runtime.maxNumSeqs (${runtime.maxNumSeqs}), as vLLM requires`, `raise it to ${runtime.maxNumSeqs} or lower runtime.maxNumSeqs`);
  }
  const isLlm = servesLlm(runtime.engine as RuntimeEngine, model as Pick<ModelSpec, 'id' | 'configPath' | 'task'>);
  if (runtime.lora !== undefined && p.check(isPlainObject(runtime.lora), 'runtime.lora', runtime.lora, 'must be an object', 'give { adapters: [...] }')) {
    const lora = runtime.lora as Record<string, unknown>;
    checkUnknownKeys(p, 'runtime.lora', lora, ['adapters', 'maxLoraRank', 'maxLoras']);
    p.check(isLlm, 'runtime.lora', '(set)', `LoRA adapters need an LLM engine (${LLM_ENGINES.join(', ')})`, 'remove runtime.lora or use runtime.engine vllm');
    const adapters = lora.adapters;
    if (p.check(Array.isArray(adapters) && adapters.length > 0, 'runtime.lora.adapters', adapters, 'must list at least one adapter', 'add { name, uri: "s3://..." } entries')) {
      const names = new Set<string>();
      (adapters as unknown[]).forEach((a, i) => {
        const f = `runtime.lora.adapters[${i}]`;
        const adapter = isPlainObject(a) ? a : {};
        if (isPlainObject(a)) {
          checkUnknownKeys(p, f, a, ['name', 'uri', 'tenant']);
          optionalTypes(p, f, a, { tenant: 'string' });
        }
        p.check(typeof adapter.name === 'string' && /^[a-zA-Z0-9][\w.-]{0,63}$/.test(adapter.name), `${f}.name`, adapter.name, 'must be 1-64 letters, digits, ., _ or -', 'give the adapter a short name clients can request');
        p.check(typeof adapter.uri === 'string' && adapter.uri.startsWith('s3://'), `${f}.uri`, adapter.uri, 'must be an s3:// URI', 'upload the adapter to S3 and give its prefix');
        if (typeof adapter.name === 'string') {
          p.check(!names.has(adapter.name), `${f}.name`, adapter.name, 'is used by another adapter', 'give every adapter a unique name');
          names.add(adapter.name);
        }
      });
    }
    optionalIntegers(p, 'runtime.lora', lora, { maxLoraRank: [1, 512], maxLoras: [1, 256] });
  }
  if (runtime.accelerator !== undefined && oneOf(p, 'runtime.accelerator', runtime.accelerator, ['gpu', 'cpu'])) {
    p.check(!isLlm || runtime.accelerator === 'gpu', 'runtime.accelerator', runtime.accelerator,
      'LLM engines are planned on GPUs only', "remove runtime.accelerator, or serve a classic model (task tabular, classification...) with a model server such as triton");
    p.check(target.kind === 'eks', 'runtime.accelerator', runtime.accelerator,
      `applies to classic model servers on target eks; target ${String(target.kind)} picks its hardware from target.instanceType`, 'remove runtime.accelerator and set target.instanceType');
  }
  if (!isLlm && target.kind === 'eks' && LLM_OR_CLASSIC_ENGINES.includes(runtime.engine as RuntimeEngine)) {
    // The EKS blueprints are built around a planned LLM; classic models are served next to it (blueprint classicModels).
    p.add('model.task', model.task ?? '(default)', `${String(runtime.engine)} on EKS serves the spec's model as an LLM: give a catalogue LLM, a config.json or task text-generation`,
      "set model.task: text-generation, or serve a classic model with target.kind 'sagemaker' (engine sklearn/xgboost) or next to an LLM (classicModels of the kserve-eks blueprint)");
  }
  if (!isLlm && target.kind !== 'eks') {
    for (const key of ['tensorParallelSize', 'pipelineParallelSize', 'maxModelLen'] as const) {
      p.check(runtime[key] === undefined, `runtime.${key}`, runtime[key], `only applies to LLM engines (${LLM_ENGINES.join(', ')})`, `remove runtime.${key}`);
    }
  }
}

/**
 * Validates a spec and returns it with every default filled in.
 * @throws InputValidationError listing every problem (field, value, fix)
 */
export function resolveDeploymentSpec(input: unknown): DeploymentSpec {
  const p = new ProblemCollector();
  if (!isPlainObject(input)) {
    p.add('(spec)', input, 'must be an object', 'pass a DeploymentSpecInput object');
    p.throwIfAny('Deployment spec');
  }
  const spec = input as Record<string, unknown>;
  // `$schema` points editors at schema/deployment-spec.schema.json; it is accepted and ignored.
  checkUnknownKeys(p, '', spec, ['$schema', 'name', 'description', 'region', 'account', 'model', 'runtime', 'target', 'traffic', 'scaling', 'rollout', 'monitoring', 'security', 'disasterRecovery', 'graph', 'tags', 'environments']);
  optionalTypes(p, '', spec, { description: 'string' });
  p.check(typeof spec.name === 'string' && NAME_PATTERN.test(spec.name), 'name', spec.name,
    'must be 1-40 lower-case letters, digits or -, starting with a letter', "e.g. 'llama-8b-chat'");
  if (spec.region !== undefined) oneOf(p, 'region', spec.region, regionsOfTarget(spec.target));
  if (spec.account !== undefined) p.check(typeof spec.account === 'string' && /^\d{12}$/.test(spec.account), 'account', spec.account, 'must be a 12-digit AWS account id', "quote it in YAML: '123456789012'");
  checkEnvironments(p, spec.environments, spec.name);
  checkDisasterRecovery(p, spec.disasterRecovery, spec.region, SUPPORTED_REGIONS);
  const model = section(p, spec, 'model', true);
  const runtime = section(p, spec, 'runtime', true);
  const target = section(p, spec, 'target', true);
  checkModel(p, model);
  checkTarget(p, target, runtime.engine);
  checkRuntime(p, runtime, target, model);
  checkInferenceGraph(p, spec.graph, target, runtime.engine);

  const traffic = section(p, spec, 'traffic', false);
  checkUnknownKeys(p, 'traffic', traffic, ['requestsPerSecond', 'promptTokens', 'outputTokens', 'p95LatencyMs', 'timeToFirstTokenMs', 'maxPayloadKb']);
  if (traffic.requestsPerSecond !== undefined) numberIn(p, 'traffic.requestsPerSecond', traffic.requestsPerSecond, 0, 1_000_000, true);
  optionalIntegers(p, 'traffic', traffic, { promptTokens: [1, 10_000_000], outputTokens: [1, 1_000_000], p95LatencyMs: [1, 3_600_000], timeToFirstTokenMs: [1, 600_000], maxPayloadKb: [1, 1_048_576] });

  const scaling = section(p, spec, 'scaling', false);
  checkUnknownKeys(p, 'scaling', scaling, ['minReplicas', 'maxReplicas', 'scaleToZero', 'scaleInCooldownSeconds', 'capacityType', 'offHours']);
  checkCapacityType(p, scaling, target);
  checkOffHours(p, scaling, target, runtime.engine);
  optionalTypes(p, 'scaling', scaling, { scaleToZero: 'boolean' });
  optionalIntegers(p, 'scaling', scaling, { minReplicas: [0, 1000], maxReplicas: [1, 1000], scaleInCooldownSeconds: [0, 86_400] });
  if (isInteger(scaling.minReplicas) && isInteger(scaling.maxReplicas)) {
    p.check(scaling.minReplicas <= scaling.maxReplicas, 'scaling.minReplicas', scaling.minReplicas,
      `must be less than or equal to scaling.maxReplicas (${scaling.maxReplicas})`, `lower minReplicas or raise maxReplicas to at least ${scaling.minReplicas}`);
  }
  if (scaling.minReplicas === 0) {
    p.check(scaling.scaleToZero === true, 'scaling.minReplicas', 0, 'zero replicas requires scaling.scaleToZero: true', 'set scaling.scaleToZero to true, or minReplicas to 1');
  }

  const rollout = section(p, spec, 'rollout', false);
  checkUnknownKeys(p, 'rollout', rollout, ['strategy', 'canaryPercent', 'linearStepPercent', 'intervalMinutes', 'shadowSamplingPercent', 'rollbackAlarms', 'variants']);
  if (rollout.strategy !== undefined) oneOf(p, 'rollout.strategy', rollout.strategy, STRATEGIES);
  checkAbVariants(p, rollout, target, runtime);
  for (const problem of rolloutStrategyProblems(target.kind, runtime.engine, rollout.strategy)) p.add(problem.field, problem.value, problem.message, problem.fix);
  optionalIntegers(p, 'rollout', rollout, { canaryPercent: [1, 99], linearStepPercent: [1, 50], intervalMinutes: [1, 1440], shadowSamplingPercent: [1, 100] });
  if (rollout.rollbackAlarms !== undefined) {
    p.check(Array.isArray(rollout.rollbackAlarms) && rollout.rollbackAlarms.every((a) => ROLLBACK_ALARMS.includes(a as RollbackAlarm)),
      'rollout.rollbackAlarms', rollout.rollbackAlarms, `must list alarms from ${ROLLBACK_ALARMS.join(', ')}`, 'remove unknown alarm names');
    if ((rollout.strategy === 'canary' || rollout.strategy === 'linear') && Array.isArray(rollout.rollbackAlarms)) {
      p.check(rollout.rollbackAlarms.length > 0, 'rollout.rollbackAlarms', rollout.rollbackAlarms, `a ${rollout.strategy} rollout needs at least one rollback alarm`, "e.g. ['errors-5xx']");
    }
  }

  const monitoring = section(p, spec, 'monitoring', false);
  checkUnknownKeys(p, 'monitoring', monitoring, ['alarmEmail', 'recipients', 'dashboard', 'dataCapture', 'driftDetection', 'drift', 'quality', 'logRetentionDays', 'managedPrometheus', 'budget']);
  checkManagedPrometheus(p, monitoring.managedPrometheus, target.kind, spec.region ?? 'us-east-1');
  checkQuality(p, monitoring.quality);
  checkBudget(p, monitoring.budget);
  if (monitoring.quality !== undefined) {
    // The quality job joins labels with the serverless targets' captured predictions (lib/inference/deployment/quality.ts).
    p.check(SERVERLESS_TARGETS.includes(target.kind as string), 'monitoring.quality', target.kind, `the ground-truth quality job runs for the ${SERVERLESS_TARGETS.join(', ')} targets only`,
      "use SageMaker's model-quality monitor (modelQuality) on 'sagemaker', or remove monitoring.quality");
    const captureOff = (monitoring.dataCapture as { enabled?: unknown } | undefined)?.enabled === false;
    p.check(!captureOff, 'monitoring.quality', 'dataCapture.enabled: false', 'scores captured predictions, but data capture is off', 'set monitoring.dataCapture.enabled to true');
  }
  optionalTypes(p, 'monitoring', monitoring, { dashboard: 'boolean', driftDetection: 'boolean' });
  checkDrift(p, monitoring.drift);
  checkAlarmRecipients(p, 'monitoring', monitoring.alarmEmail, monitoring.recipients);
  if ((CLOUD_OF_TARGET as Record<string, string | undefined>)[String(target.kind)] === 'azure') checkAzureRecipients(p, spec);
  for (const problem of gcpRecipientProblemsOfSpec(target.kind, spec)) p.add(problem.field, problem.value, problem.message, problem.fix);
  const LOG_RETENTION = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
  if (monitoring.logRetentionDays !== undefined) {
    p.check(LOG_RETENTION.includes(monitoring.logRetentionDays as number), 'monitoring.logRetentionDays', monitoring.logRetentionDays,
      'must be a CloudWatch Logs retention period', `use one of ${LOG_RETENTION.join(', ')}`);
  }
  const capture = monitoring.dataCapture as Record<string, unknown> | undefined;
  if (capture !== undefined && p.check(isPlainObject(capture), 'monitoring.dataCapture', capture, 'must be an object', 'give { enabled, samplingPercent? }')) {
    checkUnknownKeys(p, 'monitoring.dataCapture', capture, ['enabled', 'samplingPercent']);
    p.check(typeof capture.enabled === 'boolean', 'monitoring.dataCapture.enabled', capture.enabled, 'is required and must be true or false', 'set monitoring.dataCapture.enabled to true or false (unquoted)');
    optionalIntegers(p, 'monitoring.dataCapture', capture, { samplingPercent: [1, 100] });
  }

  const security = section(p, spec, 'security', false);
  checkUnknownKeys(p, 'security', security, ['vpc', 'kmsKey', 'networkIsolation', 'allowedCidrs']);
  optionalTypes(p, 'security', security, { networkIsolation: 'boolean' });
  const vpc = security.vpc as Record<string, unknown> | undefined;
  if (vpc !== undefined && !(isPlainObject(vpc) && vpc.create === true)) {
    p.check(isPlainObject(vpc) && typeof vpc.vpcId === 'string' && /^vpc-[0-9a-f]{8,17}$/.test(vpc.vpcId), 'security.vpc.vpcId', vpc?.vpcId, 'must be an existing VPC id (vpc-...)', 'give { create: true } or { vpcId, privateSubnetIds }');
    const subnets = vpc?.privateSubnetIds;
    p.check(Array.isArray(subnets) && subnets.length >= 2 && subnets.every((s) => typeof s === 'string' && /^subnet-[0-9a-f]{8,17}$/.test(s)), 'security.vpc.privateSubnetIds', subnets,
      'must list at least two private subnet ids (subnet-...) in different AZs', 'add the private subnets the endpoint may use');
  }
  const kms = security.kmsKey;
  if (kms !== undefined && kms !== 'create') {
    p.check(isPlainObject(kms) && typeof kms.keyArn === 'string' && /^arn:aws[\w-]*:kms:[\w-]+:\d{12}:key\/.+$/.test(kms.keyArn), 'security.kmsKey', kms,
      "must be 'create' or { keyArn: 'arn:aws:kms:<region>:<account>:key/<id>' }", 'give a KMS key ARN');
  }
  if (security.allowedCidrs !== undefined) {
    p.check(Array.isArray(security.allowedCidrs) && security.allowedCidrs.every((c) => typeof c === 'string' && /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(c) && c !== '0.0.0.0/0'),
      'security.allowedCidrs', security.allowedCidrs, 'must be IPv4 CIDRs, never 0.0.0.0/0', 'list the client networks, e.g. 10.0.0.0/16');
  }
  if (spec.tags !== undefined) {
    // AWS tag limits ("Tag naming limits and requirements", AWS General Reference, read 2026-12-03): keys 1-128
    // and values up to 256 characters of letters, digits, spaces and _ . : / = + - @; IAM and CloudWatch
    // alarm tags reject anything else at deploy time, and alarms reject empty values.
    const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
    p.check(isPlainObject(spec.tags) && Object.entries(spec.tags).every(([k, v]) => typeof v === 'string' && k.length <= 128 && v.length <= 256 && !k.startsWith('aws:') && TAG_TEXT.test(k) && TAG_TEXT.test(v)),
      'tags', spec.tags, 'must map keys (1-128 chars, not aws:*) to non-empty values (<=256 chars), both of letters, digits, spaces and _ . : / = + - @', 'fix or remove the offending tags');
  }
  p.throwIfAny(`Deployment spec '${typeof spec.name === 'string' ? spec.name : '?'}'`);
  return withDefaults(input as unknown as DeploymentSpecInput);
}

function withDefaults(spec: DeploymentSpecInput): DeploymentSpec {
  const target = spec.target;
  return {
    name: spec.name,
    description: spec.description ?? `${spec.model.id ?? spec.model.configPath} on ${target.kind}`,
    region: spec.region ?? 'us-east-1',
    ...(spec.account !== undefined && { account: spec.account }),
    model: { ...spec.model, task: spec.model.task ?? defaultModelTask(spec.runtime.engine, spec.model) },
    runtime: {
      ...spec.runtime,
      dtype: spec.runtime.dtype ?? 'auto',
      quantization: spec.runtime.quantization ?? 'none',
      kvCacheDtype: spec.runtime.kvCacheDtype ?? 'auto',
      gpuMemoryUtilization: spec.runtime.gpuMemoryUtilization ?? 0.9,
    },
    target,
    traffic: {
      requestsPerSecond: spec.traffic?.requestsPerSecond ?? 1,
      promptTokens: spec.traffic?.promptTokens ?? 1024,
      outputTokens: spec.traffic?.outputTokens ?? 256,
      maxPayloadKb: spec.traffic?.maxPayloadKb ?? 256,
      p95LatencyMs: spec.traffic?.p95LatencyMs,
      timeToFirstTokenMs: spec.traffic?.timeToFirstTokenMs,
    },
    scaling: {
      minReplicas: spec.scaling?.minReplicas ?? 1,
      maxReplicas: spec.scaling?.maxReplicas,
      scaleToZero: spec.scaling?.scaleToZero ?? false,
      scaleInCooldownSeconds: spec.scaling?.scaleInCooldownSeconds ?? 300,
      capacityType: spec.scaling?.capacityType ?? 'on-demand',
      ...(spec.scaling?.offHours !== undefined && { offHours: resolveOffHours(spec.scaling.offHours, target as unknown as Record<string, unknown>) }),
    },
    rollout: {
      strategy: spec.rollout?.strategy ?? defaultRolloutStrategy(target.kind, spec.runtime.engine),
      canaryPercent: spec.rollout?.canaryPercent ?? 10,
      linearStepPercent: spec.rollout?.linearStepPercent ?? 20,
      intervalMinutes: spec.rollout?.intervalMinutes ?? 10,
      shadowSamplingPercent: spec.rollout?.shadowSamplingPercent ?? 20,
      rollbackAlarms: spec.rollout?.rollbackAlarms ?? ['latency-p95', 'errors-5xx', 'model-errors'],
      ...(spec.rollout?.variants !== undefined ? { variants: spec.rollout.variants } : {}),
    },
    monitoring: {
      alarmEmail: spec.monitoring?.alarmEmail,
      recipients: effectiveRecipients(spec.monitoring?.alarmEmail, spec.monitoring?.recipients),
      dashboard: spec.monitoring?.dashboard ?? true,
      dataCapture: {
        enabled: spec.monitoring?.dataCapture?.enabled ?? ((target.kind === 'sagemaker' && target.mode === 'realtime') || SERVERLESS_TARGETS.includes(target.kind)),
        samplingPercent: spec.monitoring?.dataCapture?.samplingPercent ?? 20,
      },
      // Greengrass: on with capture (the fleet's drift job reads what the devices capture; lib/edge/edge-drift.ts).
      driftDetection: spec.monitoring?.driftDetection ?? (SERVERLESS_TARGETS.includes(target.kind) || (target.kind === 'greengrass' && spec.monitoring?.dataCapture?.enabled === true)),
      drift: spec.monitoring?.drift,
      quality: spec.monitoring?.quality,
      logRetentionDays: spec.monitoring?.logRetentionDays ?? 365,
      managedPrometheus: spec.monitoring?.managedPrometheus,
      ...(spec.monitoring?.budget !== undefined && { budget: spec.monitoring.budget }),
    },
    security: {
      vpc: spec.security?.vpc ?? { create: true },
      kmsKey: spec.security?.kmsKey ?? 'create',
      networkIsolation: spec.security?.networkIsolation ?? true,
      allowedCidrs: spec.security?.allowedCidrs,
    },
    ...(spec.disasterRecovery !== undefined && { disasterRecovery: disasterRecoveryWithDefaults(spec.disasterRecovery) }),
    ...(spec.graph !== undefined && { graph: spec.graph }),
    tags: spec.tags ?? {},
  };
}
