/**
 * The memory model against real vLLM startup logs (test/fixtures/vllm-startup-logs.json).
 *
 * GIVEN each public log's model, GPU and settings
 * WHEN the model predicts vLLM's "GPU KV cache size: N tokens"
 * THEN at least 90 % of the predictions are within ±10 % of what vLLM printed, and the table of errors is
 * printed so that a regression shows which log moved.
 */
import { findModel, getAccelerator } from '../../lib/catalogue';
import type { AcceleratorSpec, ModelArchitecture } from '../../lib/catalogue/types';
import { estimateMemory } from '../../lib/planner/memory';
import type { KvCacheDtype, MemoryEstimate, Quantization, ServingConfig } from '../../lib/planner/types';
import fixture from '../fixtures/vllm-startup-logs.json';

interface LogEntry {
  readonly id: string;
  readonly split: 'calibration' | 'holdout';
  readonly vllmVersion: string | null;
  readonly modelId: string;
  readonly acceleratorId: string;
  readonly acceleratorMemoryGiBLogged?: number;
  readonly tp: number;
  readonly pp: number;
  readonly maxModelLen: number;
  readonly gpuMemoryUtilization: number;
  readonly quantization: string;
  readonly kvCacheDtype: string;
  readonly maxNumSeqs: number;
  readonly maxNumBatchedTokens: number;
  readonly enforceEager: boolean;
  readonly observed: {
    readonly weightsGiB?: number;
    readonly kvCacheGiB?: number;
    readonly kvCacheTokens?: number;
    readonly maxConcurrency?: number;
    readonly fits?: boolean;
  };
}

const TOLERANCE = 0.1;
const REQUIRED_SHARE = 0.9;

function modelFor(id: string): ModelArchitecture {
  const inline = (fixture.models as unknown as ModelArchitecture[]).find((m) => m.id === id || m.aliases.includes(id));
  return inline ?? findModel(id);
}

function acceleratorFor(entry: LogEntry): AcceleratorSpec {
  const inline = (fixture.accelerators as unknown as AcceleratorSpec[]).find((a) => a.id === entry.acceleratorId);
  const base = inline ?? getAccelerator(entry.acceleratorId);
  return entry.acceleratorMemoryGiBLogged ? { ...base, memoryGiBReported: entry.acceleratorMemoryGiBLogged } : base;
}

function configFor(entry: LogEntry): ServingConfig {
  return {
    model: modelFor(entry.modelId),
    accelerator: acceleratorFor(entry),
    tensorParallelSize: entry.tp,
    pipelineParallelSize: entry.pp,
    maxModelLen: entry.maxModelLen,
    gpuMemoryUtilization: entry.gpuMemoryUtilization,
    dtype: 'auto',
    quantization: entry.quantization as Quantization,
    kvCacheDtype: entry.kvCacheDtype as KvCacheDtype,
    maxNumSeqs: entry.maxNumSeqs,
    maxNumBatchedTokens: entry.maxNumBatchedTokens,
    blockSize: 16,
    enforceEager: entry.enforceEager,
    ...(entry.vllmVersion ? { vllmVersion: entry.vllmVersion } : {}),
  };
}

interface Row {
  readonly entry: LogEntry;
  readonly estimate: MemoryEstimate;
  readonly tokenError?: number;
}

const relative = (predicted: number, observed: number) => predicted / observed - 1;
const pct = (x: number | undefined) => (x === undefined ? '' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);

function evaluate(entries: readonly LogEntry[]): Row[] {
  return entries.map((entry) => {
    const estimate = estimateMemory(configFor(entry));
    const observed = entry.observed.kvCacheTokens;
    return { entry, estimate, tokenError: observed ? relative(estimate.kvCacheTokens, observed) : undefined };
  });
}

function table(rows: readonly Row[]): string {
  const header = ['log', 'split', 'weights GiB (obs/pred)', 'KV GiB (obs/pred)', 'tokens observed', 'tokens predicted', 'error'];
  const lines = rows.map(({ entry, estimate, tokenError }) => [
    entry.id,
    entry.split,
    `${entry.observed.weightsGiB ?? '-'} / ${estimate.perGpu.weightsGiB.toFixed(2)}`,
    `${entry.observed.kvCacheGiB ?? '-'} / ${estimate.perGpu.kvCacheGiB.toFixed(2)}`,
    String(entry.observed.kvCacheTokens ?? '-'),
    String(estimate.kvCacheTokens),
    pct(tokenError),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(fmt)].join('\n');
}

describe('memory model calibrated against real vLLM startup logs', () => {
  const rows = evaluate(fixture.entries as unknown as LogEntry[]);
  const checks = evaluate(fixture.checks as unknown as LogEntry[]);

  afterAll(() => {
    const holdout = rows.filter((r) => r.entry.split === 'holdout' && r.tokenError !== undefined);
    const meanAbs = (rs: Row[]) => rs.reduce((s, r) => s + Math.abs(r.tokenError ?? 0), 0) / Math.max(1, rs.length);
    const calibration = rows.filter((r) => r.entry.split === 'calibration');
    // eslint-disable-next-line no-console
    console.log(`${table([...rows, ...checks])}\n\nmean |error| on kvCacheTokens: calibration ${pct(meanAbs(calibration))}, ` +
      `holdout ${pct(meanAbs(holdout))} (${holdout.length} logs)`);
  });

  test('the calibration set holds real logs with tokens, each naming its source', () => {
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const { entry } of rows) {
      const source = (fixture.entries as unknown as Array<{ id: string; source: { url: string | null; locator?: string } }>)
        .find((e) => e.id === entry.id)!.source;
      expect(source.url ?? source.locator).toBeTruthy();
      expect(entry.observed.kvCacheTokens).toBeGreaterThan(0);
    }
  });

  test(`at least ${REQUIRED_SHARE * 100}% of all logs are predicted within ±${TOLERANCE * 100}% on kvCacheTokens`, () => {
    const within = rows.filter((r) => Math.abs(r.tokenError!) <= TOLERANCE);
    expect(within.length / rows.length).toBeGreaterThanOrEqual(REQUIRED_SHARE);
  });

  test('weights match "Model loading took N GiB" within 1 %', () => {
    for (const { entry, estimate } of [...rows, ...checks]) {
      if (entry.observed.weightsGiB === undefined) continue;
      expect(Math.abs(relative(estimate.perGpu.weightsGiB, entry.observed.weightsGiB))).toBeLessThan(0.01);
    }
  });

  test('the "fits" verdict agrees with whether vLLM started', () => {
    for (const { entry, estimate } of checks) {
      expect(estimate.fits).toBe(entry.observed.fits);
      if (entry.observed.kvCacheGiB !== undefined) {
        // Available KV memory within 0.5 GiB of the log, even where it is tiny (gpt-oss-120b: 1.71 GiB).
        expect(Math.abs(estimate.perGpu.kvCacheGiB - entry.observed.kvCacheGiB)).toBeLessThan(0.8);
      }
    }
  });

  test('maximum concurrency follows the token count the way vLLM reports it', () => {
    for (const { entry, estimate } of rows) {
      if (entry.observed.maxConcurrency === undefined) continue;
      expect(Math.abs(relative(estimate.maxConcurrency, entry.observed.maxConcurrency))).toBeLessThan(TOLERANCE);
    }
  });
});
