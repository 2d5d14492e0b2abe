/**
 * Types shared by the planner's pure functions.
 *
 * The planner never imports an engine (CDK, cdktf, Pulumi): it turns a model, hardware and vLLM
 * settings into numbers, and a serving request into a concrete plan.
 */
import type { AcceleratorSpec, CloudId, ModelArchitecture } from '../catalogue/types';

/** `--dtype`: the precision of activations and (unquantized) weights. */
export type ServingDtype = 'auto' | 'bfloat16' | 'float16';

/** `--quantization`: how the weights are stored on the GPU. `none` means the dtype's precision. */
export type Quantization = 'none' | 'fp8' | 'int8' | 'awq' | 'gptq' | 'mxfp4';

/** `--kv-cache-dtype`. `auto` follows the model dtype. */
export type KvCacheDtype = 'auto' | 'fp8' | 'fp8_e4m3' | 'fp8_e5m2';

/** LoRA serving settings (`--enable-lora`). */
export interface LoraServingConfig {
  /** `--max-loras`: adapters resident on the GPU at once. */
  readonly maxLoras: number;
  /** `--max-lora-rank`. */
  readonly maxLoraRank: number;
  /** `--max-cpu-loras`; defaults to `maxLoras` in vLLM. */
  readonly maxCpuLoras?: number;
}

/**
 * One fixed vLLM configuration on one kind of accelerator: what `vllm serve` would be started with.
 * All sizes are in vLLM's own units.
 */
export interface ServingConfig {
  readonly model: ModelArchitecture;
  readonly accelerator: AcceleratorSpec;
  /** `--tensor-parallel-size` (GPUs per pipeline stage). */
  readonly tensorParallelSize: number;
  /** `--pipeline-parallel-size` (pipeline stages, usually one per node). */
  readonly pipelineParallelSize: number;
  /** `--max-model-len` (prompt + output tokens of one request). */
  readonly maxModelLen: number;
  /** `--gpu-memory-utilization`: fraction of total GPU memory vLLM may use. */
  readonly gpuMemoryUtilization: number;
  readonly dtype: ServingDtype;
  readonly quantization: Quantization;
  readonly kvCacheDtype: KvCacheDtype;
  /** `--max-num-seqs`: sequences batched per step. */
  readonly maxNumSeqs: number;
  /** `--max-num-batched-tokens`: tokens per scheduler step (and in the memory-profiling run). */
  readonly maxNumBatchedTokens: number;
  /** `--block-size` of the paged KV cache (vLLM's default for CUDA is 16). */
  readonly blockSize: number;
  /** `--enforce-eager`: no CUDA graphs (saves their memory, costs decode speed). */
  readonly enforceEager: boolean;
  readonly lora?: LoraServingConfig;
  /**
   * vLLM release whose memory accounting to reproduce (e.g. `0.10.2`); releases differ in what they
   * charge to the budget (see lib/planner/vllm-defaults.ts).
   * @default MODELLED_VLLM_VERSION (lib/planner/vllm-defaults.ts)
   */
  readonly vllmVersion?: string;
  /**
   * Whether the sampler uses FlashInfer's top-k/top-p kernels (FlashInfer installed and
   * `VLLM_USE_FLASHINFER_SAMPLER` not 0) instead of the PyTorch-native sort or the Triton kernels, which
   * needs less memory when profiling. `false` for installs without FlashInfer (pip before v0.11.1).
   * @default - the release's default in the official image (`flashInferSamplerByDefault` in vllm-defaults.ts)
   */
  readonly flashInferSampler?: boolean;
}

/**
 * Per-GPU memory budget in vLLM's terms (what one worker logs in "Memory profiling results").
 * All values are GiB (2^30 bytes).
 */
export interface GpuMemoryBreakdown {
  /** Total memory of one GPU as the driver reports it. */
  readonly totalGiB: number;
  /** `gpu_memory_utilization` × total: what vLLM allows itself. */
  readonly budgetGiB: number;
  /** Weights held by this GPU (its TP shard of its PP stage), including quantization scales. */
  readonly weightsGiB: number;
  /** LoRA adapter slots held by this GPU. */
  readonly loraGiB: number;
  /** Peak torch activation memory of the profiling forward pass (`max_num_batched_tokens`). */
  readonly activationPeakGiB: number;
  /** Memory outside torch's allocator: CUDA context, cuBLAS workspaces, NCCL buffers when TP/PP > 1. */
  readonly nonTorchGiB: number;
  /** Memory captured by CUDA graphs (0 with `enforceEager`). */
  readonly cudaGraphGiB: number;
  /**
   * Whether `cudaGraphGiB` is taken out of the budget (vLLM ≥ 0.21). Earlier releases capture the graphs
   * after allocating the KV cache, in the `1 − gpu_memory_utilization` headroom.
   * @default false
   */
  readonly cudaGraphInBudget?: boolean;
  /**
   * What is left for the KV cache: budget − weights − LoRA − activation − non-torch, − CUDA graphs when
   * `cudaGraphInBudget`.
   */
  readonly kvCacheGiB: number;
}

/** The result of sizing one {@link ServingConfig}: vLLM's startup numbers, predicted. */
export interface MemoryEstimate {
  readonly perGpu: GpuMemoryBreakdown;
  /** Total weights of the whole model as loaded (all GPUs together), GiB. */
  readonly weightsGiBTotal: number;
  /** KV-cache bytes one token costs on one GPU (its share of layers and KV heads). */
  readonly kvCacheBytesPerTokenPerGpu: number;
  /** KV-cache bytes one token costs for the whole model (all layers, all KV heads). */
  readonly kvCacheBytesPerToken: number;
  /** `# GPU blocks` as vLLM logs it (blocks of `blockSize` tokens per worker). */
  readonly numGpuBlocks: number;
  /** "GPU KV cache size: N tokens". */
  readonly kvCacheTokens: number;
  /** "Maximum concurrency for `maxModelLen` tokens per request: Nx". */
  readonly maxConcurrency: number;
  /** True when the KV cache can hold at least one full `maxModelLen` request (vLLM refuses to start otherwise). */
  readonly fits: boolean;
  /** Why it does not fit, in numbers; empty when it fits. */
  readonly problems: readonly string[];
}

/** Throughput estimate of one replica (rooflines, not a benchmark). */
export interface ThroughputEstimate {
  /** Output tokens per second of the whole replica at the planned batch size. */
  readonly outputTokensPerSecond: number;
  /** Time to produce one output token for one sequence at that batch (inter-token latency), ms. */
  readonly interTokenLatencyMs: number;
  /** Prefill time of one prompt of the planned length, ms (time to first token, unloaded). */
  readonly timeToFirstTokenMs: number;
  /** Concurrent sequences the estimate assumes (bounded by KV cache and `maxNumSeqs`). */
  readonly batchSize: number;
  /** Completed requests per second one replica sustains. */
  readonly requestsPerSecond: number;
}

/** Where the replicas run: priced as EC2 (EKS) or as SageMaker hosting. */
export type ServingPlatform = 'ec2' | 'sagemaker';

/** What the planner is asked: a model, traffic, and any settings the user fixed. */
export interface LlmPlanRequest {
  readonly model: ModelArchitecture;
  /**
   * `ec2` prices plain VMs (EC2 on AWS, Compute Engine on Google Cloud, Azure VMs); `sagemaker` is AWS only.
   * @default 'ec2'
   */
  readonly platform?: ServingPlatform;
  /**
   * Cloud whose machine types the search runs over.
   * @default - the cloud of `instanceType` when fixed, else 'aws'
   */
  readonly cloud?: CloudId;
  /**
   * Region whose prices are used.
   * @default - the cloud's default region: 'us-east-1', 'us-central1' or 'eastus' (DEFAULT_REGIONS)
   */
  readonly region?: string;
  /** Fix the accelerator; with `tensorParallelSize` this evaluates one configuration. @default - any */
  readonly acceleratorId?: string;
  /** Fix the instance type (EC2 name, or `ml.` name; a Google Cloud machine type or Azure VM size). @default - any */
  readonly instanceType?: string;
  readonly tensorParallelSize?: number;
  readonly pipelineParallelSize?: number;
  /** @default - min(model context, 8192) */
  readonly maxModelLen?: number;
  /** @default 0.9 */
  readonly gpuMemoryUtilization?: number;
  /** @default 'auto' */
  readonly dtype?: ServingDtype;
  /** @default 'none' (or the model's native format, e.g. mxfp4 for gpt-oss) */
  readonly quantization?: Quantization;
  /** @default 'auto' */
  readonly kvCacheDtype?: KvCacheDtype;
  /** @default - vLLM's default for the GPU */
  readonly maxNumSeqs?: number;
  /** @default - vLLM's default for the GPU */
  readonly maxNumBatchedTokens?: number;
  /** Peak requests per second to serve. @default 1 */
  readonly requestsPerSecond?: number;
  /** @default 1024 */
  readonly promptTokens?: number;
  /** @default 256 */
  readonly outputTokens?: number;
  /** p95 inter-token latency objective, ms: bounds the batch size. @default - none */
  readonly interTokenLatencyMs?: number;
  /** Time-to-first-token objective, ms. @default - none */
  readonly timeToFirstTokenMs?: number;
  /** p95 end-to-end latency objective of one request (prefill + all output tokens), ms. @default - none */
  readonly requestLatencyMs?: number;
  /** Replicas never fewer than this. @default 1 */
  readonly minReplicas?: number;
  /** Most nodes one replica may span (multi-node needs EFA). @default 4 */
  readonly maxNodesPerReplica?: number;
  readonly lora?: LoraServingConfig;
  /**
   * vLLM release whose memory accounting to model (e.g. CUDA-graph memory counts against the budget
   * from v0.21). Blueprints pass the version of the image they deploy.
   * @default MODELLED_VLLM_VERSION (lib/planner/vllm-defaults.ts)
   */
  readonly vllmVersion?: string;
  /**
   * Whether vLLM samples with FlashInfer's top-k/top-p kernels: `false` for an install without FlashInfer
   * (a pip install before v0.11.1), `true` when `VLLM_USE_FLASHINFER_SAMPLER=1` turns them on.
   * @default - the release's default in the official image (`flashInferSamplerByDefault`)
   */
  readonly flashInferSampler?: boolean;
  /**
   * How much cheaper a multi-node or pipeline-parallel plan must be than the best single-node,
   * pipeline-free plan to be chosen (a fraction: 0.15 = 15 %).
   * @default DEFAULT_COMPLEXITY_MARGIN (0.15, lib/planner/choice.ts)
   */
  readonly complexityMargin?: number;
  /** `--served-model-name` clients use in the `model` field. @default - the model id */
  readonly servedModelName?: string;
  /**
   * How the GPU nodes are bought; Spot adds a Spot price (or "spot price unknown") to the plan's cost. It does not
   * change the choice: Spot capacity is interruptible, so the plan is sized as if On-Demand.
   * @default 'on-demand'
   */
  readonly capacityType?: GpuCapacityType;
  /**
   * `mig`: serve each replica from one NVIDIA MIG slice (A100/H100 80GB) when the model fits one, the memory
   * checked against the slice (lib/planner/mig.ts); otherwise the whole-GPU plan.
   * @default 'none'
   */
  readonly gpuSharing?: 'none' | 'mig';
}

/** How GPU nodes are bought: On-Demand only, Spot with On-Demand kept for part of the replicas, or Spot only. */
export type GpuCapacityType = 'on-demand' | 'spot-with-fallback' | 'spot';

/** The Spot side of a plan's cost. */
export interface SpotCostEstimate {
  /** Spot price of one replica (all its nodes), USD per hour; `null` when no recorded price exists. */
  readonly pricePerHourUsd: number | null;
  /** All replicas a month at the Spot price (`spot`), or half on Spot (`spot-with-fallback`); `null` when unknown. */
  readonly monthlyCostUsd: number | null;
  /** Where the price comes from and when it was read, or why it is unknown. */
  readonly note: string;
  /** Spot price of one replica in the dearest zone of the record, USD per hour (the conservative figure); absent when unknown. */
  readonly maxPricePerHourUsd?: number;
  /** `monthlyCostUsd` at `maxPricePerHourUsd`; absent when unknown. */
  readonly maxMonthlyCostUsd?: number;
  /** How the recorded price was taken, e.g. `median across 5 Availability Zones`; absent when unknown. */
  readonly statistic?: string;
  /** Where the recorded price comes from (repository, path, commit, url); absent when unknown. */
  readonly source?: { readonly repository: string; readonly path: string; readonly commit: string; readonly url: string };
  /** When the recorded prices were in effect: on or before `notAfter` (ISO date); absent when unknown. */
  readonly observed?: { readonly snapshot: string; readonly notAfter: string };
}

/** The planner's answer: one concrete, costed serving configuration. Field names are a CLI contract. */
export interface LlmServingPlan {
  /** Catalogue id of the model. */
  readonly model: string;
  readonly platform: ServingPlatform;
  /** Cloud the plan is priced on (added in issue 14; absent in plans from older releases). */
  readonly cloud?: CloudId;
  readonly region: string;
  /** Instance type as the platform names it (`p5.48xlarge` on EC2, `ml.p5.48xlarge` on SageMaker). */
  readonly instanceType: string;
  readonly accelerator: string;
  /** Accelerators per node. */
  readonly acceleratorCount: number;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  /** Nodes per replica (> 1 means multi-node serving). */
  readonly nodes: number;
  /** Model weights of one replica, all GPUs together, GiB. */
  readonly weightsGiB: number;
  /** KV cache of one replica, all GPUs together, GiB. */
  readonly kvCacheGiB: number;
  /** "GPU KV cache size: N tokens" as vLLM would log it. */
  readonly kvCacheTokens: number;
  /** Requests of `maxModelLen` tokens the cache holds at once. */
  readonly maxConcurrency: number;
  readonly maxModelLen: number;
  readonly gpuMemoryUtilization: number;
  readonly dtype: ServingDtype;
  readonly quantization: Quantization;
  readonly kvCacheDtype: KvCacheDtype;
  readonly maxNumSeqs: number;
  readonly maxNumBatchedTokens: number;
  /** vLLM release the memory budget was computed for. */
  readonly vllmVersion: string;
  /** `vllm serve` arguments that realise this plan. */
  readonly engineArgs: readonly string[];
  /** Output tokens per second of one replica at the planned batch. */
  readonly estimatedOutputTokensPerSecond: number;
  readonly estimatedTimeToFirstTokenMs: number;
  readonly estimatedInterTokenLatencyMs: number;
  /** Replicas needed for the requested traffic. */
  readonly replicas: number;
  /** On-demand price of one replica (all its nodes), USD per hour. */
  readonly costPerHourUsd: number;
  /** All replicas, 730 hours a month. */
  readonly monthlyCostUsd: number;
  readonly costPerMillionOutputTokensUsd: number;
  /** Per-GPU memory breakdown (vLLM's "Memory profiling results"). */
  readonly memory: GpuMemoryBreakdown;
  /** Why this configuration, in a few sentences with numbers. */
  readonly explanation: string;
  /** Why the chosen configuration won over the alternatives (price, the complexity margin). */
  readonly choiceReason?: string;
  /** The chosen plan and the best by each other objective: cheapest, fewest nodes, lowest latency. */
  readonly alternatives?: readonly PlanAlternative[];
  /** What vLLM converts with a warning on this GPU (e.g. bfloat16 to float16), or replicates. */
  readonly warnings?: readonly string[];
  /**
   * Instance types that run this exact configuration just as well (same GPUs per node and nodes per replica,
   * the same vLLM flags feasible, no more replicas), cheapest first; node pools may launch them when the
   * chosen type has no capacity. Absent when there are none (and on SageMaker). See lib/planner/fallbacks.ts.
   */
  readonly fallbacks?: readonly PlanFallback[];
  /** How the GPU nodes are bought; absent means On-Demand. */
  readonly capacityType?: GpuCapacityType;
  /** The Spot price beside the On-Demand one, when `capacityType` allows Spot. */
  readonly spot?: SpotCostEstimate;
  /**
   * The MIG slice each replica runs on, when the request asked for GPU sharing and the model fits a slice; then
   * `memory` is the slice's budget, `costPerHourUsd` the slice's share of the instance and `acceleratorCount` the
   * node's whole GPUs. See lib/planner/mig.ts.
   */
  readonly mig?: MigSlice;
}

/** One NVIDIA MIG slice per replica. */
export interface MigSlice {
  /** MIG profile, e.g. `1g.10gb`. */
  readonly profile: string;
  /** Extended resource the pod requests, e.g. `nvidia.com/mig-1g.10gb` (device plugin `mixed` strategy). */
  readonly resource: string;
  /** Memory of the slice the plan was checked against, GiB. */
  readonly sliceMemoryGiB: number;
  /** Slices of this profile one node holds (GPUs × instances per GPU). */
  readonly slicesPerNode: number;
  /** Whole GPUs of the node. */
  readonly gpusPerNode: number;
}

/** An instance type a plan may fall back to when its own has no capacity. */
export interface PlanFallback {
  /** EC2 instance type, e.g. `g5.12xlarge`. */
  readonly instanceType: string;
  readonly accelerator: string;
  /** Accelerators per node (always the choice's count). */
  readonly acceleratorCount: number;
  /** All the plan's replicas on this type, on-demand USD per hour. */
  readonly costPerHourUsd: number;
  readonly monthlyCostUsd: number;
}

/** One row of the trade-off table `aimd plan` prints. */
export interface PlanAlternative {
  /** Which objective this row is the best by (`chosen` is the plan itself). */
  readonly objective: 'chosen' | 'cheapest' | 'fewest-nodes' | 'lowest-latency';
  /** Whether this row is the chosen configuration. */
  readonly chosen: boolean;
  readonly instanceType: string;
  readonly accelerator: string;
  /** Nodes per replica. */
  readonly nodes: number;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  readonly replicas: number;
  /** All replicas, USD per hour. */
  readonly costPerHourUsd: number;
  readonly monthlyCostUsd: number;
  readonly estimatedTimeToFirstTokenMs: number;
  readonly estimatedInterTokenLatencyMs: number;
}
