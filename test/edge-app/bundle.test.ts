/**
 * The shipped artifact itself: the ZIP Greengrass downloads is unpacked and its `main.js` run with plain
 * Node.js (JSON lines on stdin/stdout instead of Greengrass IPC), on the real model.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEdgeAppArchive, bundleEdgeApp } from '../../lib/edge-app/bundle';
import { EDGE_APP_ENTRY } from '../../lib/edge-app/layout';
import { readZipArchive } from '../../lib/edge/zip-archive';
import { CORRUPT_MODEL_BYTES, sensorModelBytes } from '../fixtures/edge/models';

const TOPICS = ['--input-topic', 'in', '--output-topic', 'out', '--error-topic', 'err', '--health-topic', 'health'];

describe('edge app archive', () => {
  let dir: string;
  const archive = buildEdgeAppArchive();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'edge-app-'));
    for (const entry of readZipArchive(archive.bytes)) writeFileSync(join(dir, entry.name), entry.data);
    writeFileSync(join(dir, 'model.onnx'), sensorModelBytes());
    writeFileSync(join(dir, 'broken.onnx'), CORRUPT_MODEL_BYTES);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (model: string, lines: string[], extra: string[] = []) =>
    spawnSync(process.execPath, [join(dir, EDGE_APP_ENTRY), '--pubsub', 'stdio', '--model', join(dir, model), '--model-version', 'bundle-v1', '--threshold', '3', '--health-interval-seconds', '0', ...TOPICS, ...extra], {
      input: lines.join('\n'),
      encoding: 'utf8',
      timeout: 60_000,
    });
  const messages = (stdout: string) => stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { topic: string; message: Record<string, unknown> });

  test('THEN it holds the bundled app and the WebAssembly runtime, and nothing else', () => {
    expect(archive.entries).toEqual(['main.js', 'ort-wasm-simd-threaded.wasm']);
    expect(archive.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('WHEN bundled twice THEN the bytes are identical (a reproducible digest, so an unchanged app is not a new release)', () => {
    expect(Buffer.from(bundleEdgeApp()).equals(Buffer.from(bundleEdgeApp()))).toBe(true);
    expect(Buffer.from(readZipArchive(archive.bytes)[0]!.data).equals(Buffer.from(bundleEdgeApp()))).toBe(true);
  });

  test('WHEN the bundled app gets good and bad readings THEN it answers each and exits 0 at end of input', () => {
    const result = run('model.onnx', [
      JSON.stringify({ topic: 'in', message: { id: 'ok', features: [60, 2, 10] } }),
      'not json at all',
      JSON.stringify({ topic: 'in', message: { id: 'hot', features: [80, 2, 10] } }),
      JSON.stringify({ topic: 'in', message: { id: 'short', features: [1, 2] } }),
    ]);
    expect(result.stderr).not.toMatch(/"level":"error"/);
    expect(result.status).toBe(0);
    const out = messages(result.stdout);
    expect(out.filter((m) => m.topic === 'out').map((m) => [m.message.id, (m.message.results as { isAnomaly: boolean }[])[0]!.isAnomaly])).toEqual([['ok', false], ['hot', true]]);
    expect(out.filter((m) => m.topic === 'err').map((m) => m.message.code)).toEqual(['invalid-json', 'wrong-feature-count']);
    expect(out.filter((m) => m.topic === 'health').map((m) => m.message.status)).toEqual(['healthy', 'stopping']);
  });

  test('WHEN the model cannot be loaded THEN it reports model-load-failed and exits 1 (the deployment rolls back)', () => {
    const result = run('broken.onnx', []);
    expect(result.status).toBe(1);
    expect(messages(result.stdout)).toEqual([{ topic: 'health', message: expect.objectContaining({ status: 'model-load-failed' }) }]);
    expect(result.stderr).toMatch(/"level":"error","message":"model load failed; exiting so the deployment rolls back"/);
  });

  test('WHEN the configuration is wrong THEN it lists every problem and exits 2', () => {
    const result = spawnSync(process.execPath, [join(dir, EDGE_APP_ENTRY), '--pubsub', 'stdio', '--threshold', 'high', '--max-batch-size', '0'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--model .*is required/);
    expect(result.stderr).toMatch(/--threshold \('high'\): must be a finite number/);
    expect(result.stderr).toMatch(/--max-batch-size \('0'\)/);
  });
});
