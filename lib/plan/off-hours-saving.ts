/**
 * What `scaling.offHours` saves: the replicas above the off-hours floor are not paid for during the window's hours.
 * It assumes off-hours traffic is low enough for the autoscaler to reach the floor; busier nights save less.
 */
import { HOURS_PER_MONTH } from '../planner/candidates';
import type { ResolvedOffHours } from '../spec/off-hours-types';
import { replayOffHoursWindow } from '../spec/off-hours-window';

/** The plan's cost with and without the off-hours floor (added to the plan summary as `scheduledCapacity`). */
export interface OffHoursSaving {
  /** Hours per month inside the off-hours window (the year's share times {@link HOURS_PER_MONTH}). */
  readonly offHoursPerMonth: number;
  /** Replicas kept during the window. */
  readonly offHoursMinReplicas: number;
  /** Replicas priced at all hours without the window (the plan's replicas). */
  readonly replicasWithoutSchedule: number;
  readonly monthlyCostWithoutScheduleUsd: number;
  readonly monthlyCostWithScheduleUsd: number;
  readonly monthlySavingUsd: number;
  /** The arithmetic, in words. */
  readonly note: string;
}

/** Inputs of {@link offHoursSaving}: the plan's priced replicas and cost, and the window. */
export interface OffHoursSavingInput {
  /** Monthly cost of `replicas` running all month (the plan's `monthlyCostUsd`). */
  readonly monthlyCostUsd: number;
  readonly replicas: number;
  readonly offHoursMinReplicas: number;
  /** Share of the month inside the window, 0-1. */
  readonly offHoursFraction: number;
}

/**
 * The saving arithmetic: per-replica monthly cost × replicas above the floor × the window's share of the month.
 * Pure; costs rounded to whole dollars, hours to one decimal.
 */
export function offHoursSaving(input: OffHoursSavingInput): OffHoursSaving {
  const { monthlyCostUsd, replicas, offHoursMinReplicas, offHoursFraction } = input;
  const idleReplicas = Math.max(0, replicas - offHoursMinReplicas);
  const perReplica = replicas > 0 ? monthlyCostUsd / replicas : 0;
  const saving = Math.round(perReplica * idleReplicas * offHoursFraction);
  const offHoursPerMonth = Math.round(offHoursFraction * HOURS_PER_MONTH * 10) / 10;
  return {
    offHoursPerMonth,
    offHoursMinReplicas,
    replicasWithoutSchedule: replicas,
    monthlyCostWithoutScheduleUsd: Math.round(monthlyCostUsd),
    monthlyCostWithScheduleUsd: Math.round(monthlyCostUsd) - saving,
    monthlySavingUsd: saving,
    note: idleReplicas === 0
      ? `the plan runs ${replicas} replica(s), not above the off-hours floor of ${offHoursMinReplicas}: nothing to save`
      : `${idleReplicas} replica(s) off for ${offHoursPerMonth} of ${HOURS_PER_MONTH} h a month saves $${saving} (assumes off-hours traffic lets the autoscaler reach the floor)`,
  };
}

/** The saving of a spec's window on a priced plan; undefined without a window or a price. */
export function planOffHoursSaving(offHours: ResolvedOffHours | undefined, summary: { readonly monthlyCostUsd: number | null; readonly replicas: number }): OffHoursSaving | undefined {
  if (offHours === undefined || summary.monthlyCostUsd === null) return undefined;
  const { offHoursFraction } = replayOffHoursWindow(offHours.start, offHours.end);
  return offHoursSaving({ monthlyCostUsd: summary.monthlyCostUsd, replicas: summary.replicas, offHoursMinReplicas: offHours.minReplicas, offHoursFraction });
}
