/**
 * The progressive rollout of one deployment, resolved once from the options: steps, traffic routing, capacity
 * shape and analysis thresholds. Engine-free; the Rollout, its Services, the AnalysisTemplate and the GPU sizing
 * all read this.
 */
import type { ProblemCollector } from '../errors';
import { DEFAULT_MAX_5XX_RATIO, type LlmServingObjectsOptions, type ProgressiveRolloutOptions } from './options';
import { type CanaryCapacityShape, type CanaryTrafficRouting, canarySurgeReplicas, canaryWeights } from './rollout-capacity';
import { ROLLOUT_SURGE_REPLICAS } from './vllm-deployment';

/** API version of Argo Rollouts' Rollout and AnalysisTemplate (v1.9.0 CRDs). */
export const ROLLOUT_API_VERSION = 'argoproj.io/v1alpha1';

/** Spec defaults (lib/spec/types.ts RolloutSpec). */
export const DEFAULT_CANARY_PERCENT = 10;
export const DEFAULT_LINEAR_STEP_PERCENT = 20;
export const DEFAULT_INTERVAL_MINUTES = 10;

export interface ResolvedRollout {
  readonly strategy: 'canary' | 'linear';
  /** `setWeight` steps before the final promotion. */
  readonly weights: readonly number[];
  readonly intervalMinutes: number;
  readonly trafficRouting: CanaryTrafficRouting;
  readonly capacity: CanaryCapacityShape;
  readonly analysis: {
    readonly errors: boolean;
    readonly latency: boolean;
    readonly max5xxRatio: number;
    readonly ttftP95Seconds: number;
    readonly interTokenLatencyP95Seconds: number;
    readonly e2eLatencyP95Seconds?: number;
    readonly maxQueueDepth: number;
  };
}

/** Thresholds the analysis falls back to: the alert thresholds and queue target already resolved for monitoring. */
export interface RolloutThresholdDefaults {
  readonly ttftP95Seconds: number;
  readonly interTokenLatencyP95Seconds: number;
  readonly targetQueueDepth: number;
}

/** How a deployment's canary traffic is split: by its exposure, or by replica counts when it has none. */
export function canaryTrafficRouting(exposure: LlmServingObjectsOptions['exposure']): CanaryTrafficRouting {
  if (!exposure) return 'replicas';
  return exposure.kind === 'gateway-api' ? 'gateway-api' : 'alb';
}

/** The rollout of single-node serving, or undefined for a Deployment rolling update (no option, or a multi-node plan). */
export function resolveRollout(options: LlmServingObjectsOptions, defaults: RolloutThresholdDefaults): ResolvedRollout | undefined {
  const r = options.rollout;
  if (!r || options.plan.nodes > 1) return undefined;
  const capacity = canaryShape(r, options.exposure);
  const a = r.analysis ?? {};
  return {
    strategy: r.strategy,
    weights: capacity.weights,
    intervalMinutes: r.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES,
    trafficRouting: canaryTrafficRouting(options.exposure),
    capacity,
    analysis: {
      errors: a.errors ?? true,
      latency: a.latency ?? true,
      max5xxRatio: a.max5xxRatio ?? DEFAULT_MAX_5XX_RATIO,
      ttftP95Seconds: a.ttftP95Seconds ?? defaults.ttftP95Seconds,
      interTokenLatencyP95Seconds: a.interTokenLatencyP95Seconds ?? defaults.interTokenLatencyP95Seconds,
      e2eLatencyP95Seconds: a.e2eLatencyP95Seconds,
      maxQueueDepth: a.maxQueueDepth ?? 2 * defaults.targetQueueDepth,
    },
  };
}

/**
 * Replicas a rollout of these options adds on top of `maxReplicas` at worst: one for a Deployment, LWS group or
 * replica-based canary; more for a traffic-routed canary (see rollout-capacity.ts). Sizes GPU node pools.
 */
export function rolloutSurgeReplicas(options: Pick<LlmServingObjectsOptions, 'rollout' | 'exposure'> & { readonly plan: { readonly nodes: number } }, maxReplicas: number): number {
  const r = options.rollout;
  if (!r || options.plan.nodes > 1) return ROLLOUT_SURGE_REPLICAS;
  return canarySurgeReplicas(canaryShape(r, options.exposure), maxReplicas);
}

function canaryShape(r: ProgressiveRolloutOptions, exposure: LlmServingObjectsOptions['exposure']): CanaryCapacityShape {
  const trafficRouted = canaryTrafficRouting(exposure) !== 'replicas';
  return {
    weights: canaryWeights(r.strategy, r.canaryPercent ?? DEFAULT_CANARY_PERCENT, r.linearStepPercent ?? DEFAULT_LINEAR_STEP_PERCENT),
    trafficRouted,
    // Scale the stable down as the canary takes traffic: a GPU replica is too dear to keep twice.
    dynamicStableScale: trafficRouted,
    maxSurgeReplicas: ROLLOUT_SURGE_REPLICAS,
  };
}

/** Range problems of `options.rollout`, added to the builder's collector (one error lists them all). */
export function validateRolloutOptions(p: ProblemCollector, rollout: ProgressiveRolloutOptions | undefined): void {
  if (!rollout) return;
  const int = (x: number | undefined, lo: number, hi: number) => x === undefined || (Number.isInteger(x) && x >= lo && x <= hi);
  p.check(rollout.strategy === 'canary' || rollout.strategy === 'linear', 'rollout.strategy', rollout.strategy, "must be 'canary' or 'linear'", "leave rollout out for a Deployment rolling update (all-at-once)");
  p.check(int(rollout.canaryPercent, 1, 99), 'rollout.canaryPercent', rollout.canaryPercent, 'must be an integer from 1 to 99', 'e.g. 10');
  p.check(int(rollout.linearStepPercent, 1, 50), 'rollout.linearStepPercent', rollout.linearStepPercent, 'must be an integer from 1 to 50', 'e.g. 20');
  p.check(int(rollout.intervalMinutes, 1, 1440), 'rollout.intervalMinutes', rollout.intervalMinutes, 'must be an integer from 1 to 1440', 'e.g. 10');
  const a = rollout.analysis ?? {};
  p.check(a.errors !== false || a.latency !== false, 'rollout.analysis', a, 'checks nothing: a canary would be promoted blind', 'keep errors or latency on');
  p.check(a.max5xxRatio === undefined || (a.max5xxRatio >= 0 && a.max5xxRatio < 1), 'rollout.analysis.max5xxRatio', a.max5xxRatio, 'must be a fraction from 0 to below 1', 'e.g. 0.01');
  for (const field of ['ttftP95Seconds', 'interTokenLatencyP95Seconds', 'e2eLatencyP95Seconds', 'maxQueueDepth'] as const) {
    const value = a[field];
    p.check(value === undefined || value > 0, `rollout.analysis.${field}`, value, 'must be positive', 'leave it unset for the default');
  }
}
