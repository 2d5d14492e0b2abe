/**
 * ensureHubModel reads a model that is not in the catalogue from a Hugging Face Hub (here a local
 * stand-in, test/catalogue/hub-server.ts), caches it, and findModel then finds it synchronously.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueLookupError, HuggingFaceConfigError, findModel, readCachedHubModel } from '../../lib/catalogue';
import { parameterCountNote } from '../../lib/catalogue/parameter-count';
import { HubError, ensureHubModel, prefetchModelsForSpec, resolveHubOptions } from '../../lib/catalogue/hub';
import { safetensorsFile, startFakeHub, type FakeHub } from './hub-server';

const TOKEN = 'hf_secretTestToken1234567890';
const GATED = 'google/gemma-3-12b-it';

/** Every file under a folder, read as text. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true }).map(String)
    .map((f) => join(dir, f)).filter((f) => statSync(f).isFile()).map((f) => readFileSync(f, 'utf8')).join('\n');
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('ensureHubModel against a stand-in Hub', () => {
  let hub: FakeHub;
  let cacheDir: string;
  const fast = { retryDelayMs: 1, env: {} };

  beforeAll(async () => {
    hub = await startFakeHub({
      gated: { [GATED]: TOKEN },
      withoutApi: ['codellama/CodeLlama-7b-hf'],
      files: {
        'tiiuae/falcon-7b/config.json': Buffer.from(JSON.stringify({ model_type: 'falcon', hidden_size: 4544, n_layer: 32, n_head: 71, vocab_size: 65024 })),
        'acme/broken/config.json': Buffer.from('{ "model_type": '),
      },
    });
  });
  afterAll(() => hub.close());
  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'aimd-hub-'));
    hub.requests.length = 0;
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  test('GIVEN a model outside the catalogue WHEN fetched THEN config.json and exact counts are cached per revision and read back synchronously', async () => {
    const model = await ensureHubModel('Qwen/Qwen3-30B-A3B', { ...fast, endpoint: hub.endpoint, cacheDir });
    expect(model).toMatchObject({ id: 'Qwen/Qwen3-30B-A3B', modelType: 'qwen3_moe', license: 'apache-2.0', gated: false, parameters: 30_532_122_624 });
    expect(model.checkpoint).toEqual({ source: 'hub-api', parametersByDtype: { BF16: 30_532_122_624 }, total: 30_532_122_624, bytes: 61_064_245_248 });
    expect(model.source.url).toBe(`${hub.endpoint}/Qwen/Qwen3-30B-A3B/blob/${JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'hub', 'Qwen', 'Qwen3-30B-A3B', 'api.json'), 'utf8')).sha}/config.json`);
    expect(readdirSync(join(cacheDir, 'Qwen', 'Qwen3-30B-A3B', 'main')).sort()).toEqual(['config.json', 'model-info.json']);
    expect(readCachedHubModel('Qwen/Qwen3-30B-A3B', { cacheDir })).toEqual(model);
    expect(hub.requests.map((r) => r.path)).toEqual(['/api/models/Qwen/Qwen3-30B-A3B', '/Qwen/Qwen3-30B-A3B/resolve/main/config.json']);
  });

  test('GIVEN a cached model WHEN asked again THEN no request is made', async () => {
    await ensureHubModel('microsoft/phi-4', { ...fast, endpoint: hub.endpoint, cacheDir });
    hub.requests.length = 0;
    const again = await ensureHubModel('microsoft/phi-4', { ...fast, endpoint: hub.endpoint, cacheDir });
    expect(again.id).toBe('microsoft/phi-4');
    expect(hub.requests).toEqual([]);
  });

  test('GIVEN a catalogue id WHEN ensured THEN the catalogue entry is returned without touching the Hub', async () => {
    const model = await ensureHubModel('llama-3.1-8b-instruct', { ...fast, endpoint: hub.endpoint, cacheDir });
    expect(model.id).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(hub.requests).toEqual([]);
  });

  test('GIVEN offline mode and no cache THEN the error says so and offers --model-config', async () => {
    const error = await errorOf(ensureHubModel('microsoft/phi-4', { endpoint: hub.endpoint, cacheDir, env: { HF_HUB_OFFLINE: '1' } }));
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).kind).toBe('offline');
    expect(error.message).toMatch(/microsoft\/phi-4 is not in the catalogue nor in the Hugging Face cache .*offline mode is on \(--offline or HF_HUB_OFFLINE=1\).*--model-config <path>/);
    expect(hub.requests).toEqual([]);
  });

  test('GIVEN offline mode and a cached model THEN it is served from the cache', async () => {
    await ensureHubModel('microsoft/phi-4', { ...fast, endpoint: hub.endpoint, cacheDir });
    hub.requests.length = 0;
    await expect(ensureHubModel('microsoft/phi-4', { endpoint: hub.endpoint, cacheDir, offline: true })).resolves.toMatchObject({ modelType: 'phi3' });
    expect(hub.requests).toEqual([]);
  });

  test('GIVEN a gated model and no token THEN the error says to set HF_TOKEN and accept the licence', async () => {
    const error = await errorOf(ensureHubModel(GATED, { ...fast, endpoint: hub.endpoint, cacheDir }));
    expect((error as HubError).kind).toBe('unauthorized');
    expect(error.message).toMatch(/google\/gemma-3-12b-it needs authentication \(HTTP 401.*Set HF_TOKEN .*accept the licence at/);
  });

  test('GIVEN a gated model and a token without access THEN the error names the licence to accept, never the token', async () => {
    const wrong = `${TOKEN}-not-accepted`;
    const error = await errorOf(ensureHubModel(GATED, { ...fast, endpoint: hub.endpoint, cacheDir, env: { HF_TOKEN: wrong } }));
    expect((error as HubError).kind).toBe('forbidden');
    expect(error.message).toMatch(/is gated \(HTTP 403.*accept its licence at http:\/\/127\.0\.0\.1:\d+\/google\/gemma-3-12b-it/);
    expect(error.message).not.toContain(wrong);
    expect(error.stack).not.toContain(wrong);
  });

  test('GIVEN HF_TOKEN WHEN a gated model is fetched THEN the token travels only in the Authorization header and is written nowhere', async () => {
    const model = await ensureHubModel(GATED, { ...fast, cacheDir, env: { HF_TOKEN: TOKEN, HF_ENDPOINT: hub.endpoint } });
    expect(model).toMatchObject({ gated: true, license: 'gemma', parameters: 12_187_325_040 });
    expect(hub.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(hub.requests.some((r) => r.path.includes(TOKEN))).toBe(false);
    expect(allText(cacheDir)).not.toContain(TOKEN);
    expect(JSON.stringify(model)).not.toContain(TOKEN);
  });

  test('GIVEN a repository that does not exist THEN a 404 names the id to check', async () => {
    const error = await errorOf(ensureHubModel('acme/no-such-model', { ...fast, endpoint: hub.endpoint, cacheDir }));
    expect((error as HubError).kind).toBe('not-found');
    expect(error.message).toMatch(/No such repository or file on the Hub: .*acme\/no-such-model\/resolve\/main\/config.json \(HTTP 404\)\. Check the id 'acme\/no-such-model'/);
  });

  test('GIVEN an unreachable Hub and no cache THEN the error says it could not connect, that nothing is cached, and offers --model-config', async () => {
    const closed = await startFakeHub();
    const endpoint = closed.endpoint;
    await closed.close();
    const error = await errorOf(ensureHubModel('microsoft/phi-4', { retries: 1, retryDelayMs: 1, env: {}, endpoint, cacheDir }));
    expect((error as HubError).kind).toBe('unreachable');
    expect(error.message).toMatch(/Cannot reach the Hugging Face Hub at http:\/\/127\.0\.0\.1:\d+ for microsoft\/phi-4 \(ECONNREFUSED, 2 attempt\(s\).*not cached either.*--model-config <path>/);
  });

  test('GIVEN transient 503s WHEN within the retry budget THEN the fetch succeeds; beyond it, it fails after a bounded number of attempts', async () => {
    const flaky = await startFakeHub({ failFirst: 2 });
    try {
      await expect(ensureHubModel('microsoft/phi-4', { retries: 2, retryDelayMs: 1, env: {}, endpoint: flaky.endpoint, cacheDir })).resolves.toMatchObject({ modelType: 'phi3' });
      expect(flaky.requests.length).toBe(4); // 2 failures + api + config.json
    } finally {
      await flaky.close();
    }
    const down = await startFakeHub({ failFirst: 100 });
    try {
      // A refresh that cannot get through serves the copy cached above...
      await expect(ensureHubModel('microsoft/phi-4', { retries: 2, retryDelayMs: 1, env: {}, endpoint: down.endpoint, cacheDir, refresh: true })).resolves.toMatchObject({ modelType: 'phi3' });
      // ...and without a cached copy, it fails after 1 + 2 attempts.
      const error = await errorOf(ensureHubModel('Qwen/Qwen3-30B-A3B', { retries: 2, retryDelayMs: 1, env: {}, endpoint: down.endpoint, cacheDir }));
      expect(error.message).toMatch(/HTTP 503, 3 attempt\(s\)/);
    } finally {
      await down.close();
    }
  });

  test('GIVEN a Hub that does not answer THEN each request times out', async () => {
    const hang: typeof fetch = (_url, init) => new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
    });
    const error = await errorOf(ensureHubModel('microsoft/phi-4', { fetch: hang, timeoutMs: 30, retries: 1, retryDelayMs: 1, env: {}, endpoint: 'http://hub.invalid', cacheDir }));
    expect(error.message).toMatch(/no answer within 30 ms, 2 attempt\(s\)/);
  });

  test('GIVEN a config of an unknown architecture THEN the error names the missing fields and nothing is cached', async () => {
    const error = await errorOf(ensureHubModel('tiiuae/falcon-7b', { ...fast, endpoint: hub.endpoint, cacheDir }));
    expect(error).toBeInstanceOf(HuggingFaceConfigError);
    expect((error as HuggingFaceConfigError).problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/'model_type' "falcon" is not an architecture the planner can size without guessing/),
      expect.stringMatching(/'num_hidden_layers' is missing/),
      expect.stringMatching(/'num_attention_heads' is missing/),
    ]));
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  test('GIVEN a config that is not JSON THEN the error says so', async () => {
    await expect(ensureHubModel('acme/broken', { ...fast, endpoint: hub.endpoint, cacheDir })).rejects.toThrow(/acme\/broken\/config.json on http:\/\/127.0.0.1:\d+ is not valid JSON/);
  });

  test('GIVEN an id that is neither in the catalogue nor org/name THEN the catalogue error with the closest id is kept', async () => {
    await expect(ensureHubModel('llama-3.1-8b-instruc', { ...fast, endpoint: hub.endpoint, cacheDir })).rejects.toThrow(CatalogueLookupError);
  });

  test('the environment supplies the endpoint, token, cache and offline mode; credentials in HF_ENDPOINT are dropped', () => {
    expect(resolveHubOptions({ env: { HF_ENDPOINT: 'https://user:pw@mirror.example/', HF_TOKEN: 't', XDG_CACHE_HOME: '/c', HF_HUB_OFFLINE: 'true' } }))
      .toMatchObject({ endpoint: 'https://mirror.example', token: 't', cacheDir: '/c/ai-model-deployment/hub', offline: true, revision: 'main' });
    expect(resolveHubOptions({ env: {} })).toMatchObject({ endpoint: 'https://huggingface.co', token: undefined, offline: false });
  });
});

describe('exact counts from safetensors headers (a mirror without the Hub API)', () => {
  // CodeLlama-7b's tensors (32 layers): q/k/v/o 4096×4096 (no GQA), gate/up 11008×4096, down 4096×11008,
  // two norms of 4096 per layer, embed_tokens and lm_head 32016×4096, final norm 4096; in two shards.
  const layer = (i: number): Array<[string, string, number[]]> => [
    ...['q', 'k', 'v', 'o'].map((p): [string, string, number[]] => [`model.layers.${i}.self_attn.${p}_proj.weight`, 'BF16', [4096, 4096]]),
    [`model.layers.${i}.mlp.gate_proj.weight`, 'BF16', [11008, 4096]],
    [`model.layers.${i}.mlp.up_proj.weight`, 'BF16', [11008, 4096]],
    [`model.layers.${i}.mlp.down_proj.weight`, 'BF16', [4096, 11008]],
    [`model.layers.${i}.input_layernorm.weight`, 'BF16', [4096]],
    [`model.layers.${i}.post_attention_layernorm.weight`, 'BF16', [4096]],
  ];
  const shard1 = [['model.embed_tokens.weight', 'BF16', [32016, 4096]] as [string, string, number[]], ...Array.from({ length: 23 }, (_, i) => layer(i)).flat()];
  const shard2 = [...Array.from({ length: 9 }, (_, i) => layer(23 + i)).flat(), ['model.norm.weight', 'BF16', [4096]] as [string, string, number[]], ['lm_head.weight', 'BF16', [32016, 4096]] as [string, string, number[]]];
  const weightMap = Object.fromEntries([
    ...shard1.map(([name]) => [name, 'model-00001-of-00002.safetensors']),
    ...shard2.map(([name]) => [name, 'model-00002-of-00002.safetensors']),
  ]);
  const files = {
    'codellama/CodeLlama-7b-hf/model.safetensors.index.json': Buffer.from(JSON.stringify({ metadata: { total_size: 13_477_093_376 }, weight_map: weightMap })),
    'codellama/CodeLlama-7b-hf/model-00001-of-00002.safetensors': safetensorsFile(shard1),
    'codellama/CodeLlama-7b-hf/model-00002-of-00002.safetensors': safetensorsFile(shard2),
  };
  let cacheDir: string;
  beforeEach(() => { cacheDir = mkdtempSync(join(tmpdir(), 'aimd-hub-')); });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  test.each([false, true])('GIVEN sharded safetensors (server ignores Range: %s) THEN the headers are read with Range requests and counted exactly', async (ignoreRange) => {
    const hub = await startFakeHub({ files, ignoreRange });
    try {
      const model = await ensureHubModel('codellama/CodeLlama-7b-hf', { retryDelayMs: 1, env: {}, endpoint: hub.endpoint, cacheDir });
      // 32 × (4 × 4096² + 3 × 4096 × 11008 + 2 × 4096) + 2 × 32016 × 4096 + 4096 = 6,738,546,688 (the Hub's published count).
      expect(model.checkpoint).toEqual({ source: 'safetensors-headers', parametersByDtype: { BF16: 6_738_546_688 }, total: 6_738_546_688, bytes: 13_477_093_376 });
      expect(model.parameters).toBe(6_738_546_688);
      expect(hub.requests.filter((r) => r.path.endsWith('.safetensors')).map((r) => r.range)).toEqual([
        'bytes=0-7', expect.stringMatching(/^bytes=8-\d+$/), 'bytes=0-7', expect.stringMatching(/^bytes=8-\d+$/),
      ]);
    } finally {
      await hub.close();
    }
  });

  test('GIVEN a repository with no safetensors at all THEN the count is estimated from config.json and the plan says so', async () => {
    const hub = await startFakeHub();
    try {
      const model = await ensureHubModel('codellama/CodeLlama-7b-hf', { retryDelayMs: 1, env: {}, endpoint: hub.endpoint, cacheDir });
      expect(model.checkpoint).toBeUndefined();
      expect(model.source.note).toMatch(/Hugging Face Hub codellama\/CodeLlama-7b-hf@main: parameter count estimated from config.json/);
      expect(parameterCountNote(model)).toBe('Parameter count estimated from config.json (6,738,546,688): the Hub gave no safetensors metadata.');
    } finally {
      await hub.close();
    }
  });
});

describe('findModel and prefetchModelsForSpec (the synchronous side)', () => {
  let hub: FakeHub;
  let cacheHome: string;
  const saved = process.env.XDG_CACHE_HOME;
  beforeAll(async () => {
    hub = await startFakeHub();
    cacheHome = mkdtempSync(join(tmpdir(), 'aimd-xdg-'));
    process.env.XDG_CACHE_HOME = cacheHome;
  });
  afterAll(async () => {
    await hub.close();
    if (saved === undefined) delete process.env.XDG_CACHE_HOME; else process.env.XDG_CACHE_HOME = saved;
    rmSync(cacheHome, { recursive: true, force: true });
  });

  test('GIVEN a Hub id not fetched yet THEN findModel says how to fetch it or to pass a config.json', () => {
    expect(() => findModel('deepseek-ai/DeepSeek-V2-Lite')).toThrow(
      /Unknown model 'deepseek-ai\/DeepSeek-V2-Lite' \(--model\)\..*not in the Hugging Face cache .*aimd-xdg-.*run `aimd plan --model deepseek-ai\/DeepSeek-V2-Lite` or `aimd validate --spec <file>` to fetch it.*model\.configPath/s);
  });

  test('GIVEN a spec naming a Hub model WHEN prefetched THEN findModel resolves it from the XDG cache', async () => {
    const fetched = await prefetchModelsForSpec({ model: { id: 'deepseek-ai/DeepSeek-V2-Lite' } }, { env: { ...process.env, HF_ENDPOINT: hub.endpoint } });
    expect(fetched?.mla).toEqual({ kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
    expect(findModel('deepseek-ai/DeepSeek-V2-Lite')).toEqual(fetched);
  });

  test('GIVEN a catalogue id, a configPath or no model THEN prefetch does nothing', async () => {
    hub.requests.length = 0;
    await expect(prefetchModelsForSpec({ model: { id: 'llama-3.1-8b-instruct' } }, { env: { HF_ENDPOINT: hub.endpoint } })).resolves.toBeUndefined();
    await expect(prefetchModelsForSpec({ model: { configPath: './config.json' } }, { env: { HF_ENDPOINT: hub.endpoint } })).resolves.toBeUndefined();
    await expect(prefetchModelsForSpec({}, { env: { HF_ENDPOINT: hub.endpoint } })).resolves.toBeUndefined();
    expect(hub.requests).toEqual([]);
  });
});
