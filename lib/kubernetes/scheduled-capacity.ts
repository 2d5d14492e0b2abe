/**
 * Scheduled capacity on Kubernetes: a lower replica floor outside working hours, with KEDA's cron scaler.
 *
 * KEDA's cron trigger asks for `desiredReplicas` from `start` until `end` and for nothing otherwise
 * (keda.sh/docs/2.17/scalers/cron, read 2026-12-03: "to scale to 0 outside office hours ... set minReplicaCount: 0
 * in the ScaledObject, and increase the replicas during work hours"). So the ScaledObject's `minReplicaCount` is
 * the off-hours floor, and one `cron` trigger, open from the off-hours window's `end` to its `start`, holds the
 * working-hours floor. The HPA KEDA drives takes the largest of its metrics, so the runtime's own triggers still
 * add replicas above either floor.
 *
 * At an off-hours floor of zero nothing serves until the window ends (or a load-based trigger wakes the workload
 * from a metric that exists without pods): that is the point of the window, and docs/gpu-scheduling.md says so.
 */
import type { ResolvedOffHours } from '../spec/off-hours-types';
import type { CronTrigger, IScaledObject } from './autoscaling';
import type { KubeObject } from './types';

/** Name of the cron trigger that holds the working-hours floor. */
export const WORKING_HOURS_TRIGGER = 'working-hours';

/** The cron trigger open from the off-hours window's end to its start, asking for the working-hours floor. */
export function workingHoursTrigger(offHours: ResolvedOffHours, workingFloor: number): CronTrigger {
  return {
    type: 'cron',
    name: WORKING_HOURS_TRIGGER,
    metadata: { timezone: offHours.timezone, start: offHours.end, end: offHours.start, desiredReplicas: String(workingFloor) },
  };
}

/**
 * Every KEDA ScaledObject among the objects, with the off-hours floor: `minReplicaCount` lowered to it and the
 * working-hours trigger added. Idempotent (a ScaledObject that already has the trigger is left alone), so it may run
 * both where vLLM's objects are built and where any runtime's are. Other objects pass through unchanged.
 */
export function withOffHoursFloor(objects: readonly KubeObject[], offHours: ResolvedOffHours | undefined): KubeObject[] {
  if (offHours === undefined) return [...objects];
  return objects.map((object) => {
    if (object.kind !== 'ScaledObject' || object.apiVersion !== 'keda.sh/v1alpha1') return object;
    const scaled = object as unknown as IScaledObject;
    const workingFloor = scaled.spec.minReplicaCount;
    if (workingFloor <= offHours.minReplicas || scaled.spec.triggers.some((t) => t.name === WORKING_HOURS_TRIGGER)) return object;
    const scheduled: IScaledObject = {
      ...scaled,
      spec: { ...scaled.spec, minReplicaCount: offHours.minReplicas, triggers: [...scaled.spec.triggers, workingHoursTrigger(offHours, workingFloor)] },
    };
    return scheduled as unknown as KubeObject;
  });
}
