/**
 * The 5-field cron expressions of `scaling.offHours` (minute hour day-of-month month day-of-week), parsed to the
 * subset both renderers accept:
 * - KEDA's cron scaler parses them with robfig/cron v3 ("Linux format cron", keda.sh/docs/2.17/scalers/cron):
 *   `*`, `?` (day fields), numbers, names, `a-b`, `/step` and lists; day of week 0-6 or SUN-SAT, where `7` is an
 *   error (robfig/cron v3 spec.go `dow = bounds{0, 6, ...}`, read 2026-12-03).
 * - Application Auto Scaling takes six fields `[Minutes] [Hours] [Day_of_Month] [Month] [Day_of_Week] [Year]`, day
 *   of week 1-7 (SUN=1), and `?` in one of the two day fields (Application Auto Scaling User Guide, "Schedule
 *   recurring scaling actions", read 2026-12-03): {@link toApplicationAutoScalingCron} converts.
 */

/** One parsed expression: the values each field matches, and whether each day field is unrestricted. */
export interface CronSchedule {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday. */
  readonly daysOfWeek: ReadonlySet<number>;
  /** `*` or `?`: with one day field unrestricted, a day must match both; with both restricted, either (cron's rule). */
  readonly anyDayOfMonth: boolean;
  readonly anyDayOfWeek: boolean;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldBounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for values, the first at `min`. */
  readonly names?: readonly string[];
  readonly question?: boolean;
}

const FIELDS: readonly FieldBounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, question: true },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day of week', min: 0, max: 6, names: DAY_NAMES, question: true },
];

function value(text: string, f: FieldBounds): number {
  const named = f.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return f.min + named;
  if (!/^\d+$/.test(text)) throw new Error(`${f.name} '${text}' is not a number${f.names ? ` or a name (${f.names[0]}-${f.names[f.names.length - 1]})` : ''}`);
  const n = Number(text);
  if (n < f.min || n > f.max) throw new Error(`${f.name} ${n} is outside ${f.min}-${f.max}`);
  return n;
}

/** The values one field matches, and whether it was `*`/`?` (no step). */
function parseField(text: string, f: FieldBounds): { values: Set<number>; any: boolean } {
  const values = new Set<number>();
  let any = false;
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === '') throw new Error(`${f.name} '${item}' is not a value, range or step`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) throw new Error(`${f.name} step '${stepText}' must be a positive integer`);
    let low: number;
    let high: number;
    if (range === '*' || range === '?') {
      if (range === '?' && !f.question) throw new Error(`'?' is only allowed in the day-of-month and day-of-week fields`);
      [low, high] = [f.min, f.max];
      if (step === 1) any = true;
    } else {
      const [a, b, more] = range.split('-');
      if (more !== undefined) throw new Error(`${f.name} range '${range}' has more than two ends`);
      low = value(a, f);
      high = b === undefined ? (stepText === undefined ? low : f.max) : value(b, f);
      if (high < low) throw new Error(`${f.name} range '${range}' runs backwards`);
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return { values, any };
}

/**
 * Parses a 5-field cron expression.
 * @throws Error naming the field and what is wrong with it
 */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`has ${parts.length} fields; a cron expression has 5 (minute hour day-of-month month day-of-week)`);
  const [minute, hour, dom, month, dow] = parts.map((part, i) => parseField(part, FIELDS[i]));
  return {
    minutes: minute.values, hours: hour.values, daysOfMonth: dom.values, months: month.values, daysOfWeek: dow.values,
    anyDayOfMonth: dom.any, anyDayOfWeek: dow.any,
  };
}

/** Whether the expression fires on this day (`dayOfWeek` 0 = Sunday, `month` 1-12). */
export function cronMatchesDay(s: CronSchedule, d: { dayOfMonth: number; month: number; dayOfWeek: number }): boolean {
  if (!s.months.has(d.month)) return false;
  const dom = s.daysOfMonth.has(d.dayOfMonth);
  const dow = s.daysOfWeek.has(d.dayOfWeek);
  return s.anyDayOfMonth || s.anyDayOfWeek ? dom && dow : dom || dow;
}

/** Whether the expression fires at this wall-clock minute. */
export function cronMatches(s: CronSchedule, t: { minute: number; hour: number; dayOfMonth: number; month: number; dayOfWeek: number }): boolean {
  return s.minutes.has(t.minute) && s.hours.has(t.hour) && cronMatchesDay(s, t);
}

/** Minutes of the day (0-1439) at which the expression fires on a day it matches, ascending. */
export function firingMinutesOfDay(s: CronSchedule): number[] {
  const out: number[] = [];
  for (const h of [...s.hours].sort((a, b) => a - b)) for (const m of [...s.minutes].sort((a, b) => a - b)) out.push(h * 60 + m);
  return out;
}

/**
 * The same schedule as Application Auto Scaling's `cron(...)`: `?` in the unrestricted day field, day-of-week
 * numbers shifted to 1-7 (SUN=1), names upper-cased, and `*` for the year.
 * @throws Error when both day fields are restricted (Application Auto Scaling needs `?` in one of them)
 */
export function toApplicationAutoScalingCron(expression: string): string {
  const s = parseCron(expression);
  const [minute, hour, dom, month, dow] = expression.trim().split(/\s+/).map((f) => f.toUpperCase());
  if (!s.anyDayOfMonth && !s.anyDayOfWeek) throw new Error('restricts both day-of-month and day-of-week; Application Auto Scaling needs one of them unrestricted');
  const awsDow = s.anyDayOfWeek ? '?' : dow.replace(/\d+/g, (n, offset: number, whole: string) => (whole[offset - 1] === '/' ? n : String(Number(n) + 1)));
  const awsDom = s.anyDayOfWeek ? (s.anyDayOfMonth ? '*' : dom) : '?';
  return `cron(${minute} ${hour} ${awsDom} ${month} ${awsDow} *)`;
}
