/**
 * `planDeployment`: from a resolved spec to the plan every engine renders. LLM runtimes are sized by the
 * LLM planner; other runtimes get their compute from the spec and a cost estimate.
 */
import { findModel, getInstanceType } from '../catalogue';
import { readHuggingFaceConfig } from '../catalogue/hf-config';
import type { ModelArchitecture } from '../catalogue/types';
import { HOURS_PER_MONTH } from '../planner/candidates';
import { KSERVE_VLLM_VERSION } from '../kubernetes/runtimes/kserve/versions';
import { VLLM_IMAGE_TAG } from '../kubernetes/versions';
import { huggingFaceInstanceFor, huggingFaceInstanceNamed } from '../huggingface-endpoints/instances';
import { planLlmServing } from '../planner/plan';
import type { LlmPlanRequest, LlmServingPlan } from '../planner/types';
import type { DeploymentSpec, TargetKind } from '../spec/types';
import { servesLlm } from '../spec/serves-llm';
import { cloudOfTarget, runtimesServedBy } from '../spec/targets';
import { planModelServer, type ModelServerPlan } from './model-server-plan';
import { managedMachineOf } from '../managed/machine-of-cloud';
import { planOffHoursSaving, type OffHoursSaving } from './off-hours-saving';

/** What the review table shows for a deployment, whatever its target. */
export interface PlanSummary {
  /** Instance type, Lambda memory size, or device platform. */
  readonly compute: string;
  /** e.g. `TP=8 PP=2 × 2 nodes`, or `-`. */
  readonly parallelism: string;
  /** Replicas (instances, pods, or provisioned environments) at the planned traffic. */
  readonly replicas: number;
  /** How the compute is billed: instances by the hour, per request, or on the user's own devices. */
  readonly billing: 'hourly' | 'per-use' | 'own-devices';
  /** Estimated monthly cost in USD of always-on compute; `null` when billed per use or not in the catalogue. */
  readonly monthlyCostUsd: number | null;
  /** How the cost was estimated. */
  readonly costNote: string;
  /** The cost with `scaling.offHours` (a lower floor outside working hours); absent without one or without a price. */
  readonly scheduledCapacity?: OffHoursSaving;
  /**
   * The deployments a platform's total is the sum of (each model, and each arm of an A/B test), when the summary is
   * a platform's (llm-platform-eks). @default - one deployment, this summary
   */
  readonly parts?: readonly PlanSummaryPart[];
}

/** One deployment of a platform's summary. */
export interface PlanSummaryPart {
  /** Its deployment name. */
  readonly name: string;
  readonly compute: string;
  readonly parallelism: string;
  readonly replicas: number;
  readonly monthlyCostUsd: number | null;
  /** Its percent of its model name's requests, when it is an arm of an A/B test. @default - not an arm */
  readonly abWeight?: number;
}

/** The monthly cost as a table shows it: the number, or why there is none. */
export function monthlyCostLabel(summary: Pick<PlanSummary, 'monthlyCostUsd' | 'billing'>): string {
  if (summary.monthlyCostUsd !== null) return summary.monthlyCostUsd.toLocaleString('en-US');
  return summary.billing === 'hourly' ? 'unpriced' : summary.billing;
}

export interface DeploymentPlan {
  readonly spec: DeploymentSpec;
  /** Architecture of LLMs (catalogue entry or parsed config.json). */
  readonly model?: ModelArchitecture;
  /** The LLM serving plan for LLM engines on EKS or SageMaker. */
  readonly llm?: LlmServingPlan;
  /** The classic model-server plan (Triton...) for non-LLM engines on EKS. */
  readonly modelServer?: ModelServerPlan;
  readonly summary: PlanSummary;
}

/** Resolves the spec's model to an architecture (catalogue id or a Hugging Face config.json). */
export function resolveModel(spec: DeploymentSpec): ModelArchitecture {
  if (spec.model.configPath !== undefined) {
    return readHuggingFaceConfig(spec.model.configPath);
  }
  return findModel(spec.model.id as string);
}

/** The planner request a spec implies (fixed choices from the spec, traffic and scaling). */
export function llmPlanRequestFor(spec: DeploymentSpec, model: ModelArchitecture): LlmPlanRequest {
  const target = spec.target;
  const runtime = spec.runtime;
  const lora = runtime.lora;
  const cloud = cloudOfTarget(target);
  return {
    model,
    platform: target.kind === 'sagemaker' ? 'sagemaker' : 'ec2',
    cloud,
    // `region` is an AWS region (resolve.ts SUPPORTED_REGIONS); other clouds price in their default region.
    region: cloud === 'aws' ? spec.region : undefined,
    // An Inference Endpoints instance (`nvidia-l4`) fixes the accelerator; the planner chooses the count.
    acceleratorId: target.kind === 'huggingface-endpoint' ? (target.instanceType === undefined ? undefined : huggingFaceInstanceNamed(target.instanceType)?.acceleratorId ?? target.instanceType)
      : 'accelerator' in target ? target.accelerator : undefined,
    instanceType: 'instanceType' in target && target.kind !== 'huggingface-endpoint' ? target.instanceType : undefined,
    tensorParallelSize: runtime.tensorParallelSize,
    pipelineParallelSize: runtime.pipelineParallelSize,
    maxModelLen: runtime.maxModelLen,
    gpuMemoryUtilization: runtime.gpuMemoryUtilization,
    dtype: runtime.dtype,
    quantization: runtime.quantization === 'none' ? undefined : runtime.quantization,
    kvCacheDtype: runtime.kvCacheDtype,
    maxNumSeqs: runtime.maxNumSeqs,
    maxNumBatchedTokens: runtime.maxNumBatchedTokens,
    requestsPerSecond: spec.traffic.requestsPerSecond,
    promptTokens: spec.traffic.promptTokens,
    outputTokens: spec.traffic.outputTokens,
    timeToFirstTokenMs: spec.traffic.timeToFirstTokenMs,
    requestLatencyMs: spec.traffic.p95LatencyMs,
    minReplicas: Math.max(1, spec.scaling.minReplicas),
    // SageMaker endpoints and KServe's single-node Hugging Face runtime hold a replica on one node; vLLM on EKS may
    // span nodes with LeaderWorkerSet.
    maxNodesPerReplica: target.kind === 'sagemaker' || target.kind === 'huggingface-endpoint' || runtime.engine === 'kserve' ? 1 : 4,
    // Plan for the vLLM release the deployment runs (KServe's image brings its own), so the memory budget matches.
    vllmVersion: runtime.engine === 'kserve' ? KSERVE_VLLM_VERSION : VLLM_IMAGE_TAG.replace(/^v/, ''),
    servedModelName: spec.model.servedName,
    capacityType: target.kind === 'eks' ? spec.scaling.capacityType : undefined,
    gpuSharing: target.kind === 'eks' && runtime.engine === 'vllm' ? target.gpuSharing : undefined,
    lora: lora && {
      maxLoras: lora.maxLoras ?? Math.min(lora.adapters.length, 8),
      maxLoraRank: lora.maxLoraRank ?? 16,
    },
  };
}

function llmSummary(llm: LlmServingPlan): PlanSummary {
  return {
    compute: `${llm.instanceType} (${llm.acceleratorCount} × ${llm.accelerator})`,
    billing: 'hourly',
    parallelism: `TP=${llm.tensorParallelSize} PP=${llm.pipelineParallelSize}${llm.nodes > 1 ? ` × ${llm.nodes} nodes` : ''}`,
    replicas: llm.replicas,
    monthlyCostUsd: llm.monthlyCostUsd,
    costNote: `${llm.replicas} replica(s) × $${llm.costPerHourUsd}/h on-demand × ${HOURS_PER_MONTH} h${llm.spot ? `; ${llm.capacityType}: ${llm.spot.note}` : ''}`,
  };
}

/**
 * An Inference Endpoint is billed at Hugging Face's hourly rate, which the catalogue does not hold: the summary
 * names the endpoint's instance and prices it as the vendor VM the planner sized it on, and says so.
 */
function huggingFaceEndpointSummary(llm: LlmServingPlan): PlanSummary {
  const summary = llmSummary(llm);
  const instance = huggingFaceInstanceFor(llm.accelerator);
  return {
    ...summary,
    compute: instance ? `${instance.instanceType} x${llm.acceleratorCount} (sized as ${llm.instanceType})` : summary.compute,
    costNote: `${summary.costNote}; the vendor VM's price, not Hugging Face's hourly rate (not in the catalogue)`,
  };
}

function modelServerSummary(plan: ModelServerPlan): PlanSummary {
  const b = plan.batching;
  return {
    compute: plan.processor === 'cpu' ? `${plan.instanceType} (cpu only)` : `${plan.instanceType} (${plan.acceleratorCount} × ${plan.accelerator})`,
    billing: 'hourly',
    parallelism: `batch ≤${b.maxBatchSize}, prefer ${b.preferredBatchSizes.join('/')}, wait ≤${b.maxQueueDelayMicroseconds} µs`,
    replicas: plan.replicas,
    monthlyCostUsd: plan.monthlyCostUsd,
    costNote: plan.costPerHourUsd === null
      ? `no on-demand price for ${plan.instanceType} in ${plan.region} in the catalogue`
      : `${plan.replicas} replica(s) × $${plan.costPerHourUsd}/h on-demand × ${HOURS_PER_MONTH} h (minimum replicas)`,
  };
}

/**
 * A Vertex AI / Azure ML endpoint's machine: its cloud's machine for the plan (lib/managed/machine-of-cloud.ts);
 * unpriced while the plan is sized on the AWS catalogue (the AWS price would be the wrong cloud's).
 */
function managedEndpointSummary(llm: LlmServingPlan, target: { kind: 'vertex-ai' | 'azureml'; instanceType?: string }): PlanSummary {
  const cloud = target.kind === 'vertex-ai' ? 'gcp' : 'azure';
  const machine = managedMachineOf(llm, cloud, target.instanceType);
  return {
    ...llmSummary(llm),
    compute: `${machine.machineType} (${machine.acceleratorCount} × ${machine.acceleratorId})`,
    monthlyCostUsd: machine.bridged ? null : llm.monthlyCostUsd,
    costNote: machine.bridged ? `sized on ${llm.instanceType}; no ${target.kind} price in the catalogue yet` : llmSummary(llm).costNote,
  };
}

/** Cost of always-on instances of a non-LLM SageMaker endpoint. */
function sagemakerSummary(spec: DeploymentSpec, instanceType: string): PlanSummary {
  const instance = getInstanceType(instanceType);
  const price = instance.sagemaker?.pricePerHourUsd[spec.region] ?? instance.sagemaker?.pricePerHourUsd['us-east-1'];
  const replicas = Math.max(spec.scaling.minReplicas, 1);
  return {
    compute: instance.sagemaker?.name ?? instanceType,
    billing: 'hourly',
    parallelism: '-',
    replicas,
    monthlyCostUsd: price === undefined ? null : Math.round(price * replicas * HOURS_PER_MONTH),
    costNote: price === undefined ? 'no SageMaker price in the catalogue' : `${replicas} × $${price}/h × ${HOURS_PER_MONTH} h (minimum replicas)`,
  };
}

/** Default ml.* instance for classical models on real-time/async SageMaker endpoints. */
export const DEFAULT_SAGEMAKER_CPU_INSTANCE = 'ml.m7i.xlarge';

/** Targets whose LLMs are sized by the planner on whole GPU machines of their cloud. */
const GPU_CLUSTER_TARGETS: readonly TargetKind[] = ['eks', 'gke', 'aks', 'kubernetes', 'vertex-ai', 'azureml', 'huggingface-endpoint'];

/** Plans a resolved spec. @throws InfeasiblePlanError from the LLM planner */
export function planDeployment(spec: DeploymentSpec): DeploymentPlan {
  const plan = planTarget(spec);
  const scheduledCapacity = planOffHoursSaving(spec.scaling.offHours, plan.summary);
  return scheduledCapacity ? { ...plan, summary: { ...plan.summary, scheduledCapacity } } : plan;
}

function planTarget(spec: DeploymentSpec): DeploymentPlan {
  const target = spec.target;
  const isLlm = servesLlm(spec.runtime.engine, spec.model);
  if (isLlm && (GPU_CLUSTER_TARGETS.includes(target.kind) || (target.kind === 'sagemaker' && target.mode !== 'serverless'))) {
    const model = resolveModel(spec);
    const llm = planLlmServing(llmPlanRequestFor(spec, model));
    return { spec, model, llm, summary: target.kind === 'vertex-ai' || target.kind === 'azureml' ? managedEndpointSummary(llm, target) : target.kind === 'huggingface-endpoint' ? huggingFaceEndpointSummary(llm) : llmSummary(llm) };
  }
  switch (target.kind) {
    case 'sagemaker':
      if (target.mode === 'serverless') {
        return { spec, summary: { compute: `serverless ${target.serverlessMemoryMb ?? 2048} MB`, billing: 'per-use', parallelism: '-', replicas: target.serverlessProvisionedConcurrency ?? 0, monthlyCostUsd: null, costNote: 'billed per request and compute-second' } };
      }
      return { spec, summary: sagemakerSummary(spec, target.instanceType ?? DEFAULT_SAGEMAKER_CPU_INSTANCE) };
    case 'lambda':
    case 'batch':
    case 'streaming':
      return { spec, summary: { billing: 'per-use', compute: target.kind === 'lambda' ? `lambda ${target.memoryMb ?? 2048} MB ${target.architecture ?? 'arm64'}` : `lambda (${target.kind})`, parallelism: '-', replicas: 0, monthlyCostUsd: null, costNote: 'billed per request and GB-second' } };
    case 'greengrass':
      return { spec, summary: { billing: 'own-devices', compute: `greengrass ${(target.platforms ?? ['linux/x86_64', 'linux/aarch64']).join(', ')}`, parallelism: '-', replicas: 0, monthlyCostUsd: null, costNote: 'runs on your devices' } };
    case 'eks':
      // Classic model servers with a Kubernetes builder (Triton...) are planned and priced on GPU nodes, or on CPU
      // nodes when the spec says the model needs no GPU (runtime.accelerator: cpu, or a CPU target.instanceType).
      if (runtimesServedBy('eks').includes(spec.runtime.engine)) {
        const modelServer = planModelServer(spec);
        return { spec, modelServer, summary: modelServerSummary(modelServer) };
      }
      return { spec, summary: { billing: 'hourly', compute: target.instanceType ?? 'eks (cpu)', parallelism: '-', replicas: spec.scaling.minReplicas, monthlyCostUsd: null, costNote: 'non-LLM workloads on EKS are not priced' } };
    default:
      // The other clouds' targets plan LLMs above; their classic models are not priced yet.
      return { spec, summary: { billing: 'hourly', compute: target.instanceType ?? `${target.kind} (unplanned)`, parallelism: '-', replicas: spec.scaling.minReplicas, monthlyCostUsd: null, costNote: `non-LLM workloads on ${target.kind} are not priced` } };
  }
}
