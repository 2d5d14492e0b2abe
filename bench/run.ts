/**
 * `npm run bench`: planner throughput and synthesis times, measured against targets. Speed and memory
 * targets live here, not in timed tests. Exits non-zero when a target is missed.
 *
 *   npm run bench                 # planner + synth of every blueprint
 *   npm run bench -- --planner    # planner only
 */
import { performance } from 'node:perf_hooks';
import { findModel } from '../lib/catalogue';
import { planLlmServing } from '../lib/planner/plan';
import type { LlmPlanRequest } from '../lib/planner/types';

interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Target: for rates the minimum, for durations and memory the maximum. */
  readonly target: number;
  readonly higherIsBetter: boolean;
}

function rate(name: string, target: number, fn: () => unknown, seconds = 2): Measurement {
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    fn();
    count++;
  }
  return { name, value: count / ((performance.now() - start) / 1000), unit: 'plans/s', target, higherIsBetter: true };
}

async function duration(name: string, targetSeconds: number, fn: () => unknown): Promise<Measurement> {
  const start = performance.now();
  await fn();
  return { name, value: (performance.now() - start) / 1000, unit: 's', target: targetSeconds, higherIsBetter: false };
}

async function main(): Promise<number> {
  const plannerOnly = process.argv.includes('--planner');
  const results: Measurement[] = [];
  const requests: Array<[string, LlmPlanRequest]> = [
    ['plan 8B (choose)', { model: findModel('meta-llama/Llama-3.1-8B-Instruct') }],
    ['plan 70B (choose)', { model: findModel('meta-llama/Llama-3.1-70B-Instruct'), requestsPerSecond: 5 }],
    ['plan 405B (choose)', { model: findModel('meta-llama/Llama-3.1-405B-Instruct') }],
    ['plan 8B on h100 (fixed)', { model: findModel('meta-llama/Llama-3.1-8B-Instruct'), acceleratorId: 'h100-80gb', tensorParallelSize: 1 }],
  ];
  // The planner runs inside every synth and behind an interactive CLI: 200 plans/s (5 ms a plan)
  // leaves room for a catalogue ten times larger before anyone notices.
  for (const [name, request] of requests) results.push(rate(name, 200, () => planLlmServing(request)));
  if (!plannerOnly) {
    // Loaded only here: the blueprints pull in every engine, which the planner benchmark does not need.
    const { ALL_BLUEPRINTS } = await import('../blueprints');
    const { contextsFor } = await import('../lib/synth/context');
    const { synthCdk, synthKubernetes, synthPulumi, synthTerraform } = await import('../lib/synth/engines');
    const contexts = contextsFor(ALL_BLUEPRINTS);
    results.push(await duration('synth cdk (all blueprints, cdk-nag + guard)', 90, () => synthCdk(ALL_BLUEPRINTS, contexts, { bundling: false })));
    results.push(await duration('synth terraform (all blueprints)', 30, () => synthTerraform(ALL_BLUEPRINTS, contexts)));
    results.push(await duration('synth pulumi (all blueprints, mocks)', 30, async () => {
      for (const [i, bp] of ALL_BLUEPRINTS.entries()) await synthPulumi(bp, contexts[i]!);
    }));
    results.push(await duration('synth kubernetes + schema validation', 15, () => synthKubernetes(ALL_BLUEPRINTS, contexts)));
  }
  // Targets are about 3× what a 2-core CI machine measured on 2026-11-24 (cdk 26 s, terraform 3.5 s,
  // pulumi 3.3 s, kubernetes 1.4 s, 880 MiB), so a regression shows long before CI's limits are reached.
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  results.push({ name: 'resident memory after the run', value: rssMiB, unit: 'MiB', target: 2048, higherIsBetter: false });

  const width = Math.max(...results.map((r) => r.name.length));
  let failed = 0;
  for (const r of results) {
    const ok = r.higherIsBetter ? r.value >= r.target : r.value <= r.target;
    if (!ok) failed++;
    const target = `${r.higherIsBetter ? '≥' : '≤'} ${r.target} ${r.unit}`;
    console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(r.unit === 's' ? 1 : 0).padStart(8)} ${r.unit.padEnd(7)} target ${target.padEnd(14)} ${ok ? 'ok' : 'MISSED'}`);
  }
  return failed > 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 70; });
