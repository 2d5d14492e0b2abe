/**
 * The starter spec `aimd init` writes: the fewest fields that deploy a model on a target, a runtime the
 * target serves, and comments that show the plan those fields produce. Pure: text in, text out.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { runtimesServedBy } from './targets';
import type { DeploymentSpecInput, TargetKind, TargetSpec } from './types';
import { stringify } from 'yaml';

export interface StarterRequest {
  /** Catalogue id (LLMs) or the model's own id (other models). */
  readonly modelId: string;
  readonly target: TargetKind;
  /** True when the model is an LLM of the catalogue (served by vLLM on GPUs). */
  readonly llm: boolean;
  /** @default - derived from the model id */
  readonly name?: string;
}

/** A DNS-compatible spec name from a model id: `meta-llama/Llama-3.1-8B-Instruct` -> `llama-3-1-8b-instruct`. */
export function specNameFor(modelId: string): string {
  const base = (modelId.split('/').pop() ?? modelId).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const name = /^[a-z]/.test(base) ? base : `m-${base}`;
  return name.slice(0, 40).replace(/-+$/, '') || 'my-model';
}

const TARGETS: Readonly<Partial<Record<TargetKind, TargetSpec>>> = {
  eks: { kind: 'eks', capacity: 'karpenter' },
  sagemaker: { kind: 'sagemaker', mode: 'realtime' },
  lambda: { kind: 'lambda', memoryMb: 2048, timeoutSeconds: 30, architecture: 'arm64' },
  batch: { kind: 'batch', executor: 'lambda', maxConcurrency: 10 },
  streaming: { kind: 'streaming', source: 'kinesis', sink: 'eventbridge', batchSize: 100 },
};

/** The starter spec's fields. Greengrass has no spec renderer, so it has no starter either. */
export function starterSpec(request: StarterRequest): DeploymentSpecInput {
  const target = TARGETS[request.target];
  if (target === undefined) throw new Error(`${request.target} has no starter spec`);
  const name = request.name ?? specNameFor(request.modelId);
  const gpu = request.target === 'eks' || request.target === 'sagemaker';
  if (request.llm) {
    return {
      name, region: 'us-east-1', model: { id: request.modelId }, runtime: { engine: 'vllm' }, target,
      traffic: { requestsPerSecond: 1, promptTokens: 1024, outputTokens: 256 }, scaling: { minReplicas: 1 },
    };
  }
  if (gpu) {
    // A Hugging Face model that is not an LLM of the catalogue: the Hugging Face inference container.
    return { name, region: 'us-east-1', model: { id: request.modelId, task: 'classification' }, runtime: { engine: 'huggingface' }, target, traffic: { requestsPerSecond: 1 }, scaling: { minReplicas: 1 } };
  }
  return {
    name, region: 'us-east-1',
    model: { id: request.modelId, task: 'classification', artifact: { uri: `s3://my-model-bucket/${name}/model.onnx` } },
    runtime: { engine: 'onnxruntime' }, target,
    // Batch and streaming read their input from S3 and streams: request rates do not apply.
    ...(request.target === 'lambda' && { traffic: { requestsPerSecond: 1, maxPayloadKb: 256 } }),
  };
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** Comment lines that show the plan of a spec. */
export function planComment(plan: DeploymentPlan): string[] {
  const s = plan.summary;
  const llm = plan.llm;
  const lines = llm
    ? [
      `instance     ${llm.instanceType} × ${llm.nodes} node(s)`,
      `GPUs         ${llm.acceleratorCount} × ${llm.accelerator} per node`,
      `parallelism  tensor ${llm.tensorParallelSize}, pipeline ${llm.pipelineParallelSize}`,
      `vLLM         max_model_len ${llm.maxModelLen}, gpu_memory_utilization ${llm.gpuMemoryUtilization}, max_num_seqs ${llm.maxNumSeqs}`,
      `replicas     ${llm.replicas} at the traffic below`,
      `cost         $${fmt(llm.costPerHourUsd)}/h per replica, about $${fmt(llm.monthlyCostUsd)}/month (on-demand)`,
    ]
    : [
      `compute      ${s.compute}`,
      `replicas     ${s.replicas}`,
      `cost         ${s.monthlyCostUsd !== null ? `about $${fmt(s.monthlyCostUsd)}/month` : s.billing} (${s.costNote})`,
    ];
  return lines;
}

function section(key: string, value: unknown, comment: readonly string[]): string {
  return `${comment.map((c) => `# ${c}`).join('\n')}${comment.length > 0 ? '\n' : ''}${stringify({ [key]: value }, { lineWidth: 0 })}`;
}

export interface StarterTextOptions {
  /** `$schema` value: where the JSON Schema is, relative to the spec file. */
  readonly schemaRef: string;
  /** The file name the spec is written to (used in the commands shown). */
  readonly fileName: string;
  /** The plan of the spec, shown in comments. @default - no plan comments */
  readonly plan?: DeploymentPlan;
}

/** The commented YAML text of a starter spec. */
export function starterSpecText(spec: DeploymentSpecInput, options: StarterTextOptions): string {
  const kind = spec.target.kind;
  const file = /^[./]/.test(options.fileName) ? options.fileName : `./${options.fileName}`;
  const header = [
    `# yaml-language-server: $schema=${options.schemaRef}`,
    `# Deployment spec for ${spec.model.id} on ${kind}, written by \`aimd init\`. Your editor completes and checks`,
    '# the fields from $schema; docs/spec.md of ai-model-deployment describes each one.',
    `#   check:  aimd validate --spec ${file}     plan: aimd plan --spec ${file}`,
    `#   deploy: npx cdk deploy -c spec=${file}`,
    `#       or: pulumi config set aimd:spec ${file} && pulumi up`,
    `#       or: aimd synth --spec ${file} --engine terraform && terraform -chdir=out/terraform/${spec.name} apply`,
    ...(options.plan ? ['#', '# Plan for these settings (changes when you edit them; see aimd plan --spec):', ...planComment(options.plan).map((l) => `#   ${l}`)] : []),
  ].join('\n');
  const parts = [
    header,
    stringify({ $schema: options.schemaRef, name: spec.name, region: spec.region }, { lineWidth: 0 }),
    section('model', spec.model, spec.runtime.engine === 'onnxruntime'
      ? ['The ONNX file to serve: replace the placeholder with your own s3://bucket/key.onnx (add sha256 to pin it).']
      : spec.runtime.engine === 'vllm'
        ? ['A catalogue model (aimd catalogue --list models); for another model give configPath: ./config.json instead of id.']
        : ['A Hugging Face model id, served by the Hugging Face inference container.']),
    section('runtime', spec.runtime, [`Serving runtime. Target ${kind} serves: ${runtimesServedBy(kind).join(', ')}.`,
      ...(spec.runtime.engine === 'vllm' ? ['Optional: maxModelLen, gpuMemoryUtilization, quantization (fp8, awq...), tensorParallelSize.'] : [])]),
    section('target', spec.target, kind === 'eks'
      ? ['Where it runs. Optional: accelerator (e.g. h100-80gb) or instanceType to fix the hardware instead of the planner\'s choice.']
      : kind === 'sagemaker'
        ? ['Where it runs: mode realtime | async | serverless | multi-model; optional instanceType (ml.*).']
        : ['Where it runs.']),
    ...(spec.traffic ? [section('traffic', spec.traffic, [options.plan?.llm || spec.runtime.engine === 'vllm'
      ? 'Expected peak traffic: the planner sizes instances and replicas for it.'
      : 'Expected peak traffic: sets the request throttling and the alarms.'])] : []),
    ...(spec.scaling ? [section('scaling', spec.scaling, ['maxReplicas defaults to the replicas the traffic needs, times 2 for headroom.'])] : []),
  ];
  return `${parts.join('\n')}`;
}
