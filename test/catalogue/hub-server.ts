/**
 * A stand-in for the Hugging Face Hub in tests: serves test/fixtures/hub (see its README) on 127.0.0.1
 * at a random port, with HTTP Range support, and records every request so that tests can check what
 * was sent (e.g. that the token only travels in the Authorization header).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const HUB_FIXTURES = join(__dirname, '..', 'fixtures', 'hub');

/** One request as the server saw it. */
export interface SeenRequest {
  readonly path: string;
  readonly authorization?: string;
  readonly range?: string;
}

export interface FakeHubOptions {
  /** Extra files by `<org>/<name>/<file>` (e.g. generated safetensors files). */
  readonly files?: Readonly<Record<string, Buffer>>;
  /** Repositories whose files answer 403 unless the request carries `Bearer <token>`. */
  readonly gated?: Readonly<Record<string, string>>;
  /** Repositories whose API answer is left out (a mirror that serves files only). */
  readonly withoutApi?: readonly string[];
  /** Answer the first N requests with 503 (transient failures). */
  readonly failFirst?: number;
  /** Ignore Range headers (send whole files). */
  readonly ignoreRange?: boolean;
}

export interface FakeHub {
  readonly endpoint: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts the stand-in Hub; close it in afterAll. */
export async function startFakeHub(options: FakeHubOptions = {}): Promise<FakeHub> {
  const requests: SeenRequest[] = [];
  let failures = options.failFirst ?? 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push({ path, authorization: req.headers.authorization, range: req.headers.range });
    if (failures > 0) {
      failures--;
      res.writeHead(503).end('busy');
      return;
    }
    const api = /^\/api\/models\/([^/]+\/[^/]+)(?:\/revision\/[^/]+)?$/.exec(path);
    if (api) {
      const file = join(HUB_FIXTURES, api[1]!, 'api.json');
      if (options.withoutApi?.includes(api[1]!) || !existsSync(file)) return notFound(res);
      res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(file));
      return;
    }
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/[^/]+\/(.+)$/.exec(path);
    if (!resolve) return notFound(res);
    const [, repo, file] = resolve as unknown as [string, string, string];
    const token = options.gated?.[repo];
    if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(req.headers.authorization ? 403 : 401, { 'content-type': 'application/json' }).end('{"error":"Access to this model is restricted"}');
      return;
    }
    const body = options.files?.[`${repo}/${file}`] ?? (existsSync(join(HUB_FIXTURES, repo, file)) ? readFileSync(join(HUB_FIXTURES, repo, file)) : undefined);
    if (!body) return notFound(res);
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (range && !options.ignoreRange) {
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), body.length - 1);
      res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${body.length}`, 'accept-ranges': 'bytes' }).end(body.subarray(start, end + 1));
      return;
    }
    res.writeHead(200, { 'accept-ranges': 'bytes' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Repository not found"}');
}

/**
 * A safetensors file with these tensors and no data (only the header is ever read): 8-byte
 * little-endian header length, then the JSON header with `data_offsets` laid end to end.
 */
export function safetensorsFile(tensors: ReadonlyArray<[name: string, dtype: string, shape: number[]]>, bytesPerElement: Readonly<Record<string, number>> = { BF16: 2, F16: 2, F32: 4, I32: 4 }): Buffer {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const [name, dtype, shape] of tensors) {
    const bytes = shape.reduce((a, b) => a * b, 1) * (bytesPerElement[dtype] ?? 1);
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json]);
}
