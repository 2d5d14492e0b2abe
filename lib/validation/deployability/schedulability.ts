/**
 * Schedulability: at the autoscaler's maximum plus the rollout's surge, does every pod fit an instance of its
 * pool, and does the pool (Karpenter / Auto Mode NodePool GPU limit, or managed node group maximum) hold all the
 * nodes those pods need? Multi-node replicas (LeaderWorkerSet groups) must fit whole. A pod that cannot be placed
 * stays Pending: the second replica never serves, and a rollout that surges a pod never finishes.
 */
import { getInstanceType } from '../../catalogue';
import type { KubeObject } from '../../kubernetes/types';
import type { ValidationFinding } from '../types';
import type { DeploymentFacts, NodeGroupFact } from './facts';
import { cpuOf, gibOf, type PodShape, podShape, type Workload, workloadsOf } from './workloads';

const RULE = 'deployability/schedulability';
const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';
const NODEPOOL_LABEL = 'karpenter.sh/nodepool';

/**
 * What the kubelet leaves to pods, roughly: EKS AL2023 reserves ~0.1 vCPU and several hundred MiB plus an eviction
 * threshold (amazon-eks-ami kubelet config, read 2026-12-02). 90 % of memory is a conservative allocatable.
 */
const ALLOCATABLE_MEMORY_FRACTION = 0.9;
const RESERVED_CPU = 0.2;

interface Capacity {
  readonly resource: string;
  readonly instanceType: string;
  /** Most nodes the pool may run. */
  readonly maxNodes: number;
  readonly describe: string;
}

/**
 * Of the instance types a pool or pod allows (a plan's choice and its ranked fallbacks), the one with the least
 * memory, then vCPUs: a pod that fits it fits them all, and the GPU count per node is the same for all of them.
 */
function smallestOf(types: readonly string[] | undefined): string | undefined {
  const known = (types ?? []).map((t) => tryInstance(t)).filter((i) => i !== undefined);
  return known.sort((a, b) => a.memoryGiB - b.memoryGiB || a.vcpus - b.vcpus)[0]?.name;
}

function nodePoolCapacity(pool: Record<string, any>, instanceType: string | undefined): Capacity | undefined {
  const requirements = (pool.spec?.template?.spec?.requirements ?? []) as Array<{ key: string; operator: string; values?: string[] }>;
  const type = instanceType ?? smallestOf(requirements.find((r) => r.key === INSTANCE_TYPE_LABEL && r.operator === 'In')?.values);
  if (type === undefined) return undefined;
  const instance = tryInstance(type);
  if (!instance) return undefined;
  const limits = (pool.spec?.limits ?? {}) as Record<string, unknown>;
  const bounds: number[] = [];
  if (limits['nvidia.com/gpu'] !== undefined && instance.acceleratorCount > 0) bounds.push(Math.floor(Number(limits['nvidia.com/gpu']) / instance.acceleratorCount));
  if (limits.cpu !== undefined) bounds.push(Math.floor(cpuOf(limits.cpu) / instance.vcpus));
  if (limits.memory !== undefined) bounds.push(Math.floor(gibOf(limits.memory) / instance.memoryGiB));
  const gpuLimit = limits['nvidia.com/gpu'];
  return {
    resource: `NodePool/${pool.metadata.name}`,
    instanceType: type,
    maxNodes: bounds.length > 0 ? Math.min(...bounds) : Number.POSITIVE_INFINITY,
    describe: `NodePool '${pool.metadata.name}' (limits ${gpuLimit !== undefined ? `nvidia.com/gpu ${String(gpuLimit)}` : JSON.stringify(limits)})`,
  };
}

function nodeGroupCapacity(groups: readonly NodeGroupFact[], shape: PodShape): Capacity | undefined {
  const type = shape.nodeSelector[INSTANCE_TYPE_LABEL] ?? smallestOf(shape.affinityInstanceTypes);
  const matching = groups.filter((g) =>
    Object.entries(shape.nodeSelector).every(([k, v]) => (k === INSTANCE_TYPE_LABEL ? g.instanceTypes.includes(v) : g.labels[k] === v))
    && shape.affinityInstanceTypes.every((t) => g.instanceTypes.includes(t))
    && (type !== undefined || Object.keys(shape.nodeSelector).length > 0));
  if (matching.length === 0 || type === undefined) return undefined;
  return {
    resource: matching.map((g) => g.resource).join(', '),
    instanceType: type,
    maxNodes: matching.reduce((n, g) => n + g.maxSize, 0),
    describe: `managed node group ${matching.map((g) => `${g.resource} (maxSize ${g.maxSize})`).join(', ')}`,
  };
}

function tryInstance(name: string) {
  try {
    return getInstanceType(name);
  } catch {
    return undefined;
  }
}

/** Pods of this shape one node of the type holds (0: it fits none). */
function podsPerNode(shape: PodShape, instanceType: string): number {
  const instance = tryInstance(instanceType);
  if (!instance) return 1;
  const bounds = [
    shape.gpus > 0 ? Math.floor(instance.acceleratorCount / shape.gpus) : Number.POSITIVE_INFINITY,
    shape.cpu > 0 ? Math.floor((instance.vcpus - RESERVED_CPU) / shape.cpu) : Number.POSITIVE_INFINITY,
    shape.memoryGiB > 0 ? Math.floor((instance.memoryGiB * ALLOCATABLE_MEMORY_FRACTION) / shape.memoryGiB) : Number.POSITIVE_INFINITY,
  ];
  const n = Math.min(...bounds);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

function capacityFor(shape: PodShape, objects: readonly KubeObject[], groups: readonly NodeGroupFact[]): Capacity | undefined {
  const poolName = shape.nodeSelector[NODEPOOL_LABEL];
  if (poolName !== undefined) {
    const pool = (objects as ReadonlyArray<Record<string, any>>).find((o) => o.kind === 'NodePool' && o.metadata.name === poolName);
    return pool ? nodePoolCapacity(pool, shape.nodeSelector[INSTANCE_TYPE_LABEL]) : undefined;
  }
  return nodeGroupCapacity(groups, shape);
}

function checkWorkload(w: Workload, facts: DeploymentFacts): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  const report = (resource: string, message: string) => findings.push({ engine: facts.engine, resource, rule: RULE, severity: 'error', message });
  // The leader and worker templates of a group usually land in the same pool: count each pool's pods together.
  const byPool = new Map<string, { capacity: Capacity; nodes: number }>();
  const peak = w.maxReplicas + w.surgeReplicas;
  for (const template of w.templates) {
    const shape = podShape(template);
    const capacity = capacityFor(shape, facts.kubeObjects, facts.nodeGroups);
    if (!capacity) continue;
    const perNode = podsPerNode(shape, capacity.instanceType);
    if (perNode === 0) {
      report(w.id, `a pod requests ${shape.gpus} GPU(s), ${shape.cpu} vCPU and ${shape.memoryGiB.toFixed(1)} GiB, more than one ${capacity.instanceType} offers: it can never be scheduled. Fix: lower the requests or choose a larger instance type`);
      continue;
    }
    // Pods of this template at peak: one per replica for a leader template, size-1 for workers, all for a Deployment.
    const isWorker = w.kind === 'LeaderWorkerSet' && template === w.templates[1];
    const isLeader = w.kind === 'LeaderWorkerSet' && template === w.templates[0] && w.templates.length > 1;
    const podsPerReplica = isWorker ? w.podsPerReplica - 1 : isLeader ? 1 : w.podsPerReplica;
    const entry = byPool.get(capacity.resource) ?? { capacity, nodes: 0 };
    entry.nodes += Math.ceil((peak * podsPerReplica) / perNode);
    byPool.set(capacity.resource, entry);
  }
  for (const { capacity, nodes } of byPool.values()) {
    if (nodes > capacity.maxNodes) {
      report(w.id, `at maxReplicas ${w.maxReplicas} plus a rollout surge of ${w.surgeReplicas} (${w.podsPerReplica} pod(s) per replica) the pods need ${nodes} × ${capacity.instanceType}, but ${capacity.describe} allows ${capacity.maxNodes}: the last replica and every rollout at peak stay Pending. Fix: size the pool for (maxReplicas + surge) × nodes per replica`);
    }
  }
  return findings;
}

/** Schedulability findings of one engine's output (workloads, NodePools and node groups). */
export function checkSchedulability(facts: DeploymentFacts): ValidationFinding[] {
  return workloadsOf(facts.kubeObjects).flatMap((w) => checkWorkload(w, facts));
}
