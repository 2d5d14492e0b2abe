/**
 * `aimd validate --spec` and `aimd plan --spec` for a spec naming a Hugging Face model outside the
 * catalogue: the commands fetch it from HF_ENDPOINT (a local stand-in Hub) into the cache first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { startFakeHub, type FakeHub } from '../catalogue/hub-server';

async function aimd(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; } });
  return { code, out, err };
}

describe('spec commands with a Hugging Face model outside the catalogue', () => {
  let hub: FakeHub;
  let dir: string;
  const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, HF_ENDPOINT: process.env.HF_ENDPOINT, HF_HUB_OFFLINE: process.env.HF_HUB_OFFLINE };

  beforeAll(async () => {
    hub = await startFakeHub();
    dir = mkdtempSync(join(tmpdir(), 'aimd-spec-hub-'));
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
    process.env.HF_ENDPOINT = hub.endpoint;
    delete process.env.HF_HUB_OFFLINE;
    writeFileSync(join(dir, 'phi.yaml'), [
      'name: phi-4-chat',
      'model: { id: microsoft/phi-4 }',
      'runtime: { engine: vllm }',
      'target: { kind: eks }',
      'traffic: { requestsPerSecond: 1 }',
    ].join('\n'));
  });
  afterAll(async () => {
    await hub.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]; else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('GIVEN a spec naming microsoft/phi-4 WHEN validated THEN the model is fetched from the Hub and the spec validates', async () => {
    const { code, out, err } = await aimd('validate', '--spec', join(dir, 'phi.yaml'));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/phi\.yaml/);
    expect(hub.requests.some((r) => r.path.includes('microsoft/phi-4'))).toBe(true);
  });

  test('GIVEN the model is cached WHEN the spec is planned offline THEN no request reaches the Hub', async () => {
    hub.requests.length = 0;
    process.env.HF_HUB_OFFLINE = '1';
    try {
      const { code, out } = await aimd('plan', '--spec', join(dir, 'phi.yaml'), '--json');
      expect(code).toBe(0);
      const planned = JSON.parse(out);
      expect(planned.name).toBe('phi-4-chat');
      expect(planned.llm.model).toBe('microsoft/phi-4');
      expect(planned.llm.kvCacheTokens).toBeGreaterThan(0);
      expect(hub.requests).toEqual([]);
    } finally {
      delete process.env.HF_HUB_OFFLINE;
    }
  });
});
