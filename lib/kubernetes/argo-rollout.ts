/**
 * Single-node serving rolled out progressively: an Argo Rollouts `Rollout` (argoproj.io/v1alpha1) in place of the
 * Deployment, with the same pod template. Its canary steps come from the spec's rollout (setWeight canaryPercent,
 * pause intervalMinutes, ..., then full promotion); a background analysis on vLLM's metrics (rollout-analysis.ts)
 * aborts it, and Argo Rollouts shifts traffic back to the stable pods, when the canary misses a threshold.
 *
 * Traffic is split by the deployment's exposure (Argo Rollouts v1.9.0 docs, read 2026-12-03):
 * - Gateway API: the argoproj-labs/gatewayAPI traffic router plugin rewrites the weights of the HTTPRoute's two
 *   backendRefs (`<name>-stable`, `<name>-canary`) (rollouts-plugin-trafficrouter-gatewayapi docs/quick-start.md).
 * - ALB Ingress: Argo Rollouts writes the `alb.ingress.kubernetes.io/actions.<name>` annotation with weighted target
 *   groups of the two Services; the Ingress points at the root Service `<name>` with port `use-annotation`
 *   (docs/features/traffic-management/alb.md).
 * - No exposure: a replica-based canary (no trafficRouting): the weight is approximated by pod counts behind the
 *   ClusterIP Service, so with few replicas the canary's real share is coarser than canaryPercent.
 */
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { IService } from 'kubernetes-models/v1/Service';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { commonLabels, HTTP_PORT, HTTP_PORT_NAME, serverSelector } from './labels';
import { servingPodTemplate } from './pod-template';
import { analysisTemplateName, CANARY_HASH_ARG } from './rollout-analysis';
import { type ResolvedRollout, ROLLOUT_API_VERSION } from './rollout-settings';

export { ROLLOUT_API_VERSION } from './rollout-settings';
import type { KubeObject, KubeObjectMeta } from './types';
import { vllmServerContainer } from './vllm-container';
import { rolloutDeadlineSeconds, workloadMetadata } from './workload-metadata';

/** Name of the Gateway API traffic router plugin, as the controller's `trafficRouterPlugins` config registers it. */
export const GATEWAY_API_PLUGIN_NAME = 'argoproj-labs/gatewayAPI';
/** Label on the stable and canary Services: the ServiceMonitor skips them, so each pod is scraped once. */
export const ROLLOUT_SERVICE_LABEL = 'ai-model-deployment/rollout-service';
/**
 * Label Argo Rollouts puts on every pod of a ReplicaSet it manages (argo-rollouts pkg/apis/rollouts/v1alpha1
 * `DefaultRolloutUniqueLabelKey`); the ServiceMonitor copies it onto the series so the analysis sees only the canary.
 */
export const ROLLOUT_POD_HASH_LABEL = 'rollouts-pod-template-hash';

type CanaryStep = { setWeight: number } | { pause: { duration: string } };

/** The fields of argoproj.io/v1alpha1 Rollout we set. */
export interface IRollout {
  readonly apiVersion: typeof ROLLOUT_API_VERSION;
  readonly kind: 'Rollout';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
    readonly revisionHistoryLimit: number;
    readonly progressDeadlineSeconds: number;
    readonly progressDeadlineAbort: boolean;
    readonly template: IPodTemplateSpec;
    readonly strategy: { readonly canary: Record<string, unknown> };
  };
}

export function stableServiceName(ctx: Pick<ServingContext, 'name'>): string {
  return `${ctx.name}-stable`;
}
export function canaryServiceName(ctx: Pick<ServingContext, 'name'>): string {
  return `${ctx.name}-canary`;
}

/** The canary steps: each weight, then its bake time; the end of the steps promotes the canary to 100 %. */
export function canarySteps(rollout: ResolvedRollout): CanaryStep[] {
  return rollout.weights.flatMap((weight) => [{ setWeight: weight }, { pause: { duration: `${rollout.intervalMinutes}m` } }]);
}

function trafficRouting(ctx: ServingContext, rollout: ResolvedRollout): Record<string, unknown> {
  if (rollout.trafficRouting === 'gateway-api') {
    return { plugins: { [GATEWAY_API_PLUGIN_NAME]: { httpRoute: ctx.name, namespace: ctx.namespace } } };
  }
  return { alb: { ingress: ctx.name, rootService: ctx.name, servicePort: HTTP_PORT } };
}

function canaryStrategy(ctx: ServingContext, rollout: ResolvedRollout): Record<string, unknown> {
  const analysis = {
    templates: [{ templateName: analysisTemplateName(ctx) }],
    // From the first pause on (step 0 sets the weight): measured for as long as the canary runs.
    startingStep: 1,
    args: [{ name: CANARY_HASH_ARG, valueFrom: { podTemplateHashValue: 'Latest' } }],
  };
  if (rollout.trafficRouting === 'replicas') {
    // Without a router the weight is a replica ratio; one pod at a time, never below the current capacity.
    return { maxSurge: rollout.capacity.maxSurgeReplicas, maxUnavailable: 0, analysis, steps: canarySteps(rollout) };
  }
  return {
    stableService: stableServiceName(ctx),
    canaryService: canaryServiceName(ctx),
    trafficRouting: trafficRouting(ctx, rollout),
    dynamicStableScale: rollout.capacity.dynamicStableScale,
    analysis,
    steps: canarySteps(rollout),
  };
}

export function vllmRollout(ctx: ServingContext, rollout: ResolvedRollout): KubeObject {
  const object: IRollout = {
    apiVersion: ROLLOUT_API_VERSION,
    kind: 'Rollout',
    metadata: workloadMetadata(ctx),
    spec: {
      // No `replicas`: the autoscaler owns it through the Rollout's scale subresource, as for the Deployment.
      selector: { matchLabels: serverSelector(ctx.name) },
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: rolloutDeadlineSeconds(ctx),
      // A canary pod that never becomes ready (no GPU node, a crash loop) aborts the rollout instead of hanging.
      progressDeadlineAbort: true,
      template: servingPodTemplate(ctx, 'server', vllmServerContainer(ctx)),
      strategy: { canary: canaryStrategy(ctx, rollout) },
    },
  };
  return toKubeObject(object);
}

/** The stable and canary Services Argo Rollouts points at each ReplicaSet (it adds the pod-template-hash selector). */
export function rolloutServices(ctx: ServingContext, rollout: ResolvedRollout): KubeObject[] {
  if (rollout.trafficRouting === 'replicas') return [];
  return (['stable', 'canary'] as const).map((role): KubeObject => {
    const service: IService = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: role === 'stable' ? stableServiceName(ctx) : canaryServiceName(ctx),
        namespace: ctx.namespace,
        labels: { ...commonLabels(ctx.name, ctx.imageTag), [ROLLOUT_SERVICE_LABEL]: role },
      },
      spec: {
        type: 'ClusterIP',
        selector: serverSelector(ctx.name),
        ports: [{ name: HTTP_PORT_NAME, port: HTTP_PORT, targetPort: HTTP_PORT_NAME, protocol: 'TCP' }],
      },
    };
    return toKubeObject(service);
  });
}
