/**
 * How many pods an Argo Rollouts canary runs at once, so that GPU node pools can hold them. Pure arithmetic on the
 * canary steps, following the controller's own rules (argoproj/argo-rollouts v1.9.0 utils/replicaset/canary.go,
 * read 2026-12-03):
 *
 * - Without traffic routing (`CalculateReplicaCountsForBasicCanary`) the weight is approximated with replicas and
 *   the total never exceeds `replicas + maxSurge`.
 * - With traffic routing (`CalculateReplicaCountsForTrafficRoutedCanary`) the canary gets
 *   `ceil(weight × replicas / 100)` pods. With `dynamicStableScale` the stable keeps
 *   `ceil(max(desired, actual) stable weight × replicas / 100)`: while the weight moves from w1 to w2 the canary has
 *   already grown to w2 and the stable still holds 100 − w1. An abort at weight w scales the stable back to every
 *   replica before the canary shrinks (replicas + ceil(w × replicas / 100)). Without dynamicStableScale the stable
 *   stays at 100 % and the final promotion runs twice the replicas.
 */

/** How the canary's share of requests is enforced. */
export type CanaryTrafficRouting = 'gateway-api' | 'alb' | 'replicas';

/** The canary steps as the capacity arithmetic needs them. */
export interface CanaryCapacityShape {
  /** The `setWeight` steps in order (percent), before the final promotion to 100. */
  readonly weights: readonly number[];
  /** A traffic router shifts the weights (canary pods scale with the weight, the stable does not wait for them). */
  readonly trafficRouted: boolean;
  /** `canary.dynamicStableScale` (only meaningful with traffic routing). */
  readonly dynamicStableScale: boolean;
  /** `canary.maxSurge` in replicas (only used without traffic routing). */
  readonly maxSurgeReplicas: number;
}

const podsFor = (weight: number, replicas: number) => Math.ceil((weight * replicas) / 100);

/** The `setWeight` steps of a strategy: `[canaryPercent]`, or linear steps below 100. */
export function canaryWeights(strategy: 'canary' | 'linear', canaryPercent: number, linearStepPercent: number): number[] {
  if (strategy === 'canary') return [canaryPercent];
  const weights: number[] = [];
  for (let w = linearStepPercent; w < 100; w += linearStepPercent) weights.push(w);
  return weights;
}

/** Most pods running at once while `replicas` replicas roll out through the steps (promotion and abort included). */
export function canaryPeakPods(shape: CanaryCapacityShape, replicas: number): number {
  if (!shape.trafficRouted) return replicas + shape.maxSurgeReplicas;
  if (!shape.dynamicStableScale) return 2 * replicas;
  const sequence = [0, ...shape.weights, 100];
  let peak = replicas;
  for (let k = 0; k + 1 < sequence.length; k++) {
    peak = Math.max(peak, podsFor(sequence[k + 1]!, replicas) + podsFor(100 - sequence[k]!, replicas));
  }
  for (const w of shape.weights) peak = Math.max(peak, replicas + podsFor(w, replicas));
  return peak;
}

/**
 * Pods a rollout adds on top of `maxReplicas` at worst, whatever the autoscaler's replica count is when it starts:
 * GPU capacity must hold `maxReplicas` + this many replicas.
 */
export function canarySurgeReplicas(shape: CanaryCapacityShape, maxReplicas: number): number {
  let peak = 0;
  for (let r = 1; r <= Math.max(1, maxReplicas); r++) peak = Math.max(peak, canaryPeakPods(shape, r));
  return Math.max(0, peak - Math.max(1, maxReplicas));
}
