import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function aimd(...args: string[]) {
  if (!existsSync(join(ROOT, 'dist', 'lib', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: `npm ci` builds it (prepare script); after editing sources run `npm run build`.');
  }
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'aimd.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

describe('aimd synth --spec (as a process)', () => {
  test('GIVEN a broken spec THEN nothing is written and the error has its line; GIVEN a YAML spec THEN out/ holds a stack named after the spec', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aimd-synth-spec-'));
    const out = join(dir, 'out');
    const yaml = readFileSync(join(ROOT, 'examples', 'specs', 'llama-8b-eks.yaml'), 'utf8').replace(/^name: llama-8b-eks$/m, 'name: my-llama');
    writeFileSync(join(dir, 'bad.yaml'), yaml.replace('engine: vllm', 'engine: tgi'));
    writeFileSync(join(dir, 'my-llama.yaml'), yaml);

    const refused = aimd('synth', '--spec', join(dir, 'bad.yaml'), '--engine', 'kubernetes', '--out', out);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/bad\.yaml:\d+:11 runtime\.engine \('tgi'\): cannot be served on target 'eks' \(it serves vllm[^)]*\)/);
    expect(existsSync(out)).toBe(false);

    const run = aimd('synth', '--spec', join(dir, 'my-llama.yaml'), '--engine', 'kubernetes', '--out', out);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    const manifests = readdirSync(join(out, 'kubernetes', 'my-llama'));
    expect(manifests.length).toBeGreaterThan(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.rows).toEqual([expect.objectContaining({ blueprint: 'my-llama', engine: 'kubernetes', errors: 0 })]);
  });
});
