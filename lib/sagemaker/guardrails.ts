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
  let type: 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR' = 'ALL_AT_ONCE';
  let capacityPercent: number | undefined;
  let shifts = 1;
  if (rollout.strategy === 'canary') {
    type = 'CANARY';
    capacityPercent = rollout.canaryPercent;
    shifts = 2;
  } else if (rollout.strategy === 'linear') {
    type = 'LINEAR';
    capacityPercent = rollout.linearStepPercent;
    shifts = Math.ceil(100 / rollout.linearStepPercent);
  }
  return {
    kind: 'blue-green',
    trafficRouting: { type, waitIntervalInSeconds: wait, ...(capacityPercent !== undefined ? { capacityPercent } : {}) },
    terminationWaitInSeconds,
    maximumExecutionTimeoutInSeconds: clamp(PROVISIONING_ALLOWANCE_SECONDS + shifts * wait + terminationWaitInSeconds, DEPLOYMENT_TIMEOUT_SECONDS),
    rollbackAlarmNames,
  };
}
