/**
 * HTTP requests to a Hugging Face Hub (or a mirror): a timeout per request, a bounded number of retries
 * for transient failures (network errors, 408, 429, 5xx), and errors that say what to do for 401, 403
 * and 404. The token goes into the Authorization header and nowhere else: not into URLs, messages or logs.
 */

/** How to reach the Hub. */
export interface HubRequestOptions {
  /** Hub base URL, without a trailing slash (e.g. `https://huggingface.co`). */
  readonly endpoint: string;
  /** Hugging Face access token (gated or private repositories). @default - anonymous */
  readonly token?: string;
  /** Milliseconds before one request is abandoned. @default 15000 */
  readonly timeoutMs?: number;
  /** Further attempts after a transient failure. @default 2 */
  readonly retries?: number;
  /** Milliseconds before the first retry, doubled for each next one. @default 500 */
  readonly retryDelayMs?: number;
  /** The fetch implementation. @default globalThis.fetch (Node 20) */
  readonly fetch?: typeof fetch;
}

/** Why the Hub could not answer; `kind` lets callers decide (e.g. fall back to another file on `not-found`). */
export type HubErrorKind = 'unauthorized' | 'forbidden' | 'not-found' | 'unreachable' | 'http' | 'offline' | 'invalid';

/** An error talking to the Hub; its message never contains the token. */
export class HubError extends Error {
  constructor(public readonly kind: HubErrorKind, message: string, public readonly status?: number) {
    super(message);
    this.name = 'HubError';
  }
}

const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * GETs `path` (relative to the endpoint) and returns the response when it is 200 or 206.
 * @param repo the repository the request is about, for error messages
 * @param headers extra headers (e.g. Range)
 * @throws HubError
 */
export async function hubGet(options: HubRequestOptions, path: string, repo: string, headers: Record<string, string> = {}): Promise<Response> {
  const url = `${options.endpoint}/${path}`;
  const doFetch = options.fetch ?? globalThis.fetch;
  const retries = options.retries ?? 2;
  const requestHeaders: Record<string, string> = { 'user-agent': 'ai-model-deployment', ...headers };
  if (options.token) requestHeaders.authorization = `Bearer ${options.token}`;
  let lastProblem = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep((options.retryDelayMs ?? 500) * 2 ** (attempt - 1));
    let response: Response;
    try {
      response = await doFetch(url, { headers: requestHeaders, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000), redirect: 'follow' });
    } catch (error) {
      lastProblem = describeNetworkError(error, options.timeoutMs ?? 15_000);
      continue;
    }
    if (response.status === 200 || response.status === 206) return response;
    await response.body?.cancel().catch(() => undefined);
    if (TRANSIENT.has(response.status)) {
      lastProblem = `HTTP ${response.status}`;
      continue;
    }
    throw statusError(response.status, url, repo, options);
  }
  throw new HubError('unreachable', `Cannot reach the Hugging Face Hub at ${options.endpoint} for ${repo} (${lastProblem}, ${retries + 1} attempt(s) to ${url}).`);
}

function statusError(status: number, url: string, repo: string, options: HubRequestOptions): HubError {
  const page = `${options.endpoint}/${repo}`;
  switch (status) {
    case 401:
      return new HubError('unauthorized', options.token
        ? `The Hub refused the token for ${repo} (HTTP 401 from ${url}): check that HF_TOKEN is valid and has read access, and that the repository exists.`
        : `${repo} needs authentication (HTTP 401 from ${url}): it is gated or private, or does not exist. Set HF_TOKEN to a token with read access (and accept the licence at ${page}).`, status);
    case 403:
      return new HubError('forbidden', `${repo} is gated (HTTP 403 from ${url}): accept its licence at ${page} with the account whose token is in HF_TOKEN${options.token ? '' : ' (HF_TOKEN is not set)'}.`, status);
    case 404:
      return new HubError('not-found', `No such repository or file on the Hub: ${url} (HTTP 404). Check the id '${repo}' (org/name, as on ${options.endpoint}).`, status);
    default:
      return new HubError('http', `The Hub answered HTTP ${status} for ${url}.`, status);
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads the body as JSON. @throws HubError naming the URL when it is not JSON */
export async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HubError('invalid', `${what} is not valid JSON (${response.url || 'Hub response'}).`);
  }
}

/**
 * The first `length` bytes of a response body. A server that ignored the Range header sends the whole
 * file (gigabytes of weights): the rest is not read.
 */
export async function readPrefix(response: Response, length: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  const out = new Uint8Array(length);
  let filled = 0;
  if (!reader) return out.subarray(0, 0);
  while (filled < length) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(value.length, length - filled);
    out.set(value.subarray(0, take), filled);
    filled += take;
  }
  await reader.cancel().catch(() => undefined);
  return out.subarray(0, filled);
}
