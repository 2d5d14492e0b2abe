/**
 * `npm run fuzz`: property-based fuzzing of the deployment spec and the `aimd` command line.
 *
 *   npm run fuzz -- [--cases 10000] [--seed S] [--cli-percent 10] [--k8s-samples 20] [--cdk-samples 5]
 *                   [--full-samples 1] [--process-samples 10] [--replay spec|cli --seed S --path P]
 *
 * Prints counts (accepted by target/runtime, refused by field, escapes with what reproduces them) and
 * exits 1 on any escape. See docs/fuzzing.md.
 */
import fc from 'fast-check';
import type { Blueprint, BlueprintContext } from '../../blueprints/blueprint';
import { cliCaseArb } from './cli-arbitraries';
import { join } from 'node:path';
import { judgeCli, runCliProcess } from './cli-oracle';
import { renderAndValidate, renderFailure, type RenderEngine } from './render-oracle';
import { specCaseArb, validSpecFor } from './spec-arbitraries';
import { judgeSpec } from './spec-oracle';

interface Options {
  cases: number;
  seed: number;
  cliPercent: number;
  k8sSamples: number;
  cdkSamples: number;
  fullSamples: number;
  processSamples: number;
  replay?: 'spec' | 'cli';
  path?: string;
}

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { cases: 10_000, seed: Date.now() % 2 ** 31, cliPercent: 10, k8sSamples: 20, cdkSamples: 5, fullSamples: 1, processSamples: 10 };
  const keys: Record<string, keyof Options> = { '--cases': 'cases', '--seed': 'seed', '--cli-percent': 'cliPercent', '--k8s-samples': 'k8sSamples', '--cdk-samples': 'cdkSamples', '--full-samples': 'fullSamples', '--process-samples': 'processSamples', '--replay': 'replay', '--path': 'path' };
  for (let i = 0; i < argv.length; i++) {
    const key = keys[argv[i]!];
    const value = argv[i + 1];
    if (!key || value === undefined) throw new Error(`unknown or incomplete option '${argv[i]}' (see tools/fuzz/run.ts)`);
    (o as unknown as Record<string, unknown>)[key] = key === 'replay' || key === 'path' ? value : Number(value);
    i++;
  }
  return o;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function top(map: Map<string, number>, n: number): string {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `    ${String(v).padStart(6)}  ${k}`).join('\n');
}

interface Escape {
  readonly family: 'spec' | 'cli' | 'render';
  readonly index: number;
  readonly reason: string;
}

/** Replays one case from its seed and path, shrinking it, and prints the smallest input that escapes. */
async function replay(o: Options): Promise<number> {
  const params = { seed: o.seed, path: o.path, numRuns: 1, endOnFailure: false };
  let first: unknown;
  const keep = <T>(c: T): T => {
    first ??= c;
    return c;
  };
  const result = o.replay === 'cli'
    ? await fc.check(fc.asyncProperty(cliCaseArb, async (c) => (await judgeCli(keep(c))).kind !== 'escape'), params)
    : fc.check(fc.property(specCaseArb, (c) => judgeSpec(keep(c)).kind !== 'escape'), params);
  if (!result.failed) {
    // A render escape: the spec was accepted; print it for `aimd synth --spec`.
    console.log(`No escape of the ${o.replay} oracle at --seed ${o.seed} --path ${o.path}; the case is:`);
    console.log(JSON.stringify(first, null, 2));
    return 0;
  }
  const example = result.counterexample![0] as { argv?: string[]; spec?: unknown; broken?: unknown; format?: string };
  const outcome = o.replay === 'cli' ? await judgeCli(example as never) : judgeSpec(example as never);
  console.log(`Smallest escaping input (shrunk, path ${result.counterexamplePath}):`);
  console.log(JSON.stringify(o.replay === 'cli' ? { argv: example.argv, spec: (example as { files: Array<{ content: unknown }> }).files?.[0]?.content } : example, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2));
  console.log(`Outcome: ${JSON.stringify(outcome, null, 2)}`);
  return 1;
}

async function run(o: Options): Promise<number> {
  const started = Date.now();
  const cliCases = Math.round((o.cases * o.cliPercent) / 100);
  const specCases = o.cases - cliCases;
  const escapes: Escape[] = [];
  const accepted = new Map<string, number>();
  const refusedBy = new Map<string, number>();
  let refused = 0;
  let infeasible = 0;
  // Accepted specs kept for rendering: the first few per target kind.
  const samples = new Map<string, Array<{ index: number; blueprint: Blueprint; context: BlueprintContext }>>();

  let index = 0;
  fc.check(fc.property(specCaseArb, (c) => {
    const i = index++;
    const outcome = judgeSpec(c);
    if (outcome.kind === 'escape') escapes.push({ family: 'spec', index: i, reason: outcome.reason });
    else if (outcome.kind === 'accepted') {
      bump(accepted, outcome.target);
      const kind = outcome.target.split('/')[0]!;
      const list = samples.get(kind) ?? [];
      if (list.length < Math.max(o.k8sSamples, o.cdkSamples, o.fullSamples)) list.push({ index: i, blueprint: outcome.blueprint, context: outcome.context });
      samples.set(kind, list);
    } else {
      refused++;
      if (outcome.infeasible) infeasible++;
      for (const field of new Set(outcome.fields)) bump(refusedBy, field);
    }
    return true;
  }), { seed: o.seed, numRuns: specCases });
  const specSeconds = (Date.now() - started) / 1000;

  // Rendering: plain Kubernetes for up to k8sSamples EKS specs; CDK for cdkSamples specs spread over the
  // target kinds; Terraform and Pulumi as well for fullSamples of them.
  const renderStarted = Date.now();
  const renders = new Map<RenderEngine, { ok: number; failed: number }>();
  const render = async (sample: { index: number; blueprint: Blueprint; context: BlueprintContext }, engine: RenderEngine) => {
    const result = await renderAndValidate(sample.blueprint, sample.context, engine);
    const counts = renders.get(engine) ?? { ok: 0, failed: 0 };
    const failure = renderFailure(result);
    if (failure) {
      counts.failed++;
      escapes.push({ family: 'render', index: sample.index, reason: failure });
    } else counts.ok++;
    renders.set(engine, counts);
  };
  // Few random specs plan on EKS: top the sample up with valid EKS/vLLM specs (indexes from 1,000,000 on).
  const eks = samples.get('eks') ?? [];
  if (eks.length < o.k8sSamples) {
    fc.sample(validSpecFor('eks', 'vllm'), { seed: o.seed, numRuns: o.k8sSamples * 10 }).forEach((c, i) => {
      const outcome = eks.length < o.k8sSamples ? judgeSpec(c) : undefined;
      if (outcome?.kind === 'accepted') eks.push({ index: 1_000_000 + i, blueprint: outcome.blueprint, context: outcome.context });
      else if (outcome?.kind === 'escape') escapes.push({ family: 'spec', index: 1_000_000 + i, reason: outcome.reason });
    });
    samples.set('eks', eks);
  }
  for (const sample of eks.slice(0, o.k8sSamples)) await render(sample, 'kubernetes');
  const spread = [...samples.values()].flatMap((list) => list.slice(0, 1)).concat([...samples.values()].flatMap((list) => list.slice(1)));
  for (const [n, sample] of spread.slice(0, o.cdkSamples).entries()) {
    await render(sample, 'cdk');
    if (n < o.fullSamples) {
      await render(sample, 'terraform');
      await render(sample, 'pulumi');
    }
  }
  const renderSeconds = (Date.now() - renderStarted) / 1000;

  const cliStarted = Date.now();
  const cliAccepted = new Map<string, number>();
  const cliRefused = new Map<string, number>();
  let cliIndex = 0;
  let cliRefusedCount = 0;
  let processRuns = 0;
  if (cliCases > 0) {
    await fc.check(fc.asyncProperty(cliCaseArb, async (c) => {
      const i = cliIndex++;
      const outcome = await judgeCli(c);
      // The first few also run as real processes: the exit code must be the same.
      if (i < o.processSamples) {
        const run = runCliProcess(c, join(__dirname, '..', '..', '..', 'bin', 'aimd.js'));
        const expected = outcome.kind === 'accepted' ? [0] : outcome.kind === 'refused' ? [1, 2] : undefined;
        processRuns++;
        if (expected && !expected.includes(run.code ?? -1)) {
          escapes.push({ family: 'cli', index: i, reason: `aimd ${c.argv.join(' ')}\n      as a process: exit ${run.code} (in-process: ${outcome.kind}): ${run.stderr.split('\n').slice(0, 4).join(' | ')}` });
        }
      }
      if (outcome.kind === 'escape') escapes.push({ family: 'cli', index: i, reason: `aimd ${c.argv.join(' ')}\n      ${outcome.reason}` });
      else if (outcome.kind === 'accepted') bump(cliAccepted, outcome.command);
      else {
        cliRefusedCount++;
        for (const field of new Set(outcome.fields)) bump(cliRefused, `${outcome.command} ${field}`);
      }
      return true;
    }), { seed: o.seed, numRuns: cliCases });
  }
  const cliSeconds = (Date.now() - cliStarted) / 1000;

  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const lines = [
    `aimd fuzz: ${o.cases} cases, seed ${o.seed}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `  spec cases: ${specCases} in ${specSeconds.toFixed(1)} s: accepted ${sum(accepted)}, refused ${refused} (of which infeasible ${infeasible}), escapes ${escapes.filter((e) => e.family === 'spec').length}`,
    '  accepted by target/runtime:', top(accepted, 20),
    '  refused, by field named (top 25):', top(refusedBy, 25),
    `  rendered samples in ${renderSeconds.toFixed(1)} s: ${[...renders.entries()].map(([e, c]) => `${e} ${c.ok} valid / ${c.failed} invalid`).join(', ') || 'none'}`,
    `  cli cases: ${cliCases} in ${cliSeconds.toFixed(1)} s: accepted ${sum(cliAccepted)}, refused ${cliRefusedCount}, escapes ${escapes.filter((e) => e.family === 'cli').length}`,
    `  of which run as processes too (node bin/aimd.js): ${processRuns}`,
    '  cli accepted by command:', top(cliAccepted, 10),
    '  cli refused, by command and flag/field (top 15):', top(cliRefused, 15),
    `  escapes: ${escapes.length}`,
  ];
  console.log(lines.filter((l) => l !== '').join('\n'));
  const shown = new Set<string>();
  for (const e of escapes) {
    const key = `${e.family}:${e.reason.split('\n')[0]!.replace(/'[^']*'|\d+/g, '_')}`;
    if (shown.has(key)) continue;
    shown.add(key);
    const how = `npm run fuzz -- --replay ${e.family === 'render' ? 'spec' : e.family} --seed ${o.seed} --path ${e.index}`;
    console.log(`  ESCAPE [${e.family}] ${e.reason.split('\n').join('\n      ')}\n      reproduce: ${how}`);
  }
  return escapes.length > 0 ? 1 : 0;
}

const options = parseOptions(process.argv.slice(2));
(options.replay ? replay(options) : run(options)).then((code) => {
  process.exitCode = code;
}, (error) => {
  console.error(error);
  process.exitCode = 70;
});
