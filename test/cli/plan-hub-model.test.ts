/**
 * `aimd plan --model <org/name>` for a model outside the catalogue: fetched from HF_ENDPOINT (a local
 * stand-in Hub), cached under XDG_CACHE_HOME, planned; `--offline` keeps to the cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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

describe('aimd plan --model <Hugging Face id>', () => {
  let hub: FakeHub;
  let cacheHome: string;
  const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, HF_ENDPOINT: process.env.HF_ENDPOINT, HF_HUB_OFFLINE: process.env.HF_HUB_OFFLINE };

  beforeAll(async () => {
    hub = await startFakeHub();
    cacheHome = mkdtempSync(join(tmpdir(), 'aimd-cli-hub-'));
    process.env.XDG_CACHE_HOME = cacheHome;
    process.env.HF_ENDPOINT = hub.endpoint;
    delete process.env.HF_HUB_OFFLINE;
  });
  afterAll(async () => {
    await hub.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]; else process.env[key] = value;
    }
    rmSync(cacheHome, { recursive: true, force: true });
  });

  test('GIVEN --offline and a model never fetched THEN it exits 2 saying it is not cached and offering --model-config', async () => {
    const { code, err } = await aimd('plan', '--model', 'deepseek-ai/DeepSeek-V2-Lite', '--offline');
    expect(code).toBe(2);
    expect(err).toMatch(/^- --model \('deepseek-ai\/DeepSeek-V2-Lite'\): cannot be read from the Hugging Face Hub: deepseek-ai\/DeepSeek-V2-Lite is not in the catalogue nor in the Hugging Face cache .*offline mode is on.*--model-config <path>.*\. Fix: /m);
    expect(hub.requests).toEqual([]);
  });

  test('GIVEN a DeepSeek V2 Lite id WHEN planned THEN the MLA latent cache sizes the KV cache and the explanation says the weights were counted exactly', async () => {
    const { code, out } = await aimd('plan', '--model', 'deepseek-ai/DeepSeek-V2-Lite', '--accelerator', 'h100-80gb', '--tensor-parallel-size', '1', '--max-model-len', '8192', '--json');
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan.model).toBe('deepseek-ai/DeepSeek-V2-Lite');
    // 15,706,484,224 parameters × 2 bytes ≈ 29.3 GiB, plus the rotary cache.
    expect(plan.weightsGiB).toBeCloseTo(29.3, 1);
    // KV per token: 27 layers × (512 + 64) latent values × 2 bytes = 31,104 bytes, so one GiB holds ≈ 34,521 tokens.
    expect(plan.kvCacheTokens / plan.kvCacheGiB).toBeGreaterThan(34_000);
    expect(plan.kvCacheTokens / plan.kvCacheGiB).toBeLessThan(34_600);
    expect(plan.explanation).toMatch(/Weights counted exactly from the Hub API's safetensors metadata \(BF16 15,706,484,224; 29.26 GiB on disk\): 15,706,484,224 parameters\./);
  });

  test('GIVEN the model is now cached WHEN planned --offline THEN it plans without a request', async () => {
    hub.requests.length = 0;
    const { code } = await aimd('plan', '--model', 'deepseek-ai/DeepSeek-V2-Lite', '--offline', '--json');
    expect(code).toBe(0);
    expect(hub.requests).toEqual([]);
  });

  test('GIVEN a repository that does not exist THEN it exits 2 with the 404 and no stack trace', async () => {
    const { code, err } = await aimd('plan', '--model', 'acme/nothing-here');
    expect(code).toBe(2);
    expect(err).toMatch(/^- --model \('acme\/nothing-here'\): cannot be read from the Hugging Face Hub: No such repository or file on the Hub: .*acme\/nothing-here.*\. Fix: check the id/m);
    expect(err).not.toMatch(/internal error|\n\s+at /);
  });
});
