/**
 * Scale benchmark (issue 10): one multi-model CDK app (platform stack + model stacks, see
 * stacks/cdk/multi-model-app.ts) with 1, 10, 50 and 200 model deployments, half SageMaker endpoints and
 * half vLLM services on the shared EKS cluster. Each count runs in a fresh child process, so that its peak
 * memory is that process's own maximum resident set (`process.resourceUsage().maxRSS`).
 *
 * What is timed: building the constructs and `app.synth()` (writing the cloud assembly), not loading
 * the modules. Validation plugins are off for every count (no cdk-nag, no cfn-guard, no built-in
 * CloudFormation validation): they scale with the templates too, but this measures the library. Every
 * template is checked against CloudFormation's quotas after synth (a count fails if one is over).
 *
 *   npm run bench -- --scale                  # only this benchmark
 *   node dist/bench/scale.js --counts 1,10     # other counts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** What one child reports for one count. */
export interface ScaleRun {
  readonly count: number;
  readonly stacks: number;
  readonly resources: number;
  /** Resources of the largest template. */
  readonly maxStackResources: number;
  /** Bytes of the largest template. */
  readonly maxTemplateBytes: number;
  readonly synthSeconds: number;
  readonly peakMiB: number;
  /** Templates over a CloudFormation quota (should be none). */
  readonly quotaFindings: number;
}

export const DEFAULT_SCALE_COUNTS = [1, 10, 50, 200] as const;

/**
 * Growth is linear when the cost of one more model does not rise with the number of models: the marginal
 * synth time per model over the last interval (e.g. 50 → 200) is within `factor` of the one over the
 * interval before (10 → 50). Fixed costs (the platform stack, module warm-up) cancel out of marginal costs,
 * which a plain seconds-per-model ratio would not allow: with a fixed cost of several seconds, per-model
 * time falls with the count even when growth is quadratic.
 */
export function marginalGrowth(runs: readonly ScaleRun[], pick: (r: ScaleRun) => number): { earlier: number; last: number; ratio: number } | undefined {
  if (runs.length < 3) return undefined;
  const [a, b, c] = runs.slice(-3) as [ScaleRun, ScaleRun, ScaleRun];
  const earlier = (pick(b) - pick(a)) / (b.count - a.count);
  const last = (pick(c) - pick(b)) / (c.count - b.count);
  // A non-positive earlier marginal cost (noise at small counts) cannot be a denominator: compare with the average instead.
  const base = earlier > 0 ? earlier : pick(c) / c.count;
  return { earlier, last, ratio: last / base };
}

/** Runs one count in this process: builds and synthesizes the app, prints one JSON line. */
async function child(count: number): Promise<void> {
  const { App } = await import('aws-cdk-lib');
  const { addMultiModelApp } = await import('../stacks/cdk/multi-model-app');
  const { exampleModelFleet } = await import('../lib/synth/example-model-fleet');
  const { CDK_FEATURE_FLAGS } = await import('../lib/synth/cdk-feature-flags');
  const { assemblyTemplateLimitFindings, assemblyTemplates, templateSize } = await import('../lib/validation/template-limits');
  const outdir = mkdtempSync(join(tmpdir(), 'aimd-scale-'));
  try {
    const start = performance.now();
    const app = new App({ outdir, context: { ...CDK_FEATURE_FLAGS, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    addMultiModelApp(app, { name: 'fleet', region: 'us-east-1', models: exampleModelFleet(count), securityChecks: false });
    app.synth();
    const synthSeconds = (performance.now() - start) / 1000;
    const sizes = [...assemblyTemplates(outdir).values()].map(({ template, body }) => templateSize(template, body));
    const run: ScaleRun = {
      count,
      stacks: sizes.length,
      resources: sizes.reduce((sum, s) => sum + s.resources, 0),
      maxStackResources: Math.max(...sizes.map((s) => s.resources)),
      maxTemplateBytes: Math.max(...sizes.map((s) => s.templateBytes)),
      synthSeconds,
      peakMiB: process.resourceUsage().maxRSS / 1024,
      quotaFindings: assemblyTemplateLimitFindings(outdir).length,
    };
    process.stdout.write(`${JSON.stringify(run)}\n`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Runs every count in its own child process, smallest first. */
export function runScaleBenchmark(counts: readonly number[] = DEFAULT_SCALE_COUNTS): ScaleRun[] {
  return counts.map((count) => {
    const result = spawnSync(process.execPath, [__filename, '--scale-child', String(count)], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    if (result.status !== 0 || !line.startsWith('{')) throw new Error(`scale benchmark with ${count} models failed (exit ${result.status}):\n${result.stderr.slice(-4000)}`);
    return JSON.parse(line) as ScaleRun;
  });
}

/** The table the benchmark prints. */
export function formatScaleTable(runs: readonly ScaleRun[]): string {
  const header = ['models', 'stacks', 'resources', 'max/stack', 'max KiB', 'synth s', 'peak MiB', 's/model'];
  const rows = runs.map((r) => [
    String(r.count), String(r.stacks), String(r.resources), String(r.maxStackResources), (r.maxTemplateBytes / 1024).toFixed(0),
    r.synthSeconds.toFixed(2), r.peakMiB.toFixed(0), (r.synthSeconds / r.count).toFixed(3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padStart(widths[i]!)).join('  ')).join('\n');
}

if (require.main === module) {
  const childAt = process.argv.indexOf('--scale-child');
  if (childAt >= 0) {
    child(Number(process.argv[childAt + 1])).catch((error) => { console.error(error); process.exitCode = 70; });
  } else {
    const countsAt = process.argv.indexOf('--counts');
    const counts = countsAt >= 0 ? process.argv[countsAt + 1]!.split(',').map(Number) : DEFAULT_SCALE_COUNTS;
    const runs = runScaleBenchmark(counts);
    console.log(formatScaleTable(runs));
    const time = marginalGrowth(runs, (r) => r.synthSeconds);
    if (time) console.log(`marginal synth time per model: ${time.earlier.toFixed(3)} s then ${time.last.toFixed(3)} s (×${time.ratio.toFixed(2)}; linear when ≤ 2)`);
  }
}
