/**
 * Exact parameter counts of a Hub checkpoint without downloading its weights: the Hub API's
 * `safetensors` summary, or else the safetensors headers read with HTTP Range requests.
 *
 * Format (github.com/huggingface/safetensors, README "Format"): 8 bytes little-endian u64 `N`, then `N`
 * bytes of JSON mapping each tensor name to `{ dtype, shape, data_offsets }` (plus an optional
 * `__metadata__`), then the tensor data. Sharded checkpoints list their files in
 * `model.safetensors.index.json` (`weight_map`: tensor name -> file).
 */
import { HubError, hubGet, readJson, readPrefix, type HubRequestOptions } from './hub-http';
import type { CheckpointParameters } from './types';

/** Bytes per element of each safetensors dtype. */
const DTYPE_BYTES: Readonly<Record<string, number>> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, F8_E4M3: 1, F8_E5M2: 1, F8_E8M0: 1, F4: 0.5, F6_E2M3: 0.75, F6_E3M2: 0.75,
  I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1,
};

/** Headers larger than this are refused (real ones are a few MB even for 1,000-shard models). */
const MAX_HEADER_BYTES = 100 * 2 ** 20;

/**
 * Counts from the Hub API's `safetensors` field (`{ parameters: { BF16: n, ... }, total }`), or
 * undefined when the API gave none.
 */
export function countsFromApi(api: unknown): CheckpointParameters | undefined {
  const st = (api as { safetensors?: { parameters?: unknown } } | undefined)?.safetensors;
  const params = st?.parameters;
  if (typeof params !== 'object' || params === null) return undefined;
  const entries = Object.entries(params as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] >= 0);
  if (entries.length === 0) return undefined;
  const parametersByDtype = Object.fromEntries(entries);
  return {
    source: 'hub-api',
    parametersByDtype,
    total: entries.reduce((sum, [, n]) => sum + n, 0),
    bytes: entries.reduce((sum, [dtype, n]) => sum + n * (DTYPE_BYTES[dtype] ?? 0), 0),
  };
}

/**
 * Counts from the safetensors headers of a repository revision: the shards of
 * `model.safetensors.index.json`, else the single `model.safetensors`. Undefined when the repository
 * has neither (e.g. only `.bin` or GGUF files).
 * @throws HubError for failures other than a missing file
 */
export async function countsFromHeaders(options: HubRequestOptions, repo: string, revision: string): Promise<CheckpointParameters | undefined> {
  const resolve = (file: string) => `${repo}/resolve/${encodeURIComponent(revision)}/${file}`;
  let files: string[];
  try {
    const index = await readJson(await hubGet(options, resolve('model.safetensors.index.json'), repo), `${repo} model.safetensors.index.json`);
    const weightMap = (index as { weight_map?: Record<string, string> }).weight_map ?? {};
    files = [...new Set(Object.values(weightMap))].sort();
  } catch (error) {
    if (!(error instanceof HubError && error.kind === 'not-found')) throw error;
    files = ['model.safetensors'];
  }
  const byDtype: Record<string, number> = {};
  let bytes = 0;
  for (const file of files) {
    let header: Record<string, unknown>;
    try {
      header = await readHeader(options, resolve(file), repo, file);
    } catch (error) {
      if (error instanceof HubError && error.kind === 'not-found' && files.length === 1) return undefined;
      throw error;
    }
    for (const [name, tensor] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      const { dtype, shape, data_offsets: offsets } = tensor as { dtype: string; shape: number[]; data_offsets?: [number, number] };
      const elements = shape.reduce((a, b) => a * b, 1);
      byDtype[dtype] = (byDtype[dtype] ?? 0) + elements;
      bytes += offsets ? offsets[1] - offsets[0] : elements * (DTYPE_BYTES[dtype] ?? 0);
    }
  }
  return { source: 'safetensors-headers', parametersByDtype: byDtype, total: Object.values(byDtype).reduce((a, b) => a + b, 0), bytes };
}

/** The JSON header of one safetensors file, read with two Range requests. */
async function readHeader(options: HubRequestOptions, path: string, repo: string, file: string): Promise<Record<string, unknown>> {
  const lengthBytes = await readPrefix(await hubGet(options, path, repo, { range: 'bytes=0-7' }), 8);
  if (lengthBytes.length < 8) throw new HubError('invalid', `${repo}/${file} is too short to be a safetensors file.`);
  const length = Number(new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8).getBigUint64(0, true));
  if (length <= 0 || length > MAX_HEADER_BYTES) throw new HubError('invalid', `${repo}/${file} declares a safetensors header of ${length} bytes (expected 1 to ${MAX_HEADER_BYTES}).`);
  const response = await hubGet(options, path, repo, { range: `bytes=8-${8 + length - 1}` });
  // A server without Range support sends the file from byte 0: skip the length prefix ourselves.
  const raw = await readPrefix(response, response.status === 206 ? length : 8 + length);
  const json = response.status === 206 ? raw : raw.subarray(8);
  try {
    return JSON.parse(new TextDecoder().decode(json)) as Record<string, unknown>;
  } catch {
    throw new HubError('invalid', `${repo}/${file} has a safetensors header that is not valid JSON.`);
  }
}
