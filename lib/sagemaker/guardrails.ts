/**
 * Deployment guardrails: how SageMaker replaces a running endpoint configuration. Canary and linear
 * rollouts shift capacity in steps with a bake time after each, and any rollback alarm in ALARM during
 * the shift rolls back automatically. Large fleets roll in batches instead of doubling the fleet.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html (blue/green
 * canary, linear, all at once; rolling updates; exclusions), read 2026-11-24.
 */
import type { DeploymentSpec } from '../spec/types';
import { DEPLOYMENT_TIMEOUT_SECONDS, ROLLING_BATCH_PERCENT, ROLLING_UPDATE_MIN_INSTANCES, TERMINATION_WAIT_SECONDS, TRAFFIC_WAIT_INTERVAL_SECONDS } from './limits';
import type { DeploymentGuardrails, VariantDescription } from './types';

/** Time allowed for a new fleet to start (LLM weights take minutes) on top of the traffic shifts. */
const PROVISIONING_ALLOWANCE_SECONDS = 1800;

const clamp = (x: number, range: { min: number; max: number }) => Math.min(range.max, Math.max(range.min, x));

/**
 * Whether a rolling update applies: canary/linear on one instance-based variant whose fleet is large
 * enough that blue/green would double an expensive fleet. Rolling updates exclude serverless and
 * multi-variant endpoints.
 */
export function usesRollingUpdate(spec: DeploymentSpec, production: readonly VariantDescription[], shadow: readonly VariantDescription[]): boolean {
  const strategy = spec.rollout.strategy;
  if (strategy !== 'canary' && strategy !== 'linear') return false;
  if (production.length !== 1 || shadow.length > 0) return false;
  const variant = production[0]!;
  return variant.serverless === undefined && (variant.initialInstanceCount ?? 0) >= ROLLING_UPDATE_MIN_INSTANCES;
}

/** The DeploymentConfig of the endpoint, with the rollback alarms it watches. */
export function deploymentGuardrails(
  spec: DeploymentSpec,
  production: readonly VariantDescription[],
  shadow: readonly VariantDescription[],
  rollbackAlarmNames: readonly string[],
): DeploymentGuardrails {
  const rollout = spec.rollout;
  const wait = clamp(rollout.intervalMinutes * 60, TRAFFIC_WAIT_INTERVAL_SECONDS);
  const terminationWaitInSeconds = clamp(wait, TERMINATION_WAIT_SECONDS);
  if (usesRollingUpdate(spec, production, shadow)) {
    // A rolling batch is 5-50 % of the variant's instances (API_RollingUpdatePolicy MaximumBatchSize).
    const batch = clamp(rollout.strategy === 'canary' ? rollout.canaryPercent : rollout.linearStepPercent, ROLLING_BATCH_PERCENT);
    const batches = Math.ceil(100 / batch);
    return {
      kind: 'rolling',
      rollingBatchPercent: batch,
      rollingWaitIntervalInSeconds: wait,
      terminationWaitInSeconds,
      maximumExecutionTimeoutInSeconds: clamp(batches * (wait + PROVISIONING_ALLOWANCE_SECONDS), DEPLOYMENT_TIMEOUT_SECONDS),
      rollbackAlarmNames,
    };
  }
  const percent = rollout.strategy === 'canary' ? rollout.canaryPercent : rollout.strategy === 'linear' ? rollout.linearStepPercent : undefined;
  const variant = production.length === 1 && production[0]!.serverless === undefined ? production[0] : undefined;
  const step = trafficStep(rollout.strategy === 'canary' ? 'CANARY' : rollout.strategy === 'linear' ? 'LINEAR' : 'ALL_AT_ONCE', percent, variant?.initialInstanceCount);
  return {
    kind: 'blue-green',
    trafficRouting: { waitIntervalInSeconds: wait, ...step.routing },
    terminationWaitInSeconds,
    maximumExecutionTimeoutInSeconds: clamp(PROVISIONING_ALLOWANCE_SECONDS + step.shifts * wait + terminationWaitInSeconds, DEPLOYMENT_TIMEOUT_SECONDS),
    rollbackAlarmNames,
  };
}

/**
 * A traffic step in whole instances, as UpdateEndpoint sizes it: a canary is at least one instance and at most half
 * the new fleet ("the canary size should be less than or equal to 50% of the new fleet's capacity", Use canary
 * traffic shifting; CapacitySize Value minimum 1), a linear step at least one instance. A one-instance variant has no
 * canary: the update goes all at once to a fully provisioned green fleet, and the rollback alarms still watch the
 * final bake (terminationWait) before the blue fleet is released. Without a known instance count the percentage is
 * kept.
 */
export function trafficStep(type: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR', percent: number | undefined, instances: number | undefined): {
  routing: { type: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR'; capacityPercent?: number; capacityInstances?: number; adaptation?: string };
  shifts: number;
} {
  if (type === 'ALL_AT_ONCE' || percent === undefined) return { routing: { type: 'ALL_AT_ONCE' }, shifts: 1 };
  if (instances === undefined) return { routing: { type, capacityPercent: percent }, shifts: type === 'CANARY' ? 2 : Math.ceil(100 / percent) };
  const wanted = Math.round((instances * percent) / 100);
  if (type === 'CANARY') {
    const most = Math.floor(instances / 2);
    if (most < 1) {
      return { routing: { type: 'ALL_AT_ONCE', adaptation: `a ${percent} % canary of ${instances} instance(s) is not a whole instance below half the fleet: all at once, with the rollback alarms watching the final bake` }, shifts: 1 };
    }
    const size = Math.min(most, Math.max(1, wanted));
    return { routing: { type, capacityPercent: percent, capacityInstances: size, ...(size !== wanted && { adaptation: `${percent} % of ${instances} instances rounds to ${wanted}; the canary is ${size} instance(s)` }) }, shifts: 2 };
  }
  const size = Math.min(instances, Math.max(1, wanted));
  if (size >= instances) {
    return { routing: { type: 'ALL_AT_ONCE', adaptation: `a ${percent} % linear step of ${instances} instance(s) is the whole fleet: all at once, with the rollback alarms watching the final bake` }, shifts: 1 };
  }
  return { routing: { type, capacityPercent: percent, capacityInstances: size, ...(size !== wanted && { adaptation: `${percent} % of ${instances} instances rounds to ${wanted}; each step is ${size} instance(s)` }) }, shifts: Math.ceil(instances / size) };
}
