/**
 * A small client of the Hugging Face Inference Endpoints API (`https://api.endpoints.huggingface.cloud/v2`, the
 * base huggingface_hub uses; read 2026-12-03): create, get, update, delete and wait until running, with retries
 * and backoff on 429 and 5xx. Node's global fetch only: it runs unchanged inside the CDK custom resource's Lambda
 * and the Pulumi dynamic provider. The token is passed in, sent only as the bearer header, and never written into
 * an error or a log line.
 */

export const HUGGING_FACE_ENDPOINTS_API = 'https://api.endpoints.huggingface.cloud/v2';

/** An API answer that is not a success, with HF's own message. */
export class HuggingFaceEndpointsApiError extends Error {
  constructor(readonly status: number, readonly method: string, readonly path: string, readonly hfMessage: string) {
    super(`Hugging Face Inference Endpoints API ${method} ${path} failed with HTTP ${status}: ${hfMessage}`);
    this.name = 'HuggingFaceEndpointsApiError';
  }
}

export interface HuggingFaceEndpointsClientOptions {
  /** A Hugging Face token with write access to the namespace's endpoints. */
  readonly token: string;
  /** @default HUGGING_FACE_ENDPOINTS_API */
  readonly baseUrl?: string;
  /** Retries after a 429 or 5xx (or a network error) before giving up. @default 4 */
  readonly retries?: number;
  /** First backoff; doubled on every retry, or the server's `Retry-After` when longer. @default 500 */
  readonly backoffMs?: number;
  /** @default - global fetch */
  readonly fetch?: typeof fetch;
  /** @default - setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What the API answers about an endpoint (the fields this library reads). */
export interface HuggingFaceEndpointState {
  readonly name: string;
  readonly status?: { readonly state?: string; readonly url?: string; readonly message?: string };
  readonly [key: string]: unknown;
}

const RETRYABLE = (status: number) => status === 429 || status >= 500;

export class HuggingFaceEndpointsClient {
  private readonly baseUrl: string;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly token: string;

  constructor(options: HuggingFaceEndpointsClientOptions) {
    if (!options.token) throw new Error('HuggingFaceEndpointsClient needs a token (read it from the secret store, never from code)');
    this.token = options.token;
    this.baseUrl = (options.baseUrl ?? HUGGING_FACE_ENDPOINTS_API).replace(/\/+$/, '');
    this.retries = options.retries ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
    this.fetchFn = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** `POST /endpoint/{namespace}`. */
  create(namespace: string, body: object): Promise<HuggingFaceEndpointState> {
    return this.request('POST', `/endpoint/${enc(namespace)}`, body) as Promise<HuggingFaceEndpointState>;
  }

  /** `GET /endpoint/{namespace}/{name}`; undefined when it does not exist (404). */
  async get(namespace: string, name: string): Promise<HuggingFaceEndpointState | undefined> {
    try {
      return await this.request('GET', `/endpoint/${enc(namespace)}/${enc(name)}`) as HuggingFaceEndpointState;
    } catch (e) {
      if (e instanceof HuggingFaceEndpointsApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** `PUT /endpoint/{namespace}/{name}` with the changed definition. */
  update(namespace: string, name: string, body: object): Promise<HuggingFaceEndpointState> {
    return this.request('PUT', `/endpoint/${enc(namespace)}/${enc(name)}`, body) as Promise<HuggingFaceEndpointState>;
  }

  /** `DELETE /endpoint/{namespace}/{name}`; false when it was already gone (404). */
  async delete(namespace: string, name: string): Promise<boolean> {
    try {
      await this.request('DELETE', `/endpoint/${enc(namespace)}/${enc(name)}`);
      return true;
    } catch (e) {
      if (e instanceof HuggingFaceEndpointsApiError && e.status === 404) return false;
      throw e;
    }
  }

  /**
   * Polls until the endpoint is `running` (or `scaledToZero`, which serves on the next request).
   * @throws when it reaches `failed`, or is still not running after `timeoutMs`
   */
  async waitUntilRunning(namespace: string, name: string, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<HuggingFaceEndpointState> {
    const deadline = Date.now() + (options.timeoutMs ?? 20 * 60_000);
    for (;;) {
      const state = await this.get(namespace, name);
      const s = state?.status?.state;
      if (state && (s === 'running' || s === 'scaledToZero')) return state;
      if (s === 'failed') throw new Error(`Inference Endpoint ${namespace}/${name} failed: ${state?.status?.message ?? 'no message'}`);
      if (Date.now() >= deadline) throw new Error(`Inference Endpoint ${namespace}/${name} is not running after ${options.timeoutMs ?? 1_200_000} ms (state: ${s ?? 'missing'})`);
      await this.sleep(options.pollMs ?? 15_000);
    }
  }

  private async request(method: string, path: string, body?: object): Promise<unknown> {
    let delay = this.backoffMs;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchFn(`${this.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
      } catch (e) {
        if (attempt >= this.retries) throw new HuggingFaceEndpointsApiError(0, method, path, this.redact(`network error: ${(e as Error).message}`));
        await this.sleep(delay); delay *= 2;
        continue;
      }
      const text = await response.text();
      if (response.ok) return text ? JSON.parse(text) : undefined;
      if (RETRYABLE(response.status) && attempt < this.retries) {
        const retryAfter = Number(response.headers.get('retry-after')) * 1000;
        await this.sleep(Math.max(delay, Number.isFinite(retryAfter) ? retryAfter : 0)); delay *= 2;
        continue;
      }
      throw new HuggingFaceEndpointsApiError(response.status, method, path, this.redact(messageOf(text) || response.statusText));
    }
  }

  /** The token never leaves in an error, even if the server echoes it. */
  private redact(text: string): string {
    return text.split(this.token).join('***');
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

/** HF answers `{"error": "..."}` or `{"message": "..."}`; anything else is shown as text. */
function messageOf(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown };
    const m = json.error ?? json.message;
    if (typeof m === 'string') return m;
  } catch { /* not JSON */ }
  return text.slice(0, 500);
}
