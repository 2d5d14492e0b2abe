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
import { planLlmServing } from '../planner/plan';
import type { LlmPlanRequest, LlmServingPlan } from '../planner/types';
import type { DeploymentSpec } from '../spec/types';
import { servesLlm } from '../spec/serves-llm';
import { runtimesServedBy } from '../spec/targets';
import { planModelServer, type ModelServerPlan } from './model-server-plan';

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
  return {
    model,
    platform: target.kind === 'sagemaker' ? 'sagemaker' : 'ec2',
    region: spec.region,
    acceleratorId: target.kind === 'eks' ? target.accelerator : undefined,
    instanceType: target.kind === 'eks' || target.kind === 'sagemaker' ? target.instanceType : undefined,
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
    maxNodesPerReplica: target.kind === 'sagemaker' || runtime.engine === 'kserve' ? 1 : 4,
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

function modelServerSummary(plan: ModelServerPlan): PlanSummary {
  const b = plan.batching;
  return {
    compute: `${plan.instanceType} (${plan.acceleratorCount} × ${plan.accelerator})`,
    billing: 'hourly',
    parallelism: `batch ≤${b.maxBatchSize}, prefer ${b.preferredBatchSizes.join('/')}, wait ≤${b.maxQueueDelayMicroseconds} µs`,
    replicas: plan.replicas,
    monthlyCostUsd: plan.monthlyCostUsd,
    costNote: plan.costPerHourUsd === null
      ? `no on-demand price for ${plan.instanceType} in ${plan.region} in the catalogue`
      : `${plan.replicas} replica(s) × $${plan.costPerHourUsd}/h on-demand × ${HOURS_PER_MONTH} h (minimum replicas)`,
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

/** Plans a resolved spec. @throws InfeasiblePlanError from the LLM planner */
export function planDeployment(spec: DeploymentSpec): DeploymentPlan {
  const target = spec.target;
  const isLlm = servesLlm(spec.runtime.engine, spec.model);
  if (isLlm && (target.kind === 'eks' || (target.kind === 'sagemaker' && target.mode !== 'serverless'))) {
    const model = resolveModel(spec);
    const llm = planLlmServing(llmPlanRequestFor(spec, model));
    return { spec, model, llm, summary: llmSummary(llm) };
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
      // Classic model servers with a Kubernetes builder (Triton...) are planned and priced on GPU nodes.
      if (runtimesServedBy('eks').includes(spec.runtime.engine)) {
        const modelServer = planModelServer(spec);
        return { spec, modelServer, summary: modelServerSummary(modelServer) };
      }
      return { spec, summary: { billing: 'hourly', compute: target.instanceType ?? 'eks (cpu)', parallelism: '-', replicas: spec.scaling.minReplicas, monthlyCostUsd: null, costNote: 'non-LLM workloads on EKS are not priced' } };
  }
}
