/**
 * `aimd synth` never leaves a partial out/: everything is written to a staging folder that replaces
 * out/ only when every blueprint rendered (lib/synth/synth-all.ts). The fuzzer checks it for refused
 * command lines; this checks it for a renderer that fails after another blueprint was written.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Blueprint } from '../../blueprints/blueprint';
import { synthAll } from '../../lib/synth/synth-all';

function blueprint(name: string, objects: () => object[]): Blueprint {
  const unused = () => {
    throw new Error('only the kubernetes engine runs in this test');
  };
  return {
    name,
    description: name,
    spec: { name, model: { id: 'fraud-classifier' }, runtime: { engine: 'onnxruntime' }, target: { kind: 'lambda' } },
    renderCdk: unused,
    renderTerraform: unused,
    renderPulumi: unused,
    kubernetesObjects: () => objects() as never,
  };
}

describe('synthAll writes out/ whole or not at all', () => {
  test('GIVEN the second blueprint fails to render WHEN synthesized THEN the previous out/ is kept as it was and no staging folder is left', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aimd-atomic-'));
    const outDir = join(root, 'out');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'summary.json'), '{"previous": true}');
    const written = blueprint('first', () => [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first', namespace: 'default' }, data: { a: 'b' } }]);
    const failing = blueprint('second', () => {
      throw new Error('renderer failed half-way');
    });

    await expect(synthAll([written, failing], { outDir, engines: ['kubernetes'] })).rejects.toThrow(/renderer failed half-way/);

    expect(readdirSync(outDir)).toEqual(['summary.json']);
    expect(readFileSync(join(outDir, 'summary.json'), 'utf8')).toBe('{"previous": true}');
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('GIVEN no previous out/ and a failing renderer THEN no out/ appears', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aimd-atomic-'));
    const failing = blueprint('only', () => {
      throw new Error('renderer failed');
    });
    await expect(synthAll([failing], { outDir: join(root, 'out'), engines: ['kubernetes'] })).rejects.toThrow(/renderer failed/);
    expect(existsSync(join(root, 'out'))).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });
});
