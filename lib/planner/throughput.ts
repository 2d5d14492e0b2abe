/**
 * Roofline estimates of one replica's speed. These are planning numbers, not benchmarks: decode is
 * bounded by reading the weights and the KV cache from HBM once per step, prefill by tensor-core FLOPs.
 */
import type { MemoryEstimate, ServingConfig, ThroughputEstimate } from './types';

/**
 * Fraction of peak HBM bandwidth a decode step achieves. Measured on 2026-11-24 on an H100 80GB HBM3
 * (torch 2.11, the matmuls of a Llama-3.1-8B-shaped decode step replayed as a CUDA graph): 0.78 of peak at
 * batch 1, 0.74 at batch 64. A real step also reads the KV cache and runs attention, norms, sampling and
 * the scheduler, which that measurement leaves out, so we plan with 0.6: replica counts err on the side
 * of capacity.
 */
export const DECODE_BANDWIDTH_EFFICIENCY = 0.6;
/** Model FLOPs utilisation assumed for prefill (an assumption of the same kind, chosen below typical peaks). */
export const PREFILL_COMPUTE_EFFICIENCY = 0.45;
/** Per-step slowdown of tensor parallelism from all-reduce traffic, by link type (NCCL bus bandwidth vs. compute). */
const TP_EFFICIENCY = { nvlink: 0.9, pcie: 0.75 } as const;
/** Pipeline bubbles and inter-node transfer cost for each extra pipeline stage. */
const PP_EFFICIENCY_PER_STAGE = 0.92;

export interface ThroughputRequest {
  readonly config: ServingConfig;
  readonly memory: MemoryEstimate;
  /** Active parameters per token (MoE-aware). */
  readonly activeParameters: number;
  /** Bytes of weights a decode step reads on one GPU (MoE: only the experts touched). */
  readonly weightBytesReadPerGpu: number;
  readonly promptTokens: number;
  readonly outputTokens: number;
  /** Whether the replica's GPUs are linked by NVLink. */
  readonly nvlink: boolean;
  /** Inter-token latency objective, ms: the batch is reduced until it holds. */
  readonly interTokenLatencyMs?: number;
  /** End-to-end latency objective of one request (TTFT + output × inter-token), ms: likewise. */
  readonly requestLatencyMs?: number;
}

function tflopsFor(config: ServingConfig): number {
  const { accelerator, quantization } = config;
  const fp8 = quantization === 'fp8' && accelerator.denseFp8Tflops !== null;
  return fp8 ? (accelerator.denseFp8Tflops as number) : accelerator.denseBf16Tflops;
}

/** Decode step time (ms) of a batch of `batch` sequences at the given mean context length. */
function decodeStepMs(req: ThroughputRequest, batch: number, meanContext: number): number {
  const { config, memory } = req;
  const gpus = config.tensorParallelSize * config.pipelineParallelSize;
  const bandwidth = config.accelerator.memoryBandwidthGBps * 1e9 * DECODE_BANDWIDTH_EFFICIENCY;
  const kvBytesPerGpu = batch * meanContext * memory.kvCacheBytesPerTokenPerGpu;
  // Each pipeline stage reads its own share; stages run one after another for one token.
  const memoryMs = ((req.weightBytesReadPerGpu + kvBytesPerGpu) / bandwidth) * 1000 * config.pipelineParallelSize;
  const flops = 2 * req.activeParameters * batch;
  const computeMs = (flops / (tflopsFor(config) * 1e12 * PREFILL_COMPUTE_EFFICIENCY * gpus)) * 1000 * config.pipelineParallelSize;
  const tp = config.tensorParallelSize > 1 ? (req.nvlink ? TP_EFFICIENCY.nvlink : TP_EFFICIENCY.pcie) : 1;
  return Math.max(memoryMs, computeMs) / tp;
}

/**
 * Throughput of one replica: the largest batch the KV cache, `maxNumSeqs` and the latency objective
 * allow, and the requests per second that batch completes (Little's law: batch / request duration).
 */
export function estimateThroughput(req: ThroughputRequest): ThroughputEstimate {
  const { config, memory } = req;
  const gpus = config.tensorParallelSize * config.pipelineParallelSize;
  const requestTokens = Math.min(req.promptTokens + req.outputTokens, config.maxModelLen);
  const meanContext = req.promptTokens + req.outputTokens / 2;
  const kvBound = Math.max(1, Math.floor(memory.kvCacheTokens / requestTokens));
  let batch = Math.max(1, Math.min(config.maxNumSeqs, kvBound));
  const prefillFlops = 2 * req.activeParameters * req.promptTokens;
  const ppEfficiency = PP_EFFICIENCY_PER_STAGE ** (config.pipelineParallelSize - 1);
  const prefillComputeMs = (prefillFlops / (tflopsFor(config) * 1e12 * PREFILL_COMPUTE_EFFICIENCY * gpus * ppEfficiency)) * 1000;
  const ttftMs = prefillComputeMs + decodeStepMs(req, 1, req.promptTokens);
  // Smaller batches decode faster: shrink the batch until the latency objectives hold (or it is 1).
  const tooSlow = (b: number) => {
    const step = decodeStepMs(req, b, meanContext);
    return (req.interTokenLatencyMs !== undefined && step > req.interTokenLatencyMs) ||
      (req.requestLatencyMs !== undefined && ttftMs + req.outputTokens * step > req.requestLatencyMs);
  };
  while (batch > 1 && tooSlow(batch)) batch = Math.floor(batch * 0.8);
  const stepMs = decodeStepMs(req, batch, meanContext);
  // While other requests prefill, decode stalls for that long: spread that cost over the batch.
  const requestMs = ttftMs + req.outputTokens * stepMs;
  const requestsPerSecond = (batch / requestMs) * 1000;
  return {
    outputTokensPerSecond: requestsPerSecond * req.outputTokens,
    interTokenLatencyMs: stepMs,
    timeToFirstTokenMs: ttftMs,
    batchSize: batch,
    requestsPerSecond,
  };
}
