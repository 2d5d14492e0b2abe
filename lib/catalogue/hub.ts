/**
 * Models outside the catalogue, read from the Hugging Face Hub: `ensureHubModel` fetches a repository's
 * `config.json` and the exact parameter counts of its weights (the Hub API's safetensors summary, else
 * the safetensors headers over HTTP Range) into the local cache (hub-cache.ts), from where the
 * synchronous planner reads them. `prefetchModelsForSpec` does it for a deployment spec.
 *
 * Environment, as the Hugging Face tools read it:
 * - `HF_ENDPOINT`: Hub base URL (mirrors), default `https://huggingface.co`;
 * - `HF_TOKEN`: access token for gated/private repositories (sent as a Bearer header, never stored);
 * - `HF_HUB_OFFLINE=1`: no network, the cache only;
 * - `XDG_CACHE_HOME`: the cache lives in `$XDG_CACHE_HOME/ai-model-deployment/hub` (default `~/.cache`).
 */
import { mkdirSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import { findCatalogueModel, findModel } from './index';
import { modelFromHuggingFaceConfig } from './hf-config';
import { DEFAULT_REVISION, architectureFromHub, hubCacheRoot, hubModelDir, isHubRepoId, readCachedHubModel, type HubModelInfo } from './hub-cache';
import { HubError, hubGet, readJson, type HubRequestOptions } from './hub-http';
import { countsFromApi, countsFromHeaders } from './safetensors';
import type { ModelArchitecture } from './types';

export { HubError } from './hub-http';
export type { HubErrorKind } from './hub-http';

/** The public Hub. */
export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/** How to fetch; every field defaults from the environment. */
export interface HubOptions {
  /** Hub base URL. @default $HF_ENDPOINT, else https://huggingface.co */
  readonly endpoint?: string;
  /** Access token. @default $HF_TOKEN */
  readonly token?: string;
  /** Cache root. @default $XDG_CACHE_HOME/ai-model-deployment/hub (~/.cache when unset) */
  readonly cacheDir?: string;
  /** Use the cache only, never the network. @default true when $HF_HUB_OFFLINE is 1/true/yes/on */
  readonly offline?: boolean;
  /** Branch, tag or commit. @default 'main' */
  readonly revision?: string;
  /** Fetch again even when the cache has the model. @default false */
  readonly refresh?: boolean;
  /** Milliseconds per request. @default 15000 */
  readonly timeoutMs?: number;
  /** Retries of a transient failure. @default 2 */
  readonly retries?: number;
  /** Milliseconds before the first retry (doubling). @default 500 */
  readonly retryDelayMs?: number;
  /** Environment to read the defaults from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** fetch implementation. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/** The options with the environment's defaults filled in. */
export function resolveHubOptions(options: HubOptions = {}): Required<Pick<HubOptions, 'endpoint' | 'cacheDir' | 'offline' | 'revision'>> & HubOptions {
  const env = options.env ?? process.env;
  const endpoint = stripCredentials((options.endpoint ?? env.HF_ENDPOINT ?? DEFAULT_HUB_ENDPOINT).replace(/\/+$/, ''));
  const token = options.token ?? (env.HF_TOKEN && env.HF_TOKEN.length > 0 ? env.HF_TOKEN : undefined);
  return {
    ...options,
    endpoint,
    token,
    cacheDir: options.cacheDir ?? hubCacheRoot(env),
    offline: options.offline ?? /^(1|true|yes|on)$/i.test(env.HF_HUB_OFFLINE ?? ''),
    revision: options.revision ?? DEFAULT_REVISION,
  };
}

/**
 * The architecture of `id`: the catalogue entry when there is one, else the cached Hub model, else the
 * Hub model fetched now (and cached). After it resolves, `findModel(id)` finds the model synchronously.
 * @throws CatalogueLookupError for an id that is neither in the catalogue nor a Hub id (org/name)
 * @throws HubError when offline and not cached, unreachable and not cached, gated, or not found
 * @throws HuggingFaceConfigError when the repository's config.json describes no model the planner can size
 */
export async function ensureHubModel(id: string, options: HubOptions = {}): Promise<ModelArchitecture> {
  const wanted = id.trim();
  const listed = findCatalogueModel(wanted);
  if (listed) return listed;
  if (!isHubRepoId(wanted)) return findModel(wanted); // throws the catalogue's error with the closest ids
  const o = resolveHubOptions(options);
  const location = { cacheDir: o.cacheDir, revision: o.revision };
  const cached = o.refresh ? undefined : readCachedHubModel(wanted, location);
  if (cached) return cached;
  if (o.offline) {
    throw new HubError('offline', `${wanted} is not in the catalogue nor in the Hugging Face cache (${hubModelDir(wanted, o.revision, o.cacheDir)}), ` +
      `and offline mode is on (--offline or HF_HUB_OFFLINE=1). Run once with network access to cache it, or pass its config.json with --model-config <path> (model.configPath in a spec).`);
  }
  try {
    return await fetchIntoCache(wanted, o);
  } catch (error) {
    if (error instanceof HubError && error.kind === 'unreachable') {
      // A refresh that cannot reach the Hub still has the cached copy.
      const stale = readCachedHubModel(wanted, location);
      if (stale) return stale;
      throw new HubError('unreachable', `${error.message} ${wanted} is not cached either: connect and run again, set HF_ENDPOINT to a reachable mirror, or pass its config.json with --model-config <path> (model.configPath in a spec).`);
    }
    throw error;
  }
}

/** Fetches config.json and the parameter counts, checks them, and writes them into the cache. */
async function fetchIntoCache(id: string, o: ReturnType<typeof resolveHubOptions>): Promise<ModelArchitecture> {
  const http: HubRequestOptions = { endpoint: o.endpoint, token: o.token, timeoutMs: o.timeoutMs, retries: o.retries, retryDelayMs: o.retryDelayMs, fetch: o.fetch };
  const apiPath = o.revision === DEFAULT_REVISION ? `api/models/${id}` : `api/models/${id}/revision/${encodeURIComponent(o.revision)}`;
  // Mirrors often serve files without the API: then the repository's own files are the evidence.
  let api: Record<string, unknown> | undefined;
  try {
    api = (await readJson(await hubGet(http, apiPath, id), `${id} model info`)) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof HubError && (error.kind === 'not-found' || error.kind === 'invalid' || error.kind === 'http'))) throw error;
  }
  const configResponse = await hubGet(http, `${id}/resolve/${encodeURIComponent(o.revision)}/config.json`, id);
  const configText = await configResponse.text();
  let config: unknown;
  try {
    config = JSON.parse(configText);
  } catch {
    throw new HubError('invalid', `${id}/config.json on ${o.endpoint} is not valid JSON.`);
  }
  // Refuse a config the planner cannot size before anything is cached.
  modelFromHuggingFaceConfig(config, { id, fileLabel: `${id}/config.json (${o.endpoint})` });
  const checkpoint = countsFromApi(api) ?? (await countsFromHeaders(http, id, o.revision));
  const info: HubModelInfo = {
    id,
    revision: o.revision,
    ...(typeof api?.sha === 'string' ? { sha: api.sha } : {}),
    endpoint: o.endpoint,
    retrieved: new Date().toISOString().slice(0, 10),
    gated: api?.gated !== undefined && api.gated !== false,
    license: licenseOf(api),
    ...(checkpoint ? { checkpoint } : {}),
  };
  const dir = hubModelDir(id, o.revision, o.cacheDir);
  mkdirSync(dir, { recursive: true });
  writeAtomically(join(dir, 'config.json'), configText);
  writeAtomically(join(dir, 'model-info.json'), `${JSON.stringify(info, null, 2)}\n`);
  return architectureFromHub(join(dir, 'config.json'), info);
}

/** The parts of a spec that name its model (a `DeploymentSpecInput` fits). */
export interface SpecWithModel {
  readonly model?: { readonly id?: string; readonly configPath?: string };
}

/**
 * Makes a spec's model resolvable synchronously: fetches it into the cache when it is a Hugging Face
 * id outside the catalogue. Does nothing for catalogue ids, `model.configPath` or specs without a model
 * (validation reports those). Call it before `resolveDeploymentSpec` / `planDeployment` in async code
 * (the CLI's `--spec` commands, Pulumi programs); synchronous apps (the CDK app) then find the model.
 * @returns the architecture fetched or cached, or undefined when nothing was needed
 * @throws as {@link ensureHubModel}
 */
export async function prefetchModelsForSpec(spec: SpecWithModel, options: HubOptions = {}): Promise<ModelArchitecture | undefined> {
  const id = spec.model?.id;
  if (spec.model?.configPath !== undefined || typeof id !== 'string' || id.trim().length === 0) return undefined;
  if (findCatalogueModel(id.trim()) || !isHubRepoId(id.trim())) return undefined;
  return ensureHubModel(id, options);
}

function licenseOf(api: Record<string, unknown> | undefined): string {
  const card = api?.cardData as { license?: unknown } | undefined;
  return typeof card?.license === 'string' ? card.license : 'unknown';
}

/** The URL without `user:password@` (it is written into the cache and into messages). */
function stripCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/+$/, '');
  } catch {
    throw new HubError('invalid', `HF_ENDPOINT must be a URL such as https://huggingface.co (got a value that is not).`);
  }
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
