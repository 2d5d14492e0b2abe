/**
 * `scaling.offHours` (issue 15, scheduled capacity): the cron expressions both autoscalers accept, the year a window
 * covers, and the spec's refusals, each naming its field, value and fix.
 */
import { InputValidationError, type InputProblem } from '../../lib/errors';
import { cronMatches, parseCron, toApplicationAutoScalingCron } from '../../lib/spec/cron';
import { isIanaTimeZone } from '../../lib/spec/check-off-hours';
import { replayOffHoursWindow } from '../../lib/spec/off-hours-window';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput, OffHoursSpec } from '../../lib/spec/types';

const NIGHTS_AND_WEEKENDS = { start: '0 20 * * 1-5', end: '0 7 * * 1-5' };

const eks = (scaling: DeploymentSpecInput['scaling'], runtime: DeploymentSpecInput['runtime'] = { engine: 'vllm' }): DeploymentSpecInput => ({
  name: 'llama-chat', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime, target: { kind: 'eks' }, scaling,
});
const sagemaker = (mode: 'realtime' | 'async' | 'serverless', scaling: DeploymentSpecInput['scaling']): DeploymentSpecInput => ({
  name: 'tabular', model: { id: 'fraud-xgboost', task: 'tabular' }, runtime: { engine: 'xgboost' }, target: { kind: 'sagemaker', mode, instanceType: 'ml.m7i.xlarge' }, scaling,
});

function problems(input: DeploymentSpecInput): InputProblem[] {
  try {
    resolveDeploymentSpec(input);
  } catch (error) {
    if (error instanceof InputValidationError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the spec to be refused');
}

/** Every problem names a field under scaling.offHours (or the floor it conflicts with) and a fix. */
function offHoursProblems(input: DeploymentSpecInput): InputProblem[] {
  const found = problems(input).filter((p) => p.field.startsWith('scaling.offHours'));
  for (const p of found) expect(p.fix.length).toBeGreaterThan(0);
  return found;
}

describe('parseCron (5-field, what KEDA\'s robfig/cron parser accepts)', () => {
  test('GIVEN names, ranges, lists and steps THEN each field matches the values they spell', () => {
    const s = parseCron('*/15 9-17 * JAN,jul MON-FRI');
    expect([...s.minutes]).toEqual([0, 15, 30, 45]);
    expect([...s.hours]).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect([...s.months]).toEqual([1, 7]);
    expect([...s.daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect([s.anyDayOfMonth, s.anyDayOfWeek]).toEqual([true, false]);
  });

  test.each([
    ['0 20 * *', /has 4 fields/],
    ['0 24 * * *', /hour 24 is outside 0-23/],
    ['0 7 * * 7', /day of week 7 is outside 0-6/],
    ['0 7 * * SUNDAY', /day of week 'SUNDAY' is not a number or a name \(SUN-SAT\)/],
    ['0 7 ? * ?', undefined],
    ['? 7 * * *', /'\?' is only allowed in the day-of-month and day-of-week fields/],
    ['0 17-9 * * *', /runs backwards/],
    ['*/0 * * * *', /step '0' must be a positive integer/],
  ])('GIVEN %s THEN it is parsed or refused with the field named', (expression, error) => {
    if (error === undefined) expect(() => parseCron(expression)).not.toThrow();
    else expect(() => parseCron(expression)).toThrow(error);
  });

  test('GIVEN both day fields restricted THEN a day matching either fires (cron\'s rule); with one unrestricted, both must match', () => {
    const either = parseCron('0 0 1 * MON');
    expect(cronMatches(either, { minute: 0, hour: 0, dayOfMonth: 1, month: 3, dayOfWeek: 3 })).toBe(true);
    expect(cronMatches(either, { minute: 0, hour: 0, dayOfMonth: 2, month: 3, dayOfWeek: 1 })).toBe(true);
    const weekdays = parseCron('0 0 * * MON');
    expect(cronMatches(weekdays, { minute: 0, hour: 0, dayOfMonth: 1, month: 3, dayOfWeek: 3 })).toBe(false);
  });
});

describe('toApplicationAutoScalingCron (6 fields, day of week 1-7, ? in one day field)', () => {
  test.each([
    ['0 20 * * 1-5', 'cron(0 20 ? * 2-6 *)'],
    ['0 20 * * mon-fri', 'cron(0 20 ? * MON-FRI *)'],
    ['30 6 * * 0,6', 'cron(30 6 ? * 1,7 *)'],
    ['0 0 * * */2', 'cron(0 0 ? * */2 *)'],
    ['0 22 * * *', 'cron(0 22 * * ? *)'],
    ['0 1 15 * *', 'cron(0 1 15 * ? *)'],
  ])('GIVEN %s THEN %s', (expression, expected) => {
    expect(toApplicationAutoScalingCron(expression)).toBe(expected);
  });

  test('GIVEN both day fields restricted THEN it is refused: Application Auto Scaling needs ? in one', () => {
    expect(() => toApplicationAutoScalingCron('0 1 15 * MON')).toThrow(/restricts both day-of-month and day-of-week/);
  });
});

describe('replayOffHoursWindow (a year of wall-clock minutes)', () => {
  test('GIVEN weekday nights from 20:00 to 07:00 THEN the window also spans the weekend: 103 of 168 hours a week', () => {
    const year = replayOffHoursWindow(NIGHTS_AND_WEEKENDS.start, NIGHTS_AND_WEEKENDS.end);
    // 52 weeks of 103 h plus the year's extra day (2027 ends on a Friday: 7 h before 07:00 and 4 h after 20:00).
    expect(year.offHoursFraction * 365 * 24).toBeCloseTo(52 * 103 + 11, 5);
    expect([year.startFirings, year.endFirings, year.simultaneousFirings]).toEqual([261, 261, 0]);
  });

  test.each([
    ['0 12 1,15 * *', '0 9 * * 1'],
    ['0 0 * JUN-AUG 0,6', '59 23 * * SUN'],
  ])('GIVEN %s until %s THEN the edge walk agrees with a minute-by-minute replay', (start, end) => {
    const [opens, closes] = [parseCron(start), parseCron(end)];
    let off = false;
    let offMinutes = 0;
    for (let pass = 0; pass < 2; pass++) {
      const day = new Date(Date.UTC(2027, 0, 1));
      for (let d = 0; d < 365; d++, day.setUTCDate(day.getUTCDate() + 1)) {
        for (let minuteOfDay = 0; minuteOfDay < 1440; minuteOfDay++) {
          const t = { minute: minuteOfDay % 60, hour: Math.floor(minuteOfDay / 60), dayOfMonth: day.getUTCDate(), month: day.getUTCMonth() + 1, dayOfWeek: day.getUTCDay() };
          if (cronMatches(opens, t)) off = true;
          else if (cronMatches(closes, t)) off = false;
          if (pass === 1 && off) offMinutes++;
        }
      }
    }
    expect(replayOffHoursWindow(start, end).offHoursFraction).toBeCloseTo(offMinutes / (365 * 1440), 9);
  });

  test('GIVEN every night from 22:00 to 06:00 THEN a third of the year is off hours', () => {
    expect(replayOffHoursWindow('0 22 * * *', '0 6 * * *').offHoursFraction).toBeCloseTo(8 / 24, 6);
  });
});

describe('isIanaTimeZone', () => {
  test.each([['Europe/Berlin', true], ['America/Argentina/Buenos_Aires', true], ['UTC', true], ['Mars/Olympus', false], ['+01:00', false], [42, false]])('%s -> %s', (name, ok) => {
    expect(isIanaTimeZone(name)).toBe(ok);
  });
});

describe('scaling.offHours in the spec', () => {
  test('GIVEN a window on EKS THEN it resolves with UTC and a floor of zero by default', () => {
    const spec = resolveDeploymentSpec(eks({ minReplicas: 2, offHours: NIGHTS_AND_WEEKENDS }));
    expect(spec.scaling.offHours).toEqual({ timezone: 'UTC', ...NIGHTS_AND_WEEKENDS, minReplicas: 0 });
    expect(spec.scaling.minReplicas).toBe(2);
  });

  test('GIVEN no window THEN the resolved spec has none (existing specs are unchanged)', () => {
    expect(resolveDeploymentSpec(eks({ minReplicas: 2 })).scaling).not.toHaveProperty('offHours');
  });

  test('GIVEN a SageMaker real-time window THEN the default floor is one instance', () => {
    expect(resolveDeploymentSpec(sagemaker('realtime', { minReplicas: 2, offHours: NIGHTS_AND_WEEKENDS })).scaling.offHours?.minReplicas).toBe(1);
  });

  test('GIVEN a real-time variant asked for zero instances off hours THEN it is refused: only async endpoints or inference components reach zero', () => {
    expect(offHoursProblems(sagemaker('realtime', { minReplicas: 2, offHours: { ...NIGHTS_AND_WEEKENDS, minReplicas: 0 } }))).toEqual([
      expect.objectContaining({ field: 'scaling.offHours.minReplicas', value: 0, message: expect.stringMatching(/cannot be scaled to zero instances/), fix: expect.stringMatching(/mode 'async'/) }),
    ]);
  });

  test('GIVEN an async endpoint with a floor of zero THEN it is accepted', () => {
    expect(resolveDeploymentSpec(sagemaker('async', { minReplicas: 1, offHours: NIGHTS_AND_WEEKENDS })).scaling.offHours?.minReplicas).toBe(0);
  });

  test('GIVEN a serverless endpoint THEN the window is refused: there are no instances to keep', () => {
    expect(offHoursProblems(sagemaker('serverless', { offHours: NIGHTS_AND_WEEKENDS }))).toEqual([
      expect.objectContaining({ field: 'scaling.offHours', value: 'sagemaker', fix: expect.stringMatching(/realtime' or 'async'/) }),
    ]);
  });

  test('GIVEN a Lambda target or a runtime without a KEDA ScaledObject THEN the window is refused and the fix names what renders it', () => {
    const lambda: DeploymentSpecInput = { name: 'fraud', model: { id: 'fraud-xgboost', task: 'tabular' }, runtime: { engine: 'xgboost' }, target: { kind: 'lambda' }, scaling: { offHours: NIGHTS_AND_WEEKENDS } };
    expect(offHoursProblems(lambda)).toContainEqual(expect.objectContaining({ field: 'scaling.offHours', value: 'lambda', fix: expect.stringMatching(/remove scaling.offHours/) }));
    expect(offHoursProblems(eks({ minReplicas: 2, offHours: NIGHTS_AND_WEEKENDS }, { engine: 'ray-serve' }))).toContainEqual(
      expect.objectContaining({ field: 'scaling.offHours', value: 'ray-serve', message: expect.stringMatching(/not scaled by a KEDA ScaledObject/) }));
  });

  test('GIVEN every field wrong at once THEN every problem is reported in one error', () => {
    const offHours = { timezone: 'Berlin', start: '0 20 * * 7', end: '61 7 * * *', minReplicas: 3, extra: true } as unknown as OffHoursSpec;
    const found = offHoursProblems(eks({ minReplicas: 2, scaleToZero: false, offHours }));
    expect(found.map((p) => [p.field, p.value])).toEqual([
      ['scaling.offHours.extra', true],
      ['scaling.offHours.timezone', 'Berlin'],
      ['scaling.offHours.start', '0 20 * * 7'],
      ['scaling.offHours.end', '61 7 * * *'],
      ['scaling.offHours.minReplicas', 3],
    ]);
    expect(found[4]!.message).toMatch(/must be below scaling.minReplicas \(2\)/);
  });

  test('GIVEN scaleToZero THEN the window is refused: the floor is already zero', () => {
    expect(offHoursProblems(eks({ minReplicas: 0, scaleToZero: true, offHours: NIGHTS_AND_WEEKENDS }))).toEqual([
      expect.objectContaining({ field: 'scaling.offHours', message: expect.stringMatching(/already zero at all hours/), fix: expect.stringMatching(/scaleToZero to false/) }),
    ]);
  });

  test('GIVEN start and end that never fire or fire together THEN the window is refused', () => {
    expect(offHoursProblems(eks({ minReplicas: 2, offHours: { start: '0 20 30 2 *', end: '0 7 * * *' } }))).toEqual([
      expect.objectContaining({ field: 'scaling.offHours.start', message: 'never fires in a year' }),
    ]);
    expect(offHoursProblems(eks({ minReplicas: 2, offHours: { start: '0 20 * * *', end: '0 20 * * 1' } }))).toEqual([
      expect.objectContaining({ field: 'scaling.offHours.end', message: expect.stringMatching(/fires at the same minute as start/) }),
    ]);
  });

  test('GIVEN a SageMaker window restricting both day fields THEN it is refused for the scheduled action', () => {
    expect(offHoursProblems(sagemaker('realtime', { minReplicas: 2, offHours: { start: '0 20 1 * MON', end: '0 7 * * *' } }))).toEqual([
      expect.objectContaining({ field: 'scaling.offHours.start', message: expect.stringMatching(/SageMaker scheduled actions/), fix: expect.stringMatching(/'\*' for day-of-month/) }),
    ]);
  });
});
