/**
 * Autoscaling on vLLM's own signals: requests waiting for a batch slot (`vllm:num_requests_waiting`) and
 * KV-cache pressure (`vllm:kv_cache_usage_perc`, the V1 engine's name; `vllm:gpu_cache_usage_perc` was
 * deprecated by vllm-project/vllm#18354 and is no longer emitted by default, see vllm-project/vllm#30041,
 * read 2026-11-24). KEDA queries Prometheus directly; the HPA fallback reads the same series through
 * prometheus-adapter as Pods metrics (`vllm_num_requests_waiting`, `vllm_kv_cache_usage_perc`).
 */
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IHorizontalPodAutoscalerBehavior } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscalerBehavior';
import { ROLLOUT_API_VERSION } from './rollout-settings';
import type { ClusterCloud } from './cloud/types';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { LWS_API_VERSION } from './leader-worker-set';
import { commonLabels } from './labels';
import type { KubeObject, KubeObjectMeta } from './types';

/** The fields of KEDA's ScaledObject (keda.sh/v1alpha1) we set. */
export interface IScaledObject {
  readonly apiVersion: 'keda.sh/v1alpha1';
  readonly kind: 'ScaledObject';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly scaleTargetRef: { readonly apiVersion: string; readonly kind: string; readonly name: string };
    readonly minReplicaCount: number;
    readonly maxReplicaCount: number;
    readonly pollingInterval: number;
    readonly cooldownPeriod: number;
    readonly advanced: { readonly horizontalPodAutoscalerConfig: { readonly name: string; readonly behavior: IHorizontalPodAutoscalerBehavior } };
    readonly triggers: readonly (PrometheusTrigger | CronTrigger)[];
  };
}

/** A KEDA `prometheus` trigger. */
export interface PrometheusTrigger {
  readonly type: 'prometheus';
  readonly name: string;
  readonly metricType: 'AverageValue' | 'Value';
  readonly metadata: Readonly<Record<string, string>>;
  readonly authenticationRef?: { readonly name: string };
}

/**
 * A KEDA `cron` trigger: `desiredReplicas` from `start` until `end` in `timezone` (keda.sh/docs/2.17/scalers/cron,
 * read 2026-12-03; every metadata value is a string).
 */
export interface CronTrigger {
  readonly type: 'cron';
  readonly name: string;
  readonly metadata: { readonly timezone: string; readonly start: string; readonly end: string; readonly desiredReplicas: string };
}

/** The fields of KEDA's TriggerAuthentication (keda.sh/v1alpha1) we set. */
export interface ITriggerAuthentication {
  readonly apiVersion: 'keda.sh/v1alpha1';
  readonly kind: 'TriggerAuthentication';
  readonly metadata: KubeObjectMeta;
  readonly spec: { readonly podIdentity: { readonly provider: string; readonly identityId?: string } };
}

/** Name of the TriggerAuthentication the deployment's Prometheus triggers reference, when the cloud needs one. */
export function prometheusTriggerAuthenticationName(name: string): string {
  return `${name}-prometheus`;
}

/**
 * The TriggerAuthentication of the cloud's Prometheus query endpoint (`cloud.metrics.query.podIdentity`), e.g. the
 * `azure-workload` provider for the Azure Monitor workspace or the `gcp` provider for GKE's Managed Prometheus query
 * API; none where the endpoint takes in-cluster queries (EKS's kube-prometheus-stack, a GMP query frontend).
 */
export function prometheusTriggerAuthentication(cloud: ClusterCloud, meta: { readonly name: string; readonly namespace: string; readonly labels?: Record<string, string> }): KubeObject | undefined {
  const podIdentity = cloud.metrics.query?.podIdentity;
  if (podIdentity === undefined) return undefined;
  const auth: ITriggerAuthentication = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    metadata: { name: prometheusTriggerAuthenticationName(meta.name), namespace: meta.namespace, ...(meta.labels && { labels: meta.labels }) },
    spec: { podIdentity: { ...podIdentity } },
  };
  return toKubeObject(auth);
}

/** The Deployment, Rollout or LeaderWorkerSet being scaled (each has a scale subresource). */
export function scaleTargetRef(ctx: ServingContext): { apiVersion: string; kind: string; name: string } {
  if (ctx.layout.multiNode) return { apiVersion: LWS_API_VERSION, kind: 'LeaderWorkerSet', name: ctx.name };
  // The Rollout CRD declares the scale subresource (argo-rollouts manifests/crds/rollout-crd.yaml, v1.9.0).
  if (ctx.rollout) return { apiVersion: ROLLOUT_API_VERSION, kind: 'Rollout', name: ctx.name };
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: ctx.name };
}

/**
 * Quick to add (users are already waiting), slow to remove (a GPU replica takes minutes to come back): the
 * windows of the AWS EKS user guide's vLLM example ("Autoscale AI inference with HPA and KEDA", read 2026-11-24).
 */
export function scalingBehavior(): IHorizontalPodAutoscalerBehavior {
  return {
    scaleUp: { stabilizationWindowSeconds: 30, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] },
    scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }] },
  };
}

/** PromQL selector of this deployment's vLLM series (target labels the ServiceMonitor adds). */
export function vllmSeriesSelector(ctx: ServingContext): string {
  return `{namespace="${ctx.namespace}",service="${ctx.name}"}`;
}

export function kedaScaledObject(ctx: ServingContext): KubeObject {
  const a = ctx.autoscaling;
  const selector = vllmSeriesSelector(ctx);
  // While scaled to zero, any waiting request or used KV block keeps (or makes) the deployment active.
  const activation: Record<string, string> = a.scaleToZero ? { activationThreshold: '0' } : {};
  const authenticated = ctx.cloud.metrics.query?.podIdentity !== undefined;
  const prometheus = (name: string, query: string, threshold: string, extra: Record<string, string> = {}) => ({
    type: 'prometheus' as const,
    name,
    metricType: 'AverageValue' as const,
    metadata: { serverAddress: a.prometheusAddress, query, threshold, ...extra },
    ...(authenticated && { authenticationRef: { name: prometheusTriggerAuthenticationName(ctx.name) } }),
  });
  const triggers = [
    // `or vector(0)`: an idle server exports no waiting series; 0 keeps the trigger valid.
    prometheus('queue-depth', `sum(vllm:num_requests_waiting${selector}) or vector(0)`, String(a.targetQueueDepth), activation),
    prometheus('kv-cache-usage', `sum(vllm:kv_cache_usage_perc${selector}) or vector(0)`, String(a.targetKvCacheUsage), activation),
  ];
  if (a.scaleToZero && a.wakeUpQuery) triggers.push(prometheus('wake-up', a.wakeUpQuery, '1', { activationThreshold: '0' }));
  const scaledObject: IScaledObject = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      scaleTargetRef: scaleTargetRef(ctx),
      minReplicaCount: a.minReplicas,
      maxReplicaCount: a.maxReplicas,
      pollingInterval: 15,
      // Idle time before scaling to zero (only used with minReplicaCount 0).
      cooldownPeriod: 600,
      advanced: { horizontalPodAutoscalerConfig: { name: ctx.name, behavior: scalingBehavior() } },
      triggers,
    },
  };
  return toKubeObject(scaledObject);
}

export function horizontalPodAutoscaler(ctx: ServingContext): KubeObject {
  const a = ctx.autoscaling;
  const hpa: IHorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      scaleTargetRef: scaleTargetRef(ctx),
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      metrics: [
        { type: 'Pods', pods: { metric: { name: 'vllm_num_requests_waiting' }, target: { type: 'AverageValue', averageValue: String(a.targetQueueDepth) } } },
        { type: 'Pods', pods: { metric: { name: 'vllm_kv_cache_usage_perc' }, target: { type: 'AverageValue', averageValue: `${Math.round(a.targetKvCacheUsage * 1000)}m` } } },
      ],
      behavior: scalingBehavior(),
    },
  };
  return toKubeObject(hpa);
}

export function autoscalerObjects(ctx: ServingContext): KubeObject[] {
  if (ctx.autoscaling.engine !== 'keda') return [horizontalPodAutoscaler(ctx)];
  const auth = prometheusTriggerAuthentication(ctx.cloud, { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) });
  return [...(auth ? [auth] : []), kedaScaledObject(ctx)];
}
