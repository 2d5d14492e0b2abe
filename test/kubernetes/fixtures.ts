/**
 * Plans built by hand from a serving configuration, so that the Kubernetes tests do not depend on which
 * instance the planner prefers today; `engineArgs` comes from `vllmEngineArgs`, exactly as the planner writes it.
 */
import { findModel, getAccelerator, getInstanceType } from '../../lib/catalogue';
import type { ModelArchitecture } from '../../lib/catalogue/types';
import type { LlmServingObjectsOptions } from '../../lib/kubernetes';
import { vllmEngineArgs } from '../../lib/planner/engine-args';
import type { LlmServingPlan, LoraServingConfig, Quantization, ServingConfig } from '../../lib/planner/types';
import type { KubeObject } from '../../lib/kubernetes/types';

export interface HandPlanInput {
  readonly modelId: string;
  readonly instanceType: string;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize?: number;
  readonly nodes?: number;
  readonly quantization?: Quantization;
  readonly lora?: LoraServingConfig;
  readonly weightsGiB: number;
}

export interface HandPlan {
  readonly plan: LlmServingPlan;
  readonly config: ServingConfig;
  readonly model: ModelArchitecture;
}

export function handPlan(input: HandPlanInput): HandPlan {
  const model = findModel(input.modelId);
  const instance = getInstanceType(input.instanceType);
  const accelerator = getAccelerator(instance.acceleratorId as string);
  const pp = input.pipelineParallelSize ?? 1;
  const config: ServingConfig = {
    model,
    accelerator,
    tensorParallelSize: input.tensorParallelSize,
    pipelineParallelSize: pp,
    maxModelLen: 8192,
    gpuMemoryUtilization: 0.9,
    dtype: 'auto',
    quantization: input.quantization ?? 'none',
    kvCacheDtype: 'auto',
    maxNumSeqs: 256,
    maxNumBatchedTokens: 8192,
    blockSize: 16,
    enforceEager: false,
    lora: input.lora,
  };
  const plan: LlmServingPlan = {
    model: model.id,
    platform: 'ec2',
    region: 'us-east-1',
    instanceType: instance.name,
    accelerator: accelerator.id,
    acceleratorCount: instance.acceleratorCount,
    tensorParallelSize: input.tensorParallelSize,
    pipelineParallelSize: pp,
    nodes: input.nodes ?? 1,
    vllmVersion: '0.11.0',
    weightsGiB: input.weightsGiB,
    kvCacheGiB: 10,
    kvCacheTokens: 100000,
    maxConcurrency: 12,
    maxModelLen: 8192,
    gpuMemoryUtilization: 0.9,
    dtype: 'auto',
    quantization: config.quantization,
    kvCacheDtype: 'auto',
    maxNumSeqs: 256,
    maxNumBatchedTokens: 8192,
    engineArgs: vllmEngineArgs(config),
    estimatedOutputTokensPerSecond: 1000,
    estimatedTimeToFirstTokenMs: 250,
    estimatedInterTokenLatencyMs: 30,
    replicas: 1,
    costPerHourUsd: 1,
    monthlyCostUsd: 730,
    costPerMillionOutputTokensUsd: 0.3,
    memory: { totalGiB: 80, budgetGiB: 72, weightsGiB: 15, loraGiB: 0, activationPeakGiB: 1, nonTorchGiB: 1, cudaGraphGiB: 1, kvCacheGiB: 50 },
    explanation: 'hand-built for tests',
  };
  return { plan, config, model };
}

/** Llama 3.1 8B, bf16, one L40S. */
export const SINGLE_NODE = handPlan({ modelId: 'meta-llama/Llama-3.1-8B-Instruct', instanceType: 'g6e.xlarge', tensorParallelSize: 1, weightsGiB: 14.96 });

/** Llama 3.1 405B, bf16, two p5.48xlarge: TP 8 within each node, PP 2 across them. */
export const MULTI_NODE = handPlan({
  modelId: 'meta-llama/Llama-3.1-405B-Instruct',
  instanceType: 'p5.48xlarge',
  tensorParallelSize: 8,
  pipelineParallelSize: 2,
  nodes: 2,
  weightsGiB: 755,
});

/** Llama 3.1 8B with four resident LoRA adapters of rank 16. */
export const LORA = handPlan({
  modelId: 'meta-llama/Llama-3.1-8B-Instruct',
  instanceType: 'g6e.xlarge',
  tensorParallelSize: 1,
  weightsGiB: 14.96,
  lora: { maxLoras: 4, maxLoraRank: 16 },
});

/** Llama 3.1 70B in AWQ on four L40S. */
export const QUANTIZED = handPlan({ modelId: 'meta-llama/Llama-3.1-70B-Instruct', instanceType: 'g6e.12xlarge', tensorParallelSize: 4, quantization: 'awq', weightsGiB: 37 });

/** Options every test starts from: S3 weights, IRSA, Karpenter, KEDA 1..4, ALB, rules and dashboard. */
export function servingOptions(hand: HandPlan, overrides: Partial<LlmServingObjectsOptions> = {}): LlmServingObjectsOptions {
  return {
    name: 'llm',
    namespace: 'llm-serving',
    plan: hand.plan,
    model: hand.model,
    modelSource: { bucketName: 'models-123456789012-us-east-1', prefix: 'meta-llama/model/' },
    serviceAccountName: 'vllm',
    serviceAccountRoleArn: 'arn:aws:iam::123456789012:role/llm-model-reader',
    capacity: 'karpenter',
    autoscaling: { minReplicas: 1, maxReplicas: 4, scaleToZero: false, engine: 'keda' },
    exposure: { kind: 'alb-ingress', host: 'llm.internal.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
    monitoring: { prometheusRules: true, dashboard: true },
    ...overrides,
  };
}

/** The object of one kind, loosely typed for assertions (throws when there is not exactly one). */
/** The object of a kind with a name (several NetworkPolicies, for instance). */
export function named(objects: readonly KubeObject[], kind: string, name: string): Record<string, any> {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name}: ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found as Record<string, any>;
}

export function only(objects: readonly KubeObject[], kind: string): Record<string, any> {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}: ${objects.map((o) => o.kind).join(', ')}`);
  return found[0] as Record<string, any>;
}

/** Every container (init and regular) of every pod template in the objects, with where it was found. */
export function allContainers(objects: readonly KubeObject[]): { where: string; container: Record<string, any> }[] {
  const found: { where: string; container: Record<string, any> }[] = [];
  const visit = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${at}[${i}]`));
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
        value.forEach((c, i) => found.push({ where: `${at}.${key}[${i}]`, container: c }));
      } else {
        visit(value, `${at}.${key}`);
      }
    }
  };
  objects.forEach((o) => visit(o, `${o.kind}/${o.metadata.name}`));
  return found;
}

/** True when every label of the selector is on the pod. */
export function selects(selector: Record<string, string>, podLabels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => podLabels[k] === v);
}
