/**
 * Application Auto Scaling of endpoint variants.
 *
 * - Instance endpoints track `SageMakerVariantInvocationsPerInstance` (invocations per instance per
 *   minute); LLM endpoints track `SageMakerVariantConcurrentRequestsPerModelHighResolution` instead,
 *   because one long generation keeps a replica busy regardless of the request rate.
 * - Asynchronous endpoints track the queue, `ApproximateBacklogSizePerInstance`, and may scale to zero;
 *   a step policy on `HasBacklogWithoutCapacity` wakes them (target tracking cannot divide by zero
 *   instances).
 * - Serverless endpoints scale by themselves; only provisioned concurrency is tracked
 *   (`SageMakerVariantProvisionedConcurrencyUtilization`).
 * Sources: https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling.html,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-autoscale.html,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html, and the predefined
 * metric names of aws-cdk-lib aws-applicationautoscaling PredefinedMetric (2.276), read 2026-11-24.
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { SageMakerMode } from '../spec/types';
import { backlogWithoutCapacityAlarm, INVOCATION_NAMESPACE } from './alarms';
import { initialInstanceCount } from './models';
import type { EndpointOptions } from './options';
import { offHoursScheduledActions } from './scheduled-actions';
import type { AutoscalingDescription, VariantDescription } from './types';

/** Scale out before a replica is saturated: target 70 % of what it was planned to carry. */
export const TARGET_UTILISATION = 0.7;

/** Seconds between scale-out steps; LLM replicas take minutes to load, so they wait longer. */
const SCALE_OUT_COOLDOWN = { default: 60, llm: 300 } as const;

/** Queued requests per instance an async endpoint aims for. */
export const DEFAULT_ASYNC_BACKLOG_TARGET = 5;

/** Upper bound of a variant: the spec's, else twice what the plan needs (headroom for peaks). */
export function maxCapacity(plan: DeploymentPlan, minCapacity: number, initial: number): number {
  return plan.spec.scaling.maxReplicas ?? Math.max(1, minCapacity, initial) * 2;
}

function instanceScaling(plan: DeploymentPlan, variant: VariantDescription, mode: SageMakerMode, options: EndpointOptions): AutoscalingDescription {
  const spec = plan.spec;
  const endpointName = spec.name;
  const initial = variant.initialInstanceCount ?? 1;
  const scaleToZero = mode === 'async' && (spec.scaling.scaleToZero || spec.scaling.minReplicas === 0);
  // A shadow variant or an A/B arm (weight below 1) is sized for its share, not for the production minimum.
  const minCapacity = scaleToZero ? 0 : variant.initialVariantWeight < 1 ? initial : Math.max(1, spec.scaling.minReplicas);
  const capacity = { minCapacity, maxCapacity: maxCapacity(plan, minCapacity, initial) };
  // The off-hours floor applies to the production variant, not to a shadow or an A/B arm sized for its share.
  const scheduledActions = variant.initialVariantWeight < 1 ? [] : offHoursScheduledActions(`${endpointName}-${variant.name}`, spec.scaling.offHours, capacity);
  const base = {
    variantName: variant.name,
    scalableDimension: 'sagemaker:variant:DesiredInstanceCount' as const,
    ...capacity,
    ...(scheduledActions.length > 0 && { scheduledActions }),
  };
  // An async variant at an off-hours floor of zero wakes on a backlog like one scaled to zero.
  const wakesFromZero = scaleToZero || (scheduledActions.length > 0 && spec.scaling.offHours?.minReplicas === 0);
  const cooldowns = { scaleInCooldownSeconds: spec.scaling.scaleInCooldownSeconds, scaleOutCooldownSeconds: plan.llm ? SCALE_OUT_COOLDOWN.llm : SCALE_OUT_COOLDOWN.default };
  if (mode === 'async') {
    const wake = backlogWithoutCapacityAlarm(endpointName);
    return {
      ...base,
      targetTracking: {
        policyName: `${endpointName}-${variant.name}-backlog`,
        metric: { namespace: INVOCATION_NAMESPACE, metricName: 'ApproximateBacklogSizePerInstance', dimensions: { EndpointName: endpointName }, statistic: 'Average' },
        targetValue: options.asyncBacklogPerInstanceTarget ?? DEFAULT_ASYNC_BACKLOG_TARGET,
        ...cooldowns,
      },
      ...(wakesFromZero ? { wakeFromZero: { policyName: `${endpointName}-${variant.name}-wake-from-zero`, alarmName: wake.name, scalingAdjustment: 1, cooldownSeconds: cooldowns.scaleOutCooldownSeconds } } : {}),
    };
  }
  if (plan.llm !== undefined) {
    // Concurrent sequences one replica batches: vLLM's max-num-seqs, bounded by what the KV cache holds.
    const perReplica = Math.max(1, Math.min(plan.llm.maxNumSeqs, plan.llm.maxConcurrency));
    return {
      ...base,
      targetTracking: {
        policyName: `${endpointName}-${variant.name}-concurrency`,
        metric: { predefined: 'SageMakerVariantConcurrentRequestsPerModelHighResolution' },
        targetValue: Math.max(1, Math.floor(TARGET_UTILISATION * perReplica)),
        ...cooldowns,
      },
    };
  }
  // The planned peak spread over the production instances, per minute: what one instance is sized to
  // carry, whichever variant it serves (a shadow instance runs the same model on the same type).
  const perInstancePerMinute = (spec.traffic.requestsPerSecond * 60) / initialInstanceCount(plan);
  return {
    ...base,
    targetTracking: {
      policyName: `${endpointName}-${variant.name}-invocations`,
      metric: { predefined: 'SageMakerVariantInvocationsPerInstance' },
      targetValue: Math.max(1, Math.round(TARGET_UTILISATION * perInstancePerMinute)),
      ...cooldowns,
    },
  };
}

/** Scaling of every variant (production and shadow); serverless without provisioned concurrency has none. */
export function endpointAutoscaling(plan: DeploymentPlan, variants: readonly VariantDescription[], mode: SageMakerMode, options: EndpointOptions): AutoscalingDescription[] {
  return variants.flatMap((variant): AutoscalingDescription[] => {
    const serverless = variant.serverless;
    if (serverless === undefined) return [instanceScaling(plan, variant, mode, options)];
    if (serverless.provisionedConcurrency === 0) return [];
    return [{
      variantName: variant.name,
      scalableDimension: 'sagemaker:variant:DesiredProvisionedConcurrency',
      minCapacity: serverless.provisionedConcurrency,
      maxCapacity: serverless.maxConcurrency,
      targetTracking: {
        policyName: `${plan.spec.name}-${variant.name}-provisioned-concurrency`,
        metric: { predefined: 'SageMakerVariantProvisionedConcurrencyUtilization' },
        targetValue: TARGET_UTILISATION,
        scaleInCooldownSeconds: plan.spec.scaling.scaleInCooldownSeconds,
        scaleOutCooldownSeconds: SCALE_OUT_COOLDOWN.default,
      },
    }];
  });
}
