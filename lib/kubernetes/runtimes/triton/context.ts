/**
 * Everything Triton's object builders share, resolved once from the options: names, labels, image, the generated
 * model configurations, and the autoscaling and alert thresholds derived from the plan.
 */
import { latencyAlertMs } from '../model-server-alerts';
import { MANAGED_BY } from '../../versions';
import { gpuNodePoolName } from '../../labels';
import {
  DEFAULT_ALB_SOURCE_CIDRS,
  DEFAULT_GATEWAY,
  DEFAULT_PROMETHEUS_ADDRESS,
  DEFAULT_PROMETHEUS_NAMESPACE,
  DEFAULT_PROMETHEUS_SELECTOR_LABELS,
} from '../../options';
import type { ModelServerObjectsOptions } from '../model-server-options';
import type { TritonModelConfig } from './model-config';
import { tritonRepositoryConfigs } from './repository';
import { TRITON_IMAGE_REPOSITORY, TRITON_IMAGE_TAG } from './versions';

/** Seconds Triton waits for in-flight inferences after SIGTERM (`--exit-timeout-secs`; its default is 30). */
export const TRITON_EXIT_TIMEOUT_SECONDS = 60;
/** Seconds the pod keeps serving after SIGTERM before Triton is told to stop, while endpoints drop it. */
export const PRE_STOP_SLEEP_SECONDS = 10;

export interface TritonContext {
  readonly options: ModelServerObjectsOptions;
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly imageTag: string;
  /** Selects the pods of this deployment (immutable in the Deployment's selector). */
  readonly selector: Readonly<Record<string, string>>;
  /** Labels every object carries. */
  readonly labels: Readonly<Record<string, string>>;
  readonly nodePoolName: string;
  /** Generated model configurations, or none when Triton auto-completes them. */
  readonly configs: readonly TritonModelConfig[];
  readonly autoscaling: {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly prometheusAddress: string;
    /** Pending requests per replica that add a replica. */
    readonly targetPendingRequests: number;
  };
  readonly monitoring: {
    readonly prometheusRules: boolean;
    readonly prometheusNamespace: string;
    readonly prometheusSelectorLabels: Readonly<Record<string, string>>;
    /** Mean request latency of the entrypoint model that raises an alert, ms. */
    readonly latencyAlertMs: number;
  };
  readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName?: string };
  readonly albSourceCidrs: readonly string[];
}


export function tritonContext(options: ModelServerObjectsOptions): TritonContext {
  const imageTag = options.imageTag ?? TRITON_IMAGE_TAG;
  const selector = { 'app.kubernetes.io/name': 'triton', 'app.kubernetes.io/instance': options.name };
  const plan = options.plan;
  const m = options.monitoring;
  return {
    options,
    name: options.name,
    namespace: options.namespace,
    image: `${options.imageRepository ?? TRITON_IMAGE_REPOSITORY}:${imageTag}`,
    imageTag,
    selector,
    labels: { ...selector, 'app.kubernetes.io/version': imageTag, 'app.kubernetes.io/part-of': 'model-serving', 'app.kubernetes.io/managed-by': MANAGED_BY },
    nodePoolName: options.nodePoolName ?? gpuNodePoolName(options.name),
    configs: options.tritonRepository ? tritonRepositoryConfigs(options.tritonRepository, plan.batching, plan.processor) : [],
    autoscaling: {
      minReplicas: options.autoscaling.minReplicas,
      maxReplicas: options.autoscaling.maxReplicas,
      prometheusAddress: options.autoscaling.prometheusAddress ?? DEFAULT_PROMETHEUS_ADDRESS,
      // Two full batches waiting per replica: the server is behind by more than it can absorb in one execution.
      targetPendingRequests: options.autoscaling.targetQueueDepth ?? 2 * plan.batching.maxBatchSize,
    },
    monitoring: {
      prometheusRules: m.prometheusRules,
      prometheusNamespace: m.prometheusNamespace ?? DEFAULT_PROMETHEUS_NAMESPACE,
      prometheusSelectorLabels: m.prometheusSelectorLabels ?? DEFAULT_PROMETHEUS_SELECTOR_LABELS,
      latencyAlertMs: latencyAlertMs(options),
    },
    gateway: options.exposure?.gateway ?? DEFAULT_GATEWAY,
    albSourceCidrs: options.exposure?.sourceCidrs ?? DEFAULT_ALB_SOURCE_CIDRS,
  };
}

/** The model clients call: the repository's entrypoint, or the spec's model id. */
export function entrypointModel(ctx: TritonContext): string | undefined {
  return ctx.options.tritonRepository?.entrypoint;
}
