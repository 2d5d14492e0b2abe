/**
 * The planner's objective beyond price: operational complexity, and the alternatives a user weighs.
 *
 * A replica that spans nodes, or chains GPUs by pipeline parallelism, pays in latency (a network hop or a
 * pipeline bubble per token), in failure domains (one lost node stops the whole replica) and in operations
 * (a LeaderWorkerSet and a Ray cluster per replica instead of one pod). Such a plan wins only when no
 * single-node, pipeline-free plan serves the request, or when it is cheaper by more than a margin.
 *
 * Pure functions; no engine imports.
 */
import { HOURS_PER_MONTH, compareCandidates, type EvaluatedCandidate } from './candidates';
import type { PlanAlternative, ServingPlatform } from './types';

/**
 * How much cheaper (as a fraction of the simple plan's cost) a multi-node or pipeline-parallel plan must
 * be to be chosen over the best single-node, pipeline-free one. 15 %: roughly what a second failure domain
 * and a LeaderWorkerSet are worth in on-call time for a small team; an assumption, configurable per request.
 */
export const DEFAULT_COMPLEXITY_MARGIN = 0.15;

/** Whether a candidate spans nodes or uses pipeline parallelism. */
export function isComplex(c: Pick<EvaluatedCandidate, 'nodes' | 'pipelineParallelSize'>): boolean {
  return c.nodes > 1 || c.pipelineParallelSize > 1;
}

/** Why the chosen candidate won. */
export interface Choice {
  readonly chosen: EvaluatedCandidate;
  /** One or two sentences naming the rule that decided. */
  readonly reason: string;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (x: number) => `${Math.round(x * 100)} %`;

export function describeLayout(c: EvaluatedCandidate): string {
  return `${c.instance.name}${c.nodes > 1 ? ` × ${c.nodes} nodes` : ''} (TP=${c.tensorParallelSize}, PP=${c.pipelineParallelSize}) × ${c.replicas} replica(s)`;
}

/**
 * The objective: the cheapest simple plan, unless there is none or a complex one is cheaper by more than
 * `margin`. `cheapest` and `cheapestSimple` are the optima of {@link compareCandidates} over all feasible
 * candidates and over the simple ones.
 */
export function choose(cheapest: EvaluatedCandidate | undefined, cheapestSimple: EvaluatedCandidate | undefined, margin = DEFAULT_COMPLEXITY_MARGIN): Choice | undefined {
  if (cheapest === undefined) return undefined;
  if (!isComplex(cheapest)) return { chosen: cheapest, reason: `It is the cheapest plan that serves the request, on a single node without pipeline parallelism.` };
  const kind = cheapest.nodes > 1 ? `${cheapest.nodes}-node` : 'pipeline-parallel';
  if (cheapestSimple === undefined) {
    return { chosen: cheapest, reason: `It is ${kind} because no single-node plan without pipeline parallelism serves the request (the weights and KV cache do not fit, or a latency objective fails).` };
  }
  const saving = 1 - cheapest.totalCostPerHourUsd / cheapestSimple.totalCostPerHourUsd;
  if (saving > margin) {
    return { chosen: cheapest, reason: `The ${kind} plan ${describeLayout(cheapest)} is ${pct(saving)} cheaper than the best single-node plan, ${describeLayout(cheapestSimple)} at $${round(cheapestSimple.totalCostPerHourUsd)}/h: more than the ${pct(margin)} margin that multi-node or pipeline-parallel serving must save to pay for its extra latency, failure domains and operations.` };
  }
  return { chosen: cheapestSimple, reason: `A ${kind} plan, ${describeLayout(cheapest)} at $${round(cheapest.totalCostPerHourUsd)}/h, is only ${pct(Math.max(0, saving))} cheaper: less than the ${pct(margin)} margin that pays for a network hop or pipeline bubble per token, ${cheapest.nodes > 1 ? `${cheapest.nodes} failure domains per replica and a LeaderWorkerSet with Ray` : 'pipeline bubbles'}, so the single-node plan wins.` };
}

/**
 * The chosen plan and the best plan by each other objective, from every feasible candidate: cheapest
 * (price alone), fewest nodes in all, lowest latency of one request (TTFT + output tokens × inter-token
 * latency); ties go to the cheaper plan.
 */
export function alternativesOf(feasible: readonly EvaluatedCandidate[], chosen: EvaluatedCandidate, platform: ServingPlatform, outputTokens = 256): PlanAlternative[] {
  if (feasible.length === 0) return [];
  const totalNodes = (c: EvaluatedCandidate) => c.nodes * c.replicas;
  // Latency of one whole request (first token, then every other one), rounded to the millisecond so that
  // a sub-millisecond difference does not buy a far more expensive plan.
  const requestMs = (c: EvaluatedCandidate) => Math.round(c.throughput.timeToFirstTokenMs + outputTokens * c.throughput.interTokenLatencyMs);
  const pick = (order: (a: EvaluatedCandidate, b: EvaluatedCandidate) => number) => [...feasible].sort((a, b) => order(a, b) || compareCandidates(a, b))[0]!;
  const picks: Array<[PlanAlternative['objective'], EvaluatedCandidate]> = [
    ['chosen', chosen],
    ['cheapest', pick(() => 0)],
    ['fewest-nodes', pick((a, b) => totalNodes(a) - totalNodes(b))],
    ['lowest-latency', pick((a, b) => requestMs(a) - requestMs(b))],
  ];
  const same = (a: EvaluatedCandidate, b: EvaluatedCandidate) =>
    a.instance.name === b.instance.name && a.nodes === b.nodes && a.tensorParallelSize === b.tensorParallelSize && a.pipelineParallelSize === b.pipelineParallelSize;
  return picks.map(([objective, c]) => ({
    objective,
    chosen: same(c, chosen),
    instanceType: platform === 'sagemaker' ? (c.instance.sagemaker?.name ?? `ml.${c.instance.name}`) : c.instance.name,
    accelerator: c.accelerator.id,
    nodes: c.nodes,
    tensorParallelSize: c.tensorParallelSize,
    pipelineParallelSize: c.pipelineParallelSize,
    replicas: c.replicas,
    costPerHourUsd: round(c.totalCostPerHourUsd, 3),
    monthlyCostUsd: round(c.totalCostPerHourUsd * HOURS_PER_MONTH, 0),
    estimatedTimeToFirstTokenMs: round(c.throughput.timeToFirstTokenMs, 1),
    estimatedInterTokenLatencyMs: round(c.throughput.interTokenLatencyMs, 2),
  }));
}
