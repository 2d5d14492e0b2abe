/**
 * Weight memory of one GPU, the way vLLM lays a model out: what "Model loading took N GiB" reports.
 *
 * - Linear layers (attention projections, MLPs, experts) are stored in the quantized format; embeddings,
 *   lm_head, norms and MoE routers stay in the activation dtype (vLLM quantizes neither
 *   `VocabParallelEmbedding` nor `ReplicatedLinear` routers).
 * - Tensor parallelism splits attention heads, MLP/expert intermediate dimensions and the vocabulary
 *   (vocab-parallel embedding, padded to a multiple of 64); K/V projections are replicated when there are
 *   fewer KV heads than ranks; norms and routers are replicated.
 * - Pipeline parallelism splits the layers the way `get_pp_indices` does; the first stage holds the
 *   embedding, the last the final norm and lm_head.
 * - Multi-head latent attention (DeepSeek) replicates its down-projections on every rank.
 * - Parameters outside the decoder (`additionalParameters`, e.g. a vision encoder) go to the first stage.
 * - Every rank also holds the rotary cos/sin cache (`max_position_embeddings × head_dim` in the model
 *   dtype), which is why Llama-3.1-8B reports 14.99 GiB for 14.96 GiB of parameters.
 *
 * Pure functions; no engine imports.
 */
import { attentionLinearParams, countParameters } from '../catalogue/parameter-count';
import type { ModelArchitecture } from '../catalogue/types';
import type { Quantization } from './types';

/** Bytes in one GiB. */
export const GIB = 2 ** 30;

/** Bytes of one activation-dtype (bf16/fp16) value; vLLM serves float32 models in 16 bits too. */
export const ACTIVATION_BYTES = 2;

/**
 * Vocabulary padding of `VocabParallelEmbedding` / `ParallelLMHead`.
 * Source: vllm/model_executor/layers/vocab_parallel_embedding.py `DEFAULT_VOCAB_PADDING_SIZE = 64`.
 */
export const VOCAB_PADDING = 64;

/** Group size of AWQ/GPTQ int4 checkpoints (one fp16 scale and one 4-bit zero point per group). */
export const INT4_GROUP_SIZE = 128;

/**
 * Bytes per parameter of the quantized linear layers, scales included.
 * - fp8 / int8: one byte per weight; per-channel (or 128×128 block) scales add < 0.1 % and are folded in
 *   as one fp32 scale per output channel by {@link linearBytes}.
 * - awq / gptq: 4-bit weights (0.5 B) + per group of 128 one fp16 scale (2 B) and one packed 4-bit zero
 *   point (0.5 B): 0.5 + 2.5 / 128 = 0.5195 B. (vLLM repacks both into Marlin layout, same size.)
 * - mxfp4 (gpt-oss experts): 4-bit values plus one scale per 32 values is 0.53125 B nominal; vLLM's
 *   loaded size is larger (scales widened and dimensions padded for the MoE kernels). The effective
 *   0.5816 B is fitted to vLLM's "Model loading took 13.72 GiB" for openai/gpt-oss-20b (three public
 *   logs, vLLM 0.10-0.19, see test/fixtures/vllm-startup-logs.json).
 */
export const QUANTIZED_BYTES_PER_PARAM: Readonly<Record<Exclude<Quantization, 'none'>, number>> = {
  fp8: 1,
  int8: 1,
  awq: 0.5 + 2.5 / INT4_GROUP_SIZE,
  gptq: 0.5 + 2.5 / INT4_GROUP_SIZE,
  mxfp4: 0.5816,
};

/** How the weights are split over GPUs. */
export interface WeightLayoutOptions {
  readonly quantization: Quantization;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
}

/** Weight bytes of one pipeline stage, per GPU of that stage. */
export interface StageWeights {
  /** Decoder layers this stage runs. */
  readonly layers: number;
  /** Bytes one GPU of the stage holds. */
  readonly bytesPerGpu: number;
}

/** The weight layout of a model over its GPUs. */
export interface WeightLayout {
  /** One entry per pipeline stage, in order. */
  readonly stages: readonly StageWeights[];
  /** The largest per-GPU footprint of any stage (what the tightest GPU must hold). */
  readonly maxBytesPerGpu: number;
  /** Bytes of all GPUs together (replicated parts counted once per GPU that holds them). */
  readonly totalBytes: number;
}

/**
 * Layers per pipeline stage as vLLM splits them: an even share, the remainder going one each to the
 * stages just before the last.
 * Source: vllm/distributed/utils.py `get_pp_indices` (`partitions[-i] += 1` for i in 2..remaining+1).
 */
export function layersPerStage(numLayers: number, pipelineParallelSize: number): number[] {
  const base = Math.floor(numLayers / pipelineParallelSize);
  const parts = new Array<number>(pipelineParallelSize).fill(base);
  const remaining = numLayers % pipelineParallelSize;
  for (let i = 2; i < remaining + 2; i++) {
    parts[pipelineParallelSize - i] += 1;
  }
  return parts;
}

/** KV heads one tensor-parallel rank holds: vLLM replicates KV heads when there are fewer than ranks. */
export function kvHeadsPerRank(model: ModelArchitecture, tensorParallelSize: number): number {
  return Math.max(1, Math.floor(model.numKeyValueHeads / tensorParallelSize));
}

/** Bytes of `params` linear-layer weights with `outputChannels` output rows in the given format. */
function linearBytes(params: number, outputChannels: number, quantization: Quantization): number {
  if (quantization === 'none') return params * ACTIVATION_BYTES;
  if (quantization === 'mxfp4') return params * ACTIVATION_BYTES; // mxfp4 applies to experts only
  const perChannelScales = quantization === 'fp8' || quantization === 'int8' ? outputChannels * 4 : 0;
  return params * QUANTIZED_BYTES_PER_PARAM[quantization] + perChannelScales;
}

/** Bytes of the routed experts in the given format (mxfp4 is an expert-only format). */
function expertBytes(params: number, quantization: Quantization): number {
  if (quantization === 'none') return params * ACTIVATION_BYTES;
  return params * QUANTIZED_BYTES_PER_PARAM[quantization];
}

/**
 * Bytes of the rotary cos/sin cache every rank holds: `max_position_embeddings × rotary_dim` in the model
 * dtype, shared by all layers.
 * Source: vllm/model_executor/layers/rotary_embedding/base.py `RotaryEmbedding.__init__`
 * (`cache = cache.to(dtype)`, `register_buffer("cos_sin_cache", ...)`) and `get_rope`'s instance cache.
 */
export function rotaryCacheBytes(model: ModelArchitecture): number {
  // MLA rotates only the qk_rope_head_dim part of each head.
  return model.maxContextLength * (model.mla?.qkRopeHeadDim ?? model.headDim) * ACTIVATION_BYTES;
}

/**
 * Per-GPU weight bytes of every pipeline stage.
 * @param model the architecture (parameter parts come from {@link countParameters})
 */
export function weightLayout(model: ModelArchitecture, options: WeightLayoutOptions): WeightLayout {
  const tp = options.tensorParallelSize;
  const q = options.quantization;
  const parts = countParameters(model);
  const h = model.hiddenSize;
  const layers = model.numLayers;

  // Attention: Q and O split by heads; K and V by KV heads, replicated below one head per rank; MLA's
  // down-projections replicated on every rank.
  const qWidth = model.numAttentionHeads * model.headDim;
  const kvWidth = model.numKeyValueHeads * model.headDim;
  const attn = attentionLinearParams(model);
  const attentionExtrasPerLayer = parts.attention / layers - attn.sharded - attn.replicated - attn.kv; // biases, sinks
  const kvShare = kvHeadsPerRank(model, tp) / model.numKeyValueHeads;
  const attentionPerLayer =
    linearBytes(attn.sharded / tp, 2 * qWidth / tp, q) +
    (attn.kv > 0 ? linearBytes(attn.kv * kvShare, 2 * kvWidth * kvShare, q) : 0) +
    (attn.replicated > 0 ? linearBytes(attn.replicated, 0, q) : 0) +
    (attentionExtrasPerLayer / tp) * ACTIVATION_BYTES;

  const mlpPerLayer = linearBytes(parts.mlp / layers / tp, 0, q);
  const expertsPerLayer = expertBytes(parts.experts / layers / tp, q);
  const routerPerLayer = (parts.router / layers) * ACTIVATION_BYTES;
  const finalNormParams = h;
  const layerNormsPerLayer = ((parts.norms - finalNormParams) / layers) * ACTIVATION_BYTES;
  const perLayer = attentionPerLayer + mlpPerLayer + expertsPerLayer + routerPerLayer + layerNormsPerLayer;

  const paddedVocab = Math.ceil(model.vocabSize / VOCAB_PADDING) * VOCAB_PADDING;
  const vocabTableBytes = (paddedVocab / tp) * h * ACTIVATION_BYTES;
  const rope = rotaryCacheBytes(model);
  // Weights beside the decoder (a vision encoder), counted exactly from the checkpoint: split over the
  // ranks of the first stage in the activation dtype.
  const additionalBytes = ((model.additionalParameters ?? 0) / tp) * ACTIVATION_BYTES;

  const split = layersPerStage(layers, options.pipelineParallelSize);
  const lastStage = split.length - 1;
  const stages = split.map((stageLayers, i) => {
    let bytes = stageLayers * perLayer + rope;
    if (i === 0) bytes += vocabTableBytes + additionalBytes;
    if (i === lastStage) {
      bytes += finalNormParams * ACTIVATION_BYTES;
      // A tied lm_head reuses the embedding; on a multi-stage pipeline the last stage loads its own copy.
      if (!model.tieWordEmbeddings || lastStage > 0) bytes += vocabTableBytes;
    }
    return { layers: stageLayers, bytesPerGpu: bytes };
  });
  return {
    stages,
    maxBytesPerGpu: Math.max(...stages.map((s) => s.bytesPerGpu)),
    totalBytes: stages.reduce((sum, s) => sum + s.bytesPerGpu * tp, 0),
  };
}

/** Per-GPU weight bytes of the tightest GPU (see {@link weightLayout}). */
export function weightBytesPerGpu(model: ModelArchitecture, options: WeightLayoutOptions): number {
  return weightLayout(model, options).maxBytesPerGpu;
}
