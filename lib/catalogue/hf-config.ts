/**
 * Reads a Hugging Face `config.json` into a {@link ModelArchitecture}, so a model that is not in the
 * catalogue can still be sized. Families ({@link KNOWN_MODEL_TYPES}): Llama (and CodeLlama), Mistral,
 * Mixtral, Qwen2/2.5/3 and their MoE, Gemma 1/2/3, Phi-3/Phi-4, DeepSeek V2/V3 (MLA), gpt-oss, Granite;
 * multimodal configs with a nested `text_config` too. Pre-quantized checkpoints are read by
 * {@link readQuantization}.
 *
 * Bad input fails once, listing every missing or invalid key with the type it should have; a
 * `model_type` outside the known families is refused rather than sized by guesswork.
 */
import { readFileSync, statSync } from 'fs';
import { basename, dirname, join } from 'path';
import { ConfigFields, describe, isObject, withTextConfig } from './hf-config-fields';
import { readQuantization } from './hf-quantization';
import { countParameters } from './parameter-count';
import { MlaSpec, ModelArchitecture, MoeSpec, NativeWeightFormat, Source } from './types';

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

/**
 * `model_type`s whose weights and KV cache the planner knows how to count (their quirks live in
 * parameter-count.ts FAMILY_TRAITS and below).
 */
export const KNOWN_MODEL_TYPES: readonly string[] = [
  'llama', 'mistral', 'mixtral', 'qwen2', 'qwen2_moe', 'qwen3', 'qwen3_moe', 'gemma', 'gemma2', 'gemma3',
  'gemma3_text', 'phi3', 'deepseek_v2', 'deepseek_v3', 'gpt_oss', 'granite',
];

/**
 * Keys a family's config class fills in when config.json leaves them out, as transformers and vLLM read
 * them. Source: transformers models/gemma3/configuration_gemma3.py `Gemma3TextConfig.__init__` defaults
 * (read 2026-12-02); google/gemma-3-*-it configs omit these in their `text_config`.
 */
const FAMILY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  gemma3_text: { vocab_size: 262_208, head_dim: 256, max_position_embeddings: 131_072, sliding_window_pattern: 6, num_attention_heads: 8, num_key_value_heads: 4 },
};
/** Families with multi-head latent attention. */
const MLA_FAMILIES = new Set(['deepseek_v2', 'deepseek_v3']);

/** Families whose config class ties the lm_head to the embeddings unless told otherwise. */
const TIED_BY_DEFAULT = new Set(['gemma', 'gemma2', 'gemma3', 'gemma3_text']);
/** Families whose `use_sliding_window`/`max_window_layers` decide which layers are windowed. */
const QWEN_WINDOWING = new Set(['qwen2', 'qwen2_moe', 'qwen3', 'qwen3_moe']);
const DTYPES: Readonly<Record<string, NativeWeightFormat>> = {
  bfloat16: 'bfloat16', bf16: 'bfloat16', float16: 'float16', fp16: 'float16', half: 'float16', float32: 'float32',
  fp32: 'float32', float: 'float32',
};

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
  const merged = withTextConfig(config);
  const defaults = FAMILY_DEFAULTS[typeof merged.model_type === 'string' ? merged.model_type : ''] ?? {};
  const fields = new ConfigFields({ ...defaults, ...withoutNulls(merged) }, label);

  const modelType = fields.string('model_type');
  if (modelType !== undefined && !KNOWN_MODEL_TYPES.includes(modelType)) {
    fields.problem(`'model_type' "${modelType}" is not an architecture the planner can size without guessing ` +
      `(known: ${KNOWN_MODEL_TYPES.join(', ')}); its weights and KV cache need the family's quirks in lib/catalogue/parameter-count.ts first`);
  }
  const numLayers = fields.positiveInt('num_hidden_layers');
  const hiddenSize = fields.positiveInt('hidden_size');
  const intermediateSize = fields.positiveInt('intermediate_size');
  const numAttentionHeads = fields.positiveInt('num_attention_heads');
  const vocabSize = fields.positiveInt('vocab_size');
  const maxContextLength = fields.positiveInt('max_position_embeddings');
  const numKeyValueHeads = fields.optionalPositiveInt('num_key_value_heads') ?? numAttentionHeads;
  const mla = MLA_FAMILIES.has(modelType ?? '') ? readMla(fields) : undefined;
  const headDim = mla
    ? mla.qkNopeHeadDim + mla.qkRopeHeadDim
    : fields.optionalPositiveInt('head_dim') ?? derivedHeadDim(fields, hiddenSize, numAttentionHeads);
  const tieWordEmbeddings = fields.optionalBoolean('tie_word_embeddings') ?? TIED_BY_DEFAULT.has(modelType ?? '');
  const moe = readMoe(fields, modelType, intermediateSize);
  const window = readSlidingWindow(fields, modelType, numLayers, maxContextLength);
  const quantization = readQuantization(fields);
  const format = quantization?.format ?? readDtype(fields);

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
    ...(mla ? { mla } : {}),
    nativeWeightFormat: format,
    ...(format === 'mxfp4' && moe ? { nativeWeightFormatScope: 'experts' as const } : {}),
    ...(quantization ? { preQuantized: quantization.preQuantized } : {}),
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
  const sharedExpertIntermediateSize = fields.optionalPositiveInt('shared_expert_intermediate_size');
  const firstDenseLayers = fields.optionalNonNegativeInt('first_k_dense_replace');
  // Layouts where MoE and dense layers interleave are not modelled: refuse them rather than miscount.
  const everyLayer = (key: string) => {
    const step = fields.raw(key);
    if (step !== undefined && step !== 1) fields.problem(`'${key}' ${describe(step)} (MoE on only some layers) is not supported; only 1 (every layer) is`);
  };
  everyLayer('moe_layer_freq');
  everyLayer('decoder_sparse_step');
  const mlpOnly = fields.raw('mlp_only_layers');
  if (Array.isArray(mlpOnly) && mlpOnly.length > 0) fields.problem(`'mlp_only_layers' ${describe(mlpOnly)} (dense layers among MoE layers) is not supported`);
  return {
    numExperts,
    expertsPerToken,
    ...(expertIntermediateSize !== undefined ? { expertIntermediateSize } : {}),
    ...(numSharedExperts !== undefined ? { numSharedExperts } : {}),
    ...(sharedExpertIntermediateSize !== undefined ? { sharedExpertIntermediateSize } : {}),
    ...(firstDenseLayers ? { firstDenseLayers } : {}),
  };
}

/** DeepSeek's multi-head latent attention sizes; every one but `q_lora_rank` is required. */
function readMla(fields: ConfigFields): MlaSpec | undefined {
  const kvLoraRank = fields.positiveInt('kv_lora_rank');
  const qkNopeHeadDim = fields.positiveInt('qk_nope_head_dim');
  const qkRopeHeadDim = fields.positiveInt('qk_rope_head_dim');
  const vHeadDim = fields.positiveInt('v_head_dim');
  const qLoraRank = fields.optionalPositiveInt('q_lora_rank');
  if (!kvLoraRank || !qkNopeHeadDim || !qkRopeHeadDim || !vHeadDim) return undefined;
  return { kvLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim, ...(qLoraRank !== undefined ? { qLoraRank } : {}) };
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
  } else if (modelType === 'gemma3_text' || modelType === 'gemma3') {
    // Gemma 3: every `sliding_window_pattern`-th layer (1-based) is global, the others windowed.
    const pattern = fields.optionalPositiveInt('sliding_window_pattern') ?? 6;
    layers = numLayers - Math.floor(numLayers / pattern);
  } else if (QWEN_WINDOWING.has(modelType ?? '')) {
    const enabled = fields.optionalBoolean('use_sliding_window') ?? false;
    layers = enabled ? Math.max(0, numLayers - (fields.optionalPositiveInt('max_window_layers') ?? 0)) : 0;
  } else {
    layers = fields.optionalBoolean('use_sliding_window') === false ? 0 : numLayers;
  }
  return layers > 0 ? { slidingWindow: window, slidingWindowLayers: layers } : {};
}

/** Published precision of an unquantized checkpoint: torch_dtype/dtype. */
function readDtype(fields: ConfigFields): NativeWeightFormat {
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


/** The keys whose value is not null (config.json writes `null` for "not set"). */
function withoutNulls(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
}
