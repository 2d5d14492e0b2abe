/**
 * Wall times of the engines' own CLI paths, measured as a user runs them: `cdk ls` and
 * `cdk synth -c blueprint=llm-eks` through the real CDK CLI and cdk.json, and the benchmark peer (a
 * cdk-eks-blueprints 1.19 GPU cluster, bench/peer/eks-blueprints-gpu.ts) through the same CLI with the
 * same aws-cdk-lib. Runs alternate ours and the peer's and keep the median, so that a burst of load on a
 * shared machine hits both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../lib/synth/project-files';

/** One timed CLI run: wall seconds, or the failure. */
export interface CliRun {
  readonly seconds: number;
  readonly ok: boolean;
  readonly output: string;
}

/** Runs `cdk <args>` from the project root with a fresh output folder, as a user would (no telemetry, no notices). */
export function timeCdk(args: readonly string[]): CliRun {
  const root = projectRoot();
  const outdir = mkdtempSync(join(tmpdir(), 'aimd-bench-cdk-'));
  try {
    const start = performance.now();
    const result = spawnSync(process.execPath, [join(root, 'node_modules', 'aws-cdk', 'bin', 'cdk'), ...args, '--no-notices', '-o', outdir], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      maxBuffer: 64 * 2 ** 20,
    });
    const seconds = (performance.now() - start) / 1000;
    return { seconds, ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The peer app's entry in the build, or undefined when the peer package is not installed. */
export function peerApp(): string | undefined {
  const root = projectRoot();
  const installed = existsSync(join(root, 'node_modules', '@aws-quickstart', 'eks-blueprints', 'package.json'));
  const app = join(root, 'dist', 'bench', 'peer', 'eks-blueprints-gpu.js');
  return installed && existsSync(app) ? app : undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall times of `cdk synth` of llm-eks (default checks) and of the peer, runs interleaved. */
export function synthAgainstPeer(runs: number, app: string): { ours: number; peer: number } {
  const ours: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(mustSucceed(timeCdk(['synth', '-q', '-c', 'blueprint=llm-eks']), 'cdk synth -c blueprint=llm-eks'));
    peer.push(mustSucceed(timeCdk(['synth', '-q', '--app', `node ${app}`]), 'cdk synth (peer)'));
  }
  return { ours: median(ours), peer: median(peer) };
}

/** The run's wall time; throws with the CLI's output when it failed (a failed synth has no meaningful time). */
export function mustSucceed(run: CliRun, what: string): number {
  if (!run.ok) throw new Error(`${what} failed:\n${run.output.slice(-4000)}`);
  return run.seconds;
}
