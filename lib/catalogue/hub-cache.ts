/**
 * The local cache of models read from the Hugging Face Hub, and its synchronous reader.
 *
 * Fetching is asynchronous (see hub.ts, `ensureHubModel`), planning is synchronous and pure: the fetch
 * writes a model's `config.json` and what the Hub said about its weights into
 * `${XDG_CACHE_HOME:-~/.cache}/ai-model-deployment/hub/<org>/<name>/<revision>/`, and the catalogue
 * lookup (`findModel`) reads from there when a Hugging Face id is not in the catalogue.
 *
 * Nothing secret is ever written here: the token only travels in request headers.
 */
import { existsSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { readHuggingFaceConfig } from './hf-config';
import { HUB_SOURCE_NOTE, countParameters } from './parameter-count';
import type { CheckpointParameters, ModelArchitecture } from './types';

/** The revision fetched and read when none is named. */
export const DEFAULT_REVISION = 'main';

/** What the cache keeps beside config.json (`model-info.json`). */
export interface HubModelInfo {
  /** Repository id, `org/name`. */
  readonly id: string;
  /** Revision asked for (branch, tag or commit). */
  readonly revision: string;
  /** Commit the revision pointed at, when the Hub API said. */
  readonly sha?: string;
  /** Hub base URL the files came from (never with credentials). */
  readonly endpoint: string;
  /** Day of the fetch, `YYYY-MM-DD`. */
  readonly retrieved: string;
  /** Whether the repository is gated. */
  readonly gated: boolean;
  /** Licence from the model card, or `unknown`. */
  readonly license: string;
  /** Exact parameter counts, when the Hub API or the safetensors headers gave them. */
  readonly checkpoint?: CheckpointParameters;
}

/** `org/name` as the Hub spells repository ids (letters, digits, `-`, `_`, `.`). */
export function isHubRepoId(id: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(id) && !id.includes('..');
}

/**
 * Root of the cache: `$XDG_CACHE_HOME/ai-model-deployment/hub`, else `~/.cache/ai-model-deployment/hub`.
 * @param env the environment to read (tests pass their own)
 */
export function hubCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.length > 0 ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'ai-model-deployment', 'hub');
}

/** Folder of one repository revision in the cache. */
export function hubModelDir(id: string, revision: string = DEFAULT_REVISION, root: string = hubCacheRoot()): string {
  const [org, name] = id.split('/');
  return join(root, org!, name!, encodeURIComponent(revision));
}

/** Where to look: a cache root and revision. */
export interface HubCacheLocation {
  /** @default hubCacheRoot() */
  readonly cacheDir?: string;
  /** @default 'main' */
  readonly revision?: string;
}

/**
 * The architecture of a cached Hub model, or undefined when it is not cached.
 * @throws HuggingFaceConfigError when the cached config.json describes no model
 */
export function readCachedHubModel(id: string, location: HubCacheLocation = {}): ModelArchitecture | undefined {
  if (!isHubRepoId(id)) return undefined;
  const dir = hubModelDir(id, location.revision ?? DEFAULT_REVISION, location.cacheDir ?? hubCacheRoot());
  const configFile = join(dir, 'config.json');
  const infoFile = join(dir, 'model-info.json');
  if (!existsSync(configFile) || !existsSync(infoFile)) return undefined;
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as HubModelInfo;
  return architectureFromHub(configFile, info);
}

/**
 * The architecture a Hub config and its metadata describe. With exact counts of an unquantized
 * checkpoint, `parameters` is the exact count, and a multimodal checkpoint's parameters beyond its
 * language model (vision encoder, projector) become `additionalParameters`. Pre-quantized checkpoints
 * store packed words, so their architecture count stays.
 */
export function architectureFromHub(configFile: string, info: HubModelInfo): ModelArchitecture {
  const counted = info.checkpoint ? 'exact parameter counts from its safetensors metadata' : 'parameter count estimated from config.json';
  const model = readHuggingFaceConfig(configFile, {
    id: info.id,
    gated: info.gated,
    license: info.license,
    fileLabel: `${info.id}/config.json (Hugging Face Hub cache ${configFile})`,
    source: {
      url: `${info.endpoint}/${info.id}/blob/${info.sha ?? info.revision}/config.json`,
      retrieved: info.retrieved,
      note: `${HUB_SOURCE_NOTE} ${info.id}@${info.revision}: ${counted}`,
    },
  });
  const checkpoint = info.checkpoint;
  if (!checkpoint || model.preQuantized) return checkpoint ? { ...model, checkpoint } : model;
  const architectureCount = countParameters(model).total;
  const multimodal = hasVisionTower(configFile);
  const additional = multimodal ? Math.max(0, checkpoint.total - architectureCount) : 0;
  return {
    ...model,
    parameters: checkpoint.total,
    activeParameters: model.activeParameters + additional,
    checkpoint,
    ...(additional > 0 ? { additionalParameters: additional } : {}),
  };
}

/** Whether the config describes a vision encoder beside the language model. */
function hasVisionTower(configFile: string): boolean {
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
  return typeof config.vision_config === 'object' && config.vision_config !== null;
}
