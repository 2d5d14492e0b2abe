/**
 * What the builders of classic-model servers on Kubernetes (Triton today; TorchServe, TF Serving, BentoML next) are
 * given: the same deployment settings as an LLM runtime, with a {@link ModelServerPlan} in place of the LLM plan and
 * no LLM architecture. The registry hands a runtime whichever options its engine plans for.
 */
import type { ModelServerPlan } from '../../plan/model-server-plan';
import type { AutoscalingOptions, ExposureOptions, HuggingFaceTokenSecret, LlmServingObjectsOptions, MonitoringOptions, S3ModelSource } from '../options';
import type { RuntimeEngine } from '../../spec/types';
import type { TritonModelRepository } from './triton/repository';
import type { ContainerContract } from '../../spec/container-contract';

/** Options of a classic model server's objects. Strings may be engine tokens. */
export interface ModelServerObjectsOptions {
  /** DNS-1035 label, at most 40 characters: names every object. */
  readonly name: string;
  /** The serving runtime (lib/kubernetes/runtimes/registry.ts). */
  readonly runtime: RuntimeEngine;
  readonly namespace: string;
  readonly plan: ModelServerPlan;
  /** The model repository in S3 (synced onto the node's disk by an init container). */
  readonly modelSource: S3ModelSource;
  /** Service account bound to the Pod Identity role (least-privilege read of the model prefix). */
  readonly serviceAccountName: string;
  /** IAM role ARN written as the IRSA annotation. @default - none (Pod Identity association) */
  readonly serviceAccountRoleArn?: string;
  /**
   * Kubernetes Secret (synced from Secrets Manager) holding the key clients must send on inference calls.
   * @default - no key: only behind a gateway that authenticates callers
   */
  readonly apiKeySecret?: HuggingFaceTokenSecret;
  readonly capacity: 'karpenter' | 'auto-mode' | 'managed-nodegroup';
  readonly autoscaling: AutoscalingOptions;
  /** @default - ClusterIP Service only */
  readonly exposure?: ExposureOptions;
  readonly monitoring: MonitoringOptions;
  /** Image tag; never `latest`. @default - the runtime's pinned tag */
  readonly imageTag?: string;
  /** Image repository, e.g. an ECR mirror. @default - the runtime's upstream repository */
  readonly imageRepository?: string;
  /** NodePool the pods are pinned to (Karpenter, Auto Mode). @default gpuNodePoolName(name) */
  readonly nodePoolName?: string;
  /** Emit the Namespace object. @default true */
  readonly createNamespace?: boolean;
  /**
   * Triton's model repository: the configurations written for each model (the weights and `model.py` files are
   * uploaded to `modelSource`). @default - Triton auto-completes the configurations of the models it finds
   */
  readonly tritonRepository?: TritonModelRepository;
  /** The user's image and its contract (`custom`, `bentoml`). Required by those runtimes. @default - none */
  readonly container?: ContainerContract;
}

/** What the registry hands a runtime: LLM options (vLLM, TGI...) or classic model-server options (Triton...). */
export type ServingObjectsOptions = LlmServingObjectsOptions | ModelServerObjectsOptions;

/** Whether options carry a classic model-server plan. */
export function isModelServerOptions(options: ServingObjectsOptions): options is ModelServerObjectsOptions {
  return (options.plan as { kind?: string }).kind === 'model-server';
}
