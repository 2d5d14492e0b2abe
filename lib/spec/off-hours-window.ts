/**
 * How much of the year an off-hours window covers: both cron expressions are replayed over one calendar year of
 * wall-clock time (the time zone only moves the window, and a daylight-saving shift changes the total by an hour a
 * year, which this ignores). Pure: a few hundred firings a year, walked day by day.
 */
import { cronMatchesDay, firingMinutesOfDay, parseCron } from './cron';

/** What replaying the window over a year found. */
export interface OffHoursWindowYear {
  /** Share of the year's minutes inside [start, end), 0-1. */
  readonly offHoursFraction: number;
  /** Times `start` and `end` fired in the year. */
  readonly startFirings: number;
  readonly endFirings: number;
  /** Minutes at which both fired (an ambiguous edge). */
  readonly simultaneousFirings: number;
}

/** 2027 begins on a Friday and is not a leap year: any ordinary year does. */
const REFERENCE_YEAR = 2027;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const FIRST_DAY_OF_WEEK = new Date(Date.UTC(REFERENCE_YEAR, 0, 1)).getUTCDay();
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_YEAR = 365 * MINUTES_PER_DAY;

/**
 * Replays the window over one year, twice (the first pass settles whether the year begins inside the window). At a
 * minute where both fire, `start` wins (and the firing is counted as simultaneous).
 * @throws Error from parseCron for an invalid expression
 */
export function replayOffHoursWindow(start: string, end: string): OffHoursWindowYear {
  const opens = parseCron(start);
  const closes = parseCron(end);
  const openMinutes = firingMinutesOfDay(opens);
  const closeMinutes = firingMinutesOfDay(closes);
  let off = false;
  let offMinutes = 0;
  let startFirings = 0;
  let endFirings = 0;
  let simultaneousFirings = 0;
  for (let pass = 0; pass < 2; pass++) {
    const counting = pass === 1;
    let dayOfWeek = FIRST_DAY_OF_WEEK;
    for (let month = 1; month <= 12; month++) {
      for (let dayOfMonth = 1; dayOfMonth <= DAYS_IN_MONTH[month - 1]; dayOfMonth++) {
        const day = { dayOfMonth, month, dayOfWeek };
        const starts = cronMatchesDay(opens, day) ? openMinutes : [];
        const ends = cronMatchesDay(closes, day) ? closeMinutes : [];
        // Walk the day's edges in time order; the state holds from one edge to the next.
        let since = 0;
        let i = 0;
        let j = 0;
        while (i < starts.length || j < ends.length) {
          const t = Math.min(starts[i] ?? MINUTES_PER_DAY, ends[j] ?? MINUTES_PER_DAY);
          const isStart = starts[i] === t;
          const isEnd = ends[j] === t;
          if (counting && off) offMinutes += t - since;
          since = t;
          off = isStart ? true : isEnd ? false : off;
          if (isStart) i++;
          if (isEnd) j++;
          if (counting) {
            if (isStart) startFirings++;
            if (isEnd) endFirings++;
            if (isStart && isEnd) simultaneousFirings++;
          }
        }
        if (counting && off) offMinutes += MINUTES_PER_DAY - since;
        dayOfWeek = (dayOfWeek + 1) % 7;
      }
    }
  }
  return { offHoursFraction: offMinutes / MINUTES_PER_YEAR, startFirings, endFirings, simultaneousFirings };
}
