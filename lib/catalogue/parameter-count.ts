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
 * - in MoE models every layer is an MoE layer.
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
  const qWidth = arch.numAttentionHeads * arch.headDim;
  const kvWidth = arch.numKeyValueHeads * arch.headDim;

  const embedding = arch.vocabSize * h;
  const lmHead = arch.tieWordEmbeddings ? 0 : arch.vocabSize * h;

  const attentionPerLayer =
    h * qWidth + 2 * h * kvWidth + qWidth * h +
    (traits.qkvBias ? qWidth + 2 * kvWidth : 0) +
    (traits.outputBias ? h : 0) +
    (traits.attentionSinks ? arch.numAttentionHeads : 0);
  const attention = attentionPerLayer * layers;

  const norms =
    (traits.normsPerLayer * h + (traits.qkNorm ? 2 * arch.headDim : 0)) * layers + h;

  const moe = arch.moe;
  if (!moe) {
    const mlp = gatedMlp(h, arch.intermediateSize, false) * layers;
    const total = embedding + lmHead + attention + mlp + norms;
    return { embedding, lmHead, attention, mlp, experts: 0, router: 0, norms, total, activePerToken: total };
  }

  const expertSize = moe.expertIntermediateSize ?? arch.intermediateSize;
  const oneExpert = gatedMlp(h, expertSize, traits.expertBias);
  const experts = oneExpert * moe.numExperts * layers;
  const router = (h * moe.numExperts + (traits.routerBias ? moe.numExperts : 0)) * layers;
  const mlp = gatedMlp(h, expertSize, traits.expertBias) * (moe.numSharedExperts ?? 0) * layers;
  const total = embedding + lmHead + attention + mlp + experts + router + norms;
  const idleExperts = oneExpert * (moe.numExperts - moe.expertsPerToken) * layers;
  return { embedding, lmHead, attention, mlp, experts, router, norms, total, activePerToken: total - idleExperts };
}

/** Gate, up and down projections of one gated MLP (optionally with their biases). */
function gatedMlp(hidden: number, intermediate: number, withBias: boolean): number {
  const weights = 3 * hidden * intermediate;
  return withBias ? weights + 2 * intermediate + hidden : weights;
}
