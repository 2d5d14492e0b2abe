/**
 * `planModelServer`: the plan of a classic model (ONNX, TorchScript, TensorFlow, Python) served by a model server
 * (Triton, TorchServe, TF Serving...) on Kubernetes GPU nodes. There is no memory model to solve as for LLMs: the
 * instance is the spec's or a small GPU default, one pod owns one node, and the traffic decides how requests are
 * batched. It satisfies {@link GpuCapacityPlan}, so the GPU cluster constructs size node pools from it unchanged.
 *
 * Models that need no GPU (tabular sklearn/XGBoost exported to ONNX, small TorchScript models) are planned on CPU
 * nodes: `runtime.accelerator: 'cpu'`, or a CPU `target.instanceType`, says so (see {@link modelServerProcessor}).
 * A CPU plan has `gpusPerPod: 0`; its pods request CPU and memory only and run on a NodePool without the GPU taint.
 */
import { getInstanceType } from '../catalogue';
import { InputValidationError, type InputProblem } from '../errors';
import { HOURS_PER_MONTH } from '../planner/candidates';
import type { DeploymentSpec, RuntimeEngine } from '../spec/types';
import type { GpuCapacityPlan } from './gpu-capacity-plan';

/**
 * A small current-generation GPU node: one NVIDIA L4 (24 GiB), 4 vCPUs, 16 GiB, 250 GB NVMe, $0.8048/h on demand in
 * us-east-1 (lib/catalogue/data/instance-types.json, read 2026-12-03). Classic vision, tabular and encoder models fit
 * it many times over; set `target.instanceType` for bigger ones.
 */
export const DEFAULT_MODEL_SERVER_INSTANCE_TYPE = 'g6.xlarge';

/**
 * A current-generation compute-optimised CPU node for models that need no GPU: 4 vCPUs (Sapphire Rapids, AMX),
 * 8 GiB, $0.1785/h on demand in us-east-1 (lib/catalogue/data/instance-types.json, read 2026-12-03). A tabular or
 * small ONNX model serves thousands of rows per second on it; set `target.instanceType` (m7i/c7i) for more memory.
 */
export const DEFAULT_CPU_MODEL_SERVER_INSTANCE_TYPE = 'c7i.xlarge';

/** What a model server runs its model on. */
export type ModelServerProcessor = 'gpu' | 'cpu';

/**
 * Whether a classic model is served on GPU or CPU nodes, from the spec: `runtime.accelerator` when set; otherwise a
 * `target.instanceType` without a GPU (catalogue) means CPU; otherwise GPU (the default the model servers had).
 * The task alone does not decide: a `tabular` model may be a GPU-hungry ensemble, and the default task of every
 * classic spec is `tabular`, so only the user's explicit choice moves a model off the GPU.
 */
export function modelServerProcessor(spec: Pick<DeploymentSpec, 'runtime' | 'target'>): ModelServerProcessor {
  if (spec.runtime.accelerator !== undefined) return spec.runtime.accelerator;
  const instanceType = spec.target.kind === 'eks' ? spec.target.instanceType : undefined;
  if (instanceType === undefined) return 'gpu';
  const instance = getInstanceType(instanceType, 'target.instanceType');
  return instance.acceleratorCount < 1 || instance.acceleratorId === null ? 'cpu' : 'gpu';
}

/**
 * Disk budget of a classic model when the spec says nothing about its size: ONNX/TorchScript models of this class are
 * megabytes to a few GiB. Sizes the model volume and node disks, not GPU memory.
 */
export const DEFAULT_CLASSIC_MODEL_GIB = 4;

/** Batching a model server applies to the traffic: Triton `dynamic_batching`, TorchServe `batch_size`/`max_batch_delay`. */
export interface ServerBatching {
  /** Largest batch one execution takes (Triton `max_batch_size`). */
  readonly maxBatchSize: number;
  /** Batch sizes the scheduler prefers to form (Triton `preferred_batch_size`), ascending. */
  readonly preferredBatchSizes: readonly number[];
  /** Longest a request waits for others to join its batch, µs (Triton `max_queue_delay_microseconds`). */
  readonly maxQueueDelayMicroseconds: number;
}

/** The plan of a classic model on a model server: capacity, pod resources, batching and cost. */
export interface ModelServerPlan extends GpuCapacityPlan {
  /** Tells this plan from the LLM planner's. */
  readonly kind: 'model-server';
  /** The serving runtime, e.g. `triton`. */
  readonly engine: RuntimeEngine;
  /** Accelerator id of the instance (catalogue), e.g. `l4`; `cpu` on a CPU plan. */
  readonly accelerator: string;
  /** GPU or CPU nodes. */
  readonly processor: ModelServerProcessor;
  /** `nvidia.com/gpu` per pod: every GPU of the node (one pod owns one node); 0 on a CPU plan (no GPU request). */
  readonly gpusPerPod: number;
  readonly cpuRequest: number;
  readonly memoryRequestGiB: number;
  readonly memoryLimitGiB: number;
  /** emptyDir the model repository is synced to, GiB. */
  readonly modelStorageGiB: number;
  /** Requests per second the plan was sized for (all replicas together). */
  readonly requestsPerSecond: number;
  /** p95 latency objective, ms, when the spec sets one. */
  readonly p95LatencyMs?: number;
  readonly batching: ServerBatching;
  readonly costPerHourUsd: number | null;
  /** `replicas × costPerHourUsd × 730 h`, or null when the catalogue has no price for the region. */
  readonly monthlyCostUsd: number | null;
}

/** Whether a plan is a classic model-server plan (and not the LLM planner's). */
export function isModelServerPlan(plan: object): plan is ModelServerPlan {
  return (plan as { kind?: unknown }).kind === 'model-server';
}

/** Queue delay when the spec sets no latency objective: 1 ms, a small share of any interactive budget. */
const DEFAULT_QUEUE_DELAY_US = 1000;
/** Share of the p95 objective a request may spend waiting for its batch to fill (ours; tune with perf_analyzer). */
const QUEUE_DELAY_SHARE_OF_P95 = 0.1;
/** Share of the p95 objective the whole batch may take to arrive: bounds max_batch_size. */
const BATCH_WINDOW_SHARE_OF_P95 = 0.5;
/** Bounds of the batch sizes we generate: GPU kernels gain little beyond 64 rows of a classic model. */
const MIN_MAX_BATCH_SIZE = 4;
const MAX_MAX_BATCH_SIZE = 64;

function nextPowerOfTwo(x: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, x)));
}

/**
 * Batching from the traffic and the latency objective. A request may wait 10 % of the p95 objective (1 ms without
 * one) for others; the batch that arrives in that wait at the per-replica rate is the first preferred size; the
 * batch that arrives in half the objective, as a power of two between 4 and 64, is `max_batch_size` (the size a
 * burst forms) and the second preferred size.
 */
export function serverBatching(requestsPerSecond: number, replicas: number, p95LatencyMs?: number): ServerBatching {
  const perReplica = requestsPerSecond / Math.max(1, replicas);
  const delayUs = p95LatencyMs === undefined
    ? DEFAULT_QUEUE_DELAY_US
    : Math.min(100_000, Math.max(100, Math.round(p95LatencyMs * 1000 * QUEUE_DELAY_SHARE_OF_P95)));
  const windowSeconds = p95LatencyMs === undefined ? 0.05 : (p95LatencyMs / 1000) * BATCH_WINDOW_SHARE_OF_P95;
  const maxBatchSize = Math.min(MAX_MAX_BATCH_SIZE, Math.max(MIN_MAX_BATCH_SIZE, nextPowerOfTwo(perReplica * windowSeconds)));
  const inDelay = Math.min(maxBatchSize, Math.max(2, nextPowerOfTwo(perReplica * (delayUs / 1e6))));
  const preferred = [...new Set([inDelay, maxBatchSize])].sort((a, b) => a - b);
  return { maxBatchSize, preferredBatchSizes: preferred, maxQueueDelayMicroseconds: delayUs };
}

/**
 * Plans a classic model on Kubernetes GPU nodes, or CPU nodes when {@link modelServerProcessor} says CPU.
 * @throws InputValidationError when the instance type is not in the catalogue or contradicts `runtime.accelerator`
 */
export function planModelServer(spec: DeploymentSpec): ModelServerPlan {
  const target = spec.target;
  const processor = modelServerProcessor(spec);
  const defaultType = processor === 'cpu' ? DEFAULT_CPU_MODEL_SERVER_INSTANCE_TYPE : DEFAULT_MODEL_SERVER_INSTANCE_TYPE;
  const instanceType = (target.kind === 'eks' ? target.instanceType : undefined) ?? defaultType;
  const instance = getInstanceType(instanceType, 'target.instanceType');
  const hasGpu = instance.acceleratorCount >= 1 && instance.acceleratorId !== null;
  const problems: InputProblem[] = [];
  if (hasGpu !== (processor === 'gpu')) {
    problems.push(processor === 'gpu'
      ? { field: 'target.instanceType', value: instanceType, message: 'has no GPU', fix: `use a GPU instance type such as ${DEFAULT_MODEL_SERVER_INSTANCE_TYPE}, or set runtime.accelerator: cpu` }
      : { field: 'target.instanceType', value: instanceType, message: "has a GPU, but runtime.accelerator is 'cpu'", fix: `use a CPU instance type such as ${DEFAULT_CPU_MODEL_SERVER_INSTANCE_TYPE} (m7i/c7i), or set runtime.accelerator: gpu` });
  }
  if (processor === 'cpu' && target.kind === 'eks') {
    // The managed node group constructs launch the NVIDIA AMI with the GPU taint; CPU pools are Karpenter/Auto Mode NodePools.
    if (target.capacity === 'managed-nodegroup') {
      problems.push({ field: 'target.capacity', value: target.capacity, message: 'CPU plans run on an untainted Karpenter or Auto Mode NodePool; managed node groups here are GPU node groups', fix: "use capacity 'karpenter' (default) or 'auto-mode'" });
    }
    if (target.gpuSharing === 'mig') {
      problems.push({ field: 'target.gpuSharing', value: target.gpuSharing, message: 'MIG slices GPUs; a CPU plan has none', fix: "remove target.gpuSharing, or set runtime.accelerator: gpu" });
    }
  }
  if (problems.length > 0) throw new InputValidationError('model server plan', problems);
  // One pod per node; the autoscaler adds replicas on queue depth, so the plan starts from the minimum.
  const replicas = Math.max(1, spec.scaling.minReplicas);
  const price = instance.onDemandPricePerHourUsd[spec.region] ?? null;
  // Half the host for the server on a GPU node (the kubelet, daemon sets and the page cache keep the rest), as for
  // LLM pods. A CPU node has no GPU driver stack or page-cached weights to leave room for: 75 % of its memory and
  // all but one vCPU (kubelet, aws-node, kube-proxy reservations) go to the server, which is CPU-bound.
  const memoryShare = hasGpu ? 0.5 : 0.75;
  const memoryRequestGiB = Math.max(hasGpu ? 4 : 2, Math.floor(instance.memoryGiB * memoryShare));
  const cpuRequest = hasGpu ? Math.max(1, Math.floor(instance.vcpus * 0.5)) : Math.max(1, instance.vcpus - 1);
  return {
    kind: 'model-server',
    engine: spec.runtime.engine,
    model: spec.model.id ?? spec.name,
    platform: 'ec2',
    region: spec.region,
    instanceType: instance.name,
    accelerator: instance.acceleratorId ?? 'cpu',
    processor,
    acceleratorCount: instance.acceleratorCount,
    gpusPerPod: hasGpu ? instance.acceleratorCount : 0,
    nodes: 1,
    replicas,
    weightsGiB: DEFAULT_CLASSIC_MODEL_GIB,
    cpuRequest,
    memoryRequestGiB,
    memoryLimitGiB: Math.max(memoryRequestGiB, Math.floor(instance.memoryGiB * 0.85)),
    modelStorageGiB: Math.ceil(DEFAULT_CLASSIC_MODEL_GIB * 1.1 + 10),
    requestsPerSecond: spec.traffic.requestsPerSecond,
    ...(spec.traffic.p95LatencyMs !== undefined && { p95LatencyMs: spec.traffic.p95LatencyMs }),
    batching: serverBatching(spec.traffic.requestsPerSecond, replicas, spec.traffic.p95LatencyMs),
    costPerHourUsd: price,
    monthlyCostUsd: price === null ? null : Math.round(price * replicas * HOURS_PER_MONTH),
  };
}
