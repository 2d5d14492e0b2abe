/**
 * The Inference Endpoints client against a local stand-in for the API: create, update, delete (a 404 is
 * "already gone"), retries with backoff on 429 and 5xx, and errors that carry HF's message but never the token.
 */
import { HuggingFaceEndpointsApiError, HuggingFaceEndpointsClient } from '../../lib/huggingface-endpoints/client';
import { startEndpointsApiStandIn, type EndpointsApiStandIn } from './endpoints-api-stand-in';

const TOKEN = 'hf_secretTokenValue1234567890';
const BODY = { name: 'chat', type: 'protected', compute: { instanceType: 'nvidia-l4', instanceSize: 'x1', scaling: { minReplica: 1, maxReplica: 2 } } };

let api: EndpointsApiStandIn;
const sleeps: number[] = [];
const client = () => new HuggingFaceEndpointsClient({ token: TOKEN, baseUrl: api.baseUrl, retries: 2, backoffMs: 100, sleep: async (ms) => { sleeps.push(ms); } });

beforeAll(async () => { api = await startEndpointsApiStandIn(); });
afterAll(async () => { await api.close(); });
beforeEach(() => { api.endpoints.clear(); api.requests.length = 0; api.script.length = 0; sleeps.length = 0; });

describe('GIVEN the Inference Endpoints client', () => {
  test('WHEN it creates an endpoint THEN it POSTs the body to /endpoint/{namespace} with the token as bearer', async () => {
    const created = await client().create('acme', BODY);
    expect(created.status?.state).toBe('running');
    expect(api.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/v2/endpoint/acme', authorization: `Bearer ${TOKEN}`, body: BODY })]);
  });

  test('WHEN it updates THEN it PUTs the changed body to /endpoint/{namespace}/{name}', async () => {
    await client().create('acme', BODY);
    const changed = { ...BODY, compute: { ...BODY.compute, scaling: { minReplica: 1, maxReplica: 4 } } };
    const updated = await client().update('acme', 'chat', changed);
    expect((updated as any).compute.scaling.maxReplica).toBe(4);
    expect(api.requests[1]).toMatchObject({ method: 'PUT', path: '/v2/endpoint/acme/chat', body: changed });
  });

  test('WHEN it deletes THEN the endpoint is gone, and a second delete (404) reports false without throwing', async () => {
    await client().create('acme', BODY);
    await expect(client().delete('acme', 'chat')).resolves.toBe(true);
    await expect(client().delete('acme', 'chat')).resolves.toBe(false);
    expect(await client().get('acme', 'chat')).toBeUndefined();
  });

  test('WHEN the API answers 429 THEN it backs off and retries until success', async () => {
    api.script.push({ status: 429, body: { error: 'rate limited' } }, { status: 503, body: { error: 'busy' } });
    const created = await client().create('acme', BODY);
    expect(created.name).toBe('chat');
    expect(api.requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
    expect(sleeps).toEqual([100, 200]);
  });

  test('WHEN 500 persists past the retries THEN it throws with the status and HF message, never the token', async () => {
    api.script.push(...[1, 2, 3].map(() => ({ status: 500, body: { error: `internal error for ${TOKEN}` } })));
    const error = await client().create('acme', BODY).catch((e) => e);
    expect(error).toBeInstanceOf(HuggingFaceEndpointsApiError);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/POST \/endpoint\/acme failed with HTTP 500: internal error for \*\*\*/);
    expect(error.message).not.toContain(TOKEN);
    expect(api.requests).toHaveLength(3);
  });

  test('WHEN the API refuses the body (400) THEN it does not retry and shows HF message', async () => {
    api.script.push({ status: 400, body: { error: 'Instance nvidia-l4 x8 is not available in us-east-1' } });
    await expect(client().create('acme', BODY)).rejects.toThrow('HTTP 400: Instance nvidia-l4 x8 is not available in us-east-1');
    expect(api.requests).toHaveLength(1);
  });

  test('WHEN waiting THEN it polls until running and fails on a failed endpoint', async () => {
    await client().create('acme', BODY);
    api.endpoints.get('acme/chat').status = { state: 'initializing' };
    api.script.push({ status: 200, body: { name: 'chat', status: { state: 'pending' } } });
    api.endpoints.get('acme/chat').status = { state: 'running', url: 'https://x' };
    await expect(client().waitUntilRunning('acme', 'chat', { pollMs: 5 })).resolves.toMatchObject({ status: { state: 'running' } });
    api.endpoints.get('acme/chat').status = { state: 'failed', message: 'CUDA out of memory' };
    await expect(client().waitUntilRunning('acme', 'chat', { pollMs: 5 })).rejects.toThrow(/failed: CUDA out of memory/);
  });
});
