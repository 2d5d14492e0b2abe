/**
 * How much of the year an off-hours window covers: both cron expressions are replayed minute by minute over one
 * calendar year of wall-clock time (the time zone only moves the window, and a daylight-saving shift changes the
 * total by an hour a year, which this ignores). Pure, about 10 ms.
 */
import { cronMatches, parseCron } from './cron';

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
const MINUTES_PER_YEAR = 365 * 24 * 60;

/**
 * Replays the window over one year, twice (the first pass settles whether the year begins inside the window).
 * @throws Error from parseCron for an invalid expression
 */
export function replayOffHoursWindow(start: string, end: string): OffHoursWindowYear {
  const opens = parseCron(start);
  const closes = parseCron(end);
  let off = false;
  let offMinutes = 0;
  let startFirings = 0;
  let endFirings = 0;
  let simultaneousFirings = 0;
  for (let pass = 0; pass < 2; pass++) {
    let dayOfWeek = FIRST_DAY_OF_WEEK;
    for (let month = 1; month <= 12; month++) {
      for (let dayOfMonth = 1; dayOfMonth <= DAYS_IN_MONTH[month - 1]; dayOfMonth++) {
        for (let hour = 0; hour < 24; hour++) {
          for (let minute = 0; minute < 60; minute++) {
            const t = { minute, hour, dayOfMonth, month, dayOfWeek };
            const isStart = cronMatches(opens, t);
            const isEnd = cronMatches(closes, t);
            if (isStart) off = true;
            else if (isEnd) off = false;
            if (pass === 1) {
              if (off) offMinutes++;
              if (isStart) startFirings++;
              if (isEnd) endFirings++;
              if (isStart && isEnd) simultaneousFirings++;
            }
          }
        }
        dayOfWeek = (dayOfWeek + 1) % 7;
      }
    }
  }
  return { offHoursFraction: offMinutes / MINUTES_PER_YEAR, startFirings, endFirings, simultaneousFirings };
}
