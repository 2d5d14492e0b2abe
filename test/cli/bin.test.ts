import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs the installed `aimd` entry point as users do (`npx aimd ...`), from the build `npm ci` makes. */
function aimd(...args: string[]) {
  if (!existsSync(join(ROOT, 'dist', 'lib', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: `npm ci` builds it (prepare script); after editing sources run `npm run build`.');
  }
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'aimd.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('the aimd executable', () => {
  test('GIVEN the issue example WHEN run as a process THEN it prints the plan as JSON on stdout and exits 0', () => {
    const run = aimd('plan', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--accelerator', 'h100-80gb', '--tensor-parallel-size', '1',
      '--max-model-len', '8192', '--gpu-memory-utilization', '0.9', '--json');
    expect(run.status).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.weightsGiB).toBeGreaterThan(14.5);
    expect(plan.weightsGiB).toBeLessThan(15.5);
    expect(plan.kvCacheTokens).toBeGreaterThan(0);
  });

  test('GIVEN a malformed flag WHEN run as a process THEN the error goes to stderr and the exit code is 2', () => {
    const run = aimd('plan', '--model', 'llama-3.1-8b-instruct', '--max-model-len', '-5');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--max-model-len \('-5'\)/);
  });

  test('GIVEN no command WHEN run THEN the usage lists the commands and the exit code is 2', () => {
    const run = aimd();
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/Commands:\n\s+plan/);
  });
});
