/**
 * What one serving pod needs, derived once from the plan and the instance type: GPUs, EFA devices, local
 * storage for the checkpoint, `/dev/shm`, CPU and memory. Every builder reads these numbers from here.
 */
import { getInstanceType } from '../catalogue';
import type { InstanceTypeSpec, ModelArchitecture } from '../catalogue/types';
import type { LlmServingPlan } from '../planner/types';
import { plannedInstanceTypes } from '../plan/gpu-capacity-plan';
import { efaDevicesFor } from './efa';

const GIB = 2 ** 30;

export interface ServingLayout {
  readonly instance: InstanceTypeSpec;
  /** More than one node per replica: a LeaderWorkerSet with one pipeline stage per pod. */
  readonly multiNode: boolean;
  /** Pods per replica (= nodes = pipeline-parallel degree when multi-node). */
  readonly podsPerReplica: number;
  /** `nvidia.com/gpu` per pod: TP (× PP on a single node). */
  readonly gpusPerPod: number;
  /** `vpc.amazonaws.com/efa` per pod; 0 on a single node. */
  readonly efaPerPod: number;
  /** Size of the checkpoint as stored (what the init container downloads), GiB. */
  readonly checkpointGiB: number;
  /** Size of the model emptyDir: checkpoint, adapters and headroom, GiB. */
  readonly modelStorageGiB: number;
  /** Memory-backed `/dev/shm`, GiB. */
  readonly shmGiB: number;
  readonly cpuRequest: number;
  readonly memoryRequestGiB: number;
  readonly memoryLimitGiB: number;
}

/** Bytes per parameter of a checkpoint format that is stored unquantized. */
const BYTES_PER_PARAMETER: Readonly<Record<string, number>> = { bfloat16: 2, float16: 2, float32: 4 };

/**
 * The checkpoint's size on disk: exact for models read from the Hub; otherwise fp8/int8 from a 16-bit
 * checkpoint is converted while loading, so the download is the 16-bit checkpoint; pre-quantized checkpoints (AWQ, GPTQ, native fp8/mxfp4) are about the loaded weights.
 */
export function checkpointGiB(plan: LlmServingPlan, model: ModelArchitecture): number {
  // Models read from the Hugging Face Hub know their download size exactly (safetensors metadata).
  if (model.checkpoint) return Math.max(plan.weightsGiB, model.checkpoint.bytes / GIB);
  const preQuantized = plan.quantization === 'awq' || plan.quantization === 'gptq';
  const bytes = BYTES_PER_PARAMETER[model.nativeWeightFormat];
  if (preQuantized || bytes === undefined) return plan.weightsGiB;
  return Math.max(plan.weightsGiB, (model.parameters * bytes) / GIB);
}

/**
 * `/dev/shm` for NCCL and Ray: 2 GiB per GPU, at least 2 GiB. vLLM's Docker guide asks for `--ipc=host` or a
 * large `--shm-size`; its LWS example gives an 8-GPU pod 15 GiB (docs/deployment/frameworks/lws.md, read 2026-11-24).
 */
export function shmGiBFor(gpusPerPod: number): number {
  return Math.max(2, 2 * gpusPerPod);
}

/** Room per LoRA adapter in the model volume (rank-16 adapters of 70B models are ~0.5 GiB). */
const LORA_ADAPTER_GIB = 2;

export function servingLayout(plan: LlmServingPlan, model: ModelArchitecture, loraAdapterCount = 0): ServingLayout {
  const instance = getInstanceType(plan.instanceType);
  const multiNode = plan.nodes > 1;
  const gpusPerPod = multiNode ? plan.tensorParallelSize : plan.tensorParallelSize * plan.pipelineParallelSize;
  const checkpoint = checkpointGiB(plan, model);
  const shmGiB = shmGiBFor(gpusPerPod);
  // One serving pod owns its node: ask for half the host and allow up to 85 %, leaving room for the kubelet,
  // daemon sets and the page cache that speeds up loading weights. No CPU limit: throttling the scheduler
  // thread stalls every GPU. The host is the smallest the node pool may launch (the choice or a fallback), so the
  // pod fits whichever type EC2 had capacity for.
  const hosts = plannedInstanceTypes(plan).map((t) => getInstanceType(t));
  const hostMemoryGiB = Math.min(...hosts.map((h) => h.memoryGiB));
  const hostVcpus = Math.min(...hosts.map((h) => h.vcpus));
  // On MIG, the node is shared by one pod per slice: each takes its share of the host.
  const podsPerHost = plan.mig?.slicesPerNode ?? 1;
  const memoryRequestGiB = Math.max(4, Math.floor((hostMemoryGiB * 0.5) / podsPerHost));
  return {
    instance,
    multiNode,
    podsPerReplica: multiNode ? plan.nodes : 1,
    gpusPerPod,
    efaPerPod: multiNode ? efaDevicesFor(instance) : 0,
    checkpointGiB: round1(checkpoint),
    modelStorageGiB: Math.ceil(checkpoint * 1.1 + 10 + loraAdapterCount * LORA_ADAPTER_GIB),
    shmGiB,
    cpuRequest: Math.max(1, Math.floor((hostVcpus * 0.5) / podsPerHost)),
    memoryRequestGiB,
    memoryLimitGiB: Math.max(memoryRequestGiB + shmGiB, Math.floor((hostMemoryGiB * 0.85) / podsPerHost)),
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
