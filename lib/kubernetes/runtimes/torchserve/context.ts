/**
 * Everything TorchServe's object builders share, resolved once from the options: names, labels, image, the model
 * archive it loads, and the autoscaling threshold derived from the plan.
 */
import { MANAGED_BY } from '../../versions';
import { gpuNodePoolName } from '../../labels';
import { DEFAULT_ALB_SOURCE_CIDRS, DEFAULT_GATEWAY, DEFAULT_PROMETHEUS_ADDRESS, DEFAULT_PROMETHEUS_NAMESPACE, DEFAULT_PROMETHEUS_SELECTOR_LABELS } from '../../options';
import type { ModelServerObjectsOptions } from '../model-server-options';
import type { KubeObjectMeta } from '../../types';
import { TORCHSERVE_CPU_IMAGE_TAG, TORCHSERVE_IMAGE_REPOSITORY, TORCHSERVE_IMAGE_TAG } from './versions';

/** Seconds the pod keeps serving after SIGTERM while endpoints drop it. */
export const PRE_STOP_SLEEP_SECONDS = 10;
/** Seconds TorchServe gets to finish in-flight inferences once told to stop (its frontend drains its workers). */
export const TORCHSERVE_DRAIN_SECONDS = 60;

export interface TorchServeContext {
  readonly options: ModelServerObjectsOptions;
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly imageTag: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly nodePoolName: string;
  /** The model's name in TorchServe: `/predictions/<modelName>`, archive `<modelName>.mar`. */
  readonly modelName: string;
  readonly autoscaling: {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly prometheusAddress: string;
    /** Mean time a request waits in TorchServe's queue that adds a replica, µs. */
    readonly targetQueueMicroseconds: number;
  };
  readonly monitoring: { readonly prometheusNamespace: string; readonly prometheusSelectorLabels: Readonly<Record<string, string>> };
  readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName?: string };
  readonly albSourceCidrs: readonly string[];
}

/** A TorchServe model name from the spec's model id: its last path segment, letters, digits, `-` and `_` only. */
export function torchServeModelName(modelId: string): string {
  const last = modelId.split('/').filter(Boolean).pop() ?? modelId;
  return last.replace(/[^A-Za-z0-9_-]/g, '-');
}

export function torchServeContext(options: ModelServerObjectsOptions): TorchServeContext {
  const tag = options.plan.gpusPerPod > 0 ? TORCHSERVE_IMAGE_TAG : TORCHSERVE_CPU_IMAGE_TAG;
  return modelServerContext(options, 'torchserve', TORCHSERVE_IMAGE_REPOSITORY, tag);
}

/** The context of a single-model server (TorchServe, TF Serving): the same names, labels and targets. */
export type ModelServerContext = TorchServeContext;

/** Resolves the shared context of a single-model server from its options and pinned image. */
export function modelServerContext(options: ModelServerObjectsOptions, appName: string, repository: string, tag: string): ModelServerContext {
  const imageTag = options.imageTag ?? tag;
  const selector = { 'app.kubernetes.io/name': appName, 'app.kubernetes.io/instance': options.name };
  const plan = options.plan;
  return {
    options,
    name: options.name,
    namespace: options.namespace,
    image: `${options.imageRepository ?? repository}:${imageTag}`,
    imageTag,
    selector,
    labels: { ...selector, 'app.kubernetes.io/version': imageTag, 'app.kubernetes.io/part-of': 'model-serving', 'app.kubernetes.io/managed-by': MANAGED_BY },
    nodePoolName: options.nodePoolName ?? gpuNodePoolName(options.name),
    modelName: torchServeModelName(plan.model),
    autoscaling: {
      minReplicas: options.autoscaling.minReplicas,
      maxReplicas: options.autoscaling.maxReplicas,
      prometheusAddress: options.autoscaling.prometheusAddress ?? DEFAULT_PROMETHEUS_ADDRESS,
      // Waiting for the batch to fill is expected (max_batch_delay); waiting twice that means no worker is free.
      targetQueueMicroseconds: 2 * plan.batching.maxQueueDelayMicroseconds,
    },
    monitoring: {
      prometheusNamespace: options.monitoring.prometheusNamespace ?? DEFAULT_PROMETHEUS_NAMESPACE,
      prometheusSelectorLabels: options.monitoring.prometheusSelectorLabels ?? DEFAULT_PROMETHEUS_SELECTOR_LABELS,
    },
    gateway: options.exposure?.gateway ?? DEFAULT_GATEWAY,
    albSourceCidrs: options.exposure?.sourceCidrs ?? DEFAULT_ALB_SOURCE_CIDRS,
  };
}

export function modelServerMetadata(ctx: ModelServerContext, name = ctx.name): KubeObjectMeta {
  return { name, namespace: ctx.namespace, labels: { ...ctx.labels } };
}

