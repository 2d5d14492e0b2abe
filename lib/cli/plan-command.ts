/**
 * `aimd plan`: sizes an LLM deployment. With `--accelerator` (and parallel sizes) it evaluates that
 * fixed configuration the way vLLM would; otherwise it chooses the cheapest configuration that fits.
 */
import { ACCELERATORS, ALL_INSTANCE_TYPES, CLOUDS, cloudOf, closestMatch, findModel, pricedRegionsOf, type CloudId } from '../catalogue';
import { readHuggingFaceConfig } from '../catalogue/hf-config';
import { prefetchModelsForSpec } from '../catalogue/hub';
import type { ModelArchitecture } from '../catalogue/types';
import { InfeasiblePlanError, InputValidationError, ProblemCollector } from '../errors';
import { planAcrossClouds, type CloudPlanComparison } from '../planner/across-clouds';
import { planLlmServing } from '../planner/plan';
import { MODELLED_VLLM_VERSION } from '../planner/vllm-defaults';
import type { KvCacheDtype, LlmPlanRequest, LlmServingPlan, Quantization, ServingDtype } from '../planner/types';
import { SUPPORTED_REGIONS } from '../spec/resolve';
import { choiceFlag, numberFlag, parseFlags, type CommandSpec } from './args';
import { runPlanForSpec } from './plan-spec';

export const PLAN_COMMAND: CommandSpec = {
  name: 'plan',
  summary: 'Size an LLM deployment: instance type, GPUs, tensor/pipeline parallelism, vLLM memory budget, replicas and cost.',
  usage: 'aimd plan (--model <catalogue id | org/name> | --model-config <config.json> | --spec <file>) [options]',
  flags: [
    { name: 'spec', type: 'string', value: '<file>', description: 'Plan a deployment spec file (YAML or JSON); combines with --json and --environment only.' },
    { name: 'environment', type: 'string', value: '<name>', description: 'With --spec: plan this environment of the spec (its overrides applied; docs/environments.md).' },
    { name: 'model', type: 'string', value: '<id>', description: 'Catalogue model id or alias (see `aimd catalogue models`), or any Hugging Face id org/name (fetched from HF_ENDPOINT with HF_TOKEN, cached).' },
    { name: 'offline', type: 'boolean', description: 'Read Hugging Face models from the local cache only (as HF_HUB_OFFLINE=1).' },
    { name: 'model-config', type: 'string', value: '<path>', description: 'Hugging Face config.json of a model not in the catalogue.' },
    { name: 'accelerator', type: 'string', value: '<id>', description: 'Fix the GPU: a10g | l4 | l40s | a100-40gb | a100-80gb | h100-80gb | h200 | t4 ...' },
    { name: 'instance-type', type: 'string', value: '<type>', description: 'Fix the instance type (e.g. g6e.12xlarge or ml.g6e.12xlarge).' },
    { name: 'tensor-parallel-size', type: 'string', value: '<n>', description: 'Fix vLLM --tensor-parallel-size.' },
    { name: 'pipeline-parallel-size', type: 'string', value: '<n>', description: 'Fix vLLM --pipeline-parallel-size.' },
    { name: 'max-model-len', type: 'string', value: '<tokens>', description: 'vLLM --max-model-len (default: min(model context, 8192)).' },
    { name: 'gpu-memory-utilization', type: 'string', value: '<0-1>', description: 'vLLM --gpu-memory-utilization (default 0.9).' },
    { name: 'dtype', type: 'string', value: '<dtype>', description: 'auto | bfloat16 | float16 (default auto).' },
    { name: 'quantization', type: 'string', value: '<method>', description: 'none | fp8 | int8 | awq | gptq | mxfp4 (default: the checkpoint\'s own).' },
    { name: 'kv-cache-dtype', type: 'string', value: '<dtype>', description: 'auto | fp8 | fp8_e4m3 | fp8_e5m2 (default auto).' },
    { name: 'max-num-seqs', type: 'string', value: '<n>', description: 'vLLM --max-num-seqs (default: vLLM\'s for the GPU).' },
    { name: 'max-num-batched-tokens', type: 'string', value: '<n>', description: 'vLLM --max-num-batched-tokens (default: vLLM\'s for the GPU).' },
    { name: 'requests-per-second', type: 'string', value: '<rps>', description: 'Peak traffic to serve (default 1).' },
    { name: 'prompt-tokens', type: 'string', value: '<n>', description: 'Typical prompt length (default 1024).' },
    { name: 'output-tokens', type: 'string', value: '<n>', description: 'Typical output length (default 256).' },
    { name: 'p95-latency-ms', type: 'string', value: '<ms>', description: 'End-to-end latency objective per request; bounds the batch (default: none).' },
    { name: 'vllm-version', type: 'string', value: '<x.y.z>', description: `vLLM release whose memory accounting to model (default ${MODELLED_VLLM_VERSION}).` },
    { name: 'flashinfer-sampler', type: 'string', value: '<on|off>', description: 'Whether vLLM samples with FlashInfer (default: as the release\'s official image does; off for a pip install without FlashInfer).' },
    { name: 'complexity-margin', type: 'string', value: '<0-1>', description: 'How much cheaper a multi-node or pipeline-parallel plan must be than the best single-node one to be chosen (default 0.15).' },
    { name: 'cloud', type: 'string', value: '<aws|gcp|azure|any>', description: 'Cloud whose machine types to plan on (default aws; the cloud of --instance-type when given); any plans on each and compares them.' },
    { name: 'platform', type: 'string', value: '<ec2|sagemaker>', description: 'Price as plain VMs (EC2/EKS, Compute Engine, Azure VMs) or SageMaker hosting (AWS only; default ec2).' },
    { name: 'region', type: 'string', value: '<region>', description: 'Region whose prices apply (default: us-east-1 on aws, us-central1 on gcp, eastus on azure).' },
    { name: 'json', type: 'boolean', description: 'Print the plan as one JSON object.' },
  ],
  examples: [
    'aimd plan --model meta-llama/Llama-3.1-8B-Instruct --accelerator h100-80gb --tensor-parallel-size 1 --max-model-len 8192 --json',
    'aimd plan --model llama-3.1-70b-instruct --requests-per-second 5',
    'aimd plan --model-config ./config.json --quantization fp8',
    'aimd plan --spec my-model.yaml',
    'aimd plan --model Qwen/Qwen3-30B-A3B --accelerator l40s',
    'aimd plan --model llama-3.1-70b-instruct --cloud gcp',
    'aimd plan --model llama-3.1-70b-instruct --cloud any --json',
  ],
};

function versionFlag(p: ProblemCollector, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const ok = typeof raw === 'string' && /^v?\d+\.\d+(\.\d+)?$/.test(raw);
  p.check(ok, '--vllm-version', raw, 'must be a release number like 0.11.0', `pass e.g. --vllm-version ${MODELLED_VLLM_VERSION}`);
  return ok ? (raw as string).replace(/^v/, '') : undefined;
}

const onOff = (value: 'on' | 'off' | undefined) => (value === undefined ? undefined : value === 'on');
/**
 * Fetches a `--model` that is a Hugging Face id outside the catalogue into the local cache, so that the
 * synchronous {@link runPlan} finds it; `--offline` keeps to the cache. Nothing to do otherwise.
 * @throws HubError | HuggingFaceConfigError | CatalogueLookupError
 */
export async function prefetchPlanModel(argv: readonly string[]): Promise<void> {
  const values = parseFlags(PLAN_COMMAND, argv);
  const modelId = values.model as string | undefined;
  if (modelId === undefined || values['model-config'] !== undefined) return;
  await prefetchModelsForSpec({ model: { id: modelId } }, values.offline === true ? { offline: true } : {});
}

/** `--cloud`: one cloud, or `any` to compare them. */
export type CloudChoice = CloudId | 'any';

/** Regions `--region` accepts on a cloud: the spec's AWS regions, elsewhere those with recorded prices. */
function regionsFor(cloud: CloudChoice | undefined): readonly string[] {
  return cloud === 'gcp' || cloud === 'azure' ? pricedRegionsOf(cloud) : SUPPORTED_REGIONS;
}

/** Checks the flags that only make sense on one cloud. */
function checkCloudFlags(p: ProblemCollector, cloud: CloudChoice | undefined, values: Record<string, unknown>): void {
  if (cloud === 'any') {
    for (const flag of ['region', 'instance-type'] as const) {
      p.check(values[flag] === undefined, `--${flag}`, values[flag], 'belongs to one cloud and cannot be combined with --cloud any', `remove --${flag}, or pick one cloud with --cloud aws|gcp|azure`);
    }
  }
  const fixedName = typeof values['instance-type'] === 'string' ? values['instance-type'].trim().toLowerCase().replace(/^ml\./, '') : undefined;
  const fixed = fixedName === undefined ? undefined : ALL_INSTANCE_TYPES.find((t) => t.name.toLowerCase() === fixedName);
  if (fixed !== undefined && cloud !== undefined && cloud !== 'any' && cloudOf(fixed) !== cloud) {
    p.add('--instance-type', values['instance-type'], `is a machine type of ${cloudOf(fixed)}, but --cloud is ${cloud}`,
      `drop --cloud (the machine type brings its cloud) or choose a ${cloud} machine type (aimd catalogue --list instances --cloud ${cloud})`);
  }
  p.check(values.platform !== 'sagemaker' || cloud === undefined || cloud === 'aws', '--platform', values.platform,
    `sagemaker is AWS only and cannot be combined with --cloud ${cloud}`, 'remove --platform sagemaker, or use --cloud aws');
}

/**
 * Turns flags into a planner request, collecting every problem; `cloud` is `any` for `--cloud any` (the
 * request then carries no cloud). @throws InputValidationError | CatalogueLookupError
 */
export function planRequestFromFlags(argv: readonly string[]): { request: LlmPlanRequest; json: boolean; cloud?: CloudChoice } {
  const values = parseFlags(PLAN_COMMAND, argv);
  const p = new ProblemCollector();
  const modelId = values.model as string | undefined;
  const configPath = values['model-config'] as string | undefined;
  p.check((modelId === undefined) !== (configPath === undefined), modelId ? '--model-config' : '--model', modelId ?? configPath,
    modelId ? 'cannot be combined with --model' : 'one of --model or --model-config is required',
    'pass --model <catalogue id> (see `aimd catalogue models`) or --model-config <path to config.json>');
  const accelerator = values.accelerator as string | undefined;
  if (accelerator !== undefined && !ACCELERATORS.some((a) => a.id === accelerator)) {
    const known = ACCELERATORS.map((a) => a.id);
    const guess = closestMatch(accelerator, known, 'first-listed');
    p.add('--accelerator', accelerator, `must be one of ${known.join(', ')}`, guess ? `did you mean ${guess}?` : 'see `aimd catalogue --list accelerators`');
  }
  const cloud = choiceFlag<CloudChoice>(p, values, 'cloud', [...CLOUDS, 'any']);
  checkCloudFlags(p, cloud, values);
  const request = {
    ...(cloud !== undefined && cloud !== 'any' ? { cloud } : {}),
    acceleratorId: accelerator,
    instanceType: values['instance-type'] as string | undefined,
    tensorParallelSize: numberFlag(p, values, 'tensor-parallel-size', { min: 1, max: 64 }),
    pipelineParallelSize: numberFlag(p, values, 'pipeline-parallel-size', { min: 1, max: 64 }),
    maxModelLen: numberFlag(p, values, 'max-model-len', { min: 16, max: 10_485_760 }),
    gpuMemoryUtilization: numberFlag(p, values, 'gpu-memory-utilization', { min: 0, max: 1, integer: false, minExclusive: true }),
    dtype: choiceFlag<ServingDtype>(p, values, 'dtype', ['auto', 'bfloat16', 'float16']),
    quantization: choiceFlag<Quantization>(p, values, 'quantization', ['none', 'fp8', 'int8', 'awq', 'gptq', 'mxfp4']),
    kvCacheDtype: choiceFlag<KvCacheDtype>(p, values, 'kv-cache-dtype', ['auto', 'fp8', 'fp8_e4m3', 'fp8_e5m2']),
    maxNumSeqs: numberFlag(p, values, 'max-num-seqs', { min: 1, max: 4096 }),
    maxNumBatchedTokens: numberFlag(p, values, 'max-num-batched-tokens', { min: 16, max: 1_048_576 }),
    requestsPerSecond: numberFlag(p, values, 'requests-per-second', { min: 0, max: 1_000_000, integer: false, minExclusive: true }),
    promptTokens: numberFlag(p, values, 'prompt-tokens', { min: 1, max: 10_000_000 }),
    outputTokens: numberFlag(p, values, 'output-tokens', { min: 1, max: 1_000_000 }),
    requestLatencyMs: numberFlag(p, values, 'p95-latency-ms', { min: 1, max: 3_600_000 }),
    platform: choiceFlag<'ec2' | 'sagemaker'>(p, values, 'platform', ['ec2', 'sagemaker']),
    region: choiceFlag(p, values, 'region', regionsFor(cloud)),
    vllmVersion: versionFlag(p, values['vllm-version']),
    flashInferSampler: onOff(choiceFlag(p, values, 'flashinfer-sampler', ['on', 'off'])),
    complexityMargin: numberFlag(p, values, 'complexity-margin', { min: 0, max: 1, integer: false }),
  };
  // The model lookup reports its own error with the closest ids; only try it once the flags are sound.
  p.throwIfAny('aimd plan');
  const model: ModelArchitecture = configPath !== undefined ? readHuggingFaceConfig(configPath) : findModel(modelId as string);
  const defined = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined));
  return { request: { model, ...defined } as LlmPlanRequest, json: values.json === true, ...(cloud !== undefined ? { cloud } : {}) };
}

const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** The human-readable plan: configuration, memory breakdown per GPU, throughput and cost. */
export function formatPlan(plan: LlmServingPlan): string {
  const m = plan.memory;
  const rows: Array<[string, string]> = [
    ['model', plan.model],
    ['instance', `${plan.instanceType} × ${plan.nodes} node(s), ${plan.acceleratorCount} × ${plan.accelerator} per node`],
    ['parallelism', `tensor ${plan.tensorParallelSize}, pipeline ${plan.pipelineParallelSize}`],
    ['vLLM', `max_model_len ${plan.maxModelLen}, gpu_memory_utilization ${plan.gpuMemoryUtilization}, max_num_seqs ${plan.maxNumSeqs}, max_num_batched_tokens ${plan.maxNumBatchedTokens}`],
    ['precision', `dtype ${plan.dtype}, quantization ${plan.quantization}, kv-cache ${plan.kvCacheDtype}`],
    ['', ''],
    ['memory per GPU', 'GiB'],
    ['  total', fmt(m.totalGiB)],
    ['  budget (× utilization)', fmt(m.budgetGiB)],
    ['  weights', fmt(m.weightsGiB)],
    ['  LoRA slots', fmt(m.loraGiB)],
    ['  activation peak', fmt(m.activationPeakGiB)],
    ['  non-torch (CUDA, NCCL)', fmt(m.nonTorchGiB)],
    ['  CUDA graphs', fmt(m.cudaGraphGiB)],
    ['  KV cache', fmt(m.kvCacheGiB)],
    ['', ''],
    ['weights (replica)', `${fmt(plan.weightsGiB)} GiB`],
    ['KV cache (replica)', `${fmt(plan.kvCacheGiB)} GiB = ${fmt(plan.kvCacheTokens, 0)} tokens`],
    ['max concurrency', `${fmt(plan.maxConcurrency)} requests of ${plan.maxModelLen} tokens`],
    ['throughput', `≈ ${fmt(plan.estimatedOutputTokensPerSecond, 0)} output tok/s per replica, TTFT ≈ ${fmt(plan.estimatedTimeToFirstTokenMs, 0)} ms, ITL ≈ ${fmt(plan.estimatedInterTokenLatencyMs, 1)} ms`],
    ['replicas', String(plan.replicas)],
    ['cost', `$${fmt(plan.costPerHourUsd, 3)}/h per replica, $${fmt(plan.monthlyCostUsd, 0)}/month, $${fmt(plan.costPerMillionOutputTokensUsd, 3)} per 1M output tokens`],
    ...(plan.spot ? [['spot', `${plan.capacityType}: ${plan.spot.pricePerHourUsd === null ? plan.spot.note : `$${fmt(plan.spot.pricePerHourUsd, 3)}/h per replica, $${fmt(plan.spot.monthlyCostUsd ?? 0, 0)}/month ($${fmt(plan.spot.maxMonthlyCostUsd ?? 0, 0)} at the dearest zone); ${plan.spot.note}`}`] as [string, string]] : []),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    ...rows.map(([k, v]) => (k === '' ? '' : `${k.padEnd(width)}  ${v}`)),
    ...(plan.warnings ?? []).map((w) => `warning: ${w}`),
    ...formatAlternatives(plan),
    ...formatFallbacks(plan),
    '',
    plan.explanation,
    '',
    `vllm serve ${plan.engineArgs.join(' ')}`,
  ].join('\n');
}

/** The trade-off table: the chosen plan and the best by each other objective. */
function formatAlternatives(plan: LlmServingPlan): string[] {
  const rows = plan.alternatives ?? [];
  if (rows.length === 0) return [];
  const cells = rows.map((a) => [
    `${a.objective}${a.chosen && a.objective !== 'chosen' ? ' (= chosen)' : ''}`,
    `${a.instanceType}${a.nodes > 1 ? ` × ${a.nodes} nodes` : ''}`,
    `TP=${a.tensorParallelSize} PP=${a.pipelineParallelSize}`,
    String(a.replicas),
    `$${fmt(a.costPerHourUsd, 2)}/h`,
    `$${fmt(a.monthlyCostUsd, 0)}`,
    `${fmt(a.estimatedTimeToFirstTokenMs, 0)} ms`,
    `${fmt(a.estimatedInterTokenLatencyMs, 1)} ms`,
  ]);
  const header = ['alternatives', 'instance', 'parallelism', 'replicas', 'cost', 'month', 'TTFT', 'ITL'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  return ['', line(header), ...cells.map(line)];
}

/** The `--cloud any` table: each cloud's best plan side by side. */
function formatClouds(rows: readonly CloudPlanComparison[]): string {
  const cells = rows.map((r) => [
    `${r.cloud}${r.chosen ? ' (chosen)' : ''}`,
    r.region,
    r.error !== undefined ? `none: ${r.error.split('\n')[0]!.slice(0, 100)}` : `${r.instanceType}${(r.nodes ?? 1) > 1 ? ` × ${r.nodes} nodes` : ''}`,
    r.error !== undefined ? '' : `${r.acceleratorCount} × ${r.accelerator}`,
    r.error !== undefined ? '' : String(r.replicas),
    r.error !== undefined ? '' : `$${fmt(r.costPerHourUsd ?? 0, 2)}/h`,
    r.error !== undefined ? '' : `$${fmt(r.monthlyCostUsd ?? 0, 0)}`,
  ]);
  const header = ['cloud', 'region', 'instance', 'GPUs per node', 'replicas', 'cost', 'month'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

/** The instance types node pools may fall back to, in the order they are tried after the choice. */
function formatFallbacks(plan: LlmServingPlan): string[] {
  const fallbacks = plan.fallbacks ?? [];
  if (fallbacks.length === 0) return [];
  const chain = [plan.instanceType, ...fallbacks.map((f) => `${f.instanceType} ($${fmt(f.costPerHourUsd, 2)}/h)`)].join(' → ');
  return ['', `fallbacks  ${chain}`, '           same layout and vLLM flags; node pools launch them, in this order, when the choice has no capacity'];
}

/** What `aimd plan` prints and how it exits. */
export interface PlanCommandResult {
  readonly output: string;
  /** The error message when the configuration cannot be served (exit code 1). */
  readonly error?: string;
}

/**
 * Runs `aimd plan`. With `--json`, an infeasible fixed configuration still prints its numbers (with
 * `fits: false` and the error) so that they can be compared with vLLM's refusal message.
 */
export function runPlan(argv: readonly string[]): PlanCommandResult {
  const values = parseFlags(PLAN_COMMAND, argv);
  if (values.spec !== undefined) return runPlanForSpec(values, formatPlan);
  if (values.environment !== undefined) {
    throw new InputValidationError('aimd plan', [{ field: '--environment', value: values.environment, message: 'selects an environment of a spec file and needs --spec', fix: 'add --spec <file>, or remove --environment' }]);
  }
  const { request, json, cloud } = planRequestFromFlags(argv);
  try {
    if (cloud === 'any') {
      const across = planAcrossClouds(request);
      return { output: json ? JSON.stringify({ ...across.plan, fits: true, clouds: across.clouds }, null, 2) : `${formatPlan(across.plan)}\n\n${formatClouds(across.clouds)}` };
    }
    const plan = planLlmServing(request);
    return { output: json ? JSON.stringify({ ...plan, fits: true }, null, 2) : formatPlan(plan) };
  } catch (error) {
    if (!(error instanceof InfeasiblePlanError)) throw error;
    const output = json && error.evaluation ? JSON.stringify({ ...error.evaluation, fits: false, error: error.message }, null, 2) : '';
    return { output, error: error.message };
  }
}
