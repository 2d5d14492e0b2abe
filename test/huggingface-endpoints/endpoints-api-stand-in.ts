/**
 * A local HTTP server standing in for the Inference Endpoints API (`/v2/endpoint/{namespace}[/{name}]`):
 * endpoints kept in memory, answers scripted per test (429, 500...), every request recorded.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest { method: string; path: string; authorization?: string; body?: any }
export interface ScriptedAnswer { status: number; body: unknown }

export interface EndpointsApiStandIn {
  readonly baseUrl: string;
  readonly endpoints: Map<string, any>;
  readonly requests: RecordedRequest[];
  /** Answers given before the normal behaviour, in order. */
  readonly script: ScriptedAnswer[];
  close(): Promise<void>;
}

export async function startEndpointsApiStandIn(): Promise<EndpointsApiStandIn> {
  const endpoints = new Map<string, any>();
  const requests: RecordedRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      const path = req.url ?? '';
      requests.push({ method: req.method!, path, authorization: req.headers.authorization, body });
      const send = (status: number, payload?: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(payload === undefined ? '' : JSON.stringify(payload)); };
      const scripted = script.shift();
      if (scripted) return send(scripted.status, scripted.body);
      const m = /^\/v2\/endpoint\/([^/]+)(?:\/([^/]+))?$/.exec(path);
      if (!m) return send(404, { error: 'no such route' });
      const [, namespace, name] = m;
      const key = `${namespace}/${name ?? body?.name}`;
      if (req.method === 'POST' && !name) {
        if (endpoints.has(key)) return send(409, { error: `Endpoint ${body.name} already exists` });
        const created = { ...body, status: { state: 'running', url: `https://${body.name}.example.invalid` } };
        endpoints.set(key, created);
        return send(200, created);
      }
      const found = endpoints.get(key);
      if (!found) return send(404, { error: `Endpoint ${name} not found` });
      if (req.method === 'GET') return send(200, found);
      if (req.method === 'PUT') { const updated = { ...found, ...body }; endpoints.set(key, updated); return send(200, updated); }
      if (req.method === 'DELETE') { endpoints.delete(key); return send(200, {}); }
      return send(405, { error: 'method not allowed' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v2`,
    endpoints, requests, script,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
