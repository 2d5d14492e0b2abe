import { startupBudget } from '../../lib/kubernetes';

describe('start-up budget from model size and load path', () => {
  test('GIVEN 15 GiB synced from S3 to one node WHEN budgeted THEN 1.5 × (300 s warm-up + 15 / 0.5 GiB/s) and the sync is budgeted apart', () => {
    expect(startupBudget({ checkpointGiB: 15, nodes: 1, source: 's3' })).toEqual({ startupSeconds: 495, periodSeconds: 10, failureThreshold: 50, syncSeconds: 60 });
  });

  test('GIVEN the same model from the Hub WHEN budgeted THEN the download at 0.1 GiB/s is inside the probe budget', () => {
    expect(startupBudget({ checkpointGiB: 15, nodes: 1, source: 'huggingface' })).toMatchObject({ startupSeconds: 720, syncSeconds: 0 });
  });

  test('GIVEN more weights WHEN budgeted THEN the budget never shrinks', () => {
    let previous = 0;
    for (const gib of [1, 15, 40, 140, 755]) {
      const { startupSeconds, failureThreshold, periodSeconds } = startupBudget({ checkpointGiB: gib, nodes: 1, source: 's3' });
      expect(startupSeconds).toBeGreaterThan(previous);
      expect(failureThreshold * periodSeconds).toBeGreaterThanOrEqual(startupSeconds);
      previous = startupSeconds;
    }
  });
});
