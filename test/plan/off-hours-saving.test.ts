/**
 * What an off-hours floor saves (issue 15): the replicas above the floor are not paid for during the window's share
 * of the month; the plan summary and `aimd plan --spec` show the cost with and without it.
 */
import { join } from 'node:path';
import { runPlanForSpec } from '../../lib/cli/plan-spec';
import { offHoursSaving } from '../../lib/plan/off-hours-saving';

describe('offHoursSaving (pure arithmetic)', () => {
  test('GIVEN 2 replicas at $1,460/month, a floor of 0 and half the month off hours THEN it saves $730', () => {
    expect(offHoursSaving({ monthlyCostUsd: 1460, replicas: 2, offHoursMinReplicas: 0, offHoursFraction: 0.5 })).toEqual({
      offHoursPerMonth: 365,
      offHoursMinReplicas: 0,
      replicasWithoutSchedule: 2,
      monthlyCostWithoutScheduleUsd: 1460,
      monthlyCostWithScheduleUsd: 730,
      monthlySavingUsd: 730,
      note: '2 replica(s) off for 365 of 730 h a month saves $730 (assumes off-hours traffic lets the autoscaler reach the floor)',
    });
  });

  test('GIVEN 4 replicas and a floor of 1 THEN only the 3 above the floor are saved', () => {
    expect(offHoursSaving({ monthlyCostUsd: 4000, replicas: 4, offHoursMinReplicas: 1, offHoursFraction: 0.25 }).monthlySavingUsd).toBe(750);
  });

  test('GIVEN a plan that already runs at the floor THEN nothing is saved, and the note says why', () => {
    const s = offHoursSaving({ monthlyCostUsd: 700, replicas: 1, offHoursMinReplicas: 1, offHoursFraction: 0.6 });
    expect([s.monthlySavingUsd, s.monthlyCostWithScheduleUsd]).toEqual([0, 700]);
    expect(s.note).toMatch(/nothing to save/);
  });
});

describe('aimd plan --spec examples/specs/llama-8b-eks-office-hours.yaml', () => {
  const file = join(__dirname, '..', '..', 'examples', 'specs', 'llama-8b-eks-office-hours.yaml');

  test('THEN the plan JSON adds summary.scheduledCapacity beside the unchanged monthlyCostUsd', () => {
    const json = JSON.parse(runPlanForSpec({ spec: file, json: true }, () => '').output);
    const s = json.summary.scheduledCapacity;
    expect(s.monthlyCostWithoutScheduleUsd).toBe(json.summary.monthlyCostUsd);
    // Weekday nights and weekends: 103 of 168 hours a week.
    expect(s.offHoursPerMonth).toBeCloseTo((103 / 168) * 730, 0);
    // Both replicas are above the floor of 0: the saving is the whole cost for the window's hours (to the dollar).
    expect(Math.abs(s.monthlySavingUsd - json.summary.monthlyCostUsd * (s.offHoursPerMonth / 730))).toBeLessThanOrEqual(1);
    expect(s.monthlyCostWithScheduleUsd).toBe(s.monthlyCostWithoutScheduleUsd - s.monthlySavingUsd);
  });

  test('THEN the text output prints an off-hours line with both costs', () => {
    expect(runPlanForSpec({ spec: file }, () => '').output).toMatch(/\noff-hours \$[\d,]+\/month with the off-hours floor \(was \$[\d,]+, saves \$[\d,]+\)/);
  });
});
