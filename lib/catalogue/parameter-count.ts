/**
 * Parameter count of a transformer, derived from its architecture numbers alone.
 *
 * The memory model sizes weights per quantization from this breakdown: embeddings and lm_head stay
 * 16-bit while linear layers are quantized, so the parts are reported separately. The count never
 * reads `arch.parameters`; tests compare the two to catch a wrong architecture number.
 *
 * Assumptions, true for every family in the catalogue:
 * - the feed-forward block is gated (SwiGLU/GeGLU: gate, up and down projections);
 * - norms are RMSNorm-style, one weight vector each (no bias);
 * - in MoE models every layer is an MoE layer, except the leading `moe.firstDenseLayers` (DeepSeek).
 * Multi-head latent attention (DeepSeek V2/V3) replaces the Q/K/V projections by its compressions.
 * Family quirks (biases, attention sinks, extra norms) come from {@link FAMILY_TRAITS} by `modelType`.
 */
import { ModelArchitecture } from './types';

/**
 * Parameters of a model, by part. Contract with the memory model: the field set is fixed.
 */
export interface ParameterBreakdown {
  /** Input token embedding table (vocab x hidden). */
  readonly embedding: number;
  /** Output projection; 0 when tied to the embedding table. */
  readonly lmHead: number;
  /** Q/K/V/O projections of every layer, with their biases and attention sinks. */
  readonly attention: number;
  /** Always-active feed-forward: dense MLPs, plus shared experts of MoE models. */
  readonly mlp: number;
  /** Routed experts of every MoE layer (all of them, with their biases); 0 for dense models. */
  readonly experts: number;
  /** Router (gate) projections of every MoE layer, with their biases. */
  readonly router: number;
  /** Every norm weight vector: per-layer norms, QK-norms and the final norm. */
  readonly norms: number;
  /** Sum of the parts above. */
  readonly total: number;
  /**
   * Parameters touched per token: `total` minus the routed experts a token is not sent to.
   * Embedding lookups are included (some model cards, e.g. OpenAI's for gpt-oss, leave them out).
   */
  readonly activePerToken: number;
}

/** Architecture details that config.json does not spell out but the modelling code hard-wires. */
interface FamilyTraits {
  /** Biases on the Q, K and V projections (Qwen2, gpt-oss). */
  readonly qkvBias: boolean;
  /** Bias on the output projection (gpt-oss). */
  readonly outputBias: boolean;
  /** One learned attention-sink logit per query head per layer (gpt-oss). */
  readonly attentionSinks: boolean;
  /** RMSNorm over each head's queries and keys (Qwen3). */
  readonly qkNorm: boolean;
  /** Norms per decoder layer: 2 usually, 4 in Gemma 2 (pre/post attention and pre/post MLP). */
  readonly normsPerLayer: number;
  /** Biases inside each expert's projections (gpt-oss). */
  readonly expertBias: boolean;
  /** Bias on the router projection (gpt-oss). */
  readonly routerBias: boolean;
}

const PLAIN: FamilyTraits = {
  qkvBias: false,
  outputBias: false,
  attentionSinks: false,
  qkNorm: false,
  normsPerLayer: 2,
  expertBias: false,
  routerBias: false,
};

/** Quirks by `model_type`; anything not listed is treated as a plain Llama-style decoder. */
const FAMILY_TRAITS: Readonly<Record<string, FamilyTraits>> = {
  qwen2: { ...PLAIN, qkvBias: true },
  qwen2_moe: { ...PLAIN, qkvBias: true },
  qwen3: { ...PLAIN, qkNorm: true },
  qwen3_moe: { ...PLAIN, qkNorm: true },
  gemma2: { ...PLAIN, normsPerLayer: 4 },
  gemma3_text: { ...PLAIN, normsPerLayer: 4, qkNorm: true },
  gemma3: { ...PLAIN, normsPerLayer: 4, qkNorm: true },
  // DeepSeek V3 routers carry a per-expert score-correction bias (`e_score_correction_bias`).
  deepseek_v3: { ...PLAIN, routerBias: true },
  gpt_oss: {
    ...PLAIN,
    qkvBias: true,
    outputBias: true,
    attentionSinks: true,
    expertBias: true,
    routerBias: true,
  },
};

/** Traits used for a `model_type`; exported for tests and for the memory model's documentation. */
export function familyTraits(modelType: string): FamilyTraits {
  return FAMILY_TRAITS[modelType] ?? PLAIN;
}

/** Counts the parameters of `arch` by part (see {@link ParameterBreakdown}). */
export function countParameters(arch: ModelArchitecture): ParameterBreakdown {
  const traits = familyTraits(arch.modelType);
  const h = arch.hiddenSize;
  const layers = arch.numLayers;

  const embedding = arch.vocabSize * h;
  const lmHead = arch.tieWordEmbeddings ? 0 : arch.vocabSize * h;

  const split = attentionLinearParams(arch);
  const qWidth = arch.numAttentionHeads * arch.headDim;
  const kvWidth = arch.numKeyValueHeads * arch.headDim;
  const attentionPerLayer =
    split.sharded + split.replicated + split.kv +
    (traits.qkvBias ? qWidth + 2 * kvWidth : 0) +
    (traits.outputBias ? h : 0) +
    (traits.attentionSinks ? arch.numAttentionHeads : 0);
  const attention = attentionPerLayer * layers;

  // MLA normalises its compressed query and KV latents (q_a_layernorm, kv_a_layernorm).
  const mlaNorms = arch.mla ? (arch.mla.qLoraRank ?? 0) + arch.mla.kvLoraRank : 0;
  const norms =
    (traits.normsPerLayer * h + (traits.qkNorm ? 2 * arch.headDim : 0) + mlaNorms) * layers + h;

  const moe = arch.moe;
  if (!moe) {
    const mlp = gatedMlp(h, arch.intermediateSize, false) * layers;
    const total = embedding + lmHead + attention + mlp + norms;
    return { embedding, lmHead, attention, mlp, experts: 0, router: 0, norms, total, activePerToken: total };
  }

  const denseLayers = Math.min(moe.firstDenseLayers ?? 0, layers);
  const moeLayers = layers - denseLayers;
  const expertSize = moe.expertIntermediateSize ?? arch.intermediateSize;
  const oneExpert = gatedMlp(h, expertSize, traits.expertBias);
  const experts = oneExpert * moe.numExperts * moeLayers;
  // Qwen2-MoE's shared expert has its own size and a one-output sigmoid gate (counted with the router).
  const sharedGate = moe.sharedExpertIntermediateSize !== undefined ? h : 0;
  const router = (h * moe.numExperts + (traits.routerBias ? moe.numExperts : 0) + sharedGate) * moeLayers;
  const shared = moe.sharedExpertIntermediateSize !== undefined
    ? gatedMlp(h, moe.sharedExpertIntermediateSize, false)
    : oneExpert * (moe.numSharedExperts ?? 0);
  const mlp = shared * moeLayers + gatedMlp(h, arch.intermediateSize, false) * denseLayers;
  const total = embedding + lmHead + attention + mlp + experts + router + norms;
  const idleExperts = oneExpert * (moe.numExperts - moe.expertsPerToken) * moeLayers;
  return { embedding, lmHead, attention, mlp, experts, router, norms, total, activePerToken: total - idleExperts };
}

/**
 * Weights of one layer's attention projections (no biases), by how tensor parallelism treats them:
 * `sharded` is split over the ranks, `replicated` is held whole by every rank. For standard attention
 * Q and O are sharded and K/V are reported in `kv` (sharded by KV head, replicated below one head per
 * rank; not in `sharded`); MLA's down-projections (q_a_proj, kv_a_proj_with_mqa) are replicated in vLLM.
 */
export function attentionLinearParams(arch: ModelArchitecture): { sharded: number; replicated: number; kv: number } {
  const h = arch.hiddenSize;
  const heads = arch.numAttentionHeads;
  const mla = arch.mla;
  if (mla) {
    const qHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    const qDown = mla.qLoraRank !== undefined ? h * mla.qLoraRank : 0;
    const qUp = (mla.qLoraRank ?? h) * heads * qHead;
    const kvDown = h * (mla.kvLoraRank + mla.qkRopeHeadDim);
    const kvUp = mla.kvLoraRank * heads * (mla.qkNopeHeadDim + mla.vHeadDim);
    const out = heads * mla.vHeadDim * h;
    return { sharded: qUp + kvUp + out, replicated: qDown + kvDown, kv: 0 };
  }
  const qWidth = heads * arch.headDim;
  const kvWidth = arch.numKeyValueHeads * arch.headDim;
  return { sharded: 2 * h * qWidth, replicated: 0, kv: 2 * h * kvWidth };
}

/** Gate, up and down projections of one gated MLP (optionally with their biases). */
function gatedMlp(hidden: number, intermediate: number, withBias: boolean): number {
  const weights = 3 * hidden * intermediate;
  return withBias ? weights + 2 * intermediate + hidden : weights;
}

/**
 * How a model read from the Hugging Face Hub was counted, for plan explanations: exact (the checkpoint's
 * safetensors metadata) or estimated (config.json alone). Undefined for catalogue entries and local configs.
 */
export function parameterCountNote(arch: ModelArchitecture): string | undefined {
  const checkpoint = arch.checkpoint;
  if (!checkpoint) {
    return arch.source.note?.startsWith(HUB_SOURCE_NOTE)
      ? `Parameter count estimated from config.json (${arch.parameters.toLocaleString('en-US')}): the Hub gave no safetensors metadata.`
      : undefined;
  }
  const where = checkpoint.source === 'hub-api' ? "the Hub API's safetensors metadata" : 'the safetensors file headers';
  const byDtype = Object.entries(checkpoint.parametersByDtype).map(([dtype, n]) => `${dtype} ${n.toLocaleString('en-US')}`).join(', ');
  const counted = arch.preQuantized
    ? `the architecture count (${arch.parameters.toLocaleString('en-US')}) sizes the ${arch.preQuantized.method} weights`
    : `${arch.parameters.toLocaleString('en-US')} parameters`;
  return `Weights counted exactly from ${where} (${byDtype}; ${(checkpoint.bytes / 2 ** 30).toFixed(2)} GiB on disk): ${counted}.`;
}

/** Start of `source.note` of models read from the Hugging Face Hub. */
export const HUB_SOURCE_NOTE = 'Hugging Face Hub';
