/**
 * `aimd plan --cloud any`: the same request planned on every cloud, compared side by side. The cheapest
 * cloud's plan is the answer; the others are rows of the comparison. Pure; no engine imports.
 */
import { instanceTypesFor } from '../catalogue';
import { CLOUDS, type CloudId } from '../catalogue/types';
import { InfeasiblePlanError } from '../errors';
import { requestRegion } from './cloud';
import { planLlmServing } from './plan';
import type { LlmPlanRequest, LlmServingPlan } from './types';

/** One cloud's answer to the request: its best plan in brief, or why it has none. */
export interface CloudPlanComparison {
  readonly cloud: CloudId;
  readonly region: string;
  /** Whether this cloud's plan is the one returned (the cheapest). */
  readonly chosen: boolean;
  /** Absent when the cloud cannot serve the request (`error` says why). */
  readonly instanceType?: string;
  readonly accelerator?: string;
  readonly acceleratorCount?: number;
  readonly nodes?: number;
  readonly tensorParallelSize?: number;
  readonly pipelineParallelSize?: number;
  readonly replicas?: number;
  /** All replicas, USD per hour. */
  readonly costPerHourUsd?: number;
  readonly monthlyCostUsd?: number;
  readonly error?: string;
}

/** The cheapest cloud's plan (its explanation ends with the comparison) and every cloud's row. */
export interface PlanAcrossClouds {
  readonly plan: LlmServingPlan;
  readonly clouds: readonly CloudPlanComparison[];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Plans `request` on each cloud (its own default region; a fixed `region` or `instanceType` belongs to one
 * cloud, so they are not combined with this) and returns the cheapest plan by monthly cost, its explanation
 * extended with the other clouds' best plans.
 * @throws InfeasiblePlanError when no cloud can serve the request (the message has every cloud's reason)
 */
export function planAcrossClouds(request: Omit<LlmPlanRequest, 'cloud' | 'region' | 'instanceType'>, clouds: readonly CloudId[] = CLOUDS): PlanAcrossClouds {
  const results = clouds.map((cloud) => {
    const cloudRequest: LlmPlanRequest = { ...request, cloud };
    // A fixed GPU the cloud does not sell would be evaluated on an unpriced server (cost 0): not a rival.
    if (request.acceleratorId !== undefined && instanceTypesFor(request.acceleratorId, cloud).length === 0) {
      return { cloud, region: requestRegion(cloudRequest), error: `no ${cloud} machine type in the catalogue carries ${request.acceleratorId}` };
    }
    try {
      return { cloud, region: requestRegion(cloudRequest), plan: planLlmServing(cloudRequest) };
    } catch (error) {
      if (!(error instanceof InfeasiblePlanError)) throw error;
      return { cloud, region: requestRegion(cloudRequest), error: error.message };
    }
  });
  const planned = results.filter((r): r is typeof r & { plan: LlmServingPlan } => r.plan !== undefined);
  const best = [...planned].sort((a, b) => a.plan.monthlyCostUsd - b.plan.monthlyCostUsd || clouds.indexOf(a.cloud) - clouds.indexOf(b.cloud))[0];
  if (best === undefined) {
    throw new InfeasiblePlanError(`No cloud can serve ${request.model.id}: ${results.map((r) => `${r.cloud}: ${r.error}`).join(' ')}`, []);
  }
  const rows: CloudPlanComparison[] = results.map((r) => (r.plan === undefined
    ? { cloud: r.cloud, region: r.region, chosen: false, error: r.error }
    : {
      cloud: r.cloud,
      region: r.region,
      chosen: r.cloud === best.cloud,
      instanceType: r.plan.instanceType,
      accelerator: r.plan.accelerator,
      acceleratorCount: r.plan.acceleratorCount,
      nodes: r.plan.nodes,
      tensorParallelSize: r.plan.tensorParallelSize,
      pipelineParallelSize: r.plan.pipelineParallelSize,
      replicas: r.plan.replicas,
      costPerHourUsd: round(r.plan.costPerHourUsd * r.plan.replicas, 3),
      monthlyCostUsd: r.plan.monthlyCostUsd,
    }));
  const sideBySide = rows.map((r) => (r.error !== undefined
    ? `${r.cloud} (${r.region}): none (${firstSentence(r.error)})`
    : `${r.cloud} (${r.region}): ${r.instanceType}${(r.nodes ?? 1) > 1 ? ` × ${r.nodes} nodes` : ''} × ${r.replicas} at $${round(r.costPerHourUsd ?? 0)}/h ($${(r.monthlyCostUsd ?? 0).toLocaleString('en-US')}/month)`));
  const comparison = `Across clouds: ${sideBySide.join('; ')}; ${best.cloud} is the cheapest.`;
  return { plan: { ...best.plan, explanation: `${best.plan.explanation} ${comparison}` }, clouds: rows };
}

function firstSentence(text: string): string {
  const end = text.indexOf(': ');
  return end > 0 && end < 160 ? text.slice(0, end) : text.slice(0, 160);
}
