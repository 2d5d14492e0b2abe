/**
 * A fresh project that uses the packed package the way a user's does: `npm pack` output extracted into
 * its node_modules (the files and exports a user gets), the package's dependencies and the engine peers
 * linked from this checkout's node_modules (same versions, no registry), the README's examples compiled
 * with `cdk init`'s tsconfig (NodeNext) and run with plain node.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const EXAMPLES = join(ROOT, 'examples');

/** Packs the built package (`npm ci` / `npm run build` made dist/) and returns the tarball. */
export function packPackage(destination: string): string {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [{ filename }] = JSON.parse(out) as Array<{ filename: string }>;
  return join(destination, filename);
}

function link(consumer: string, name: string): void {
  const target = join(consumer, 'node_modules', name);
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', name), target, 'dir');
}

/**
 * A project with the package installed from `tarball`, plus `peers` (the engines it uses) and @types/node.
 * @returns its directory
 */
export function createConsumer(tarball: string, peers: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'aimd-consumer-'));
  mkdirSync(join(dir, 'node_modules'));
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  renameSync(join(dir, 'package'), join(dir, 'node_modules', 'ai-model-deployment'));
  const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', 'ai-model-deployment', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of new Set([...Object.keys(manifest.dependencies), ...peers, '@types/node'])) link(dir, name);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '0.1.0', private: true }, null, 2)}\n`);
  // `cdk init app --language typescript`'s tsconfig (NodeNext), emitting JavaScript we can run with node.
  const template = JSON.parse(readFileSync(join(dirname(require.resolve('aws-cdk/package.json')), 'lib', 'init-templates', 'app', 'typescript', 'tsconfig.json'), 'utf8'));
  const compilerOptions = { ...template.compilerOptions, noEmit: false, outDir: 'build', rootDir: '.', types: ['node'], inlineSourceMap: false, inlineSources: false };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...template, compilerOptions, exclude: [...template.exclude, 'build', 'cdktf.out'] }, null, 2));
  for (const entry of readdirSync(EXAMPLES)) cpSync(join(EXAMPLES, entry), join(dir, entry), { recursive: true });
  return dir;
}

/** Compiles the project with this repository's TypeScript. @throws with the compiler's diagnostics */
export function compile(dir: string): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a compiled file of the project with node, in the project directory. */
export function run(dir: string, file: string, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    // As a user runs it: with aws-cdk-lib's built-in template validation, which the jest setup turns off for in-process apps.
    const { CDK_VALIDATION: _inTestsOnly, ...userEnv } = process.env;
    const child = spawn(process.execPath, [file], { cwd: dir, env: { ...userEnv, CDK_DISABLE_CLI_TELEMETRY: 'true', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
