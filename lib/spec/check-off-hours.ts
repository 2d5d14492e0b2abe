/**
 * `scaling.offHours`: checks the window against the target that renders it, and fills in its defaults.
 * - Kubernetes targets: a KEDA `cron` trigger on the runtime's ScaledObject; KEDA may hold zero replicas.
 * - SageMaker: Application Auto Scaling scheduled actions on the variant's `DesiredInstanceCount`. A real-time or
 *   multi-model variant cannot be scaled to zero instances (only endpoints hosting inference components, or async
 *   endpoints, can: SageMaker Developer Guide "Scale an endpoint to zero instances" and "Autoscale an asynchronous
 *   endpoint", read 2026-12-03); serverless endpoints have no instances to schedule.
 */
import type { Check } from './field-checks';
import { checkUnknownKeys, integerIn, isPlainObject } from './field-checks';
import { parseCron, toApplicationAutoScalingCron } from './cron';
import { replayOffHoursWindow } from './off-hours-window';
import type { ResolvedOffHours } from './off-hours-types';

/** Targets whose autoscaler renders an off-hours floor. */
export const OFF_HOURS_TARGETS: readonly string[] = ['eks', 'gke', 'aks', 'kubernetes', 'sagemaker'];

/** Kubernetes runtimes whose objects include a KEDA ScaledObject (lib/kubernetes/runtimes/*). */
export const OFF_HOURS_KUBERNETES_RUNTIMES: readonly string[] = ['vllm', 'tgi', 'triton', 'torchserve', 'tensorflow-serving', 'bentoml', 'custom'];

const FIELD = 'scaling.offHours';

/** Whether the target can hold zero replicas off hours. */
export function offHoursCanReachZero(target: Record<string, unknown>): boolean {
  return target.kind === 'sagemaker' ? target.mode === 'async' : true;
}

/** Whether a name is an IANA time zone this runtime knows (KEDA and Application Auto Scaling take IANA names). */
export function isIanaTimeZone(name: unknown): name is string {
  // Offsets such as '+01:00' are accepted by Intl but are not IANA names.
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function checkCron(p: Check, field: string, expression: unknown, sagemaker: boolean): boolean {
  if (!p.check(typeof expression === 'string' && expression.trim() !== '', field, expression, 'must be a 5-field cron expression', "e.g. '0 20 * * 1-5' (weekdays at 20:00)")) return false;
  try {
    parseCron(expression as string);
  } catch (error) {
    p.add(field, expression, (error as Error).message, 'write minute hour day-of-month month day-of-week, e.g. \'0 7 * * MON-FRI\' (day of week 0-6 or SUN-SAT)');
    return false;
  }
  if (sagemaker) {
    try {
      toApplicationAutoScalingCron(expression as string);
    } catch (error) {
      p.add(field, expression, `${(error as Error).message} (SageMaker scheduled actions)`, "use '*' for day-of-month or for day-of-week");
      return false;
    }
  }
  return true;
}

/** Checks `scaling.offHours`; collects every problem (field, value, fix). */
export function checkOffHours(p: Check, scaling: Record<string, unknown>, target: Record<string, unknown>, engine: unknown): void {
  const offHours = scaling.offHours;
  if (offHours === undefined) return;
  if (!isPlainObject(offHours)) {
    p.add(FIELD, offHours, 'must be an object', "e.g. { timezone: 'Europe/Berlin', start: '0 20 * * 1-5', end: '0 7 * * 1-5', minReplicas: 0 }");
    return;
  }
  checkUnknownKeys(p, FIELD, offHours, ['timezone', 'start', 'end', 'minReplicas']);
  const kind = target.kind;
  const targetOk = p.check(OFF_HOURS_TARGETS.includes(kind as string) && !(kind === 'sagemaker' && target.mode === 'serverless'), FIELD, kind,
    kind === 'sagemaker' ? 'a serverless endpoint has no instances to keep off hours: it is billed per request already' : `off-hours floors are rendered for ${OFF_HOURS_TARGETS.join(', ')} targets`,
    kind === 'sagemaker' ? "remove scaling.offHours, or use target.mode 'realtime' or 'async'" : 'remove scaling.offHours, or deploy to one of those targets');
  if (targetOk && kind !== 'sagemaker') {
    p.check(OFF_HOURS_KUBERNETES_RUNTIMES.includes(engine as string), FIELD, engine, `runtime '${String(engine)}' is not scaled by a KEDA ScaledObject, which carries the off-hours trigger`,
      `remove scaling.offHours, or use one of ${OFF_HOURS_KUBERNETES_RUNTIMES.join(', ')}`);
  }
  const floorApplies = p.check(scaling.scaleToZero !== true, FIELD, 'scaleToZero: true', 'with scaling.scaleToZero the floor is already zero at all hours', 'remove scaling.offHours, or set scaling.scaleToZero to false');
  if (offHours.timezone !== undefined) {
    p.check(isIanaTimeZone(offHours.timezone), `${FIELD}.timezone`, offHours.timezone, 'must be an IANA time zone name', "e.g. 'Europe/Berlin', 'America/New_York' or 'UTC'");
  }
  const sagemaker = kind === 'sagemaker';
  const startOk = checkCron(p, `${FIELD}.start`, offHours.start, sagemaker);
  const endOk = checkCron(p, `${FIELD}.end`, offHours.end, sagemaker);
  if (startOk && endOk) checkWindow(p, offHours.start as string, offHours.end as string);
  // A refused target or scaleToZero already says the floor does not apply: no second problem about its value.
  if (targetOk && floorApplies) checkFloor(p, offHours.minReplicas, scaling, target);
}

function checkWindow(p: Check, start: string, end: string): void {
  const year = replayOffHoursWindow(start, end);
  p.check(year.startFirings > 0, `${FIELD}.start`, start, 'never fires in a year', "pick a date that exists, e.g. '0 20 * * 1-5'");
  p.check(year.endFirings > 0, `${FIELD}.end`, end, 'never fires in a year', "pick a date that exists, e.g. '0 7 * * 1-5'");
  p.check(year.simultaneousFirings === 0, `${FIELD}.end`, end, `fires at the same minute as start ('${start}') ${year.simultaneousFirings} time(s) a year, so the window has no clear edge`,
    'move start or end so they never coincide');
}

function checkFloor(p: Check, value: unknown, scaling: Record<string, unknown>, target: Record<string, unknown>): void {
  const field = `${FIELD}.minReplicas`;
  const zeroOk = offHoursCanReachZero(target);
  const floor = value ?? (zeroOk ? 0 : 1);
  if (value !== undefined && !integerIn(p, field, value, 0, 1000)) return;
  const working = typeof scaling.minReplicas === 'number' ? scaling.minReplicas : 1;
  if (floor === 0 && !zeroOk) {
    p.add(field, floor, `a SageMaker ${String(target.mode)} variant cannot be scaled to zero instances (only async endpoints, or endpoints hosting inference components, can)`,
      "set scaling.offHours.minReplicas to 1 or more, or use target.mode 'async'");
    return;
  }
  p.check((floor as number) < working, field, floor, `must be below scaling.minReplicas (${working}), the working-hours floor, or the window saves nothing`,
    `lower scaling.offHours.minReplicas, or raise scaling.minReplicas above ${String(floor)}`);
}

/** `scaling.offHours` with its defaults; call after {@link checkOffHours} passed. */
export function resolveOffHours(offHours: { timezone?: string; start: string; end: string; minReplicas?: number } | undefined, target: Record<string, unknown>): ResolvedOffHours | undefined {
  if (offHours === undefined) return undefined;
  return {
    timezone: offHours.timezone ?? 'UTC',
    start: offHours.start.trim(),
    end: offHours.end.trim(),
    minReplicas: offHours.minReplicas ?? (offHoursCanReachZero(target) ? 0 : 1),
  };
}

/**
 * Replicas kept at every hour: the off-hours floor when there is a window, else `minReplicas`. GPU node pools with a
 * fixed minimum (managed node groups, GKE and AKS pools) are sized on it, or their nodes would stay up at night.
 */
export function lowestReplicaFloor(scaling: { readonly minReplicas: number; readonly offHours?: ResolvedOffHours }): number {
  return Math.min(scaling.minReplicas, scaling.offHours?.minReplicas ?? scaling.minReplicas);
}
