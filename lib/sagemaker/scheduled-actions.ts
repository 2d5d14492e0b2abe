/**
 * Scheduled capacity on SageMaker: two Application Auto Scaling scheduled actions per scaled variant, one at the
 * off-hours window's `start` that lowers `MinCapacity` to the off-hours floor and one at its `end` that restores the
 * working-hours floor. At the scheduled time Application Auto Scaling scales out to a raised minimum; a lowered one
 * lets target tracking scale in (AWS::ApplicationAutoScaling::ScalableTarget ScheduledAction, ScalableTargetAction,
 * CloudFormation reference, read 2026-12-03). Schedules are the spec's 5-field crons in Application Auto Scaling's
 * `cron(...)` form, read in the spec's IANA time zone.
 */
import { toApplicationAutoScalingCron } from '../spec/cron';
import type { ResolvedOffHours } from '../spec/off-hours-types';
import type { ScheduledActionDescription } from './types';

/** The off-hours and working-hours actions of one variant; none when the window would not lower its floor. */
export function offHoursScheduledActions(prefix: string, offHours: ResolvedOffHours | undefined, capacity: { readonly minCapacity: number; readonly maxCapacity: number }): ScheduledActionDescription[] {
  if (offHours === undefined || offHours.minReplicas >= capacity.minCapacity) return [];
  const common = { timezone: offHours.timezone, maxCapacity: capacity.maxCapacity };
  return [
    { name: `${prefix}-off-hours`, edge: 'off-hours', schedule: toApplicationAutoScalingCron(offHours.start), minCapacity: offHours.minReplicas, ...common },
    { name: `${prefix}-working-hours`, edge: 'working-hours', schedule: toApplicationAutoScalingCron(offHours.end), minCapacity: capacity.minCapacity, ...common },
  ];
}
