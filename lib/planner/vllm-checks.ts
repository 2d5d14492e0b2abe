/**
 * The configuration checks vLLM runs at start-up, mirrored so that the planner never plans, and a spec
 * never synthesizes, what vLLM would refuse. One small pure function per check; each names the vLLM
 * source it mirrors (github.com/vllm-project/vllm, read 2026-12-02 at the releases the planner models,
 * v0.10-v0.29) and says in plain words what would work instead.
 *
 * Checks of the GPU generation (dtype, quantization, KV-cache dtype) live in compatibility.ts, beside the
 * capability table they read.
 *
 * Pure functions; no engine imports.
 */
import type { ModelArchitecture } from '../catalogue/types';
import { generationRefusals } from './compatibility';
import type { ServingConfig } from './types';

/** One reason vLLM refuses to start, with what would work and the vLLM source it mirrors. */
export interface VllmRefusal {
  /** Short id of the check, e.g. `tp-attention-heads`. */
  readonly check: string;
  /** vLLM's reason, in plain words with the numbers. */
  readonly reason: string;
  /** What would work instead. */
  readonly fix: string;
  /** The vLLM source file and function the check mirrors. */
  readonly source: string;
}

/** Where a replica runs; multi-node checks need it. */
export interface ReplicaPlacement {
  /** GPUs per node. */
  readonly gpusPerNode: number;
  /** Nodes one replica spans. */
  readonly nodes: number;
  /** Whether the instance type has Elastic Fabric Adapter networking. */
  readonly efa: boolean;
  /** Most nodes the target allows one replica (1 on SageMaker). @default 4 */
  readonly maxNodesPerReplica?: number;
}

const divisorsUpTo = (n: number, max: number) => Array.from({ length: Math.min(n, max) }, (_, i) => i + 1).filter((d) => n % d === 0);
const list = (xs: readonly number[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);

/**
 * `--tensor-parallel-size` must divide the attention heads. Mirrors vllm/config/model.py
 * `ModelConfig.verify_with_parallel_config`: "Total number of attention heads (N) must be divisible by
 * tensor parallel size (T)."
 */
export function attentionHeadsRefusal(config: Pick<ServingConfig, 'model' | 'tensorParallelSize'>): VllmRefusal | undefined {
  const heads = config.model.numAttentionHeads;
  const tp = config.tensorParallelSize;
  if (heads % tp === 0) return undefined;
  return {
    check: 'tp-attention-heads',
    reason: `${config.model.id} has ${heads} attention heads, which tensor-parallel-size ${tp} does not divide; vLLM stops with "Total number of attention heads (${heads}) must be divisible by tensor parallel size (${tp})"`,
    fix: `use --tensor-parallel-size ${list(divisorsUpTo(heads, 8))}`,
    source: 'vllm/config/model.py ModelConfig.verify_with_parallel_config',
  };
}

/**
 * The KV heads are split across tensor-parallel ranks, or replicated when there are fewer of them than
 * ranks; either way one must divide the other. Mirrors vllm/model_executor/layers/linear.py
 * `QKVParallelLinear.__init__` (`divide(tp_size, total_num_kv_heads)` when tp ≥ KV heads, else
 * `divide(total_num_kv_heads, tp_size)`; `divide` asserts in vllm/distributed/utils.py `ensure_divisibility`).
 */
export function kvHeadsRefusal(config: ServingConfig): VllmRefusal | undefined {
  const kv = config.model.numKeyValueHeads;
  const tp = config.tensorParallelSize;
  if (kv % tp === 0 || tp % kv === 0) return undefined;
  return {
    check: 'tp-kv-heads',
    reason: `${config.model.id} has ${kv} KV heads: tensor-parallel-size ${tp} neither divides them nor is a multiple of them, so vLLM cannot shard or replicate them ("${tp > kv ? tp : kv} is not divisible by ${tp > kv ? kv : tp}")`,
    fix: `use a tensor-parallel size that divides ${kv} or is a multiple of it`,
    source: 'vllm/model_executor/layers/linear.py QKVParallelLinear.__init__',
  };
}

/**
 * Row-parallel layers split their input width across ranks: the MLP's intermediate size (each expert's,
 * for MoE) must divide by `--tensor-parallel-size`. Mirrors vllm/model_executor/layers/linear.py
 * `RowParallelLinear.__init__` (`divide(input_size, tp_size)`); the fused-MoE layer shards each expert's
 * intermediate size the same way (vllm/model_executor/layers/fused_moe/layer.py `FusedMoE`).
 */
export function mlpShardRefusal(config: ServingConfig): VllmRefusal | undefined {
  const tp = config.tensorParallelSize;
  const width = mlpWidth(config.model);
  if (width % tp === 0) return undefined;
  return {
    check: 'tp-mlp-width',
    reason: `the ${config.model.moe ? "experts'" : 'MLP'} intermediate size ${width} of ${config.model.id} does not divide by tensor-parallel-size ${tp}; vLLM asserts "${width} is not divisible by ${tp}" while building the layers`,
    fix: `use --tensor-parallel-size ${list(divisorsUpTo(width, 8).filter((d) => config.model.numAttentionHeads % d === 0))}`,
    source: 'vllm/model_executor/layers/linear.py RowParallelLinear.__init__',
  };
}

/** Group size of the AWQ/GPTQ checkpoints the planner assumes (the default of AutoAWQ and GPTQModel). */
export const QUANT_GROUP_SIZE = 128;

/**
 * Minimum width of one rank's input slice in the Marlin kernels vLLM runs AWQ/GPTQ checkpoints with.
 * Source: vllm/model_executor/layers/quantization/utils/marlin_utils.py `GPTQ_MARLIN_MIN_THREAD_K = 128`,
 * checked by `verify_marlin_supports_shape` ("Weight input_size_per_partition = N is not divisible by
 * min_thread_k = 128. Consider reducing tensor_parallel_size or running with --quantization gptq.").
 */
export const MARLIN_MIN_THREAD_K = 128;

/**
 * A 4-bit checkpoint's slice on one rank must hold whole quantization groups. Mirrors
 * marlin_utils.py `verify_marlin_supports_shape` (Ampere and newer) and vllm/model_executor/layers/
 * quantization/awq.py `AWQLinearMethod.create_weights` ("The input size is not aligned with the quantized
 * weight shape. This can be caused by too large tensor parallel size.") on Turing.
 */
export function quantizedShardRefusal(config: ServingConfig): VllmRefusal | undefined {
  if (config.quantization !== 'awq' && config.quantization !== 'gptq') return undefined;
  const tp = config.tensorParallelSize;
  const width = mlpWidth(config.model);
  const slice = width / tp;
  const granule = Math.max(QUANT_GROUP_SIZE, MARLIN_MIN_THREAD_K);
  if (Number.isInteger(slice) && slice % granule === 0) return undefined;
  const working = divisorsUpTo(8, 8).filter((d) => (width / d) % granule === 0 && config.model.numAttentionHeads % d === 0);
  return {
    check: 'quantized-shard',
    reason: `with ${config.quantization} weights each tensor-parallel rank gets ${Number.isInteger(slice) ? slice : `${width}/${tp}`} columns of the ${width}-wide MLP, not a multiple of ${granule}; vLLM stops with "Weight input_size_per_partition = ${Number.isInteger(slice) ? slice : Math.floor(slice)} is not divisible by min_thread_k = ${MARLIN_MIN_THREAD_K}"`,
    fix: working.length > 0 ? `use --tensor-parallel-size ${list(working)} (or pipeline parallelism)` : 'use pipeline parallelism instead of tensor parallelism, or an fp8 checkpoint',
    source: 'vllm/model_executor/layers/quantization/utils/marlin_utils.py verify_marlin_supports_shape',
  };
}

/** The width row-parallel layers split: each expert's intermediate size for MoE, else the MLP's. */
function mlpWidth(model: ModelArchitecture): number {
  return model.moe ? (model.moe.expertIntermediateSize ?? model.intermediateSize) : model.intermediateSize;
}

/**
 * Each pipeline stage must hold at least one layer. Mirrors vllm/distributed/utils.py `get_pp_indices`,
 * which splits `num_hidden_layers` across `pipeline_parallel_size` stages.
 */
export function pipelineLayersRefusal(config: ServingConfig): VllmRefusal | undefined {
  const pp = config.pipelineParallelSize;
  const layers = config.model.numLayers;
  if (pp <= layers) return undefined;
  return {
    check: 'pp-layers',
    reason: `pipeline-parallel-size ${pp} is more stages than the ${layers} layers of ${config.model.id}; some stages would hold no layer`,
    fix: `use --pipeline-parallel-size ${layers} or fewer`,
    source: 'vllm/distributed/utils.py get_pp_indices',
  };
}

/**
 * The longest `max_model_len` vLLM accepts: `max_position_embeddings`, stretched by the RoPE scaling
 * factor unless the rope type already counts it (`su`, `longrope`, `llama3`); YaRN scales
 * `original_max_position_embeddings`. Mirrors vllm/config/model.py `_get_and_verify_max_len`.
 */
export function derivedMaxModelLen(model: ModelArchitecture): number {
  const scaling = model.ropeScaling;
  if (!scaling || ['su', 'longrope', 'llama3'].includes(scaling.type)) return model.maxContextLength;
  const base = scaling.type === 'yarn' && scaling.originalMaxPositionEmbeddings !== undefined ? scaling.originalMaxPositionEmbeddings : model.maxContextLength;
  return Math.floor(base * scaling.factor);
}

/**
 * `--max-model-len` above what the model's config allows. Mirrors vllm/config/model.py
 * `_get_and_verify_max_len` ("User-specified max_model_len (N) is greater than the derived max_model_len";
 * only `VLLM_ALLOW_LONG_MAX_MODEL_LEN=1` overrides it, which the planner never sets).
 */
export function maxModelLenRefusal(config: ServingConfig): VllmRefusal | undefined {
  const derived = derivedMaxModelLen(config.model);
  if (config.maxModelLen <= derived) return undefined;
  const scaled = derived !== config.model.maxContextLength ? ` (max_position_embeddings ${config.model.maxContextLength} with ${config.model.ropeScaling?.type} RoPE scaling)` : '';
  return {
    check: 'max-model-len',
    reason: `max_model_len ${config.maxModelLen} exceeds the model's context of ${derived} tokens${scaled}; vLLM stops with "User-specified max_model_len (${config.maxModelLen}) is greater than the derived max_model_len"`,
    fix: `use --max-model-len ${derived} or less`,
    source: 'vllm/config/model.py _get_and_verify_max_len',
  };
}

/**
 * `--max-lora-rank` values vLLM's LoRA kernels are built for. Source: vllm/config/lora.py `LoRAConfig`
 * (`possible_max_ranks = (8, 16, 32, 64, 128, 256, 320, 512)` from v0.10; earlier releases stopped at 256).
 */
export const LORA_MAX_RANKS: readonly number[] = [8, 16, 32, 64, 128, 256, 320, 512];

/**
 * LoRA limits. Mirrors vllm/config/lora.py `LoRAConfig` validation: "max_lora_rank (R) must be one of
 * (...)", `max_loras` at least 1, and "max_cpu_loras (C) must be >= max_loras (L)".
 */
export function loraRefusals(config: ServingConfig): VllmRefusal[] {
  const lora = config.lora;
  if (!lora) return [];
  const source = 'vllm/config/lora.py LoRAConfig';
  const out: VllmRefusal[] = [];
  if (!LORA_MAX_RANKS.includes(lora.maxLoraRank)) {
    const next = LORA_MAX_RANKS.find((r) => r >= lora.maxLoraRank) ?? LORA_MAX_RANKS[LORA_MAX_RANKS.length - 1];
    out.push({ check: 'lora-rank', reason: `max_lora_rank ${lora.maxLoraRank} is not one vLLM supports ("max_lora_rank (${lora.maxLoraRank}) must be one of (${LORA_MAX_RANKS.join(', ')})")`, fix: `use --max-lora-rank ${next}`, source });
  }
  if (lora.maxLoras < 1) {
    out.push({ check: 'lora-count', reason: `max_loras ${lora.maxLoras} must be at least 1`, fix: 'use --max-loras 1 or more', source });
  }
  if (lora.maxCpuLoras !== undefined && lora.maxCpuLoras < lora.maxLoras) {
    out.push({ check: 'lora-cpu-count', reason: `max_cpu_loras ${lora.maxCpuLoras} is below max_loras ${lora.maxLoras} ("max_cpu_loras (${lora.maxCpuLoras}) must be >= max_loras (${lora.maxLoras})")`, fix: `use --max-cpu-loras ${lora.maxLoras} or more`, source });
  }
  return out;
}

/**
 * What a replica's placement must give vLLM: `tensor_parallel_size × pipeline_parallel_size` GPUs (its
 * world size); across nodes, every GPU of every node (vLLM's multi-node guide and LeaderWorkerSet example,
 * docs/deployment/frameworks/lws.md: TP = GPUs per node, PP = nodes, a Ray cluster over the group, which
 * vllm/config/parallel.py `ParallelConfig` requires once the world size exceeds one node's GPUs), EFA for
 * NCCL between nodes (our requirement: NCCL over plain TCP between nodes is too slow to serve), and no more
 * nodes than the target allows (SageMaker endpoints are single-node).
 */
export function placementRefusals(config: ServingConfig, placement: ReplicaPlacement): VllmRefusal[] {
  const worldSize = config.tensorParallelSize * config.pipelineParallelSize;
  const gpus = placement.gpusPerNode * placement.nodes;
  const source = 'vllm/config/parallel.py ParallelConfig (world size), docs/deployment/frameworks/lws.md';
  const out: VllmRefusal[] = [];
  if (worldSize > gpus) {
    out.push({ check: 'world-size', reason: `tensor-parallel-size ${config.tensorParallelSize} × pipeline-parallel-size ${config.pipelineParallelSize} needs ${worldSize} GPUs, but the replica has ${gpus}; vLLM waits for GPUs that never come`, fix: `use parallel sizes whose product is at most ${gpus}, or more nodes`, source });
  }
  if (placement.nodes > 1) {
    if (worldSize !== gpus) {
      out.push({ check: 'multi-node-world-size', reason: `a replica over ${placement.nodes} nodes must use all ${gpus} GPUs (tensor-parallel-size ${placement.gpusPerNode} per node × pipeline-parallel-size ${placement.nodes}); ${worldSize} were asked`, fix: `use --tensor-parallel-size ${placement.gpusPerNode} --pipeline-parallel-size ${placement.nodes}`, source });
    }
    if (!placement.efa) {
      out.push({ check: 'multi-node-efa', reason: `multi-node serving needs EFA between the nodes for NCCL, and this instance type has none`, fix: 'use an instance type with EFA (p4d, p5, p5e, g6e.*.48xlarge ...) or a single node', source });
    }
    if (placement.nodes > (placement.maxNodesPerReplica ?? 4)) {
      out.push({ check: 'multi-node-target', reason: `the target allows ${placement.maxNodesPerReplica ?? 4} node(s) per replica, not ${placement.nodes}`, fix: 'use a larger instance type, quantized weights or an EKS target', source });
    }
  }
  return out;
}

/** Every reason vLLM would refuse this configuration; empty when it starts. */
export function vllmRefusals(config: ServingConfig, placement?: ReplicaPlacement): VllmRefusal[] {
  const single = [attentionHeadsRefusal, kvHeadsRefusal, mlpShardRefusal, quantizedShardRefusal, pipelineLayersRefusal, maxModelLenRefusal]
    .map((check) => check(config))
    .filter((r): r is VllmRefusal => r !== undefined);
  return [...single, ...generationRefusals(config), ...loraRefusals(config), ...(placement ? placementRefusals(config, placement) : [])];
}

/** A refusal as one problem line: vLLM's reason, then what would work. */
export function refusalText(refusal: VllmRefusal): string {
  return `vLLM refuses it: ${refusal.reason}. Instead, ${refusal.fix}`;
}
