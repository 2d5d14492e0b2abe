/**
 * Workloads as the scheduler sees them, read from plain Kubernetes objects: pods per replica, the most replicas
 * the autoscaler may ask for, the extra replicas a rollout adds, and what each pod requests. Shared by the checks.
 */
import { canarySurgeReplicas } from '../../kubernetes/rollout-capacity';
import type { KubeObject } from '../../kubernetes/types';

type Obj = Record<string, any>;

export interface PodShape {
  /** nvidia.com/gpu per pod. */
  readonly gpus: number;
  /** vCPUs per pod. */
  readonly cpu: number;
  /** GiB per pod. */
  readonly memoryGiB: number;
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Instance types a required node affinity allows (`node.kubernetes.io/instance-type In [...]`); empty when none. */
  readonly affinityInstanceTypes: readonly string[];
  readonly annotations: Readonly<Record<string, string>>;
}

export interface Workload {
  readonly id: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Pod templates (a LeaderWorkerSet has a leader and a worker template). */
  readonly templates: readonly Obj[];
  /** Pods of one replica (LeaderWorkerSet group size). */
  readonly podsPerReplica: number;
  /** Most replicas: the autoscaler's maximum, or `spec.replicas`. */
  readonly maxReplicas: number;
  /** Replicas a rolling update adds on top of the current ones. */
  readonly surgeReplicas: number;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'LeaderWorkerSet', 'StatefulSet', 'Rollout', 'RayService']);

/** Kubernetes quantities: `2`, `500m` (CPU); `16Gi`, `512Mi`, `1G` (memory, returned in GiB). */
export function cpuOf(q: unknown): number {
  if (q === undefined) return 0;
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) / 1000 : Number(s);
}
export function gibOf(q: unknown): number {
  if (q === undefined) return 0;
  const m = /^([\d.]+)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(String(q));
  if (!m) return 0;
  const scale: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return (Number(m[1]) * (m[2] ? scale[m[2]]! : 1)) / 2 ** 30;
}

/** `maxSurge` as replicas: an integer, or a percentage of the replicas rounded up (the Deployment controller's rule). */
function surgeOf(value: unknown, replicas: number, fallback: number): number {
  if (value === undefined) return fallback;
  const s = String(value);
  return s.endsWith('%') ? Math.ceil((Number(s.slice(0, -1)) / 100) * replicas) : Number(s);
}

/**
 * Extra pods an Argo Rollouts Rollout runs at worst, read from its own strategy: a canary's steps, router and
 * dynamicStableScale (rollout-capacity.ts follows the controller's arithmetic); blue-green runs a full preview set.
 */
function rolloutSurgeOf(strategy: Obj, maxReplicas: number): number {
  if (strategy.blueGreen) return maxReplicas;
  const canary = strategy.canary ?? {};
  const weights = ((canary.steps ?? []) as Obj[]).filter((s) => typeof s.setWeight === 'number').map((s) => s.setWeight as number).filter((w) => w < 100);
  return canarySurgeReplicas({
    weights,
    trafficRouted: canary.trafficRouting !== undefined,
    dynamicStableScale: canary.dynamicStableScale === true,
    // Argo Rollouts defaults a canary's maxSurge to 25 % (docs/features/canary, v1.9.0).
    maxSurgeReplicas: surgeOf(canary.maxSurge, maxReplicas, Math.ceil(0.25 * maxReplicas)),
  }, maxReplicas);
}

function autoscalerMax(objects: readonly KubeObject[], kind: string, namespace: string, name: string): number | undefined {
  for (const o of objects as readonly Obj[]) {
    const ns = o.metadata?.namespace ?? 'default';
    if (ns !== namespace) continue;
    if (o.kind === 'ScaledObject' && o.spec?.scaleTargetRef?.name === name && (o.spec.scaleTargetRef.kind ?? 'Deployment') === kind) return o.spec.maxReplicaCount ?? 100;
    if (o.kind === 'HorizontalPodAutoscaler' && o.spec?.scaleTargetRef?.name === name && o.spec.scaleTargetRef.kind === kind) return o.spec.maxReplicas;
  }
  return undefined;
}

export function workloadsOf(objects: readonly KubeObject[]): Workload[] {
  const out: Workload[] = [];
  for (const o of objects as readonly Obj[]) {
    if (!WORKLOAD_KINDS.has(o.kind)) continue;
    const namespace = o.metadata.namespace ?? 'default';
    const spec = o.spec ?? {};
    const maxReplicas = autoscalerMax(objects, o.kind, namespace, o.metadata.name) ?? spec.replicas ?? 1;
    let templates: Obj[];
    let podsPerReplica = 1;
    let surgeReplicas: number;
    if (o.kind === 'RayService') {
      out.push(...rayServiceWorkloads(o, namespace));
      continue;
    }
    if (o.kind === 'LeaderWorkerSet') {
      const lwt = spec.leaderWorkerTemplate ?? {};
      templates = [lwt.leaderTemplate, lwt.workerTemplate].filter(Boolean);
      podsPerReplica = lwt.size ?? 1;
      // LWS rolls groups with maxSurge 0 unless told otherwise (leaderworkerset_types.go RollingUpdateConfiguration).
      surgeReplicas = surgeOf(spec.rolloutStrategy?.rollingUpdateConfiguration?.maxSurge, maxReplicas, 0);
    } else if (o.kind === 'Deployment') {
      templates = [spec.template];
      const strategy = spec.strategy ?? {};
      // Kubernetes defaults a Deployment to RollingUpdate with maxSurge 25 %.
      surgeReplicas = strategy.type === 'Recreate' ? 0 : surgeOf(strategy.rollingUpdate?.maxSurge, maxReplicas, Math.ceil(0.25 * maxReplicas));
    } else if (o.kind === 'Rollout') {
      templates = [spec.template];
      surgeReplicas = rolloutSurgeOf(spec.strategy ?? {}, maxReplicas);
    } else {
      templates = [spec.template];
      surgeReplicas = 0;
    }
    out.push({ id: `${o.kind}/${namespace}/${o.metadata.name}`, kind: o.kind, namespace, name: o.metadata.name, templates, podsPerReplica, maxReplicas, surgeReplicas });
  }
  return out;
}

/**
 * A RayService as one workload per worker group (the head is a single CPU pod): at most the group's `maxReplicas`
 * pods, which the Ray autoscaler may ask for. A `NewCluster` upgrade (KubeRay's default for RayService) starts a whole
 * second RayCluster beside the running one, whose groups begin at their `replicas`: that is the surge.
 */
function rayServiceWorkloads(o: Obj, namespace: string): Workload[] {
  const cluster = o.spec?.rayClusterConfig ?? {};
  const upgrade = o.spec?.upgradeStrategy?.type ?? 'NewCluster';
  const groups = (cluster.workerGroupSpecs ?? []) as Obj[];
  return groups.map((group) => {
    const hosts = group.numOfHosts ?? 1;
    const maxReplicas = (group.maxReplicas ?? group.replicas ?? 0) * hosts;
    const initial = (group.replicas ?? group.minReplicas ?? 0) * hosts;
    return {
      id: `RayService/${namespace}/${o.metadata.name}/${String(group.groupName)}`,
      kind: 'RayService',
      namespace,
      name: o.metadata.name,
      templates: [group.template],
      podsPerReplica: 1,
      maxReplicas,
      surgeReplicas: upgrade === 'None' ? 0 : initial,
    };
  });
}

/** What one pod of a template requests (requests, or limits where a request is missing). */
export function podShape(template: Obj): PodShape {
  const spec = template?.spec ?? {};
  const sum = (containers: Obj[] | undefined, pick: (r: Obj) => number) => (containers ?? []).reduce((n, c) => n + pick(c.resources ?? {}), 0);
  const max = (containers: Obj[] | undefined, pick: (r: Obj) => number) => Math.max(0, ...(containers ?? []).map((c) => pick(c.resources ?? {})));
  const gpu = (r: Obj) => Number(r.requests?.['nvidia.com/gpu'] ?? r.limits?.['nvidia.com/gpu'] ?? 0);
  const cpu = (r: Obj) => cpuOf(r.requests?.cpu ?? r.limits?.cpu);
  const mem = (r: Obj) => gibOf(r.requests?.memory ?? r.limits?.memory);
  // Init containers run before the others: the pod needs the larger of the two.
  return {
    gpus: Math.max(sum(spec.containers, gpu), max(spec.initContainers, gpu)),
    cpu: Math.max(sum(spec.containers, cpu), max(spec.initContainers, cpu)),
    memoryGiB: Math.max(sum(spec.containers, mem), max(spec.initContainers, mem)),
    nodeSelector: spec.nodeSelector ?? {},
    affinityInstanceTypes: ((spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) as Obj[])
      .flatMap((term) => (term.matchExpressions ?? []) as Obj[])
      .filter((e) => e.key === 'node.kubernetes.io/instance-type' && e.operator === 'In')
      .flatMap((e) => e.values as string[]),
    annotations: template?.metadata?.annotations ?? {},
  };
}
