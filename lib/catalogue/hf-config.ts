/**
 * Reads a Hugging Face `config.json` into a {@link ModelArchitecture}, so a model that is not in the
 * catalogue can still be sized. Families: llama, mistral, mixtral, qwen2, qwen3, gemma2, phi3, gpt_oss,
 * and any decoder config that uses the common keys; multimodal configs with a nested `text_config` too.
 *
 * Bad input fails once, listing every missing or invalid key with the type it should have.
 */
import { readFileSync, statSync } from 'fs';
import { basename, dirname, join } from 'path';
import { countParameters } from './parameter-count';
import { ModelArchitecture, MoeSpec, NativeWeightFormat, Source } from './types';

/** What config.json does not say about a model. */
export interface HuggingFaceConfigOptions {
  /** Canonical id, normally the Hugging Face repository (`org/name`). */
  readonly id: string;
  /**
   * Where the config was read.
   * @default the repository's config.json URL on huggingface.co, retrieved today
   */
  readonly source?: Source;
  /** @default [] */
  readonly aliases?: readonly string[];
  /** @default false */
  readonly gated?: boolean;
  /** @default 'unknown' */
  readonly license?: string;
  /**
   * How the file is named in error messages.
   * @default 'config.json'
   */
  readonly fileLabel?: string;
}

/** Thrown for a config that cannot describe a model; `problems` lists every reason, one per line. */
export class HuggingFaceConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Cannot read the model architecture (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
      problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'HuggingFaceConfigError';
  }
}

/** Families whose config class ties the lm_head to the embeddings unless told otherwise. */
const TIED_BY_DEFAULT = new Set(['gemma', 'gemma2', 'gemma3', 'gemma3_text']);
/** Families whose `use_sliding_window`/`max_window_layers` decide which layers are windowed. */
const QWEN_WINDOWING = new Set(['qwen2', 'qwen2_moe', 'qwen3', 'qwen3_moe']);
const DTYPES: Readonly<Record<string, NativeWeightFormat>> = {
  bfloat16: 'bfloat16', bf16: 'bfloat16', float16: 'float16', fp16: 'float16', half: 'float16', float32: 'float32',
  fp32: 'float32', float: 'float32',
};
const QUANT_METHODS: Readonly<Record<string, NativeWeightFormat>> = { mxfp4: 'mxfp4', fp8: 'fp8', fbgemm_fp8: 'fp8' };

/**
 * The architecture described by a parsed config.json; `parameters` and `activeParameters` are computed
 * with {@link countParameters}.
 * @throws HuggingFaceConfigError listing every missing or invalid key
 */
export function modelFromHuggingFaceConfig(config: unknown, options: HuggingFaceConfigOptions): ModelArchitecture {
  const label = options.fileLabel ?? 'config.json';
  if (!isObject(config)) {
    throw new HuggingFaceConfigError([`${label}: must be a JSON object (got ${describe(config)})`]);
  }
  // Multimodal configs keep the language model in `text_config`; top-level keys fill what it leaves out.
  const fields = new ConfigFields(withTextConfig(config), label);

  const modelType = fields.string('model_type');
  const numLayers = fields.positiveInt('num_hidden_layers');
  const hiddenSize = fields.positiveInt('hidden_size');
  const intermediateSize = fields.positiveInt('intermediate_size');
  const numAttentionHeads = fields.positiveInt('num_attention_heads');
  const vocabSize = fields.positiveInt('vocab_size');
  const maxContextLength = fields.positiveInt('max_position_embeddings');
  const numKeyValueHeads = fields.optionalPositiveInt('num_key_value_heads') ?? numAttentionHeads;
  const headDim = fields.optionalPositiveInt('head_dim') ?? derivedHeadDim(fields, hiddenSize, numAttentionHeads);
  const tieWordEmbeddings = fields.optionalBoolean('tie_word_embeddings') ?? TIED_BY_DEFAULT.has(modelType ?? '');
  const moe = readMoe(fields, modelType, intermediateSize);
  const window = readSlidingWindow(fields, modelType, numLayers, maxContextLength);
  const format = readWeightFormat(fields);

  if (numAttentionHeads && numKeyValueHeads && numAttentionHeads % numKeyValueHeads !== 0) {
    fields.problem(`'num_attention_heads' (${numAttentionHeads}) must be a multiple of 'num_key_value_heads' (${numKeyValueHeads})`);
  }
  if (fields.problems.length > 0) {
    throw new HuggingFaceConfigError(fields.problems);
  }

  const withoutCounts = {
    id: options.id,
    aliases: options.aliases ?? [],
    modelType: modelType!,
    parameters: 0,
    activeParameters: 0,
    numLayers: numLayers!,
    hiddenSize: hiddenSize!,
    intermediateSize: intermediateSize!,
    numAttentionHeads: numAttentionHeads!,
    numKeyValueHeads: numKeyValueHeads!,
    headDim: headDim!,
    vocabSize: vocabSize!,
    maxContextLength: maxContextLength!,
    tieWordEmbeddings,
    ...window,
    ...(moe ? { moe } : {}),
    nativeWeightFormat: format,
    ...(format === 'mxfp4' && moe ? { nativeWeightFormatScope: 'experts' as const } : {}),
    gated: options.gated ?? false,
    license: options.license ?? 'unknown',
    source: options.source ?? {
      url: `https://huggingface.co/${options.id}/blob/main/config.json`,
      retrieved: new Date().toISOString().slice(0, 10),
    },
  };
  const counts = countParameters(withoutCounts);
  return { ...withoutCounts, parameters: counts.total, activeParameters: counts.activePerToken };
}

/**
 * Reads a config.json (or a model directory holding one) and returns its architecture.
 * @param path file or directory
 * @param options as for {@link modelFromHuggingFaceConfig}; `id` defaults to the config's `_name_or_path`,
 *   else the directory name
 * @throws HuggingFaceConfigError when the file cannot be read or parsed, or describes no model
 */
export function readHuggingFaceConfig(path: string, options: Partial<HuggingFaceConfigOptions> = {}): ModelArchitecture {
  let file = path;
  let raw: string;
  try {
    if (statSync(path).isDirectory()) {
      file = join(path, 'config.json');
    }
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new HuggingFaceConfigError([`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  let config: unknown;
  try {
    config = JSON.parse(raw);
  } catch (err) {
    throw new HuggingFaceConfigError([`${file}: is not valid JSON (${(err as Error).message})`]);
  }
  const nameOrPath = isObject(config) && typeof config._name_or_path === 'string' ? config._name_or_path : undefined;
  return modelFromHuggingFaceConfig(config, {
    ...options,
    id: options.id ?? nameOrPath ?? basename(dirname(file)),
    fileLabel: options.fileLabel ?? file,
  });
}

/** head_dim when config.json leaves it out: hidden_size / num_attention_heads, which must divide. */
function derivedHeadDim(fields: ConfigFields, hidden: number | undefined, heads: number | undefined): number | undefined {
  if (!hidden || !heads) {
    return undefined;
  }
  if (hidden % heads !== 0) {
    fields.problem(`'head_dim' is missing and 'hidden_size' (${hidden}) is not a multiple of 'num_attention_heads' (${heads}); add 'head_dim' (a positive integer)`);
    return undefined;
  }
  return hidden / heads;
}

/** Mixture-of-experts layout, from whichever of the families' key names is present. */
function readMoe(fields: ConfigFields, modelType: string | undefined, intermediate: number | undefined): MoeSpec | undefined {
  const numExperts = fields.firstPositiveInt(['num_local_experts', 'num_experts', 'n_routed_experts']);
  if (numExperts === undefined) {
    return undefined;
  }
  const expertsPerToken = fields.firstPositiveInt(['num_experts_per_tok', 'experts_per_token']);
  if (expertsPerToken === undefined) {
    fields.problem(`'num_experts_per_tok' is missing (expected a positive integer: experts routed per token)`);
    return undefined;
  }
  if (expertsPerToken > numExperts) {
    fields.problem(`'num_experts_per_tok' (${expertsPerToken}) must not exceed the number of experts (${numExperts})`);
  }
  // gpt-oss's intermediate_size is already per expert; DeepSeek/Qwen-MoE name it moe_intermediate_size.
  const expertIntermediateSize =
    fields.optionalPositiveInt('moe_intermediate_size') ?? (modelType === 'gpt_oss' ? intermediate : undefined);
  const numSharedExperts = fields.optionalPositiveInt('n_shared_experts');
  return {
    numExperts,
    expertsPerToken,
    ...(expertIntermediateSize !== undefined ? { expertIntermediateSize } : {}),
    ...(numSharedExperts !== undefined ? { numSharedExperts } : {}),
  };
}

/**
 * Sliding-window size and how many layers use it. Windows at least as long as the context, and Qwen's
 * windows while `use_sliding_window` is false, change nothing and are dropped.
 */
function readSlidingWindow(
  fields: ConfigFields, modelType: string | undefined, numLayers: number | undefined, maxContext: number | undefined,
): { slidingWindow?: number; slidingWindowLayers?: number } {
  const window = fields.optionalPositiveInt('sliding_window');
  const layerTypes = fields.optionalStringArray('layer_types');
  if (layerTypes && numLayers !== undefined && layerTypes.length !== numLayers) {
    fields.problem(`'layer_types' has ${layerTypes.length} entries but 'num_hidden_layers' is ${numLayers}`);
  }
  if (window === undefined || numLayers === undefined || (maxContext !== undefined && window >= maxContext)) {
    return {};
  }
  let layers: number;
  if (layerTypes) {
    layers = layerTypes.filter((t) => t === 'sliding_attention').length;
  } else if (modelType === 'gemma2') {
    layers = Math.ceil(numLayers / 2); // Gemma 2 windows layers 0, 2, 4, ...
  } else if (QWEN_WINDOWING.has(modelType ?? '')) {
    const enabled = fields.optionalBoolean('use_sliding_window') ?? false;
    layers = enabled ? Math.max(0, numLayers - (fields.optionalPositiveInt('max_window_layers') ?? 0)) : 0;
  } else {
    layers = fields.optionalBoolean('use_sliding_window') === false ? 0 : numLayers;
  }
  return layers > 0 ? { slidingWindow: window, slidingWindowLayers: layers } : {};
}

/** Published precision: the quantization method if there is one, else torch_dtype/dtype. */
function readWeightFormat(fields: ConfigFields): NativeWeightFormat {
  const quant = fields.raw('quantization_config');
  if (isObject(quant) && typeof quant.quant_method === 'string') {
    const format = QUANT_METHODS[quant.quant_method.toLowerCase()];
    if (!format) {
      fields.problem(`'quantization_config.quant_method' "${quant.quant_method}" is not supported (expected one of: ${Object.keys(QUANT_METHODS).join(', ')}); size a pre-quantized checkpoint from its base model`);
      return 'bfloat16';
    }
    return format;
  }
  const dtype = fields.raw('torch_dtype') ?? fields.raw('dtype');
  if (dtype === undefined || dtype === null) {
    return 'bfloat16';
  }
  if (typeof dtype !== 'string' || !DTYPES[dtype.toLowerCase()]) {
    fields.problem(`'torch_dtype' must be one of ${Object.keys(DTYPES).join(', ')} (got ${describe(dtype)})`);
    return 'bfloat16';
  }
  return DTYPES[dtype.toLowerCase()];
}

/** Typed access to config keys that records a problem for every missing or mistyped one. */
class ConfigFields {
  public readonly problems: string[] = [];

  constructor(private readonly values: Record<string, unknown>, private readonly label: string) {}

  raw(key: string): unknown {
    return this.values[key];
  }

  problem(message: string): void {
    this.problems.push(`${this.label}: ${message}`);
  }

  string(key: string): string | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) {
      this.problem(`'${key}' is missing (expected a string)`);
      return undefined;
    }
    if (typeof value !== 'string' || value.length === 0) {
      this.problem(`'${key}' must be a non-empty string (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  positiveInt(key: string): number | undefined {
    if (this.values[key] === undefined || this.values[key] === null) {
      this.problem(`'${key}' is missing (expected a positive integer)`);
      return undefined;
    }
    return this.optionalPositiveInt(key);
  }

  optionalPositiveInt(key: string): number | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      this.problem(`'${key}' must be a positive integer (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  firstPositiveInt(keys: readonly string[]): number | undefined {
    const key = keys.find((k) => this.values[k] !== undefined && this.values[k] !== null);
    return key === undefined ? undefined : this.optionalPositiveInt(key);
  }

  optionalBoolean(key: string): boolean | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'boolean') {
      this.problem(`'${key}' must be a boolean (got ${describe(value)})`);
      return undefined;
    }
    return value;
  }

  optionalStringArray(key: string): readonly string[] | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      this.problem(`'${key}' must be an array of strings (got ${describe(value)})`);
      return undefined;
    }
    return value as string[];
  }
}

/** Top-level keys overlaid with the non-null keys of a nested `text_config`, if any. */
function withTextConfig(config: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...config };
  if (isObject(config.text_config)) {
    for (const [key, value] of Object.entries(config.text_config)) {
      if (value !== undefined && value !== null) {
        merged[key] = value;
      }
    }
  }
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as it appears in JSON, shortened: `"8"`, `-1`, `null`, `[...]`. */
function describe(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}
