/**
 * Everything the object builders share, resolved once from validated options: defaults filled in, the pod
 * layout, the `vllm serve` arguments and the start-up budget.
 */
import { awsCloud } from './cloud/aws';
import type { ClusterCloud } from './cloud/types';
import { gpuNodePoolName } from './labels';
import { servingLayout, type ServingLayout } from './layout';
import { isS3Source, modelPathFor, revisionArgs } from './model-source';
import {
  DEFAULT_ALB_SOURCE_CIDRS,
  DEFAULT_DCGM_EXPORTER_NAMESPACE,
  DEFAULT_GATEWAY,
  DEFAULT_PROMETHEUS_ADDRESS,
  DEFAULT_PROMETHEUS_NAMESPACE,
  DEFAULT_PROMETHEUS_SELECTOR_LABELS,
  DEFAULT_TARGET_KV_CACHE_USAGE,
  DEFAULT_TARGET_QUEUE_DEPTH,
  type LlmServingObjectsOptions,
  type LoraAdapterSource,
} from './options';
import { startupBudget, type StartupBudget } from './probes';
import { type ResolvedRollout, resolveRollout } from './rollout-settings';
import { vllmDeploymentArgs, vllmServeArgs } from './serving-args';
import { VLLM_IMAGE_REPOSITORY, VLLM_IMAGE_TAG } from './versions';

export interface ServingContext {
  readonly options: LlmServingObjectsOptions;
  /** The cluster's cloud binding (scheduling, identity, model download, metrics). */
  readonly cloud: ClusterCloud;
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly imageTag: string;
  readonly layout: ServingLayout;
  readonly adapters: readonly LoraAdapterSource[];
  /** The argument vector of `vllm serve`, model path first. */
  readonly serveArgs: readonly string[];
  readonly budget: StartupBudget;
  readonly nodePoolName: string;
  readonly autoscaling: {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly scaleToZero: boolean;
    readonly engine: 'keda' | 'hpa';
    readonly prometheusAddress: string;
    readonly targetQueueDepth: number;
    readonly targetKvCacheUsage: number;
    readonly wakeUpQuery?: string;
  };
  readonly monitoring: {
    readonly prometheusRules: boolean;
    readonly dashboard: boolean;
    readonly prometheusNamespace: string;
    readonly prometheusSelectorLabels: Readonly<Record<string, string>>;
    readonly dcgmExporterNamespace: string | false;
    readonly ttftP95Seconds: number;
    readonly interTokenLatencyP95Seconds: number;
  };
  readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName?: string };
  readonly albSourceCidrs: readonly string[];
  /** The Argo Rollouts canary replacing the Deployment; undefined for a Deployment or LeaderWorkerSet rolling update. */
  readonly rollout?: ResolvedRollout;
}

export function servingContext(options: LlmServingObjectsOptions): ServingContext {
  const adapters = options.loraAdapters ?? [];
  const layout = servingLayout(options.plan, options.model, adapters.length);
  const imageTag = options.imageTag ?? VLLM_IMAGE_TAG;
  const a = options.autoscaling;
  const m = options.monitoring;
  const plan = options.plan;
  const targetQueueDepth = a.targetQueueDepth ?? DEFAULT_TARGET_QUEUE_DEPTH;
  // Alert thresholds: the planner's unloaded estimates with room for queueing (ours; override per SLO).
  const ttftP95Seconds = m.ttftP95Seconds ?? round2(Math.max(2, (5 * plan.estimatedTimeToFirstTokenMs) / 1000));
  const interTokenLatencyP95Seconds = m.interTokenLatencyP95Seconds ?? round2(Math.max(0.05, (2 * plan.estimatedInterTokenLatencyMs) / 1000));
  return {
    options,
    cloud: options.cloud ?? awsCloud,
    name: options.name,
    namespace: options.namespace,
    image: `${options.imageRepository ?? VLLM_IMAGE_REPOSITORY}:${imageTag}`,
    imageTag,
    layout,
    adapters,
    serveArgs: [...vllmServeArgs(plan, modelPathFor(options.modelSource), adapters), ...revisionArgs(options.modelSource), ...vllmDeploymentArgs(options.tracing)],
    budget: startupBudget({
      checkpointGiB: layout.checkpointGiB,
      nodes: layout.podsPerReplica,
      source: isS3Source(options.modelSource) ? 's3' : 'huggingface',
    }),
    nodePoolName: options.nodePoolName ?? gpuNodePoolName(options.name),
    autoscaling: {
      minReplicas: a.scaleToZero ? 0 : a.minReplicas,
      maxReplicas: a.maxReplicas,
      scaleToZero: a.scaleToZero,
      engine: a.engine,
      // The spec's address, else the cloud's query endpoint (GMP frontend, Azure Monitor workspace), else kube-prometheus-stack.
      prometheusAddress: a.prometheusAddress ?? (options.cloud ?? awsCloud).metrics.query?.serverAddress ?? DEFAULT_PROMETHEUS_ADDRESS,
      targetQueueDepth,
      targetKvCacheUsage: a.targetKvCacheUsage ?? DEFAULT_TARGET_KV_CACHE_USAGE,
      wakeUpQuery: a.wakeUpQuery,
    },
    monitoring: {
      prometheusRules: m.prometheusRules,
      dashboard: m.dashboard,
      prometheusNamespace: m.prometheusNamespace ?? DEFAULT_PROMETHEUS_NAMESPACE,
      prometheusSelectorLabels: m.prometheusSelectorLabels ?? DEFAULT_PROMETHEUS_SELECTOR_LABELS,
      dcgmExporterNamespace: m.dcgmExporterNamespace ?? DEFAULT_DCGM_EXPORTER_NAMESPACE,
      ttftP95Seconds,
      interTokenLatencyP95Seconds,
    },
    gateway: options.exposure?.gateway ?? DEFAULT_GATEWAY,
    albSourceCidrs: options.exposure?.sourceCidrs ?? DEFAULT_ALB_SOURCE_CIDRS,
    rollout: resolveRollout(options, { ttftP95Seconds, interTokenLatencyP95Seconds, targetQueueDepth }),
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
