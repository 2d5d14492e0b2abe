/**
 * The memory model against real vLLM startup logs (test/fixtures/vllm-startup-logs.json).
 *
 * GIVEN each public log's model, GPU and settings
 * WHEN the model predicts vLLM's "GPU KV cache size: N tokens" / "# GPU blocks: N" × 16
 *   (a) told the log's release (`vllmVersion`), with every setting the log shows or implies, and
 *   (b) the way `aimd plan ... --vllm-version <release> --json` is asked: only the settings the log shows,
 *       the catalogue's GPU memory, and every other default filled in by the planner
 *   (c) the same without `--vllm-version`: the release of the image the constructs deploy
 * THEN at least 90 % of the predictions are within ±10 % of what vLLM printed in (a) and (b), (b) is never
 * worse than (c), and the table of errors is printed so that a regression shows which log moved. (c) is
 * printed, not held to a share: it answers for the deployed release, not for the log's.
 */
import { findModel, getAccelerator } from '../../lib/catalogue';
import type { AcceleratorSpec, ModelArchitecture } from '../../lib/catalogue/types';
import { servingConfigFor } from '../../lib/planner/candidates';
import { estimateMemory } from '../../lib/planner/memory';
import type { KvCacheDtype, LlmPlanRequest, MemoryEstimate, Quantization, ServingConfig } from '../../lib/planner/types';
import { MODELLED_VLLM_VERSION, usesV1Engine } from '../../lib/planner/vllm-defaults';
import fixture from '../fixtures/vllm-startup-logs.json';

interface LogEntry {
  readonly id: string;
  readonly split: 'calibration' | 'holdout';
  readonly source: { readonly url: string | null; readonly locator?: string };
  readonly vllmVersion: string | null;
  readonly vllmVersionInferred?: string;
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
  readonly flashInferSampler?: boolean;
  readonly assumedDefaults: readonly string[];
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
const entries = fixture.entries as unknown as LogEntry[];
const checks = fixture.checks as unknown as LogEntry[];

function modelFor(id: string): ModelArchitecture {
  const inline = (fixture.models as unknown as ModelArchitecture[]).find((m) => m.id === id || m.aliases.includes(id));
  return inline ?? findModel(id);
}

function catalogueAccelerator(entry: LogEntry): AcceleratorSpec {
  const inline = (fixture.accelerators as unknown as AcceleratorSpec[]).find((a) => a.id === entry.acceleratorId);
  return inline ?? getAccelerator(entry.acceleratorId);
}

/** Whether `aimd plan` can plan the log's GPU at all (GPUs defined only in the fixture cannot be). */
const plannable = (entry: LogEntry) => !(fixture.accelerators as unknown as AcceleratorSpec[]).some((a) => a.id === entry.acceleratorId);

/** The release the log ran, shown or inferred from its format. */
const releaseOf = (entry: LogEntry): string | undefined => entry.vllmVersion ?? entry.vllmVersionInferred;

/** (a) Every setting of the log, its release and its GPU's logged total memory. */
function configFor(entry: LogEntry): ServingConfig {
  const base = catalogueAccelerator(entry);
  const release = releaseOf(entry);
  return {
    model: modelFor(entry.modelId),
    accelerator: entry.acceleratorMemoryGiBLogged ? { ...base, memoryGiBReported: entry.acceleratorMemoryGiBLogged } : base,
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
    ...(entry.flashInferSampler !== undefined ? { flashInferSampler: entry.flashInferSampler } : {}),
    ...(release ? { vllmVersion: release } : {}),
  };
}

/** Whether the log itself shows a setting (settings named in assumedDefaults were filled in by us). */
const shows = (entry: LogEntry, field: string) => !entry.assumedDefaults.some((a) => a.split(' ')[0] === field);

/**
 * (b) What `aimd plan` is asked when only the log's visible settings are passed: with `--vllm-version` set
 * to the log's release (`withRelease`), or without it (the deployed image's release).
 */
function cliConfigFor(entry: LogEntry, withRelease = false): ServingConfig {
  const model = modelFor(entry.modelId);
  const release = releaseOf(entry);
  const request: LlmPlanRequest = {
    model,
    ...(withRelease && release ? { vllmVersion: release } : {}),
    // `--flashinfer-sampler off` where the log ran a pip install without FlashInfer (it says so, or its numbers do).
    ...(withRelease && entry.flashInferSampler !== undefined ? { flashInferSampler: entry.flashInferSampler } : {}),
    tensorParallelSize: entry.tp,
    pipelineParallelSize: entry.pp,
    maxModelLen: entry.maxModelLen,
    gpuMemoryUtilization: entry.gpuMemoryUtilization,
    ...(entry.quantization !== 'none' ? { quantization: entry.quantization as Quantization } : {}),
    ...(entry.kvCacheDtype !== 'auto' ? { kvCacheDtype: entry.kvCacheDtype as KvCacheDtype } : {}),
    ...(shows(entry, 'maxNumSeqs') ? { maxNumSeqs: entry.maxNumSeqs } : {}),
    ...(shows(entry, 'maxNumBatchedTokens') ? { maxNumBatchedTokens: entry.maxNumBatchedTokens } : {}),
  };
  return servingConfigFor(model, catalogueAccelerator(entry), { tensorParallelSize: entry.tp, pipelineParallelSize: entry.pp }, request);
}

interface Row {
  readonly entry: LogEntry;
  readonly versioned: MemoryEstimate;
  /** `aimd plan --vllm-version <the log's release>`. */
  readonly cliRelease: MemoryEstimate;
  /** `aimd plan` without a release: the deployed image's. */
  readonly cli: MemoryEstimate;
  readonly versionedError?: number;
  readonly cliReleaseError?: number;
  readonly cliError?: number;
}

const relative = (predicted: number, observed: number) => predicted / observed - 1;
const pct = (x: number | undefined) => (x === undefined ? '' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);

function evaluate(list: readonly LogEntry[]): Row[] {
  return list.map((entry) => {
    const versioned = estimateMemory(configFor(entry));
    const cliRelease = estimateMemory(cliConfigFor(entry, true));
    const cli = estimateMemory(cliConfigFor(entry));
    const observed = entry.observed.kvCacheTokens;
    const error = (e: MemoryEstimate) => (observed ? relative(e.kvCacheTokens, observed) : undefined);
    return { entry, versioned, cliRelease, cli, versionedError: error(versioned), cliReleaseError: error(cliRelease), cliError: error(cli) };
  });
}

function table(rows: readonly Row[]): string {
  const header = ['log', 'split', 'release', 'engine', 'weights GiB (obs/pred)', 'KV GiB (obs/pred)', 'tokens observed',
    'predicted (release)', 'error', 'aimd plan --vllm-version', 'error', `aimd plan (no release: ${MODELLED_VLLM_VERSION})`, 'error'];
  const lines = rows.map(({ entry, versioned, cliRelease, cli, versionedError, cliReleaseError, cliError }) => {
    const release = releaseOf(entry);
    const cell = (e: MemoryEstimate, error: number | undefined) =>
      [`${e.kvCacheTokens}${plannable(entry) ? '' : ' (GPU not plannable)'}`, plannable(entry) ? pct(error) : `(${pct(error)})`];
    return [
      entry.id,
      entry.split,
      release ? `${release}${entry.vllmVersion ? '' : ' (inferred)'}` : '-',
      release ? (usesV1Engine(release) ? 'V1' : 'V0') : '?',
      `${entry.observed.weightsGiB ?? '-'} / ${versioned.perGpu.weightsGiB.toFixed(2)}`,
      `${entry.observed.kvCacheGiB ?? '-'} / ${versioned.perGpu.kvCacheGiB.toFixed(2)}`,
      String(entry.observed.kvCacheTokens ?? '-'),
      String(versioned.kvCacheTokens),
      pct(versionedError),
      ...cell(cliRelease, cliReleaseError),
      ...cell(cli, cliError),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(fmt)].join('\n');
}

/** Logs the \`aimd plan\` check can ask about: their GPU is in the catalogue. */
const cliRows = (rows: readonly Row[]) => rows.filter((r) => plannable(r.entry));

const share = (rows: readonly Row[], error: (r: Row) => number | undefined) =>
  rows.filter((r) => Math.abs(error(r) ?? Infinity) <= TOLERANCE).length / Math.max(1, rows.length);
const meanAbs = (rows: readonly Row[], error: (r: Row) => number | undefined) =>
  rows.reduce((s, r) => s + Math.abs(error(r) ?? 0), 0) / Math.max(1, rows.length);

/**
 * How far `--vllm-version` may be worse than the default on one log: settings the log does not show are
 * filled with the planner's defaults in both, so a release can only be held to the default's error plus
 * this much (one percentage point).
 */
const RELEASE_SLACK = 0.01;

describe('memory model calibrated against real vLLM startup logs', () => {
  const rows = evaluate(entries);
  const checkRows = evaluate(checks);

  afterAll(() => {
    const summary = (['calibration', 'holdout'] as const).map((split) => {
      const part = rows.filter((r) => r.entry.split === split);
      const cliPart = cliRows(part);
      return `${split} (${part.length} logs): mean |error| ${pct(meanAbs(part, (r) => r.versionedError))} with every setting of the log, ` +
        `${pct(meanAbs(cliPart, (r) => r.cliReleaseError))} as \`aimd plan --vllm-version\`, ${pct(meanAbs(cliPart, (r) => r.cliError))} ` +
        `without a release (${cliPart.length} on catalogue GPUs); within ±10 %: ${pct(share(part, (r) => r.versionedError))} / ` +
        `${pct(share(cliPart, (r) => r.cliReleaseError))} / ${pct(share(cliPart, (r) => r.cliError))}`;
    });
    // eslint-disable-next-line no-console
    console.log(`${table([...rows, ...checkRows])}\n\n${summary.join('\n')}`);
  });

  test('the calibration set holds real logs with tokens, each naming its source', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const { entry } of rows) {
      expect(entry.source.url ?? entry.source.locator).toBeTruthy();
      expect(entry.observed.kvCacheTokens).toBeGreaterThan(0);
    }
    expect(rows.filter((r) => r.entry.split === 'holdout').length).toBeGreaterThanOrEqual(5);
  });

  test(`told the log's release, at least ${REQUIRED_SHARE * 100}% of the logs are within ±${TOLERANCE * 100}% on kvCacheTokens`, () => {
    expect(share(rows, (r) => r.versionedError)).toBeGreaterThanOrEqual(REQUIRED_SHARE);
  });

  test(`asked like \`aimd plan --vllm-version <the log's release>\`, at least ${REQUIRED_SHARE * 100}% of the logs on catalogue GPUs are within ±${TOLERANCE * 100}%`, () => {
    expect(share(cliRows(rows), (r) => r.cliReleaseError)).toBeGreaterThanOrEqual(REQUIRED_SHARE);
  });

  test('GIVEN any log WHEN `--vllm-version` names its release THEN the prediction is no worse than the default release\'s (issue 9)', () => {
    for (const r of cliRows(rows)) {
      if (r.cliReleaseError === undefined || r.cliError === undefined || releaseOf(r.entry) === undefined) continue;
      expect({ log: r.entry.id, error: Math.abs(r.cliReleaseError) <= Math.abs(r.cliError) + RELEASE_SLACK })
        .toEqual({ log: r.entry.id, error: true });
    }
  });

  test('GIVEN the v0.10.1 A100 log at gpu_memory_utilization 0.25 WHEN asked with --vllm-version 0.10.1 THEN the official image\'s FlashInfer sampler is assumed and the KV cache is within 3 %', () => {
    // vLLM v0.10.x samples with FlashInfer when it is installed, as in the official image (topk_topp_sampler.py,
    // VLLM_USE_FLASHINFER_SAMPLER unset = on); charging the sort-based sampler (256 × 152,064 × 38 B = 1.38 GiB
    // instead of 0.51 GiB) reserved about 0.9 GiB too much and predicted 4.1 of the 5.01 GiB the log shows.
    const entry = entries.find((e) => e.id === 'a100-80gb-qwen2-7b-16k-util-0.25-v0.10.1')!;
    // Without --flashinfer-sampler: the release's own default decides.
    const estimate = estimateMemory({ ...cliConfigFor(entry, true), flashInferSampler: undefined, vllmVersion: '0.10.1' });
    expect(estimate.perGpu.activationPeakGiB).toBeLessThan(0.7);
    expect(Math.abs(relative(estimate.kvCacheTokens, entry.observed.kvCacheTokens!))).toBeLessThan(0.03);
  });

  test('weights match "Model loading took N GiB" within 1 %', () => {
    for (const { entry, versioned } of [...rows, ...checkRows]) {
      if (entry.observed.weightsGiB === undefined) continue;
      expect(Math.abs(relative(versioned.perGpu.weightsGiB, entry.observed.weightsGiB))).toBeLessThan(0.01);
    }
  });

  test('the "fits" verdict, the available KV memory and the concurrency of the checks agree with the logs', () => {
    for (const { entry, versioned } of checkRows) {
      if (entry.observed.fits !== undefined) expect(versioned.fits).toBe(entry.observed.fits);
      if (entry.observed.kvCacheGiB !== undefined) {
        // Within 0.8 GiB of the log, even where it is tiny (gpt-oss-120b: 1.71 GiB).
        expect(Math.abs(versioned.perGpu.kvCacheGiB - entry.observed.kvCacheGiB)).toBeLessThan(0.8);
      }
      if (entry.observed.maxConcurrency !== undefined) {
        expect(Math.abs(relative(versioned.maxConcurrency, entry.observed.maxConcurrency))).toBeLessThan(TOLERANCE);
      }
    }
  });

  test('maximum concurrency follows the token count the way vLLM reports it', () => {
    for (const { entry, versioned } of rows) {
      if (entry.observed.maxConcurrency === undefined) continue;
      expect(Math.abs(relative(versioned.maxConcurrency, entry.observed.maxConcurrency))).toBeLessThan(TOLERANCE);
    }
  });
});
