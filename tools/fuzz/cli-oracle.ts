/**
 * The oracle of one `aimd` command line, run in-process (lib/cli/main.ts `main`) in its own temporary
 * folder as the working directory, offline (HF_HUB_OFFLINE=1, an empty Hugging Face cache):
 * - exit 0: accepted; a synth wrote `<out>/summary.json` and its output is valid.
 * - exit 2 (bad input) or 1 (no configuration fits): refused; every line on stderr is a header
 *   (`error: ... has N problems:`) or one problem naming a field or flag, the value and a fix
 *   (`- --flag (value): message. Fix: ...` or `file:line:col field (value): message. Fix: ...`), an
 *   infeasible plan's reasons and suggestions, or a progress line; and the folder holds exactly what
 *   it held before (no partial `out/`, no staging folder, no half-written file).
 * Anything else is an escape: exit 70 (an internal error with its stack), any other exit code, a stack
 * trace or `undefined` on stderr, a malformed problem line, a left-over file, or a throw out of main.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../lib/cli/main';
import type { CliCase } from './cli-arbitraries';
import { specText, unquoted } from './spec-oracle';

export type CliOutcome =
  | { readonly kind: 'accepted'; readonly command: string }
  | { readonly kind: 'refused'; readonly command: string; readonly fields: readonly string[] }
  | { readonly kind: 'escape'; readonly command: string; readonly reason: string };

const HEADER = /^(error: )?(.+ has \d+ problems?:|\d+ spec file\(s\) cannot be synthesized:)$/;
/** `- field (value): message. Fix: fix` or `file:line:col field (value): message. Fix: fix`. */
const PROBLEM = /^(- |\S+:\d+:\d+ |\([^)]+\):\d+:\d+ )(\([^)]+\)|\S+) \(.*\): .+\. Fix: .+$/;
const PROGRESS = /^\[\d+\.\d+s\] /;
const STACK = /^\s+at .+(:\d+:\d+\)?|native\)?)$/m;

function listing(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = join(prefix, name);
    out.push(rel);
    if (statSync(join(dir, rel)).isDirectory()) out.push(...listing(dir, rel));
  }
  return out;
}

/** The last `--out` value of argv (as parseArgs keeps it). */
function outFlag(argv: readonly string[]): string | undefined {
  let out: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--out') out = argv[i + 1];
    else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
  });
  return out;
}

/** Writes the case's files into a fresh folder. */
export function prepareCase(c: CliCase, root = tmpdir()): string {
  const dir = mkdtempSync(join(root, 'aimd-fuzz-cli-'));
  for (const file of c.files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof file.content === 'string' ? file.content : specText(file.content));
  }
  return dir;
}

/** Why stderr of a refusal is not one line per problem, or undefined when it is. */
export function refusalTextDefect(stderr: string, exitCode: number): string | undefined {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return 'refused without a message';
  if (STACK.test(stderr)) return 'stack trace on stderr';
  if (/\bundefined\b(?! \()|\[object Object\]/.test(unquoted(stderr).replace(/\(undefined\)/g, ''))) return `stderr leaks 'undefined' or '[object Object]': ${lines.find((l) => /undefined|\[object Object\]/.test(l))}`;
  if (/^Unknown command '.*'\.$/.test(lines[0]!)) return undefined;
  let infeasible = false;
  for (const line of lines) {
    const text = line.replace(/^error: /, '');
    if (HEADER.test(line) || PROGRESS.test(line)) continue;
    if (PROBLEM.test(text)) continue;
    // A plan no configuration serves (exit 1): its reasons, then "What would work:" and suggestions.
    if (exitCode === 1 && (infeasible || line.startsWith('error: '))) {
      infeasible = true;
      continue;
    }
    return `not one line per problem: '${line.slice(0, 160)}'`;
  }
  return undefined;
}

/** Runs one case; restores the working directory and environment afterwards. */
export async function judgeCli(c: CliCase, root?: string): Promise<CliOutcome> {
  const command = c.argv[0] ?? '';
  const dir = prepareCase(c, root);
  const before = listing(dir);
  const cwd = process.cwd();
  const env = { HF_HUB_OFFLINE: process.env.HF_HUB_OFFLINE, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, CDK_DEFAULT_ACCOUNT: process.env.CDK_DEFAULT_ACCOUNT };
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    process.chdir(dir);
    process.env.HF_HUB_OFFLINE = '1';
    process.env.XDG_CACHE_HOME = join(dir, '.no-cache');
    delete process.env.CDK_DEFAULT_ACCOUNT;
    try {
      code = await main(c.argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    } catch (error) {
      return { kind: 'escape', command, reason: `main threw: ${(error as Error)?.stack ?? String(error)}` };
    }
    const stderr = err.join('\n');
    const stdout = out.join('\n');
    if (code === 0) {
      if (STACK.test(stderr) || STACK.test(stdout)) return { kind: 'escape', command, reason: 'stack trace in the output of an accepted run' };
      if (command === 'synth' && !c.argv.some((a) => a === '--help' || a === '-h')) {
        const out = outFlag(c.argv) ?? 'out';
        if (!existsSync(join(dir, out, 'summary.json'))) return { kind: 'escape', command, reason: `synth exited 0 without ${out}/summary.json` };
      }
      return { kind: 'accepted', command };
    }
    if (code === 1 && /Invalid output:/.test(stdout)) return { kind: 'escape', command, reason: `accepted input produced invalid output:\n${stdout.split('Invalid output:')[1]!.split('\n').slice(1, 4).join('\n')}` };
    if (code !== 1 && code !== 2) return { kind: 'escape', command, reason: `exit ${code}: ${stderr.split('\n').slice(0, 6).join('\n')}` };
    const defect = refusalTextDefect(stderr, code);
    if (defect) return { kind: 'escape', command, reason: `${defect}\n${stderr.split('\n').slice(0, 4).join('\n')}` };
    const after = listing(dir).filter((p) => !p.startsWith('.no-cache'));
    const added = after.filter((p) => !before.includes(p));
    if (added.length > 0) return { kind: 'escape', command, reason: `refused but left ${added.slice(0, 5).join(', ')}` };
    const fields = stderr.split('\n').map((l) => PROBLEM.exec(l.replace(/^error: /, ''))?.[2]).filter((f): f is string => f !== undefined);
    return { kind: 'refused', command, fields: fields.length > 0 ? fields : [code === 1 ? '(infeasible)' : '(command)'] };
  } finally {
    process.chdir(cwd);
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a case as a real process (`node bin/aimd.js`, needs dist/ built) and returns its exit code and
 * stderr: the runner compares them with the in-process run, which cannot see an unhandled rejection
 * or a crash of the process itself.
 */
export function runCliProcess(c: CliCase, binPath: string, root?: string): { code: number | null; stderr: string } {
  const dir = prepareCase(c, root);
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, HF_HUB_OFFLINE: '1', XDG_CACHE_HOME: join(dir, '.no-cache') };
    delete env.CDK_DEFAULT_ACCOUNT;
    const run = spawnSync(process.execPath, [binPath, ...c.argv], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    return { code: run.status, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
