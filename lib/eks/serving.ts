/**
 * The serving side of an EKS LLM deployment in engine-neutral terms: which `buildLlmServingObjects`
 * options a deployment implies, and which S3 locations its pods read. The CDK, cdktf and Pulumi
 * constructs all call {@link llmServingObjects} with the same inputs, which is what makes their
 * Kubernetes objects identical (the parity test compares them).
 */
import type { InferenceGraphSpec } from '../spec/graph';
import type { ModelArchitecture } from '../catalogue/types';
import type { AutoscalingOptions, ClassicModelSource, ExposureOptions, HuggingFaceTokenSecret, LoraAdapterSource, MonitoringOptions, ProgressiveRolloutOptions, TracingOptions } from '../kubernetes/options';
import { rolloutSurgeReplicas } from '../kubernetes/rollout-settings';
import { rollsOutProgressively } from '../spec/targets';
import { buildServingObjects, type ClusterOperator, servingOperators, servingUpdateSurgeReplicas } from '../kubernetes/runtimes/registry';
import type { KubeObject } from '../kubernetes/types';
import type { ServingPlan } from '../plan/serving-plan';
import { isModelServerPlan } from '../plan/model-server-plan';
import type { ServingObjectsOptions } from '../kubernetes/runtimes/model-server-options';
import type { TritonModelRepository } from '../kubernetes/runtimes/triton/repository';
import type { ContainerContract } from '../spec/container-contract';
import type { EksCapacity, RuntimeEngine } from '../spec/types';
import { DCGM_NAMESPACE } from './components';
import { OTEL_COLLECTOR_NAMESPACE, OTEL_COLLECTOR_OTLP_GRPC_ENDPOINT, OTLP_GRPC_PORT } from './otel-collector-component';
import { defaultModelPrefix } from './names';

export interface LlmServingInputs {
  /** Deployment name: names every Kubernetes object. */
  readonly name: string;
  readonly namespace: string;
  /** The serving runtime (lib/kubernetes/runtimes/registry.ts). @default 'vllm' */
  readonly runtime?: RuntimeEngine;
  /** The LLM planner's plan (vLLM...), or a classic model-server plan (Triton...). */
  readonly plan: ServingPlan;
  /** The LLM's architecture. Required with an LLM plan. @default - none (classic models) */
  readonly model?: ModelArchitecture;
  readonly capacity: EksCapacity;
  /** Literal name of the model bucket (the objects name it). */
  readonly modelBucketName: string;
  /**
   * Prefix of the checkpoint in the model bucket.
   * @default `models/<model id>/`
   */
  readonly modelPrefix?: string;
  /**
   * Emit the serving Namespace. False when another deployment in the same namespace creates it (the later arms of an
   * A/B test on the platform: lib/eks/platform-ab.ts); that deployment must then be applied first.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Let vLLM download the model from the Hugging Face Hub instead of the bucket. Cannot be combined with `modelPrefix`.
   * @default - weights come from the model bucket
   */
  readonly huggingFaceId?: string;
  /** Hub commit vLLM downloads (only with `huggingFaceId`). @default - the repository's default branch */
  readonly huggingFaceRevision?: string;
  /**
   * Kubernetes Secret (synced from Secrets Manager) with the Hugging Face token, for gated Hub models.
   * @default - none
   */
  readonly huggingFaceTokenSecret?: HuggingFaceTokenSecret;
  /**
   * Kubernetes Secret (synced from Secrets Manager) holding the API key callers must send.
   * @default - no key (only behind an authenticating gateway)
   */
  readonly apiKeySecret?: HuggingFaceTokenSecret;
  /** @default `<name>-<runtime>` (`<name>-vllm` for vLLM) */
  readonly serviceAccountName?: string;
  /** @default - none */
  readonly loraAdapters?: readonly LoraAdapterSource[];
  readonly autoscaling: AutoscalingOptions;
  /** @default - ClusterIP Service only */
  readonly exposure?: ExposureOptions;
  /** @default - alerts and dashboard on, kube-prometheus-stack and DCGM exporter of this platform */
  readonly monitoring?: MonitoringOptions;
  /** @default - the runtime's pinned image tag */
  readonly imageTag?: string;
  /**
   * Progressive delivery with Argo Rollouts (canary or linear, analysis on vLLM metrics, automatic rollback).
   * Single-node plans only; multi-node plans keep the LeaderWorkerSet rolling update.
   * @default - a Deployment rolling update
   */
  readonly rollout?: ProgressiveRolloutOptions;
  /**
   * Classic models served next to the LLM by runtimes that serve both (KServe), read from S3 with the same role.
   * @default - none
   */
  readonly classicModels?: readonly ClassicModelSource[];
  /** The spec's inference graph: its steps' InferenceServices and a KServe InferenceGraph (KServe only). @default - none */
  readonly inferenceGraph?: InferenceGraphSpec;
  /** Triton's model repository (configurations generated per model). @default - Triton auto-completes configurations */
  readonly tritonRepository?: TritonModelRepository;
  /** The user's image and its contract (`custom`, `bentoml`). @default - none */
  readonly container?: ContainerContract;
  /**
   * Where vLLM sends request traces; `false` sends none (set it when the cluster runs without the collector,
   * `gpuClusterComponents({ otelCollector: false })`).
   * @default - the OpenTelemetry Collector this platform installs (lib/eks/otel-collector-component.ts)
   */
  readonly tracing?: TracingOptions | false;
}

/** The collector `gpuClusterComponents` installs: traces go to X-Ray through it. */
export const PLATFORM_TRACING: TracingOptions = {
  otlpEndpoint: OTEL_COLLECTOR_OTLP_GRPC_ENDPOINT,
  collectorNamespace: OTEL_COLLECTOR_NAMESPACE,
  port: OTLP_GRPC_PORT,
};

/** Id of the served model: the LLM's, or the classic plan's. */
export function servedModelId(inputs: Pick<LlmServingInputs, 'model' | 'plan'>): string {
  return inputs.model?.id ?? inputs.plan.model;
}

/** Prefix of the model (LLM checkpoint, or Triton model repository) in the model bucket. */
export function servingModelPrefix(inputs: Pick<LlmServingInputs, 'model' | 'plan' | 'modelPrefix'>): string {
  return inputs.modelPrefix ?? defaultModelPrefix(servedModelId(inputs));
}

/** The service account the serving pods run as (the Pod Identity association names it). */
export function servingServiceAccountName(inputs: Pick<LlmServingInputs, 'name' | 'serviceAccountName' | 'runtime'>): string {
  return inputs.serviceAccountName ?? `${inputs.name}-${inputs.runtime ?? 'vllm'}`;
}

/** The Kubernetes objects of the deployment: the same list on every engine. */
export function llmServingObjects(inputs: LlmServingInputs): KubeObject[] {
  return buildServingObjects(servingObjectsOptions(inputs));
}

/** The operators the deployment's runtime needs on the cluster (KServe, KubeRay, Argo Rollouts...). */
export function llmServingOperators(inputs: LlmServingInputs): readonly ClusterOperator[] {
  return servingOperators(servingObjectsOptions(inputs));
}

/** Replicas the deployment's updates run on top of `maxReplicas` (the GPU pools hold them). */
export function llmServingUpdateSurgeReplicas(inputs: LlmServingInputs): number {
  return servingUpdateSurgeReplicas(servingObjectsOptions(inputs));
}

function servingObjectsOptions(inputs: LlmServingInputs): ServingObjectsOptions {
  const monitoring = inputs.monitoring ?? { prometheusRules: true, dashboard: true, dcgmExporterNamespace: DCGM_NAMESPACE };
  const plan = inputs.plan;
  if (isModelServerPlan(plan)) {
    if (inputs.huggingFaceId !== undefined) throw new Error(`Deployment '${inputs.name}': runtime '${inputs.runtime}' reads its model repository from the model bucket, not from the Hugging Face Hub`);
    return {
      name: inputs.name,
      runtime: inputs.runtime ?? plan.engine,
      namespace: inputs.namespace,
      plan,
      modelSource: { bucketName: inputs.modelBucketName, prefix: servingModelPrefix(inputs) },
      serviceAccountName: servingServiceAccountName(inputs),
      apiKeySecret: inputs.apiKeySecret,
      capacity: inputs.capacity,
      autoscaling: inputs.autoscaling,
      exposure: inputs.exposure,
      monitoring,
      imageTag: inputs.imageTag,
      tritonRepository: inputs.tritonRepository,
      ...(inputs.container !== undefined && { container: inputs.container }),
    };
  }
  if (inputs.model === undefined) throw new Error(`Deployment '${inputs.name}': an LLM plan needs the model's architecture (inputs.model)`);
  return {
    name: inputs.name,
    runtime: inputs.runtime,
    namespace: inputs.namespace,
    plan,
    model: inputs.model,
    modelSource: inputs.huggingFaceId !== undefined
      ? { huggingFaceId: inputs.huggingFaceId, ...(inputs.huggingFaceRevision !== undefined && { revision: inputs.huggingFaceRevision }) }
      : { bucketName: inputs.modelBucketName, prefix: servingModelPrefix(inputs) },
    serviceAccountName: servingServiceAccountName(inputs),
    huggingFaceTokenSecret: inputs.huggingFaceTokenSecret,
    apiKeySecret: inputs.apiKeySecret,
    capacity: inputs.capacity,
    loraAdapters: inputs.loraAdapters,
    autoscaling: inputs.autoscaling,
    exposure: inputs.exposure,
    monitoring,
    imageTag: inputs.imageTag,
    rollout: inputs.rollout,
    classicModels: inputs.classicModels,
    ...(inputs.inferenceGraph !== undefined && { inferenceGraph: inputs.inferenceGraph }),
    ...(inputs.tracing !== false && { tracing: inputs.tracing ?? PLATFORM_TRACING }),
    ...(inputs.createNamespace === false && { createNamespace: false }),
  };
}

/** `s3://` locations the pods read: the checkpoint (unless pulled from the Hub), every adapter and classic model. */
export function servingObjectUris(inputs: LlmServingInputs): string[] {
  const uris = [...(inputs.loraAdapters ?? []).map((adapter) => adapter.uri), ...(inputs.classicModels ?? []).map((model) => model.uri),
    ...(inputs.inferenceGraph?.steps ?? []).map((step) => step.model.uri)];
  if (inputs.huggingFaceId === undefined) {
    uris.unshift(`s3://${inputs.modelBucketName}/${servingModelPrefix(inputs)}`);
  }
  return uris;
}

/** Secrets Manager secrets (names or ARNs) the cluster's External Secrets Operator must read for this deployment. */
export function servingSecretIds(inputs: Pick<LlmServingInputs, 'huggingFaceTokenSecret' | 'apiKeySecret'>): string[] {
  return [inputs.huggingFaceTokenSecret, inputs.apiKeySecret].flatMap((s) => (s?.fromSecretsManager ? [s.fromSecretsManager.secretId] : []));
}

/** Name of the Secrets Manager secret each engine creates with a generated API key for a deployment. */
export function apiKeySecretName(deploymentName: string): string {
  return `aimd/${deploymentName}/api-key`;
}

/** The Secrets Manager secret the engine must create with a generated key, when the deployment uses one. */
export function generatedApiKeySecretName(inputs: Pick<LlmServingInputs, 'name' | 'apiKeySecret'>): string | undefined {
  const id = inputs.apiKeySecret?.fromSecretsManager?.secretId;
  return id === apiKeySecretName(inputs.name) ? id : undefined;
}

/** The API key of a deployment: generated into Secrets Manager by the engine, synced into `<name>-api-key`. */
export function generatedApiKeySecret(deploymentName: string, region: string): HuggingFaceTokenSecret {
  return { secretName: `${deploymentName}-api-key`, key: 'api-key', fromSecretsManager: { secretId: apiKeySecretName(deploymentName), region } };
}

/** The deployment is exposed through an ALB Ingress, which needs a load balancer controller on the cluster. */
export function servingNeedsAlbController(inputs: Pick<LlmServingInputs, 'exposure'>): boolean {
  return inputs.exposure?.kind === 'alb-ingress';
}

/** The deployment serves through an Argo Rollouts Rollout, which needs the controller on the cluster. */
export function servingUsesArgoRollouts(inputs: Pick<LlmServingInputs, 'rollout' | 'plan' | 'runtime'>): boolean {
  // Only the runtimes of PROGRESSIVE_ROLLOUT_RUNTIMES.eks render a Rollout; the spec refuses a canary of the others.
  return inputs.rollout !== undefined && inputs.plan.nodes === 1 && rollsOutProgressively('eks', inputs.runtime ?? 'vllm');
}

/** How the cluster's Argo Rollouts controller must be installed for this deployment, or undefined when not needed. */
export function servingArgoRollouts(inputs: Pick<LlmServingInputs, 'rollout' | 'plan' | 'exposure' | 'runtime'>): { gatewayApiPlugin: boolean } | undefined {
  if (!servingUsesArgoRollouts(inputs)) return undefined;
  return { gatewayApiPlugin: inputs.exposure?.kind === 'gateway-api' };
}

/** Replicas a rollout adds on top of `maxReplicas` at worst: GPU node pools hold `maxReplicas` + this many. */
export function servingRolloutSurgeReplicas(inputs: LlmServingInputs, maxReplicas: number): number {
  // An Argo Rollouts canary's extra pods, or the runtime's own update surge (a Ray Serve NewCluster upgrade).
  const canary = servingUsesArgoRollouts(inputs) ? rolloutSurgeReplicas(inputs, maxReplicas) : 0;
  return Math.max(canary, llmServingUpdateSurgeReplicas(inputs));
}
