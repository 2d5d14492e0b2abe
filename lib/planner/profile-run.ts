/**
 * The activation reserve of vLLM's memory-profiling run: the torch peak that one dummy forward pass (and,
 * when it runs, the sampler warm-up) adds on top of the weights. vLLM subtracts it from the budget before
 * sizing the KV cache, so it is the largest term after the weights on small GPUs.
 *
 * Two engines profile differently:
 *
 * - V1 (default from v0.8.0; vllm/v1/worker/gpu_model_runner.py `profile_run`): `max_num_batched_tokens`
 *   dummy tokens through the torch.compiled model with the attention kernel skipped, then the sampler on
 *   `min(max_num_seqs, max_num_batched_tokens)` dummy requests with top-k and top-p.
 * - V0 (before v0.8.0; vllm/worker/model_runner.py `profile_run` / `_dummy_run`): `max_num_seqs` dummy
 *   prompts that together hold `max_num_batched_tokens` tokens, run eagerly. Without chunked prefill that
 *   is `max(max_model_len, 2048)` tokens and the sampler runs on all `max_num_seqs` prompts; with chunked
 *   prefill (on by default above 32K context) it is the chunk budget and public V0 logs show no sampler
 *   peak at all (see {@link V0_ACTIVATION_WIDTH_FACTOR}).
 *
 * Pure functions; no engine imports.
 */
import type { ModelArchitecture } from '../catalogue/types';
import type { ServingConfig } from './types';
import { samplerBytesPerLogit, v0ChunkedPrefill, v0ProfileTokens, usesV1Engine } from './vllm-defaults';
import { ACTIVATION_BYTES } from './weights';

/**
 * V1 (torch.compile) activation elements per token of one dense MLP block at its peak: the input and
 * residual (2 × hidden) plus the merged gate/up output, its SiLU product and one temporary (4 ×
 * intermediate per rank). Measured: a Llama-3.1-8B-shaped block peaks at exactly 1.00 GiB for 8,192 tokens
 * (8,192 × (2 × 4,096 + 4 × 14,336) × 2 B) on an H100 and an H200, 2026-11-24; vLLM logged 1.97 GiB for the
 * same shapes at 16,384 tokens (llava-v1.6-mistral-7b, v0.10.2, H100).
 */
export const MLP_INTERMEDIATE_FACTOR = 4;

/**
 * V0 (eager) activation elements per token: 3 × (hidden + intermediate per rank), i.e. the gate/up output
 * and its SiLU product next to the hidden states, residual and layer output. Fitted to two V0 logs of one
 * RTX 3090 running Llama-3.1-8B at 20,000 and 29,000 profiled tokens (vllm-project/vllm#10517, v0.6.4):
 * 2.07 and 2.99 GiB of activation peak, 110.6 KB per token, where 3 × (4,096 + 14,336) × 2 B = 110,592 B.
 * The same logs, and an A10 log at 131,072 tokens (v0.7), show only the forward pass when chunked prefill
 * is on (0.06 GiB at 512 tokens, 0.22 GiB at 2,048): the V0 sampler peak then never appears.
 */
export const V0_ACTIVATION_WIDTH_FACTOR = 3;

/**
 * Tokens one fused-MoE call processes at once.
 * Source: vllm/envs.py `VLLM_FUSED_MOE_CHUNK_SIZE` default 32768 (32 × 1024).
 */
export const FUSED_MOE_CHUNK_TOKENS = 32768;

/** Peak activation bytes of one V1 profiling forward pass on one GPU (attention skipped, as in vLLM). */
export function forwardActivationBytes(model: ModelArchitecture, tokens: number, tensorParallelSize: number): number {
  const h = model.hiddenSize;
  const tp = tensorParallelSize;
  const qWidth = (model.numAttentionHeads * model.headDim) / tp;
  const kvWidth = Math.max(1, model.numKeyValueHeads / tp) * model.headDim;
  const attention = tokens * (2 * h + 2 * qWidth + 2 * kvWidth);
  let ffn: number;
  if (model.moe) {
    const chunk = Math.min(tokens, FUSED_MOE_CHUNK_TOKENS);
    const expertWidth = (model.moe.expertIntermediateSize ?? model.intermediateSize) / tp;
    // fused_moe caches: gate/up output (2×), activation (1×) and down output (hidden) per routed copy.
    const routed = chunk * model.moe.expertsPerToken * (3 * expertWidth + h);
    const shared = (model.moe.numSharedExperts ?? 0) > 0 ? tokens * MLP_INTERMEDIATE_FACTOR * expertWidth : 0;
    ffn = tokens * 2 * h + routed + shared;
  } else {
    ffn = tokens * (2 * h + (MLP_INTERMEDIATE_FACTOR * model.intermediateSize) / tp);
  }
  return Math.max(attention, ffn) * ACTIVATION_BYTES;
}

/** Peak activation bytes of one V0 (eager) profiling forward pass on one GPU; MoE layers as in V1. */
export function v0ForwardActivationBytes(model: ModelArchitecture, tokens: number, tensorParallelSize: number): number {
  if (model.moe) return forwardActivationBytes(model, tokens, tensorParallelSize);
  const width = model.hiddenSize + model.intermediateSize / tensorParallelSize;
  return tokens * V0_ACTIVATION_WIDTH_FACTOR * width * ACTIVATION_BYTES;
}

/**
 * Peak bytes of the sampler warm-up: `requests × vocab × bytes per logit` (the sort-based top-k/top-p and
 * its fp32 copies; see {@link samplerBytesPerLogit}) plus the profiling run's hidden states, which stay
 * alive meanwhile.
 */
export function samplerActivationBytes(model: ModelArchitecture, config: ServingConfig, requests: number, tokens: number): number {
  const perLogit = samplerBytesPerLogit(config.vllmVersion, config.flashInferSampler);
  return requests * model.vocabSize * perLogit + tokens * model.hiddenSize * ACTIVATION_BYTES;
}

/** What the profiling run of one release pushes through the model. */
export interface ProfileRunShape {
  /** Dummy tokens of the forward pass. */
  readonly tokens: number;
  /** Dummy requests the sampler warm-up samples (0 when it leaves no peak). */
  readonly samplerRequests: number;
  /** Which engine profiles: V1 (compiled, attention skipped) or V0 (eager). */
  readonly engine: 'v0' | 'v1';
}

/** The profiling run's tokens and sampled requests for a configuration and release. */
export function profileRunShape(config: ServingConfig, version: string): ProfileRunShape {
  if (usesV1Engine(version)) {
    const tokens = config.maxNumBatchedTokens;
    return { engine: 'v1', tokens, samplerRequests: Math.min(config.maxNumSeqs, tokens) };
  }
  const tokens = v0ProfileTokens(config.maxModelLen, config.maxNumBatchedTokens);
  const samplerRequests = v0ChunkedPrefill(config.maxModelLen) ? 0 : Math.min(config.maxNumSeqs, tokens);
  return { engine: 'v0', tokens, samplerRequests };
}

/**
 * Peak activation bytes the profiling run charges one GPU: the larger of the forward pass and, on the last
 * pipeline stage, the sampler warm-up.
 */
export function profileRunPeakBytes(config: ServingConfig, version: string, lastStage: boolean): number {
  const model = config.model;
  const shape = profileRunShape(config, version);
  const tp = config.tensorParallelSize;
  const forward = shape.engine === 'v1'
    ? forwardActivationBytes(model, shape.tokens, tp)
    : v0ForwardActivationBytes(model, shape.tokens, tp);
  const sampler = lastStage && shape.samplerRequests > 0
    ? samplerActivationBytes(model, { ...config, vllmVersion: version }, shape.samplerRequests, shape.tokens)
    : 0;
  return Math.max(forward, sampler);
}
